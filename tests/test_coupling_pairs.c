/* test_coupling_pairs.c: the coupled-pairs ranking (metrics/coupling_pairs.c) equals a
 * pair-by-pair count written independently here, and its work (counted steps, never seconds)
 * at most doubles-and-a-bit when the input doubles. */
#include <check.h>

#include "metrics/coupling.h"
#include "tests/testutil.h"

typedef struct {
    GArray *is_ml, *start, *files; /* gboolean, guint, guint */
    RheaCouplingInput in;
} Input;

static void input_init(Input *x, guint n_files)
{
    x->is_ml = g_array_new(FALSE, TRUE, sizeof(gboolean));
    g_array_set_size(x->is_ml, n_files);
    x->start = g_array_new(FALSE, FALSE, sizeof(guint));
    x->files = g_array_new(FALSE, FALSE, sizeof(guint));
    guint zero = 0;
    g_array_append_val(x->start, zero);
}

static void input_add_tx(Input *x, const guint *files, guint n)
{
    g_array_append_vals(x->files, files, n);
    g_array_append_val(x->start, x->files->len);
}

static const RheaCouplingInput *input_get(Input *x)
{
    x->in = (RheaCouplingInput){x->is_ml->len, (const gboolean *)x->is_ml->data, x->start->len - 1,
                                (const guint *)x->start->data, (const guint *)x->files->data};
    return &x->in;
}

static void input_clear(Input *x)
{
    g_array_free(x->is_ml, TRUE);
    g_array_free(x->start, TRUE);
    g_array_free(x->files, TRUE);
}

/* The reference: a matrix of together counts, then every pair in (count desc, ML file, non-ML
 * file) order by a scan of the matrix per rank. */
static GArray *brute_force(const RheaCouplingInput *in, guint k)
{
    guint n = in->n_files;
    guint *together = g_new0(guint, n * n), *changes = g_new0(guint, n);
    for (guint t = 0; t < in->n_tx; t++)
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++) {
            changes[in->files[i]]++;
            for (guint j = in->tx_start[t]; j < in->tx_start[t + 1]; j++)
                if (in->is_ml[in->files[i]] && !in->is_ml[in->files[j]])
                    together[in->files[i] * n + in->files[j]]++;
        }
    GArray *out = g_array_new(FALSE, FALSE, sizeof(RheaCoupledPair));
    guint max = 0;
    for (guint i = 0; i < n * n; i++)
        max = MAX(max, together[i]);
    for (guint c = max; c >= 1 && out->len < k; c--)
        for (guint a = 0; a < n && out->len < k; a++)
            for (guint b = 0; b < n && out->len < k; b++)
                if (together[a * n + b] == c) {
                    RheaCoupledPair p = {a,
                                         b,
                                         c,
                                         (double)c / in->n_tx,
                                         (double)c / changes[a],
                                         (double)c / changes[b]};
                    g_array_append_val(out, p);
                }
    g_free(together);
    g_free(changes);
    return out;
}

static guint32 next(guint64 *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (guint32)(*state >> 33);
}

/* T transactions of 1 to 8 distinct files out of F (a fifth ML), seeded. */
static void random_history(Input *x, guint F, guint T, guint64 seed)
{
    input_init(x, F);
    for (guint f = 0; f < F; f++)
        g_array_index(x->is_ml, gboolean, f) = f % 5 == 0;
    guint64 st = seed;
    for (guint t = 0; t < T; t++) {
        guint n = 1 + next(&st) % 8, files[8], got = 0;
        while (got < n) {
            guint f = next(&st) % F;
            gboolean dup = FALSE;
            for (guint i = 0; i < got; i++)
                dup |= files[i] == f;
            if (!dup)
                files[got++] = f;
        }
        input_add_tx(x, files, n);
    }
}

static void assert_same(GArray *got, GArray *want)
{
    ck_assert_uint_eq(got->len, want->len);
    for (guint i = 0; i < got->len; i++) {
        RheaCoupledPair *g = &g_array_index(got, RheaCoupledPair, i);
        RheaCoupledPair *w = &g_array_index(want, RheaCoupledPair, i);
        ck_assert_uint_eq(g->ml_file, w->ml_file);
        ck_assert_uint_eq(g->nonml_file, w->nonml_file);
        ck_assert_uint_eq(g->together, w->together);
        ck_assert_double_eq_tol(g->support, w->support, 1e-12);
        ck_assert_double_eq_tol(g->confidence_ml, w->confidence_ml, 1e-12);
        ck_assert_double_eq_tol(g->confidence_nonml, w->confidence_nonml, 1e-12);
    }
}

START_TEST(equals_pair_by_pair_count)
{
    /* 40 seeded histories: few files (many ties and shared classes) to many (all distinct) */
    static const guint ks[] = {0, 1, 3, 10, 1000000};
    for (guint64 seed = 1; seed <= 40; seed++) {
        Input x;
        random_history(&x, 5 + (guint)seed * 2, 3 + (guint)seed % 17, seed);
        const RheaCouplingInput *in = input_get(&x);
        for (guint i = 0; i < G_N_ELEMENTS(ks); i++) {
            GArray *got = rhea_coupling_top_pairs(in, ks[i]);
            GArray *want = brute_force(in, ks[i]);
            assert_same(got, want);
            g_array_free(got, TRUE);
            g_array_free(want, TRUE);
        }
        input_clear(&x);
    }
}
END_TEST

