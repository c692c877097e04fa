/* rq1_depth.h: the silo measure, file ownership per side and the truck factor as report tables and
 * as members of `rhea contributors --format json` (docs/metrics.md, "Silos", "Ownership",
 * "Truck factor"). */
#pragma once
#include <glib.h>
#include <json-glib/json-glib.h>

#include "metrics/contributors.h"
#include "metrics/ownership.h"
#include "metrics/parts_coupling.h"
#include "metrics/silo.h"
#include "metrics/truckfactor.h"
#include "reports/chart.h"
#include "reports/table.h"

/* Figure, value, meaning: NMI and p over everyone and over the core, ownership per side, truck
 * factor beside the core count. Any of silo, own, tf may be NULL (rows left out). */
RheaTable *rhea_rq1_depth_table(const char *product, const RheaContributors *c,
                                const RheaSilo *silo, const RheaOwnership *own,
                                const RheaTruckFactor *tf);
/* Per contributor, the share of their commits (with a side) on ML only, non-ML only, both. */
RheaTable *rhea_rq1_side_shares_table(const char *product, const RheaContributors *c);
/* Adds "silo", "ownership", "truck_factor" and "truck_factor_authors" to obj (NULL: left out). */
void rhea_rq1_depth_json_add(JsonObject *obj, const RheaSilo *silo, const RheaOwnership *own,
                             const RheaTruckFactor *tf);

/* The RCI of every pair of parts (rhea_parts_matrix), one row a pair. */
RheaTable *rhea_rq1_parts_matrix_table(const char *product, const GArray *pairs);
/* The same as a heat map of RCI (reports/chart.h, RHEA_CHART_HEATMAP). */
RheaChart *rhea_rq1_parts_heatmap(const char *product, const GArray *pairs);

#include "metrics/sensitivity.h"
/* One table per figure ("rci", "core"): choice, value. */
RheaTable *rhea_rq1_sensitivity_table(const char *product, const RheaSensitivity *s,
                                      const char *figure);
/* {"product", "window", "rows": [{"figure", "choice", "value"}], "rci_min", "rci_max",
 * "rci_changes_side", "core_min", "core_max"} */
JsonNode *rhea_rq1_sensitivity_json(const char *product, const char *window,
                                    const RheaSensitivity *s);

/* The sentence that keeps the bootstrap interval and the permutation p-value apart. */
#define RHEA_INTERVAL_VS_TEST                                                                      \
    "The 95% interval (ci_low..ci_high) resamples transactions: where RCI would fall if the "      \
    "commits were drawn again. The p-value and the random range (null_low..null_high) shuffle "    \
    "the labels over the same files and co-changes: whether this split couples more or less "      \
    "than random splits do. An RCI inside the random range is not distinguishable from a random "  \
    "split, even when its interval excludes 1."
/* Adds the rows null_low, null_high to a coupling table (rhea_rq1_coupling_table). */
void rhea_rq1_coupling_add_null_range(RheaTable *t, const RheaCoupling *c);
/* Adds "null_low", "null_high" and "interval_vs_test" to a coupling JSON object. */
void rhea_rq1_coupling_json_add_null_range(JsonObject *o, const RheaCoupling *c);
