/* trend_report.c: one long table (product, period, figures) so that pandas or R can pivot it, and
 * one time-series chart per metric with a series per product. */
#include "reports/trend_report.h"

#define RHEA_TREND_CAPTION                                                                         \
    "ML share: share of transactions touching ML code. RCI: relative coupling index "              \
    "(docs/metrics.md); null where undefined."
/* the interval and the p-value answer different questions; say which, once, under the table */
#define RHEA_TREND_CAPTION_RCI                                                                     \
    RHEA_TREND_CAPTION                                                                             \
    " CI: where RCI would fall if the period's commits were drawn again (transactions "            \
    "resampled). p and the Random range: whether the ML/non-ML split couples more than random "    \
    "splits of the same files with the same co-changes do; an RCI inside the Random range is "     \
    "not distinguishable from a random split, even when its CI excludes 1."

#include <math.h>

#include "reports/chart.h"

gboolean rhea_trend_metric_parse(const char *name, RheaTrendMetric *out)
{
    const struct {
        const char *name;
        RheaTrendMetric m;
    } names[] = {{"commits", RHEA_TREND_COMMITS},
                 {"core", RHEA_TREND_CORE},
                 {"ml-share", RHEA_TREND_ML_SHARE},
                 {"rci", RHEA_TREND_RCI},
                 {"all", RHEA_TREND_ALL}};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_strcmp0(name, names[i].name) == 0) {
            *out = names[i].m;
            return TRUE;
        }
    }
    return FALSE;
}

static double value_of(const RheaTrendRow *r, RheaTrendMetric m)
{
    switch (m) {
    case RHEA_TREND_COMMITS:
        return r->commits;
    case RHEA_TREND_CORE:
        return r->core;
    case RHEA_TREND_ML_SHARE:
        return r->ml_share;
    default:
        return r->coupling.rci;
    }
}

RheaReport *rhea_trend_report_build(GPtrArray *products, GPtrArray *rows, RheaTrendMetric metrics,
                                    const char *period, gboolean cumulative)
{
    return rhea_trend_report_build_in(products, rows, metrics, period, cumulative, NULL);
}

RheaReport *rhea_trend_report_build_in(GPtrArray *products, GPtrArray *rows,
                                       RheaTrendMetric metrics, const char *period,
                                       gboolean cumulative, const char *window)
{
    g_autofree char *in = window ? g_strdup_printf(" (%s)", window) : g_strdup("");
    g_autofree char *title =
        g_strdup_printf("rhea trend: per %s%s%s", period, cumulative ? ", cumulative" : "", in);
    RheaReport *report = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(report, NULL);
    /* the report's title names the table: a title of its own would print it twice */
    RheaTable *t = rhea_table_new("trend", NULL);
    rhea_table_add_column(t, "product", "Product", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "period", "Period", RHEA_ALIGN_LEFT);
    if (metrics & RHEA_TREND_COMMITS) {
        rhea_table_add_column(t, "commits", "Commits", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "contributors", "Contributors", RHEA_ALIGN_RIGHT);
    }
    if (metrics & RHEA_TREND_CORE)
        rhea_table_add_column(t, "core", "Core", RHEA_ALIGN_RIGHT);
    if (metrics & RHEA_TREND_ML_SHARE) {
        rhea_table_add_column(t, "transactions", "Transactions", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "ml_share", "ML share", RHEA_ALIGN_RIGHT);
    }
    if (metrics & RHEA_TREND_RCI) {
        rhea_table_add_column(t, "rci", "RCI", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "ci_low", "CI low", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "ci_high", "CI high", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "p_value", "p", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "null_low", "Random 2.5%", RHEA_ALIGN_RIGHT);
        rhea_table_add_column(t, "null_high", "Random 97.5%", RHEA_ALIGN_RIGHT);
    }
    for (guint p = 0; p < products->len; p++) {
        GArray *r = g_ptr_array_index(rows, p);
        for (guint i = 0; i < r->len; i++) {
            const RheaTrendRow *row = &g_array_index(r, RheaTrendRow, i);
            rhea_table_add_row(t);
            rhea_table_push_string(t, g_ptr_array_index(products, p));
            rhea_table_push_string(t, row->label);
            if (metrics & RHEA_TREND_COMMITS) {
                rhea_table_push_int(t, row->commits);
                rhea_table_push_int(t, row->contributors);
            }
            if (metrics & RHEA_TREND_CORE)
                rhea_table_push_int(t, row->core);
            if (metrics & RHEA_TREND_ML_SHARE) {
                rhea_table_push_int(t, row->transactions);
                rhea_table_push_double(t, row->ml_share, 3);
            }
            if (metrics & RHEA_TREND_RCI) {
                rhea_table_push_double(t, row->coupling.rci, 2);
                rhea_table_push_double(t, row->coupling.ci_low, 2);
                rhea_table_push_double(t, row->coupling.ci_high, 2);
                rhea_table_push_double(t, row->coupling.p_value, 3);
                rhea_table_push_double(t, row->coupling.null_low, 2);
                rhea_table_push_double(t, row->coupling.null_high, 2);
            }
        }
    }
    rhea_table_set_caption(t, (metrics & RHEA_TREND_RCI) ? RHEA_TREND_CAPTION_RCI
                                                         : RHEA_TREND_CAPTION);
    rhea_section_add_table(s, t);
    const struct {
        RheaTrendMetric m;
        const char *name;
    } charts[] = {{RHEA_TREND_COMMITS, "Commits"},
                  {RHEA_TREND_CORE, "Core contributors"},
                  {RHEA_TREND_ML_SHARE, "ML share of transactions"},
                  {RHEA_TREND_RCI, "RCI"}};
    for (size_t k = 0; k < G_N_ELEMENTS(charts); k++) {
        if (!(metrics & charts[k].m))
            continue;
        g_autofree char *ctitle = g_strdup_printf("%s per %s", charts[k].name, period);
        RheaChart *c = rhea_chart_new(RHEA_CHART_TIMESERIES, ctitle, period, charts[k].name);
        for (guint p = 0; p < products->len; p++) {
            GArray *r = g_ptr_array_index(rows, p);
            g_autofree double *x = g_new(double, r->len ? r->len : 1);
            g_autofree double *y = g_new(double, r->len ? r->len : 1);
            for (guint i = 0; i < r->len; i++) {
                const RheaTrendRow *row = &g_array_index(r, RheaTrendRow, i);
                x[i] = (double)row->start;
                y[i] = value_of(row, charts[k].m);
            }
            rhea_chart_add_series(c, g_ptr_array_index(products, p), x, y, r->len);
        }
        if (charts[k].m == RHEA_TREND_RCI)
            rhea_chart_add_hline(c, 1.0, "RCI = 1");
        if (charts[k].m == RHEA_TREND_ML_SHARE) {
            rhea_chart_set_y_range(c, 0, 1);
            rhea_chart_set_y_percent(c, TRUE);
        }
        rhea_section_add_chart(s, c);
    }
    return report;
}
