/* table.h: the table model every output format reads (reports/report.h gathers tables, charts and
 * text into a report).
 *
 * A RheaTable is a title, a caption, named columns and rows of typed cells. The model is
 * format-neutral: it holds values, never markup, and each writer (reports/format_*.c) escapes them
 * for its own format.
 *
 * Invariants:
 * - Every string in the model is valid UTF-8: setters replace invalid bytes with U+FFFD, so the
 *   writers never see broken text (JSON and HTML would otherwise be malformed).
 * - Every row has exactly as many cells as the table has columns; a cell never set is null.
 *   Columns are added before the first row.
 * - A null cell means "undefined" (not zero): text, Markdown and HTML show "–", CSV leaves the
 * field empty, LaTeX shows "--", JSON writes null. A double that is NaN or infinite is stored as
 * null.
 * - A double carries a display precision (digits after the point). Human formats (text, md, tex,
 *   html) round to it; machine formats (csv, json) write the shortest text that reads back as the
 *   same double, so nothing is lost for pandas or R.
 *
 * Building a table:
 *     RheaTable *t = rhea_table_new("rq1", "RQ1: contributors and coupling");
 *     rhea_table_add_column(t, "product", "Product", RHEA_ALIGN_LEFT);
 *     rhea_table_add_column(t, "rci", "RCI", RHEA_ALIGN_RIGHT);
 *     rhea_table_add_row(t);
 *     rhea_table_push_string(t, "P17");
 *     rhea_table_push_double(t, 1.234, 2);   // or rhea_table_set_double(t, row, col, ...)
 */
#pragma once
#include <glib.h>

typedef enum {
    RHEA_ALIGN_LEFT,
    RHEA_ALIGN_RIGHT,
    RHEA_ALIGN_CENTER,
} RheaAlign;

typedef enum {
    RHEA_CELL_NULL,
    RHEA_CELL_STRING,
    RHEA_CELL_INT,
    RHEA_CELL_DOUBLE,
} RheaCellKind;

typedef struct {
    RheaCellKind kind;
    int precision; /* RHEA_CELL_DOUBLE: digits after the point when shown to people */
    union {
        char *s; /* RHEA_CELL_STRING, valid UTF-8, never NULL */
        gint64 i;
        double d; /* finite */
    } v;
} RheaCell;

typedef struct {
    char *key;   /* JSON member name; also the CSV header */
    char *label; /* header shown to people (text, md, tex, html) */
    RheaAlign align;
} RheaColumn;

typedef struct RheaTable RheaTable;

/* key names the table in JSON and in HTML anchors; title is shown above it (may be NULL). */
RheaTable *rhea_table_new(const char *key, const char *title);
void rhea_table_free(RheaTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaTable, rhea_table_free)

/* The caption is a note shown under the table (sources, thresholds, dates); NULL for none. */
void rhea_table_set_caption(RheaTable *t, const char *caption);
/* Returns the new column's index. Only before the first row. */
guint rhea_table_add_column(RheaTable *t, const char *key, const char *label, RheaAlign align);
/* Appends a row of null cells and returns its index; the push functions fill it from the left. */
guint rhea_table_add_row(RheaTable *t);

/* Set one cell of an existing row. A NULL string is a null cell. */
void rhea_table_set_string(RheaTable *t, guint row, guint col, const char *s);
void rhea_table_set_int(RheaTable *t, guint row, guint col, gint64 v);
void rhea_table_set_double(RheaTable *t, guint row, guint col, double v, int precision);
void rhea_table_set_null(RheaTable *t, guint row, guint col);

/* Fill the last row's next cell (the first push after add_row fills column 0). */
void rhea_table_push_string(RheaTable *t, const char *s);
void rhea_table_push_int(RheaTable *t, gint64 v);
void rhea_table_push_double(RheaTable *t, double v, int precision);
void rhea_table_push_null(RheaTable *t);

const char *rhea_table_key(const RheaTable *t);
const char *rhea_table_title(const RheaTable *t);   /* may be NULL */
const char *rhea_table_caption(const RheaTable *t); /* may be NULL */
guint rhea_table_n_columns(const RheaTable *t);
guint rhea_table_n_rows(const RheaTable *t);
const RheaColumn *rhea_table_column(const RheaTable *t, guint col);
const RheaCell *rhea_table_cell(const RheaTable *t, guint row, guint col);

/* A cell as people read it (double rounded to its precision, locale-independent '.'), newly
 * allocated; NULL for a null cell. */
char *rhea_cell_display(const RheaCell *c);
/* A cell for machines: ints in full, doubles as the shortest text that reads back exactly; NULL
 * for a null cell. */
char *rhea_cell_exact(const RheaCell *c);
