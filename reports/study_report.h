/* study_report.h: the per-RQ report of one or more products (`rhea report`): RQ1 tables per
 * product, the measurable parts of RQ2-RQ6 and the verdicts rhea evidence proposes (with the
 * judgments that override them), the findings table that restates the paper's counts (Findings
 * 1-5 for --rq 1, 1-21 for the whole report, each row saying whether it is measured, heuristic,
 * judged or mixed), and the charts. */
#pragma once
#include <glib.h>

#include "metrics/judgments.h"
#include "metrics/summary.h"
#include "metrics/evidence_verdicts.h"
#include "reports/report.h"
#include "reports/table.h"

typedef struct {
    guint rq;                              /* 1..6, or 0 for all */
    const char *window;                    /* "before 2023-06-01", stated in the report */
    gboolean backgrounds;                  /* a backgrounds file was given (Finding 1) */
    gboolean include_merges, include_bots; /* as counted, for the captions (the threshold is the
                                            * summaries' own) */
    /* RheaEvidenceVerdicts* per summary, same order (rhea evidence's, docs/evidence.md), or NULL:
     * the RQ2-RQ6 sections and Findings 6-21 then say they were not computed */
    GPtrArray *verdicts;
    const RheaJudgments *judgments; /* --judgments, or NULL */
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
