/* test_summary.c: every figure of a product summary (metrics/summary.c, docs/metrics.md, "Report
 * figures") worked by hand on the RQ history of tests/histories.h and on the sample product.
 *
 * RQ history (rules: model/, tests/test_net.py and /train.py are ML):
 * - Contributors: Alice 2 (1, 3), Bob 2 (2, 4), Carol 1 (5, documentation only): 80% of 5 = 4,
 *   core Alice and Bob. Core→ML: Bob; Core→non-ML: Alice (1, 3) and Bob (4); Core→both: Bob.
 * - Paths changed: ML model/net.py, tests/test_net.py, train.py (3, in folders model, tests and
 *   the root "."); non-ML app/main.js, Dockerfile, app/main_test.js, .github/workflows/ci.yml (4);
 *   excluded README.md, docs/guide.md (2).
 * - RQ3: first commit 1 (2023-03-01T12:00Z), first ML 2 (2023-03-02T12:00Z), first non-ML 1.
 *   Months: March ML 1 (2), non-ML 1 (1); April ML 1 (4), non-ML 2 (3, 4). Commit 5 has no
 *   file left, so June adds no month.
 * - RQ4: tests/test_net.py (ML) and app/main_test.js: 2 test files, 1 ML.
 * - RQ5: Dockerfile and .github/workflows/ci.yml: 2 files, changed by commits 1 and 3.
 * - Coupling: transactions 1-4 with (k_M, k_N) = (0,2), (2,0), (0,3), (2,1); m = 3, n = 4, N = 7:
 *   pairs 1 + 1 + 3 + 3 = 8, cross 2*1 = 2, ECI 1/4, E = 2*3*4/(7*6) = 4/7, RCI 7/16. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "metrics/summary.h"
#include "samples/sample_product.h"
#include "tests/histories.h"
#include "tests/testutil.h"

#define EPS 1e-12
#define MAR_2023 1677628800
#define APR_2023 1680307200

static RheaSummaryOptions options(void)
{
    RheaSummaryOptions o = {.seed = 1};
    rhea_contributor_options_init(&o.contributors);
    return o;
}

static RheaProductSummary *summarize(RheaStore *store, const char *product, const char *since,
                                     const RheaSummaryOptions *o)
{
    GError *error = NULL;
    RheaWindow w;
    ck_assert_int_eq(rhea_window_init(&w, since, NULL, &error), 0);
    RheaProductSummary *s = rhea_summary_compute(store, product, &w, o, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    return s;
}

static const RheaMonthCount *month(const RheaProductSummary *s, guint i)
{
    ck_assert_uint_lt(i, s->months->len);
    return &g_array_index(s->months, RheaMonthCount, i);
}

START_TEST(rq_history_by_hand)
{
    g_autofree char *dir = testutil_tmpdir();
    RheaStore *store = testutil_ingest(dir, "rq", histories_rq, HISTORIES_RQ_RULES);
    RheaSummaryOptions o = options();
    g_autoptr(RheaProductSummary) s = summarize(store, "rq", NULL, &o);
    ck_assert_str_eq(s->product, "rq");
    ck_assert_uint_eq(s->contributors->commits, 5);
    ck_assert_uint_eq(s->contributors->core, 2);
    ck_assert_uint_eq(s->core_ml, 1);
    ck_assert_uint_eq(s->core_nonml, 2);
    ck_assert_uint_eq(s->core_both, 1);
    /* RQ2 */
    ck_assert_uint_eq(s->ml_paths, 3);
    ck_assert_uint_eq(s->nonml_paths, 4);
    ck_assert_uint_eq(s->excluded_paths, 2);
    ck_assert_uint_eq(s->ml_folders, 3);
    /* RQ3 */
    ck_assert_int_eq(s->first_commit, 1677672000);
    ck_assert_int_eq(s->first_ml, 1677758400);
    ck_assert_int_eq(s->first_nonml, 1677672000);
    ck_assert_uint_eq(s->months->len, 2);
    ck_assert_int_eq(month(s, 0)->start, MAR_2023);
    ck_assert_uint_eq(month(s, 0)->ml, 1);
    ck_assert_uint_eq(month(s, 0)->nonml, 1);
    ck_assert_int_eq(month(s, 1)->start, APR_2023);
    ck_assert_uint_eq(month(s, 1)->ml, 1);
    ck_assert_uint_eq(month(s, 1)->nonml, 2);
    /* RQ4, RQ5 */
    ck_assert_uint_eq(s->test_paths, 2);
    ck_assert_uint_eq(s->test_paths_ml, 1);
    ck_assert_uint_eq(s->ops_paths, 2);
    ck_assert_uint_eq(s->ops_commits, 2);
    /* RQ1 coupling */
    ck_assert_uint_eq(s->dropped_large, 0);
    ck_assert_uint_eq(s->coupling.transactions, 4);
    ck_assert_uint_eq(s->coupling.ml_files, 3);
    ck_assert_uint_eq(s->coupling.nonml_files, 4);
    ck_assert_uint_eq(s->coupling.pairs, 8);
    ck_assert_uint_eq(s->coupling.cross_pairs, 2);
    ck_assert_double_eq_tol(s->coupling.rci, 7.0 / 16.0, EPS);
    ck_assert(isnan(s->coupling.p_value));

    /* --max-files 2 drops transactions 3 and 4 (three files each) */
    o.max_files = 2;
    g_autoptr(RheaProductSummary) small = summarize(store, "rq", NULL, &o);
    ck_assert_uint_eq(small->dropped_large, 2);
    ck_assert_uint_eq(small->coupling.transactions, 2);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

