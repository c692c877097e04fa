/* report.h: the report model every output format reads: an ordered list of sections; a section
 * is a heading followed by blocks (paragraphs, tables, charts) in the order they were added, which
 * is how RQ1..RQ6 are laid out. Writing it in a format is reports/format.h.
 *
 * Like tables (table.h), the model holds values, never markup, and every string in it is valid
 * UTF-8 (setters replace invalid bytes with U+FFFD). A section takes ownership of the tables and
 * charts added to it; the report owns its sections. */
#pragma once
#include <glib.h>

#include "reports/table.h"

typedef struct RheaChart RheaChart; /* reports/chart.h */

typedef enum {
    RHEA_BLOCK_TEXT,
    RHEA_BLOCK_TABLE,
    RHEA_BLOCK_CHART,
} RheaBlockKind;

typedef struct {
    RheaBlockKind kind;
    char *text; /* RHEA_BLOCK_TEXT: one paragraph, plain text */
    RheaTable *table;
    RheaChart *chart;
} RheaBlock;

typedef struct {
    char *heading;
    GPtrArray *blocks; /* of RheaBlock* */
} RheaSection;

typedef struct RheaReport RheaReport;

RheaReport *rhea_report_new(const char *title);
void rhea_report_free(RheaReport *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaReport, rhea_report_free)

const char *rhea_report_title(const RheaReport *r);
/* The returned section belongs to the report. heading may be NULL (blocks with no heading). */
RheaSection *rhea_report_add_section(RheaReport *r, const char *heading);
void rhea_section_add_text(RheaSection *s, const char *paragraph);
void rhea_section_add_table(RheaSection *s, RheaTable *t); /* takes ownership */
void rhea_section_add_chart(RheaSection *s, RheaChart *c); /* takes ownership */
guint rhea_report_n_sections(const RheaReport *r);
const RheaSection *rhea_report_section(const RheaReport *r, guint i);
