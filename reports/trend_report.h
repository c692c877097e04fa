/* trend_report.h: `rhea trend` as a table (every format) and a chart per metric (HTML). */
#pragma once
#include <glib.h>

#include "metrics/trend.h"
#include "reports/report.h"
#include "reports/table.h"

typedef enum {
    RHEA_TREND_COMMITS = 1 << 0,
    RHEA_TREND_CORE = 1 << 1,
    RHEA_TREND_ML_SHARE = 1 << 2,
    RHEA_TREND_RCI = 1 << 3,
    RHEA_TREND_ALL = 0xf,
} RheaTrendMetric;

/* Parses rci, core, ml-share, commits or all. */
gboolean rhea_trend_metric_parse(const char *name, RheaTrendMetric *out);

/* products: product ids; rows: GArray* of RheaTrendRow per product, same order. */
RheaReport *rhea_trend_report_build(GPtrArray *products, GPtrArray *rows, RheaTrendMetric metrics,
                                    const char *period, gboolean cumulative);
/* The same, window describing the window the rows were computed in (shown in the title; NULL:
 * not shown). */
RheaReport *rhea_trend_report_build_in(GPtrArray *products, GPtrArray *rows,
                                       RheaTrendMetric metrics, const char *period,
                                       gboolean cumulative, const char *window);