START_TEST(two_big_commits_by_hand)
{
    /* files 0-3 ML, 4-7 non-ML; commit 0 changes all 8, commit 1 changes 1, 2, 5 and 6: pairs
     * (1,5) (1,6) (2,5) (2,6) together twice, the other 12 once; top 6 = the four, then (0,4)
     * (0,5) */
    Input x;
    input_init(&x, 8);
    for (guint f = 0; f < 4; f++)
        g_array_index(x.is_ml, gboolean, f) = TRUE;
    guint all[] = {7, 6, 5, 4, 3, 2, 1, 0}, some[] = {6, 1, 5, 2};
    input_add_tx(&x, all, 8);
    input_add_tx(&x, some, 4);
    GArray *got = rhea_coupling_top_pairs(input_get(&x), 6);
    static const guint want[][3] = {{1, 5, 2}, {1, 6, 2}, {2, 5, 2},
                                    {2, 6, 2}, {0, 4, 1}, {0, 5, 1}};
    ck_assert_uint_eq(got->len, 6);
    for (guint i = 0; i < 6; i++) {
        RheaCoupledPair *p = &g_array_index(got, RheaCoupledPair, i);
        ck_assert_uint_eq(p->ml_file, want[i][0]);
        ck_assert_uint_eq(p->nonml_file, want[i][1]);
        ck_assert_uint_eq(p->together, want[i][2]);
    }
    /* (1,5): together 2 of 2 transactions; file 1 changed twice, file 5 twice */
    ck_assert_double_eq_tol(g_array_index(got, RheaCoupledPair, 0).confidence_ml, 1.0, 1e-12);
    /* (0,4): once; file 0 changed once, file 4 once */
    ck_assert_double_eq_tol(g_array_index(got, RheaCoupledPair, 4).support, 0.5, 1e-12);
    g_array_free(got, TRUE);
    input_clear(&x);
}
END_TEST

/* The case: two commits of 2N files, half ML; the second changes every other file. */
static guint64 ops_two_commits(guint N, guint k)
{
    Input x;
    input_init(&x, 2 * N);
    GArray *all = g_array_new(FALSE, FALSE, sizeof(guint)),
           *half = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint f = 0; f < 2 * N; f++) {
        g_array_index(x.is_ml, gboolean, f) = f < N;
        g_array_append_val(all, f);
        if (f % 2 == 0)
            g_array_append_val(half, f);
    }
    input_add_tx(&x, (guint *)all->data, all->len);
    input_add_tx(&x, (guint *)half->data, half->len);
    guint64 ops = 0;
    GArray *top = rhea_coupling_top_pairs_counted(input_get(&x), k, &ops);
    /* the top pair: ML file 0 with non-ML file N (both even), together twice */
    ck_assert_uint_ge(top->len, 1);
    ck_assert_uint_eq(g_array_index(top, RheaCoupledPair, 0).ml_file, 0);
    ck_assert_uint_eq(g_array_index(top, RheaCoupledPair, 0).nonml_file, N);
    ck_assert_uint_eq(g_array_index(top, RheaCoupledPair, 0).together, 2);
    g_array_free(top, TRUE);
    g_array_free(all, TRUE);
    g_array_free(half, TRUE);
    input_clear(&x);
    return ops;
}

static guint64 ops_random(guint F, guint T, guint k, guint *input)
{
    Input x;
    random_history(&x, F, T, 7);
    *input = x.files->len;
    guint64 ops = 0;
    GArray *top = rhea_coupling_top_pairs_counted(input_get(&x), k, &ops);
    g_array_free(top, TRUE);
    input_clear(&x);
    return ops;
}

#define MAX_RATIO 2.1

START_TEST(work_doubles_with_the_input)
{
    for (guint k = 1; k <= 100; k *= 10)
        for (guint N = 250; N <= 4000; N *= 2) {
            guint64 a = ops_two_commits(N, k), b = ops_two_commits(2 * N, k);
            if ((double)b / a > MAX_RATIO)
                ck_abort_msg("two commits, N %u -> %u, top %u: %" G_GUINT64_FORMAT
                             " -> %" G_GUINT64_FORMAT " steps",
                             N, 2 * N, k, a, b);
        }
    /* random histories, files and transactions both doubled: the sort of class pairs is
     * P log P, so the steps per input file may grow by the log's share (1 + 1/log2 P, P in the
     * thousands here); the input itself is drawn, so the ratio is taken per input file */
    for (guint F = 500, T = 2000; F <= 16000; F *= 2, T *= 2) {
        guint in_a, in_b;
        guint64 a = ops_random(F, T, 10, &in_a), b = ops_random(2 * F, 2 * T, 10, &in_b);
        double growth = ((double)b / in_b) / ((double)a / in_a);
        if (growth > 1.125)
            ck_abort_msg("random, %u files %u tx doubled: %" G_GUINT64_FORMAT
                         " steps for %u -> %" G_GUINT64_FORMAT " for %u",
                         F, T, a, in_a, b, in_b);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("coupling_pairs");
    TCase *tc = tcase_create("coupling_pairs");
    tcase_add_test(tc, equals_pair_by_pair_count);
    tcase_add_test(tc, two_big_commits_by_hand);
    tcase_add_test(tc, work_doubles_with_the_input);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
