/* test_trend_report.c: the trend table and charts (reports/trend_report.c) for the quarters
 * history of tests/histories.h, whose figures tests/test_trend.c works by hand: per quarter,
 * commits 3, 1, 0, 1; contributors 2, 1, 0, 1; ML share 2/3, 0, null, 1; RCI 1, null, null, 1. */
#include <check.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "reports/chart.h"
#include "reports/trend_report.h"
#include "tests/histories.h"
#include "tests/table_cells.h"
#include "tests/testutil.h"

static char *column_keys(const RheaTable *t)
{
    GString *s = g_string_new(NULL);
    for (guint c = 0; c < rhea_table_n_columns(t); c++)
        g_string_append_printf(s, "%s%s", c ? "," : "", rhea_table_column(t, c)->key);
    return g_string_free(s, FALSE);
}

/* The report's one section: its table, and the titles of its charts joined with '|'. */
static const RheaTable *parts(const RheaReport *r, char **charts)
{
    ck_assert_uint_eq(rhea_report_n_sections(r), 1);
    const RheaSection *s = rhea_report_section(r, 0);
    const RheaTable *t = NULL;
    GString *titles = g_string_new(NULL);
    for (guint b = 0; b < s->blocks->len; b++) {
        const RheaBlock *block = s->blocks->pdata[b];
        if (block->kind == RHEA_BLOCK_TABLE)
            t = block->table;
        else if (block->kind == RHEA_BLOCK_CHART)
            g_string_append_printf(titles, "%s%s", titles->len ? "|" : "",
                                   rhea_chart_title(block->chart));
    }
    *charts = g_string_free(titles, FALSE);
    ck_assert_ptr_nonnull(t);
    return t;
}

typedef struct {
    char *dir;
    RheaStore *store;
    GArray *rows;
} Quarters;

static Quarters quarters_open(gboolean cumulative)
{
    Quarters q;
    q.dir = testutil_tmpdir();
    q.store = testutil_ingest(q.dir, "q", histories_quarters, HISTORIES_QUARTERS_RULES);
    GError *error = NULL;
    g_autoptr(RheaLabeling) labels = rhea_labeling_new(q.store, "q", NULL, FALSE, &error);
    RheaWindow w = {0};
    g_autoptr(RheaCommitSet) set = rhea_commitset_load(q.store, "q", &w, labels, &error);
    ck_assert_ptr_nonnull(set);
    RheaTrendOptions o = {.period = RHEA_PERIOD_QUARTER, .cumulative = cumulative, .seed = 1};
    rhea_contributor_options_init(&o.contributors);
    q.rows = rhea_trend_compute(set, &o);
    return q;
}

static void quarters_close(Quarters *q)
{
    rhea_trend_free(q->rows);
    rhea_store_close(q->store);
    testutil_rmtree(q->dir);
    g_free(q->dir);
}

START_TEST(metric_names)
{
    RheaTrendMetric m = 0;
    ck_assert(rhea_trend_metric_parse("rci", &m));
    ck_assert_int_eq(m, RHEA_TREND_RCI);
    ck_assert(rhea_trend_metric_parse("ml-share", &m));
    ck_assert_int_eq(m, RHEA_TREND_ML_SHARE);
    ck_assert(rhea_trend_metric_parse("core", &m));
    ck_assert_int_eq(m, RHEA_TREND_CORE);
    ck_assert(rhea_trend_metric_parse("commits", &m));
    ck_assert_int_eq(m, RHEA_TREND_COMMITS);
    ck_assert(rhea_trend_metric_parse("all", &m));
    ck_assert_int_eq(m, RHEA_TREND_ALL);
    ck_assert(!rhea_trend_metric_parse("ml_share", &m));
    ck_assert(!rhea_trend_metric_parse("RCI", &m));
    ck_assert(!rhea_trend_metric_parse(NULL, &m));
    ck_assert_int_eq(m, RHEA_TREND_ALL);
}
END_TEST

