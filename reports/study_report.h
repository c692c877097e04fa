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

/* The charts of the report, for `--charts DIR` (each also embedded in the HTML). Returns a new
 * array of (basename, RheaChart*) pairs: even entries are names, odd entries charts. */
GPtrArray *rhea_study_report_charts(GPtrArray *summaries);
