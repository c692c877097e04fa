/* test_silo.c: the silo measure worked by hand (docs/metrics.md, "Silos"): a four-commit history
 * whose permutation distribution can be enumerated, and the sample product. */
#include <check.h>
#include <git2.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "metrics/silo.h"
#include "tests/sample_set.h"
#include "tests/testutil.h"

START_TEST(perfect_split_and_its_null)
{
    /* A: ML, ML; B: non-ML, non-ML. I = H(S) = ln 2, NMI = 1. Of the C(4,2) = 6 equally likely
     * placements of A's two commits, 2 separate the sides perfectly (MI = ln 2); the others give
     * MI = 0. So P(MI' >= MI) = 1/3 and the p-value tends to 1/3. */
    guint person[] = {0, 0, 1, 1},
          side[] = {RHEA_SIDE_ML, RHEA_SIDE_ML, RHEA_SIDE_NONML, RHEA_SIDE_NONML};
    RheaSiloFigure f;
    rhea_silo_measure(person, side, 4, 2, 20000, 20240414, &f);
    ck_assert_double_eq_tol(f.mi, log(2), 1e-12);
    ck_assert_double_eq_tol(f.h_side, log(2), 1e-12);
    ck_assert_double_eq_tol(f.nmi, 1.0, 1e-12);
    ck_assert_uint_eq(f.people, 2);
    ck_assert_double_eq_tol(f.p_value, 1.0 / 3.0, 0.01);
    /* the same seed gives the same p-value */
    RheaSiloFigure g;
    rhea_silo_measure(person, side, 4, 2, 20000, 20240414, &g);
    ck_assert_double_eq(f.p_value, g.p_value);
    /* independent: A and B each one commit per side: MI = 0, NMI = 0, p = 1 (every shuffle >=) */
    guint side2[] = {RHEA_SIDE_ML, RHEA_SIDE_NONML, RHEA_SIDE_ML, RHEA_SIDE_NONML};
    rhea_silo_measure(person, side2, 4, 2, 100, 1, &f);
    ck_assert_double_eq_tol(f.nmi, 0.0, 1e-12);
    ck_assert_double_eq(f.p_value, 1.0);
    /* one side only: nothing to tell, NMI undefined */
    guint side3[] = {RHEA_SIDE_ML, RHEA_SIDE_ML, RHEA_SIDE_ML, RHEA_SIDE_ML};
    rhea_silo_measure(person, side3, 4, 2, 100, 1, &f);
    ck_assert(isnan(f.nmi));
    ck_assert(isnan(f.p_value));
    /* one person: nothing to tell apart, NMI undefined (not 0) */
    guint alone[] = {0, 0, 0, 0};
    rhea_silo_measure(alone, side, 4, 1, 100, 1, &f);
    ck_assert_uint_eq(f.people, 1);
    ck_assert(isnan(f.nmi));
    ck_assert(isnan(f.p_value));
    rhea_silo_measure(person, side3, 0, 2, 100, 1, &f);
    ck_assert_uint_eq(f.commits, 0);
    ck_assert(isnan(f.nmi));
}
END_TEST

START_TEST(sample_product_by_hand)
{
    g_auto(SampleSet) sample = sample_set_open();
    RheaContributorOptions o;
    rhea_contributor_options_init(&o);
    g_autoptr(RheaContributors) c = rhea_contributors_compute(sample.set, &o);
    RheaSilo s;
    rhea_silo_compute(sample.set, c, 200, 20240414, &s);
    /* 10 counted commits with a side: Alice non-ML 2 (1, 2), both 2 (5, 10); Bob ML 4; Carol
     * non-ML 2. Sides 4 / 4 / 2. */
    ck_assert_uint_eq(s.all.commits, 10);
    ck_assert_uint_eq(s.all.people, 3);
    double h = 0.8 * log(2.5) + 0.2 * log(5);
    double mi = 0.2 * log(1.25) + 0.8 * log(2.5);
    ck_assert_double_eq_tol(s.all.h_side, h, 1e-12);
    ck_assert_double_eq_tol(s.all.mi, mi, 1e-12);
    ck_assert_double_eq_tol(s.all.nmi, mi / h, 1e-12); /* 0.7372 */
    ck_assert_uint_eq(s.all.permutations, 200);
    ck_assert(s.all.p_value > 0 && s.all.p_value <= 1);
    /* core (Alice, Bob): 8 commits, sides ML 4 / non-ML 2 / both 2, H = 1.5 ln 2, I = ln 2 */
    ck_assert_uint_eq(s.core.commits, 8);
    ck_assert_double_eq_tol(s.core.nmi, 2.0 / 3.0, 1e-12);
    /* exact null: of the C(8,4) = 70 placements of Alice's 4 commits, only 2 reach I = ln 2 (hers
     * are the 4 ML commits, or the 4 others): p -> 2/70 */
    RheaSilo exact;
    rhea_silo_compute(sample.set, c, 20000, 7, &exact);
    ck_assert_double_eq_tol(exact.core.p_value, 2.0 / 70.0, 0.005);
}
END_TEST

int main(void)
{
    return testutil_main("silo", 60, perfect_split_and_its_null, sample_product_by_hand, NULL);
}
