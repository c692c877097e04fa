/* test_trend.c: RQ1 metrics per period (metrics/trend.c, docs/metrics.md, "Trends") on the
 * quarters history of tests/histories.h, worked by hand:
 *
 * Per quarter: Q1 = commits 1-3 (Alice 2, Bob 1: 80% of 3 = 2.4, core 2), transactions 3, ML 2
 * (1, 2); universe model/a.py M, app/x.js N: pairs 1 (t1), cross 1, ECI 1, E = 2*1*1/(2*1) = 1,
 * RCI 1. Q2 = commit 4 (Carol): 1 transaction, no ML file (RCI null). Q3: nothing. Q4 = commit 5
 * (Bob): 1 transaction touching ML; a.py, b.py M, y.js N: pairs 3, cross 2, ECI 2/3, E =
 * 2*2*1/(3*2) = 2/3, RCI 1.
 *
 * Cumulative: up to Q2 = commits 1-4 (Alice 2, Bob 1, Carol 1: 80% of 4 = 3.2, so Alice, Bob,
 * Carol: core 3), ML share 2/4; universe a.py M, x.js N, y.js N: pairs 1 + 1 (t4), cross 1, ECI
 * 1/2, E = 2*1*2/(3*2) = 2/3, RCI 3/4. Q3 the same. Up to Q4 = all five (Alice 2, Bob 2, Carol 1:
 * 80% of 5 = 4: core 2), ML share 3/5; a.py, b.py M, x.js, y.js N: pairs 1 + 1 + 3 = 5, cross
 * 1 + 2 = 3, ECI 3/5, E = 2*2*2/(4*3) = 2/3, RCI 9/10 (the whole year's figure). */
#include <check.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "metrics/trend.h"
#include "tests/histories.h"
#include "tests/testutil.h"

#define EPS 1e-12

typedef struct {
    char *dir;
    RheaStore *store;
    RheaCommitSet *set;
} Quarters;

static Quarters quarters_open(const char *since)
{
    Quarters q;
    q.dir = testutil_tmpdir();
    q.store = testutil_ingest(q.dir, "q", histories_quarters, HISTORIES_QUARTERS_RULES);
    GError *error = NULL;
    g_autoptr(RheaLabeling) labels = rhea_labeling_new(q.store, "q", NULL, FALSE, &error);
    ck_assert_ptr_nonnull(labels);
    RheaWindow w;
    ck_assert_int_eq(rhea_window_init(&w, since, NULL, &error), 0);
    q.set = rhea_commitset_load(q.store, "q", &w, labels, &error);
    ck_assert_ptr_nonnull(q.set);
    return q;
}

static void quarters_close(Quarters *q)
{
    rhea_commitset_free(q->set);
    rhea_store_close(q->store);
    testutil_rmtree(q->dir);
    g_free(q->dir);
}

static GArray *trend(const Quarters *q, RheaPeriod period, gboolean cumulative)
{
    RheaTrendOptions o = {.period = period, .cumulative = cumulative, .seed = 1};
    rhea_contributor_options_init(&o.contributors);
    return rhea_trend_compute(q->set, &o);
}

static const RheaTrendRow *row(GArray *rows, guint i)
{
    ck_assert_uint_lt(i, rows->len);
    return &g_array_index(rows, RheaTrendRow, i);
}

START_TEST(quarters_one_by_one)
{
    Quarters q = quarters_open(NULL);
    GArray *rows = trend(&q, RHEA_PERIOD_QUARTER, FALSE);
    ck_assert_uint_eq(rows->len, 4);
    const char *labels[] = {"2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"};
    const gint64 starts[] = {1672531200, 1680307200, 1688169600, 1696118400, 1704067200};
    const guint commits[] = {3, 1, 0, 1}, contributors[] = {2, 1, 0, 1}, core[] = {2, 1, 0, 1};
    const guint tx[] = {1 + 1 + 1, 1, 0, 1}, ml_tx[] = {2, 0, 0, 1};
    for (guint i = 0; i < 4; i++) {
        ck_assert_str_eq(row(rows, i)->label, labels[i]);
        ck_assert_int_eq(row(rows, i)->start, starts[i]);
        ck_assert_int_eq(row(rows, i)->end, starts[i + 1]);
        ck_assert_uint_eq(row(rows, i)->commits, commits[i]);
        ck_assert_uint_eq(row(rows, i)->contributors, contributors[i]);
        ck_assert_uint_eq(row(rows, i)->core, core[i]);
        ck_assert_uint_eq(row(rows, i)->transactions, tx[i]);
        ck_assert_uint_eq(row(rows, i)->ml_transactions, ml_tx[i]);
    }
    ck_assert_double_eq_tol(row(rows, 0)->ml_share, 2.0 / 3.0, EPS);
    ck_assert_double_eq_tol(row(rows, 1)->ml_share, 0.0, EPS);
    ck_assert(isnan(row(rows, 2)->ml_share));
    ck_assert_double_eq_tol(row(rows, 3)->ml_share, 1.0, EPS);

    const RheaCoupling *c1 = &row(rows, 0)->coupling;
    ck_assert_uint_eq(c1->pairs, 1);
    ck_assert_uint_eq(c1->cross_pairs, 1);
    ck_assert_double_eq_tol(c1->rci, 1.0, EPS);
    ck_assert_str_eq(row(rows, 1)->coupling.null_reason,
                     "no ML files: random edits never cross (E = 0)");
    ck_assert(isnan(row(rows, 1)->coupling.rci));
    ck_assert_str_eq(row(rows, 2)->coupling.null_reason, "no transactions in the window");
    const RheaCoupling *c4 = &row(rows, 3)->coupling;
    ck_assert_uint_eq(c4->ml_files, 2);
    ck_assert_uint_eq(c4->nonml_files, 1);
    ck_assert_uint_eq(c4->pairs, 3);
    ck_assert_uint_eq(c4->cross_pairs, 2);
    ck_assert_double_eq_tol(c4->eci, 2.0 / 3.0, EPS);
    ck_assert_double_eq_tol(c4->rci, 1.0, EPS);
    /* no permutations or bootstrap asked: no p-value, no interval */
    ck_assert(isnan(c4->p_value));
    ck_assert(isnan(c4->ci_low));
    rhea_trend_free(rows);
    quarters_close(&q);
}
END_TEST

