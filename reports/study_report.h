/* study_report.h: the per-RQ report of one or more products (`rhea report`): RQ1 tables per
 * product, the findings table that restates the paper's counts from the data, the measurable
 * parts of RQ2-RQ6 with what needs human judgment, and the charts. */
#pragma once
#include <glib.h>

#include "metrics/summary.h"
#include "reports/report.h"
#include "reports/table.h"

typedef struct {
    guint rq;                              /* 1..6, or 0 for all */
    const char *window;                    /* "before 2023-06-01", stated in the report */
    gboolean backgrounds;                  /* a backgrounds file was given (Finding 1) */
    gboolean include_merges, include_bots; /* as counted, for the captions (the threshold is the
                                            * summaries' own) */
} RheaStudyReportOptions;

/* summaries: RheaProductSummary*, in the order the report lists them. */
RheaReport *rhea_study_report_build(GPtrArray *summaries, const RheaStudyReportOptions *o);

typedef enum {
    RHEA_STUDY_CHART_RCI,        /* RQ1: RCI and its interval per product */
    RHEA_STUDY_CHART_CUMULATIVE, /* RQ1: cumulative share of commits per product */
    RHEA_STUDY_CHART_OVER_TIME,  /* RQ3: one product's commits touching ML / non-ML per month */
} RheaStudyChartKind;

typedef struct {
    RheaStudyChartKind kind;
    char *name;       /* file basename for --charts DIR: "rci", "commits_over_time_P17", ... */
    RheaChart *chart; /* owned */
} RheaStudyChart;

void rhea_study_chart_free(RheaStudyChart *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaStudyChart, rhea_study_chart_free)

/* The charts of the report, for `--charts DIR` (each also embedded in the HTML): a new array of
 * RheaStudyChart* (freed with the array), the RCI chart, the cumulative chart, then one time
 * series per product with commits, in the order of summaries. */
GPtrArray *rhea_study_report_charts(GPtrArray *summaries);
