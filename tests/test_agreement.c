/* test_agreement.c: Cohen's and Fleiss' kappa and the verdicts CSV, against values worked by
 * hand (docs/metrics.md, "Agreement between raters") and Fleiss' published example (1971, as
 * reproduced in most textbooks: 10 subjects, 14 raters, 5 categories, kappa 0.210). */
#include <check.h>
#include <math.h>

#include "engine/error.h"
#include "metrics/agreement.h"
#include "metrics/verdicts.h"
#include "tests/testutil.h"

#define EPS 1e-9

START_TEST(cohen_by_hand)
{
    /* rater A: y y y y y n n n n u; rater B: y y y y n n n n y u (y=0 n=1 u=2).
     * Agree on 8 of 10: Po = 0.8. Shares: A (.5,.4,.1), B (.5,.4,.1): Pe = .25+.16+.01 = .42.
     * kappa = .38/.58 = 19/29. se = sqrt(.8*.2/(10*.58^2)) = sqrt(.16/3.364).
     * se0 = sqrt((.42 + .42^2 - (.25*1 + .16*.8 + .01*.2)) / 3.364) = sqrt(.2164/3.364). */
    const guint a[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 2};
    const guint b[] = {0, 0, 0, 0, 1, 1, 1, 1, 0, 2};
    RheaAgreement ag;
    rhea_agreement_cohen(a, b, 10, 3, &ag);
    ck_assert_double_eq_tol(ag.observed, 0.8, EPS);
    ck_assert_double_eq_tol(ag.expected, 0.42, EPS);
    ck_assert_double_eq_tol(ag.kappa, 19.0 / 29.0, EPS);
    ck_assert_double_eq_tol(ag.se, sqrt(0.16 / 3.364), EPS);
    ck_assert_double_eq_tol(ag.se0, sqrt(0.2164 / 3.364), EPS);
    ck_assert_double_eq_tol(ag.z, (19.0 / 29.0) / sqrt(0.2164 / 3.364), EPS);
    ck_assert_double_eq_tol(ag.p_value, erfc(ag.z / sqrt(2.0)), EPS);
    ck_assert_double_eq_tol(ag.ci_low, 19.0 / 29.0 - 1.96 * sqrt(0.16 / 3.364), EPS);
    ck_assert_ptr_null(ag.undefined_reason);
}
END_TEST

START_TEST(fleiss_published_example)
{
    const guint counts[] = {0, 0, 0, 0, 14, 0, 2, 6, 4, 2, 0, 0, 3, 5, 6, 0, 3,
                            9, 2, 0, 2, 2,  8, 1, 1, 7, 7, 0, 0, 0, 3, 2, 6, 3,
                            0, 2, 5, 3, 2,  2, 6, 5, 2, 1, 0, 0, 2, 2, 3, 7};
    RheaAgreement ag;
    rhea_agreement_fleiss(counts, 10, 5, 14, &ag);
    /* P-bar = 0.378, Pe = 0.213, kappa = 0.210 as published; exact: P-bar = 688/1820,
     * p = (20, 28, 39, 21, 32)/140 so Pe = 4170/19600. */
    ck_assert_double_eq_tol(ag.observed, 688.0 / 1820.0, EPS);
    ck_assert_double_eq_tol(ag.expected, 4170.0 / 19600.0, EPS);
    ck_assert_double_eq_tol(ag.kappa, (688.0 / 1820 - 4170.0 / 19600) / (1 - 4170.0 / 19600), EPS);
    ck_assert_double_eq_tol(round(ag.kappa * 1000) / 1000, 0.210, EPS);
    /* Fleiss-Nee-Landis null se, from the p_j above: sum pq = 1 - Pe = 15430/19600 and
     * sum pq(q-p) = sum p(1-p)(1-2p), worked to 0.0167... in docs/metrics.md */
    double p[] = {20 / 140.0, 28 / 140.0, 39 / 140.0, 21 / 140.0, 32 / 140.0};
    double pq = 0, pqqp = 0;
    for (int j = 0; j < 5; j++) {
        pq += p[j] * (1 - p[j]);
        pqqp += p[j] * (1 - p[j]) * (1 - 2 * p[j]);
    }
    ck_assert_double_eq_tol(pq, 15430.0 / 19600, EPS);
    ck_assert_double_eq_tol(ag.se0, sqrt(2.0) / (pq * sqrt(10.0 * 14 * 13)) * sqrt(pq * pq - pqqp),
                            EPS);
    ck_assert_double_eq_tol(ag.se0, 0.016965069224393, 1e-12);
}
END_TEST