START_TEST(every_metric_per_quarter)
{
    Quarters q = quarters_open(FALSE);
    g_autoptr(GPtrArray) products = g_ptr_array_new();
    g_ptr_array_add(products, "q");
    g_autoptr(GPtrArray) rows = g_ptr_array_new();
    g_ptr_array_add(rows, q.rows);
    g_autoptr(RheaReport) r =
        rhea_trend_report_build(products, rows, RHEA_TREND_ALL, "quarter", FALSE);
    ck_assert_str_eq(rhea_report_title(r), "rhea trend: per quarter");
    g_autofree char *charts = NULL;
    const RheaTable *t = parts(r, &charts);
    ck_assert_str_eq(charts, "Commits per quarter|Core contributors per quarter|"
                             "ML share of transactions per quarter|RCI per quarter");
    g_autofree char *keys = column_keys(t);
    /* null_low, null_high: the random range beside the interval (docs/metrics.md, "Interval and
     * test") */
    ck_assert_str_eq(keys, "product,period,commits,contributors,core,transactions,ml_share,rci,"
                           "ci_low,ci_high,p_value,null_low,null_high");
    ck_assert_uint_eq(rhea_table_n_rows(t), 4);
    const char *period[] = {"2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"};
    const char *commits[] = {"3", "1", "0", "1"}, *contributors[] = {"2", "1", "0", "1"};
    const char *share[] = {"0.6666666666666666", "0", "(null)", "1"};
    const char *rci[] = {"1", "(null)", "(null)", "1"};
    for (guint i = 0; i < 4; i++) {
        ck_cell(t, i, "product", "q");
        ck_cell(t, i, "period", period[i]);
        ck_cell(t, i, "commits", commits[i]);
        ck_cell(t, i, "contributors", contributors[i]);
        ck_cell(t, i, "ml_share", share[i]);
        ck_cell(t, i, "rci", rci[i]);
        ck_cell(t, i, "p_value", "(null)");
    }
    quarters_close(&q);
}
END_TEST

START_TEST(one_metric_two_products_cumulative)
{
    Quarters q = quarters_open(TRUE);
    Quarters q2 = quarters_open(TRUE);
    g_autoptr(GPtrArray) products = g_ptr_array_new();
    g_ptr_array_add(products, "q");
    g_ptr_array_add(products, "q-again");
    g_autoptr(GPtrArray) rows = g_ptr_array_new();
    g_ptr_array_add(rows, q.rows);
    g_ptr_array_add(rows, q2.rows);
    g_autoptr(RheaReport) r = rhea_trend_report_build_in(products, rows, RHEA_TREND_RCI, "quarter",
                                                         TRUE, "before 2024-01-01");
    ck_assert_str_eq(rhea_report_title(r),
                     "rhea trend: per quarter, cumulative (before 2024-01-01)");
    g_autofree char *charts = NULL;
    const RheaTable *t = parts(r, &charts);
    ck_assert_str_eq(charts, "RCI per quarter");
    g_autofree char *keys = column_keys(t);
    ck_assert_str_eq(keys, "product,period,rci,ci_low,ci_high,p_value,null_low,null_high");
    /* one long table: the first product's periods, then the second's */
    ck_assert_uint_eq(rhea_table_n_rows(t), 8);
    const char *rci[] = {"1", "0.75", "0.75", "0.9"};
    for (guint i = 0; i < 8; i++) {
        ck_cell(t, i, "product", i < 4 ? "q" : "q-again");
        ck_cell(t, i, "rci", rci[i % 4]);
    }
    ck_cell(t, 7, "period", "2023-Q4");
    quarters_close(&q);
    quarters_close(&q2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("trend_report");
    TCase *tc = tcase_create("trend_report");
    tcase_add_test(tc, metric_names);
    tcase_add_test(tc, every_metric_per_quarter);
    tcase_add_test(tc, one_metric_two_products_cumulative);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
