/* classify_report.h: `rhea classify` as tables and documents: every path with its label and the
 * rule that decided it, and `--explain PATH`'s matching rules. Text, Markdown, CSV, LaTeX and
 * HTML go through the report writers (reports/format.h), so escaping lives in one place; JSON is
 * a document of its own ({"product", "totals", "files"}; docs/rules.md). */
#pragma once
#include <glib.h>
#include <json-glib/json-glib.h>

#include "classifiers/rules.h"
#include "reports/report.h"

typedef struct {
    const char *path, *label, *rule;
} RheaClassifyRow;

/* One row per path (rows: RheaClassifyRow), its caption the totals per label. */
RheaReport *rhea_classify_report(const char *product, GArray *rows,
                                 const guint totals[RHEA_LABEL_COUNT]);
JsonNode *rhea_classify_json(const char *product, GArray *rows,
                             const guint totals[RHEA_LABEL_COUNT]);

/* --explain: the label of path, the rule that decided it, and every matching rule in order
 * (matches: const RheaRuleMatch *; content_library: the import that decided it, or NULL).
 * in_history: whether a commit of the product touches path. */
typedef struct {
    const char *product, *path, *label, *why;
    GPtrArray *matches;
    gboolean in_history;
} RheaClassifyExplain;

RheaReport *rhea_classify_explain_report(const RheaClassifyExplain *e);
JsonNode *rhea_classify_explain_json(const RheaClassifyExplain *e);

/* A JSON document as json-glib pretty-prints it (two-space indent, "key" : value), with a final
 * newline, to path (NULL or "-": stdout). */
int rhea_classify_write_json(JsonNode *node, const char *path, GError **error);
