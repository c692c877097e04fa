/* summary.h: every figure `rhea report` shows for one product, computed once: RQ1 (contributors,
 * coupling), and the measurable parts of RQ2-RQ5 (docs/metrics.md, "Report figures"). */
#pragma once
#include <glib.h>

#include "engine/store.h"
#include "metrics/contributors.h"
#include "metrics/coupling.h"
#include "metrics/ownership.h"
#include "metrics/sensitivity.h"
#include "metrics/silo.h"
#include "metrics/truckfactor.h"
#include "metrics/window.h"

typedef struct {
    const char *rules_path; /* override for every product, or NULL */
    gboolean content_signals;
    RheaContributorOptions contributors;
    guint permutations, bootstrap, max_files;
    guint64 seed;
    guint top; /* also find the top ML/non-ML file pairs (0: none) */
} RheaSummaryOptions;

typedef struct {
    gint64 start;    /* month start, Unix seconds */
    guint ml, nonml; /* transactions touching ML / non-ML code in that month */
} RheaMonthCount;

typedef struct {
    char *product;
    GHashTable *meta; /* manifest columns: name, genre, stars, ... */
    RheaContributors *contributors;
    RheaCoupling coupling;
    guint dropped_large;
    GArray *top_pairs;    /* RheaCoupledPair, with RheaSummaryOptions.top; else NULL */
    GPtrArray *top_paths; /* char *: top_pairs' file indices name these paths */
    guint core_ml, core_nonml, core_both;        /* core contributors touching ML, non-ML, both */
    guint ml_paths, nonml_paths, excluded_paths; /* distinct paths changed in the window */
    guint ml_folders; /* RQ2: distinct top-level folders holding ML files */
    gint64 first_commit, first_ml, first_nonml; /* RQ3: committer times; -1 when none */
    guint test_paths, test_paths_ml;            /* RQ4: test files (by path), of them ML */
    guint ops_paths, ops_commits;               /* RQ5: CI/deployment files and commits to them */
    GArray *months;                             /* RQ3: RheaMonthCount, in order */
    RheaSilo silo;                              /* Finding 3 as a figure */
    RheaOwnership *ownership;                   /* Finding 4 */
    RheaTruckFactor *truck_factor;              /* beside the core count (Finding 2) */
    RheaSensitivity *sensitivity;               /* Finding 5 under the analyst's choices */
} RheaProductSummary;

RheaProductSummary *rhea_summary_compute(RheaStore *store, const char *product,
                                         const RheaWindow *window, const RheaSummaryOptions *o,
                                         GError **error);
void rhea_summary_free(RheaProductSummary *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaProductSummary, rhea_summary_free)