START_TEST(quarters_cumulative)
{
    Quarters q = quarters_open(NULL);
    GArray *rows = trend(&q, RHEA_PERIOD_QUARTER, TRUE);
    ck_assert_uint_eq(rows->len, 4);
    const guint commits[] = {3, 4, 4, 5}, core[] = {2, 3, 3, 2}, tx[] = {3, 4, 4, 5};
    const double share[] = {2.0 / 3.0, 0.5, 0.5, 0.6}, rci[] = {1.0, 0.75, 0.75, 0.9};
    for (guint i = 0; i < 4; i++) {
        ck_assert_uint_eq(row(rows, i)->commits, commits[i]);
        ck_assert_uint_eq(row(rows, i)->core, core[i]);
        ck_assert_uint_eq(row(rows, i)->transactions, tx[i]);
        ck_assert_double_eq_tol(row(rows, i)->ml_share, share[i], EPS);
        ck_assert_double_eq_tol(row(rows, i)->coupling.rci, rci[i], EPS);
    }
    ck_assert_uint_eq(row(rows, 3)->coupling.pairs, 5);
    ck_assert_uint_eq(row(rows, 3)->coupling.cross_pairs, 3);
    /* periods keep their own bounds; only the commits counted start at the beginning */
    ck_assert_str_eq(row(rows, 1)->label, "2023-Q2");
    ck_assert_int_eq(row(rows, 1)->start, 1680307200);
    rhea_trend_free(rows);
    quarters_close(&q);
}
END_TEST

START_TEST(months_and_years)
{
    Quarters q = quarters_open(NULL);
    /* January to November, empty months included */
    GArray *months = trend(&q, RHEA_PERIOD_MONTH, FALSE);
    ck_assert_uint_eq(months->len, 11);
    const guint commits[] = {1, 2, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    for (guint i = 0; i < 11; i++)
        ck_assert_uint_eq(row(months, i)->commits, commits[i]);
    ck_assert_str_eq(row(months, 0)->label, "2023-01");
    ck_assert_str_eq(row(months, 10)->label, "2023-11");
    ck_assert_int_eq(row(months, 10)->start, 1698796800);
    ck_assert_int_eq(row(months, 10)->end, 1701388800);
    rhea_trend_free(months);

    GArray *years = trend(&q, RHEA_PERIOD_YEAR, FALSE);
    ck_assert_uint_eq(years->len, 1);
    ck_assert_str_eq(row(years, 0)->label, "2023");
    ck_assert_uint_eq(row(years, 0)->commits, 5);
    ck_assert_uint_eq(row(years, 0)->core, 2);
    ck_assert_uint_eq(row(years, 0)->ml_transactions, 3);
    ck_assert_double_eq_tol(row(years, 0)->coupling.rci, 0.9, EPS);
    rhea_trend_free(years);
    quarters_close(&q);
}
END_TEST

START_TEST(window_and_empty_set)
{
    /* from February: the first quarter holds commits 2 and 3 only */
    Quarters q = quarters_open("2023-02-01");
    GArray *rows = trend(&q, RHEA_PERIOD_QUARTER, FALSE);
    ck_assert_uint_eq(rows->len, 4);
    ck_assert_str_eq(row(rows, 0)->label, "2023-Q1");
    ck_assert_uint_eq(row(rows, 0)->commits, 2);
    ck_assert_uint_eq(row(rows, 0)->transactions, 2);
    ck_assert_uint_eq(row(rows, 0)->ml_transactions, 1);
    rhea_trend_free(rows);
    quarters_close(&q);

    /* after the last commit: no rows at all */
    Quarters none = quarters_open("2024-01-01");
    GArray *empty = trend(&none, RHEA_PERIOD_QUARTER, TRUE);
    ck_assert_uint_eq(empty->len, 0);
    rhea_trend_free(empty);
    quarters_close(&none);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("trend");
    TCase *tc = tcase_create("trend");
    tcase_add_test(tc, quarters_one_by_one);
    tcase_add_test(tc, quarters_cumulative);
    tcase_add_test(tc, months_and_years);
    tcase_add_test(tc, window_and_empty_set);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
