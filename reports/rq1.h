/* rq1.h: RQ1 figures (contributors, coupling) as report tables and as the JSON documents of
 * `rhea contributors` and `rhea coupling` (keys listed in docs/metrics.md and the issue). */
#pragma once
#include <glib.h>
#include <json-glib/json-glib.h>

#include "metrics/contributors.h"
#include "metrics/coupling.h"
#include "reports/table.h"

/* Every contributor (or only the core), one row each. */
RheaTable *rhea_rq1_contributors_table(const char *product, const RheaContributors *c,
                                       gboolean core_only);
/* Core contributors per background (SE, ML, other, unsure, unknown). */
RheaTable *rhea_rq1_backgrounds_table(const char *product, const RheaContributors *c);
JsonNode *rhea_rq1_contributors_json(const char *product, const char *window,
                                     const RheaContributors *c);

/* One product's coupling figures, one row per figure (figure, value, meaning). */
RheaTable *rhea_rq1_coupling_table(const char *product, const RheaCoupling *c);
/* Appends the --max-files figures to a coupling table: the cap and the transactions it dropped.
 * Nothing when max_files is 0 (no cap). */
void rhea_rq1_coupling_add_cap(RheaTable *t, guint max_files, guint dropped);
/* Sets "max_files" (null: no cap) and "dropped_large" in a coupling JSON document. */
void rhea_rq1_coupling_json_add_cap(JsonNode *node, guint max_files, guint dropped);
/* The top pairs; paths[i] names universe file i. */
RheaTable *rhea_rq1_top_pairs_table(const char *product, const GArray *pairs, GPtrArray *paths);
JsonNode *rhea_rq1_coupling_json(const char *product, const char *window, const RheaCoupling *c,
                                 const GArray *pairs, GPtrArray *paths);

/* Writes a JSON node, pretty-printed with a final newline, to path (replaced whole, never
 * half-written); NULL or "-" is stdout. */
int rhea_rq1_write_json(JsonNode *node, const char *path, GError **error);
