/* test_parts.c: the parts file, coupling between two parts, the pair matrix and logical commits,
 * worked by hand on the sample product (docs/metrics.md, "Parts", "Logical commits"). */
#include <check.h>
#include <git2.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "classifiers/parts.h"
#include "metrics/contributors.h"
#include "metrics/parts_coupling.h"
#include "metrics/transactions.h"
#include "tests/sample_set.h"
#include "tests/testutil.h"

START_TEST(parse_and_last_match_wins)
{
    const char *text = "\xEF\xBB\xBF# parts\r\napp app/\nmodel model/\ntests *_test.py\n"
                       "app model/ui/\n";
    GError *error = NULL;
    g_autoptr(RheaParts) p = rhea_parts_parse(text, strlen(text), "p.parts", &error);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(rhea_parts_match(p, "app/main.js"), "app");
    ck_assert_str_eq(rhea_parts_match(p, "model/train.py"), "model");
    ck_assert_str_eq(rhea_parts_match(p, "model/train_test.py"), "tests");
    ck_assert_str_eq(rhea_parts_match(p, "model/ui/view.py"), "app"); /* the last line wins */
    ck_assert_ptr_null(rhea_parts_match(p, "README.md"));
    const GPtrArray *names = rhea_parts_names(p);
    ck_assert_uint_eq(names->len, 3);
    ck_assert_str_eq(g_ptr_array_index(names, 2), "tests");
    struct {
        const char *text;
        const char *message;
    } bad[] = {
        {"app\n", "p.parts:1: part 'app' has no pattern; write PART PATTERN"},
        {"a/b x\n", "p.parts:1: part name 'a/b' is not letters, digits, '_', '-' or '.' (at most "
                    "64); a line is PART PATTERN"},
        {"ok x\nui !x\n",
         "p.parts:2: negation ('!') is not supported; a later line overrides an earlier one"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ck_assert_ptr_null(rhea_parts_parse(bad[i].text, strlen(bad[i].text), "p.parts", &error));
        ck_assert_str_eq(error->message, bad[i].message);
        g_clear_error(&error);
    }
    ck_assert_ptr_null(rhea_parts_parse("a x\0", 4, "p.parts", &error));
    g_clear_error(&error);
}
END_TEST

START_TEST(sample_between_parts_by_hand)
{
    g_auto(SampleSet) s = sample_set_open();
    /* without a parts file, ml,nonml is the default split: the worked example's 10 pairs, 3 cross
     */
    g_autoptr(GHashTable) sides = rhea_parts_sides(s.labels, NULL, "ml", "nonml");
    RheaTransactionOptions o = {.sides = sides};
    g_autoptr(RheaTransactions) t = rhea_transactions_build_with(s.set, &o);
    RheaCoupling c;
    rhea_coupling_compute(&t->input, 0, 0, 1, &c);
    ck_assert_uint_eq(c.transactions, 11);
    ck_assert_uint_eq(c.pairs, 10);
    ck_assert_uint_eq(c.cross_pairs, 3);
    ck_assert_double_eq_tol(c.rci, 0.525, 1e-12);

    /* app/ (main, keyboard, style) vs model/ (train, vocab, predict): package.json and the
     * notebook are in neither. Transactions with a file of either: 1, 2, 3, 4, 5, 6, 7, 10, 11, 13
     * (the bot's 9 changes package.json only): 10. Pairs 1 (2) + 1 (3) + 1 (4) + 1 (5) + 3 (10) +
     * 1 (13) = 8, cross 1 (5) + 2 (10) = 3: ECI 3/8; E = 2*3*3 / (6*5) = 0.6; RCI = 0.625. */
    const char *text = "app app/\nmodel model/\nbuild package.json\nnb *.ipynb\n";
    GError *error = NULL;
    g_autoptr(RheaParts) parts = rhea_parts_parse(text, strlen(text), "p", &error);
    g_autoptr(GHashTable) am = rhea_parts_sides(s.labels, parts, "app", "model");
    o.sides = am;
    g_autoptr(RheaTransactions) t2 = rhea_transactions_build_with(s.set, &o);
    rhea_coupling_compute(&t2->input, 0, 0, 1, &c);
    ck_assert_uint_eq(c.transactions, 10);
    ck_assert_uint_eq(c.pairs, 8);
    ck_assert_uint_eq(c.cross_pairs, 3);
    ck_assert_double_eq_tol(c.rci, 0.625, 1e-12);

    /* the matrix: C(4,2) = 6 pairs, app-model first and the same as above; build-nb: package.json
     * and the notebook never change together, and each transaction has one file: no pairs */
    RheaTransactionOptions base = {0};
    g_autoptr(GArray) m = rhea_parts_matrix(s.set, s.labels, parts, &base, 0, 0, 1);
    ck_assert_uint_eq(m->len, 6);
    const RheaPartPair *p0 = &g_array_index(m, RheaPartPair, 0);
    ck_assert_str_eq(p0->a, "app");
    ck_assert_str_eq(p0->b, "model");
    ck_assert_double_eq_tol(p0->coupling.rci, 0.625, 1e-12);
    const RheaPartPair *p5 = &g_array_index(m, RheaPartPair, 5);
    ck_assert_str_eq(p5->a, "build");
    ck_assert_str_eq(p5->b, "nb");
    ck_assert(isnan(p5->coupling.rci));
}
END_TEST

START_TEST(sample_logical_commits_by_hand)
{
    g_auto(SampleSet) s = sample_set_open();
    RheaContributorOptions copts;
    rhea_contributor_options_init(&copts);
    copts.include_bots = TRUE;
    g_autoptr(RheaContributors) people = rhea_contributors_compute(s.set, &copts);
    /* one day: Alice's 1 (day 0) and 2 (day 1) become one change set of 4 non-ML files (6 pairs),
     * Bob's 3 (day 2) and 4 (day 3) one of train, vocab, predict (3 pairs); 5, 6, 7, 9, 10, 11, 13
     * stay apart. 9 transactions, pairs 6 + 3 + 1 + 0 + 1 + 0 + 3 + 0 + 1 = 15, cross 3:
     * ECI 0.2, RCI 0.2 / (4/7) = 0.35. */
    RheaTransactionOptions o = {.logical_days = 1, .author_of = people->person_of};
    g_autoptr(RheaTransactions) t = rhea_transactions_build_with(s.set, &o);
    ck_assert_uint_eq(t->merged, 2);
    RheaCoupling c;
    rhea_coupling_compute(&t->input, 0, 0, 1, &c);
    ck_assert_uint_eq(c.transactions, 9);
    ck_assert_uint_eq(c.pairs, 15);
    ck_assert_uint_eq(c.cross_pairs, 3);
    ck_assert_double_eq_tol(c.rci, 0.35, 1e-12);
    /* zero days: nothing merged, the default transactions */
    o.logical_days = 0;
    g_autoptr(RheaTransactions) t0 = rhea_transactions_build_with(s.set, &o);
    ck_assert_uint_eq(t0->merged, 0);
    ck_assert_uint_eq(t0->input.n_tx, 11);
    /* seven days: Alice 1, 2, 5 (day 4) in one set; 10 (day 9) opens another (9 > 7); Bob 3, 4, 7
     * (day 6) in one; 13 (day 12) apart; Carol 6 (day 5) and 11 (day 10), 5 days apart, in one;
     * the bot's 9 alone. Merged: 2 + 2 + 1 = 5; change sets 6 */
    o.logical_days = 7;
    g_autoptr(RheaTransactions) t7 = rhea_transactions_build_with(s.set, &o);
    ck_assert_uint_eq(t7->merged, 5);
    ck_assert_uint_eq(t7->input.n_tx, 6);
}
END_TEST

int main(void)
{
    git_libgit2_init();
    Suite *s = suite_create("parts");
    TCase *tc = tcase_create("parts");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, parse_and_last_match_wins);
    tcase_add_test(tc, sample_between_parts_by_hand);
    tcase_add_test(tc, sample_logical_commits_by_hand);
    suite_add_tcase(s, tc);
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
