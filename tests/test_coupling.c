/* test_coupling.c: every coupling formula on hand-worked examples (docs/metrics.md, "Coupling"). */
#include <check.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

#include "metrics/coupling.h"
#include "tests/testutil.h"

#define EPS 1e-12

/* Builds an input from transactions written as strings of file indices, e.g. {"01", "2"}. */
typedef struct {
    gboolean is_ml[64];
    guint start[64], files[512];
    RheaCouplingInput in;
} Fixture;

static void fixture(Fixture *f, const char *ml, guint n_files, const char **tx, guint n_tx)
{
    for (guint i = 0; i < n_files; i++)
        f->is_ml[i] = ml[i] == 'M';
    guint pos = 0;
    for (guint t = 0; t < n_tx; t++) {
        f->start[t] = pos;
        for (const char *c = tx[t]; *c; c++)
            f->files[pos++] = (guint)(*c >= 'a' ? *c - 'a' + 10 : *c - '0');
    }
    f->start[n_tx] = pos;
    f->in = (RheaCouplingInput){n_files, f->is_ml, n_tx, f->start, f->files};
}

/* The sample product's 11 transactions (docs/metrics.md worked example): files 0-3 non-ML
 * (package.json, app/main.js, app/keyboard.js, app/style.css), 4-7 ML (model/train.py,
 * model/vocab.py, model/predict.py, notebooks/explore.ipynb). */
static const char *SAMPLE_TX[] = {"01", "23", "45", "64", "26", "3", "47", "0", "162", "2", "45"};

START_TEST(worked_example_pair_and_transaction_forms)
{
    Fixture f;
    fixture(&f, "NNNNMMMM", 8, SAMPLE_TX, 11);
    RheaCoupling c;
    rhea_coupling_compute(&f.in, 0, 0, 1, &c);
    ck_assert_uint_eq(c.transactions, 11);
    ck_assert_uint_eq(c.ml_files, 4);
    ck_assert_uint_eq(c.nonml_files, 4);
    ck_assert_uint_eq(c.pairs, 10);
    ck_assert_uint_eq(c.cross_pairs, 3);
    ck_assert_double_eq_tol(c.eci, 0.3, EPS);
    ck_assert_double_eq_tol(c.expected_eci, 4.0 / 7.0, EPS);
    ck_assert_double_eq_tol(c.rci, 0.525, EPS);
    ck_assert_uint_eq(c.both, 2);
    ck_assert_double_eq_tol(c.eci_tx, 2.0 / 11.0, EPS);
    ck_assert_double_eq_tol(c.expected_eci_tx, 34.0 / 77.0, EPS);
    ck_assert_double_eq_tol(c.rci_tx, 7.0 / 17.0, EPS);
    ck_assert_ptr_null(c.null_reason);
    ck_assert(isnan(c.p_value));
    ck_assert(isnan(c.ci_low));
    ck_assert(isnan(c.null_low));
}
END_TEST

START_TEST(hypergeometric_both_sides)
{
    ck_assert_double_eq_tol(rhea_coupling_p_both(4, 4, 1), 0.0, EPS);
    ck_assert_double_eq_tol(rhea_coupling_p_both(4, 4, 2), 4.0 / 7.0, EPS);
    ck_assert_double_eq_tol(rhea_coupling_p_both(4, 4, 3), 6.0 / 7.0, EPS);
    /* k > m and k > n: every 5-subset of 4 + 4 files holds both sides */
    ck_assert_double_eq_tol(rhea_coupling_p_both(4, 4, 5), 1.0, EPS);
    /* k > m only: 1 - C(6,3)/C(8,3) = 1 - 20/56 */
    ck_assert_double_eq_tol(rhea_coupling_p_both(2, 6, 3), 36.0 / 56.0, EPS);
    ck_assert_double_eq_tol(rhea_coupling_p_both(0, 6, 3), 0.0, EPS);
    /* large N and k: C(n,k)/C(N,k) = prod_{j<5} (N-k-j)/(N-j) for N = n + 5, by a direct product */
    guint m = 5, n = 100000, k = 50000, N = m + n;
    long double only_n = 1.0L;
    for (guint j = 0; j < m; j++)
        only_n *= (long double)(N - k - j) / (long double)(N - j);
    double p = rhea_coupling_p_both(m, n, k);
    ck_assert(isfinite(p));
    ck_assert_double_eq_tol(p, (double)(1.0L - only_n), 1e-9);
}
END_TEST