START_TEST(degenerate_cases)
{
    RheaAgreement ag;
    /* all agree, one category: chance agreement is 1, kappa undefined */
    const guint same[] = {1, 1, 1, 1};
    rhea_agreement_cohen(same, same, 4, 3, &ag);
    ck_assert(isnan(ag.kappa));
    ck_assert_ptr_nonnull(ag.undefined_reason);
    const guint fc[] = {0, 3, 0, 0, 3, 0};
    rhea_agreement_fleiss(fc, 2, 3, 3, &ag);
    ck_assert(isnan(ag.kappa));
    ck_assert_ptr_nonnull(ag.undefined_reason);
    /* all agree over two categories: kappa 1, se 0 (Po = 1) */
    const guint two[] = {0, 1, 0, 1};
    rhea_agreement_cohen(two, two, 4, 3, &ag);
    ck_assert_double_eq_tol(ag.kappa, 1.0, EPS);
    ck_assert_double_eq_tol(ag.se, 0.0, EPS);
    /* Pe = .5, cross = .25*1 + .25*1 = .5: se0 = sqrt((.5+.25-.5)/(4*.25)) = .5, z = 2 */
    ck_assert_double_eq_tol(ag.se0, 0.5, EPS);
    ck_assert_double_eq_tol(ag.z, 2.0, EPS);
    const guint ft[] = {3, 0, 0, 0, 3, 0};
    rhea_agreement_fleiss(ft, 2, 3, 3, &ag);
    ck_assert_double_eq_tol(ag.observed, 1.0, EPS);
    ck_assert_double_eq_tol(ag.kappa, 1.0, EPS);
    /* complete disagreement of two raters on two categories: Po 0, Pe .5, kappa -1 */
    const guint x[] = {0, 1}, y[] = {1, 0};
    rhea_agreement_cohen(x, y, 2, 2, &ag);
    ck_assert_double_eq_tol(ag.kappa, -1.0, EPS);
}
END_TEST

START_TEST(verdicts_file)
{
    const char *csv = "\xef\xbb\xbfrepository,ann,bob\r\n"
                      "# a comment\n"
                      "a/one,yes,yes\n"
                      "\"b,two\",NO,n\n"
                      "c/three,unsure,yes\n"
                      "d/four, y , no\n";
    GError *error = NULL;
    g_autoptr(RheaVerdicts) v = rhea_verdicts_parse(csv, strlen(csv), "v.csv", &error);
    ck_assert_msg(v, "%s", error ? error->message : "");
    ck_assert_uint_eq(rhea_verdicts_n_raters(v), 2);
    ck_assert_uint_eq(rhea_verdicts_n_repositories(v), 4);
    ck_assert_str_eq(g_ptr_array_index(v->repositories, 1), "b,two");
    ck_assert_int_eq(rhea_verdicts_get(v, 2, 0), RHEA_VERDICT_UNSURE);
    ck_assert_int_eq(rhea_verdicts_get(v, 3, 1), RHEA_VERDICT_NO);
    /* ann y n u y, bob y n y n: Po = 2/4; ann (.5,.25,.25), bob (.5,.5,0): Pe = .25+.125 = .375;
     * kappa = .125/.625 = 0.2 */
    RheaAgreement ag;
    rhea_verdicts_cohen(v, 0, 1, &ag);
    ck_assert_double_eq_tol(ag.kappa, 0.2, EPS);
}
END_TEST

START_TEST(verdicts_errors_name_the_line)
{
    const struct {
        const char *text, *message;
    } cases[] = {
        {"repo,ann\n", "v.csv:1: expected a header repository,RATER,RATER... with at least two "
                       "raters"},
        {"repository,ann\nx,yes\n", "v.csv:1: expected a header repository,RATER,RATER... with "
                                    "at least two raters"},
        {"repository,ann,ann\n", "v.csv:1: rater 2 'ann' is named twice; give each rater a "
                                 "distinct name"},
        {"repository,ann,bob\nx,yes\n", "v.csv:2: 2 fields where the header has 3 (repository "
                                        "and one verdict per rater)"},
        {"repository,ann,bob\nx,yes,maybe\n", "v.csv:2: verdict 'maybe' of bob is not yes, no or "
                                              "unsure"},
        {"repository,ann,bob\nx,yes,\n", "v.csv:2: verdict '' of bob is not yes, no or unsure"},
        {"repository,ann,bob\nx,yes,no\n\nx,no,no\n", "v.csv:4: repository 'x' is listed twice; "
                                                      "one line per repository"},
        {"repository,ann,bob\n\"x,yes,no\n", "v.csv:2: a quoted field is not closed; end it "
                                             "with \""},
        {"repository,ann,bob\n", "v.csv: no repository rated; expected a header "
                                 "repository,RATER... and one line per repository"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *error = NULL;
        RheaVerdicts *v =
            rhea_verdicts_parse(cases[i].text, strlen(cases[i].text), "v.csv", &error);
        ck_assert_ptr_null(v);
        ck_assert_str_eq(error->message, cases[i].message);
        ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_INVALID));
        g_error_free(error);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("agreement");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, cohen_by_hand);
    tcase_add_test(tc, fleiss_published_example);
    tcase_add_test(tc, degenerate_cases);
    tcase_add_test(tc, verdicts_file);
    tcase_add_test(tc, verdicts_errors_name_the_line);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