/* From 2023-04-01: commits 3, 4, 5. Alice, Bob and Carol 1 each (80% of 3 = 2.4: all core);
 * ML net.py, train.py (folders model, "."); non-ML main_test.js, ci.yml, main.js; excluded
 * guide.md. Coupling: (0,3), (2,1): m = 2, n = 3: pairs 6, cross 2, ECI 1/3, E = 12/20, RCI 5/9. */
START_TEST(rq_history_window)
{
    g_autofree char *dir = testutil_tmpdir();
    RheaStore *store = testutil_ingest(dir, "rq", histories_rq, HISTORIES_RQ_RULES);
    RheaSummaryOptions o = options();
    g_autoptr(RheaProductSummary) s = summarize(store, "rq", "2023-04-01", &o);
    ck_assert_uint_eq(s->contributors->commits, 3);
    ck_assert_uint_eq(s->contributors->core, 3);
    ck_assert_uint_eq(s->core_ml, 1);
    ck_assert_uint_eq(s->core_nonml, 2);
    ck_assert_uint_eq(s->core_both, 1);
    ck_assert_uint_eq(s->ml_paths, 2);
    ck_assert_uint_eq(s->nonml_paths, 3);
    ck_assert_uint_eq(s->excluded_paths, 1);
    ck_assert_uint_eq(s->ml_folders, 2);
    ck_assert_int_eq(s->first_commit, 1681128000);
    ck_assert_int_eq(s->first_ml, 1681214400);
    ck_assert_int_eq(s->first_nonml, 1681128000);
    ck_assert_uint_eq(s->months->len, 1);
    ck_assert_uint_eq(s->test_paths, 1);
    ck_assert_uint_eq(s->test_paths_ml, 0);
    ck_assert_uint_eq(s->ops_paths, 1);
    ck_assert_uint_eq(s->ops_commits, 1);
    ck_assert_double_eq_tol(s->coupling.rci, 5.0 / 9.0, EPS);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

/* The sample product (docs/metrics.md, worked example): 4 ML files (train.py, vocab.py,
 * predict.py, explore.ipynb) in model/ and notebooks/, 4 non-ML, 3 excluded (README.md, .mailmap,
 * assets/logo.png); core Alice (ML 2, non-ML 4) and Bob (ML only); first commit day 0, first ML
 * day 2 (Bob's training code), first non-ML day 0; one month: ML in transactions 3, 4, 5, 7, 10,
 * 13 (6), non-ML in 1, 2, 5, 6, 9, 10, 11 (7); no test or CI file. */
START_TEST(sample_product_by_hand)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *rules = NULL;
    ck_assert(g_file_get_contents("samples/rules/sample.rules", &rules, NULL, NULL));
    RheaStore *store = testutil_ingest(dir, "wordwise", rhea_sample_product_build, rules);
    RheaSummaryOptions o = options();
    g_autoptr(RheaProductSummary) s = summarize(store, "wordwise", NULL, &o);
    ck_assert_uint_eq(s->contributors->commits, 11);
    ck_assert_uint_eq(s->contributors->core, 2);
    ck_assert_uint_eq(s->core_ml, 2);
    ck_assert_uint_eq(s->core_nonml, 1);
    ck_assert_uint_eq(s->core_both, 1);
    ck_assert_uint_eq(s->ml_paths, 4);
    ck_assert_uint_eq(s->nonml_paths, 4);
    ck_assert_uint_eq(s->excluded_paths, 3);
    ck_assert_uint_eq(s->ml_folders, 2);
    ck_assert_int_eq(s->first_commit, RHEA_SAMPLE_T0);
    ck_assert_int_eq(s->first_ml, RHEA_SAMPLE_T0 + 2 * RHEA_SAMPLE_DAY);
    ck_assert_int_eq(s->first_nonml, RHEA_SAMPLE_T0);
    ck_assert_uint_eq(s->months->len, 1);
    ck_assert_int_eq(month(s, 0)->start, 1672531200);
    ck_assert_uint_eq(month(s, 0)->ml, 6);
    ck_assert_uint_eq(month(s, 0)->nonml, 7);
    ck_assert_uint_eq(s->test_paths, 0);
    ck_assert_uint_eq(s->ops_paths, 0);
    ck_assert_uint_eq(s->ops_commits, 0);
    ck_assert_double_eq_tol(s->coupling.rci, 0.525, EPS);
    /* a rules file for this run: nothing is ML but the notebook (a default) */
    g_autofree char *none = g_build_filename(dir, "none.rules", NULL);
    ck_assert(g_file_set_contents(none, "# no rule\n", -1, NULL));
    o.rules_path = none;
    g_autoptr(RheaProductSummary) n = summarize(store, "wordwise", NULL, &o);
    ck_assert_uint_eq(n->ml_paths, 1);
    ck_assert_uint_eq(n->nonml_paths, 7);
    ck_assert_uint_eq(n->ml_folders, 1);
    ck_assert_int_eq(n->first_ml, RHEA_SAMPLE_T0 + 6 * RHEA_SAMPLE_DAY);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(unknown_product_is_an_error)
{
    g_autofree char *dir = testutil_tmpdir();
    RheaStore *store = testutil_ingest(dir, "rq", histories_rq, HISTORIES_RQ_RULES);
    RheaSummaryOptions o = options();
    RheaWindow w = {0};
    GError *error = NULL;
    ck_assert_ptr_null(rhea_summary_compute(store, "nope", &w, &o, &error));
    ck_assert_ptr_nonnull(error);
    ck_assert_msg(strstr(error->message, "nope") != NULL, "%s", error->message);
    g_clear_error(&error);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("summary");
    TCase *tc = tcase_create("summary");
    tcase_add_test(tc, rq_history_by_hand);
    tcase_add_test(tc, rq_history_window);
    tcase_add_test(tc, sample_product_by_hand);
    tcase_add_test(tc, unknown_product_is_an_error);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