START_TEST(no_ml_files_only_ml_files_single_files)
{
    Fixture f;
    RheaCoupling c;
    const char *tx[] = {"01", "12"};
    fixture(&f, "NNN", 3, tx, 2);
    rhea_coupling_compute(&f.in, 100, 100, 1, &c);
    ck_assert_uint_eq(c.pairs, 2);
    ck_assert_double_eq_tol(c.eci, 0.0, EPS);
    ck_assert(isnan(c.rci));
    ck_assert_str_eq(c.null_reason, "no ML files: random edits never cross (E = 0)");
    ck_assert(isnan(c.p_value));

    fixture(&f, "MMM", 3, tx, 2);
    rhea_coupling_compute(&f.in, 100, 100, 1, &c);
    ck_assert(isnan(c.rci));
    ck_assert_str_eq(c.null_reason, "no non-ML files: random edits never cross (E = 0)");

    const char *single[] = {"0", "1", "2", "0"};
    fixture(&f, "MNN", 3, single, 4);
    rhea_coupling_compute(&f.in, 100, 100, 1, &c);
    ck_assert_uint_eq(c.pairs, 0);
    ck_assert(isnan(c.eci));
    ck_assert(isnan(c.rci));
    ck_assert_str_eq(c.null_reason, "no co-changed pairs: every transaction changes one file");
    /* the transaction form is defined: no single-file transaction can touch both sides */
    ck_assert_double_eq_tol(c.eci_tx, 0.0, EPS);
    ck_assert_double_eq_tol(c.expected_eci_tx, 0.0, EPS);

    fixture(&f, "", 0, NULL, 0);
    rhea_coupling_compute(&f.in, 10, 10, 1, &c);
    ck_assert_str_eq(c.null_reason, "no transactions in the window");
}
END_TEST

START_TEST(one_huge_transaction_is_exactly_random)
{
    /* 1000 files, 10 of them ML, all changed at once: ECI = 10*990 / C(1000,2) = E, so RCI = 1,
     * and a 1000-subset of 1000 files always holds both sides, so RCI_tx = 1. */
    static gboolean is_ml[1000];
    static guint files[1000];
    for (guint i = 0; i < 1000; i++) {
        is_ml[i] = i < 10;
        files[i] = i;
    }
    guint start[2] = {0, 1000};
    RheaCouplingInput in = {1000, is_ml, 1, start, files};
    RheaCoupling c;
    rhea_coupling_compute(&in, 50, 50, 1, &c);
    ck_assert_uint_eq(c.pairs, 499500);
    ck_assert_uint_eq(c.cross_pairs, 9900);
    ck_assert_double_eq_tol(c.rci, 1.0, 1e-12);
    ck_assert_double_eq_tol(c.rci_tx, 1.0, 1e-12);
    /* every shuffle gives the same cross count: both tails are 1 */
    ck_assert_double_eq_tol(c.p_greater, 1.0, EPS);
    ck_assert_double_eq_tol(c.p_less, 1.0, EPS);
    /* every shuffle gives RCI 1: the random range is a point */
    ck_assert_double_eq_tol(c.null_low, 1.0, 1e-12);
    ck_assert_double_eq_tol(c.null_high, 1.0, 1e-12);
    /* every bootstrap replicate is the one transaction */
    ck_assert_double_eq_tol(c.ci_low, 1.0, 1e-12);
    ck_assert_double_eq_tol(c.ci_high, 1.0, 1e-12);
}
END_TEST

/* The exact permutation distribution by enumerating all C(8,4) = 70 labelings. */
static double exact_p_less(const Fixture *f, guint64 observed)
{
    guint hits = 0, total = 0;
    for (guint mask = 0; mask < 256; mask++) {
        if (__builtin_popcount(mask) != 4)
            continue;
        gboolean ml[8];
        for (guint i = 0; i < 8; i++)
            ml[i] = (mask >> i) & 1;
        guint64 cross = 0;
        for (guint t = 0; t < f->in.n_tx; t++) {
            guint64 km = 0, k = f->start[t + 1] - f->start[t];
            for (guint i = f->start[t]; i < f->start[t + 1]; i++)
                km += ml[f->files[i]];
            cross += km * (k - km);
        }
        hits += cross <= observed;
        total++;
    }
    ck_assert_uint_eq(total, 70);
    return (double)hits / total;
}

START_TEST(permutation_p_value_matches_exact_enumeration)
{
    Fixture f;
    fixture(&f, "NNNNMMMM", 8, SAMPLE_TX, 11);
    RheaCoupling c;
    rhea_coupling_compute(&f.in, 20000, 0, RHEA_COUPLING_DEFAULT_SEED, &c);
    double exact = exact_p_less(&f, 3);
    ck_assert_double_eq_tol(c.p_less, exact, 0.01);
    /* rci < 1: the reported p-value is the lower tail */
    ck_assert_double_eq_tol(c.p_value, c.p_less, EPS);
    ck_assert(c.p_greater > 0.5);
    /* the same seed gives the same answer */
    RheaCoupling again;
    rhea_coupling_compute(&f.in, 20000, 0, RHEA_COUPLING_DEFAULT_SEED, &again);
    ck_assert_double_eq(c.p_less, again.p_less);
    /* the random range: of the 70 labelings, 4 give 2 cross pairs (RCI 0.35, cumulative share
     * 0.057 > 0.025) and 14 give 8 (RCI 1.4; below it 0.8 < 0.975), so the 2.5% and 97.5%
     * quantiles are 0.35 and 1.4. The observed 0.525 lies inside: no split effect, as p_less =
     * 6/70 = 0.086 says too. */
    ck_assert_double_eq_tol(c.null_low, 0.35, 1e-9);
    ck_assert_double_eq_tol(c.null_high, 1.4, 1e-9);
}
END_TEST

