/* trend.h: RQ1 metrics per calendar period of a product's history, or cumulatively up to the end
 * of each period (docs/metrics.md, "Trends"). */
#pragma once
#include <glib.h>

#include "metrics/contributors.h"
#include "metrics/coupling.h"
#include "metrics/slice.h"

typedef struct {
    char *label;       /* "2023-01", "2023-Q1", "2023" */
    gint64 start, end; /* the period; with cumulative, commits from the beginning to end count */
    guint commits, contributors, core;
    guint transactions, ml_transactions; /* transactions, and those touching ML code */
    double ml_share;                     /* ml_transactions / transactions; NAN without any */
    RheaCoupling coupling;
} RheaTrendRow;

typedef struct {
    RheaPeriod period;
    gboolean cumulative;
    RheaContributorOptions contributors;
    guint permutations, bootstrap, max_files;
    guint64 seed;
} RheaTrendOptions;

/* One row per period from the first commit's to the last commit's (empty periods included). */
GArray *rhea_trend_compute(const RheaCommitSet *set, const RheaTrendOptions *o);
void rhea_trend_free(GArray *rows);