START_TEST(bootstrap_interval_brackets_and_is_reproducible)
{
    Fixture f;
    fixture(&f, "NNNNMMMM", 8, SAMPLE_TX, 11);
    RheaCoupling a, b;
    rhea_coupling_compute(&f.in, 0, 2000, 7, &a);
    rhea_coupling_compute(&f.in, 0, 2000, 7, &b);
    ck_assert(a.ci_low <= a.rci && a.rci <= a.ci_high);
    ck_assert(a.ci_low >= 0.0);
    /* the highest RCI a replicate can reach is one made only of transaction 5 (one pair, crossing):
     * 1 / (4/7) = 7/4 */
    ck_assert(a.ci_high <= 7.0 / 4.0 + EPS);
    ck_assert(a.ci_high > a.ci_low);
    ck_assert_double_eq(a.ci_low, b.ci_low);
    ck_assert_double_eq(a.ci_high, b.ci_high);
}
END_TEST

/* The bootstrap's interval as GSL's own draws give it (the independent path): seed + 1, n_tx draws
 * of gsl_rng_uniform_int(n_tx) per replicate, each transaction's cross and pair counts summed by
 * hand (SAMPLE_TX: k and k_ML per transaction), replicates without pairs skipped, GSL's quantiles
 * of the sorted RCIs. 2000 replicates of 11 draws cross 35 blocks of the generator. */
START_TEST(bootstrap_interval_as_gsl_draws)
{
    Fixture f;
    fixture(&f, "NNNNMMMM", 8, SAMPLE_TX, 11);
    /* cross = k_ML (k - k_ML) and pairs = k (k - 1) / 2 of each of the 11 transactions */
    const guint64 cross[] = {0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0};
    const guint64 pairs[] = {1, 1, 1, 1, 1, 0, 1, 0, 3, 0, 1};
    const guint replicates = 2000;
    const guint64 seed = 7;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, (unsigned long)seed + 1);
    g_autofree double *rci = g_new(double, replicates);
    guint kept = 0;
    for (guint b = 0; b < replicates; b++) {
        guint64 c = 0, p = 0;
        for (guint i = 0; i < 11; i++) {
            unsigned long t = gsl_rng_uniform_int(g, 11);
            c += cross[t];
            p += pairs[t];
        }
        if (p > 0)
            rci[kept++] = ((double)c / (double)p) / (4.0 / 7.0);
    }
    gsl_rng_free(g);
    gsl_sort(rci, 1, kept);
    RheaCoupling a;
    rhea_coupling_compute(&f.in, 0, replicates, seed, &a);
    ck_assert_double_eq_tol(a.expected_eci, 4.0 / 7.0, EPS);
    ck_assert_double_eq(a.ci_low, gsl_stats_quantile_from_sorted_data(rci, 1, kept, 0.025));
    ck_assert_double_eq(a.ci_high, gsl_stats_quantile_from_sorted_data(rci, 1, kept, 0.975));
}
END_TEST

START_TEST(top_pairs_with_support_and_confidence)
{
    Fixture f;
    fixture(&f, "NNNNMMMM", 8, SAMPLE_TX, 11);
    GArray *top = rhea_coupling_top_pairs(&f.in, 5);
    ck_assert_uint_eq(top->len, 2);
    RheaCoupledPair *p = &g_array_index(top, RheaCoupledPair, 0);
    /* model/predict.py (6) with app/keyboard.js (2): transactions 5 and 9 */
    ck_assert_uint_eq(p->ml_file, 6);
    ck_assert_uint_eq(p->nonml_file, 2);
    ck_assert_uint_eq(p->together, 2);
    ck_assert_double_eq_tol(p->support, 2.0 / 11.0, EPS);
    ck_assert_double_eq_tol(p->confidence_ml, 2.0 / 3.0, EPS);
    ck_assert_double_eq_tol(p->confidence_nonml, 2.0 / 4.0, EPS);
    p = &g_array_index(top, RheaCoupledPair, 1);
    ck_assert_uint_eq(p->ml_file, 6);
    ck_assert_uint_eq(p->nonml_file, 1);
    ck_assert_uint_eq(p->together, 1);
    g_array_free(top, TRUE);
    top = rhea_coupling_top_pairs(&f.in, 1);
    ck_assert_uint_eq(top->len, 1);
    g_array_free(top, TRUE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("coupling");
    TCase *tc = tcase_create("coupling");
    tcase_add_test(tc, worked_example_pair_and_transaction_forms);
    tcase_add_test(tc, hypergeometric_both_sides);
    tcase_add_test(tc, no_ml_files_only_ml_files_single_files);
    tcase_add_test(tc, one_huge_transaction_is_exactly_random);
    tcase_add_test(tc, permutation_p_value_matches_exact_enumeration);
    tcase_add_test(tc, bootstrap_interval_brackets_and_is_reproducible);
    tcase_add_test(tc, bootstrap_interval_as_gsl_draws);
    tcase_add_test(tc, top_pairs_with_support_and_confidence);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
