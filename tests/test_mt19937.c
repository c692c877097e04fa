/* test_mt19937.c: the inlined generator (metrics/mt19937.h) against GSL itself, the independent
 * path: the same raw words, uniform integers and shuffles for the same seeds, including GSL's
 * special cases (seed 0 means 4357; seeds above 2^32 keep their low word), plus the first output
 * for seed 5489 that Matsumoto and Nishimura publish for init_genrand (3499211612). The division
 * by a reciprocal (rhea_mt_div) is checked against the division itself where it would fail first:
 * at every multiple of the divisor, one below it, and at the ends of the 32-bit range. */
#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <string.h>

#include "metrics/mt19937.h"
#include "tests/testutil.h"

static const unsigned long SEEDS[] = {
    0, 1, 4357, 5489, 20240414, 20240415, 4294967295UL, 4294967296UL, 4294967301UL};

START_TEST(published_first_word)
{
    RheaMt r;
    rhea_mt_seed(&r, 5489);
    ck_assert_uint_eq(rhea_mt_next(&r), 3499211612u);
}
END_TEST

START_TEST(raw_words_as_gsl)
{
    for (gsize s = 0; s < G_N_ELEMENTS(SEEDS); s++) {
        gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(g, SEEDS[s]);
        RheaMt r;
        rhea_mt_seed(&r, SEEDS[s]);
        for (int i = 0; i < 5000; i++) /* crosses the 624-word refill eight times */
            ck_assert_uint_eq(rhea_mt_next(&r), gsl_rng_get(g));
        gsl_rng_free(g);
    }
}
END_TEST

START_TEST(uniform_int_as_gsl)
{
    /* bounds that reject often (just above a power of two, near 2^32) and rarely */
    const guint32 bounds[] = {1, 2, 3, 7, 10, 1000, 1025, 65537, 2147483649u, 4294967295u};
    for (gsize s = 0; s < G_N_ELEMENTS(SEEDS); s++)
        for (gsize b = 0; b < G_N_ELEMENTS(bounds); b++) {
            gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
            gsl_rng_set(g, SEEDS[s]);
            RheaMt r;
            rhea_mt_seed(&r, SEEDS[s]);
            for (int i = 0; i < 2000; i++)
                ck_assert_uint_eq(rhea_mt_uniform_int(&r, bounds[b]),
                                  gsl_rng_uniform_int(g, bounds[b]));
            gsl_rng_free(g);
        }
}
END_TEST

START_TEST(shuffle_as_gsl)
{
    for (gsize s = 0; s < G_N_ELEMENTS(SEEDS); s++) {
        gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(g, SEEDS[s]);
        RheaMt r;
        rhea_mt_seed(&r, SEEDS[s]);
        for (gsize n = 1; n <= 300; n += n < 10 ? 1 : 37) { /* GSL aborts on n = 0 */
            guint8 mine[300];
            guint32 mine32[300];
            int theirs[300]; /* GSL shuffles items of any size: 4 bytes here */
            for (gsize i = 0; i < n; i++) {
                mine[i] = (guint8)(i % 251);
                mine32[i] = (guint32)i * 2654435761u;
                theirs[i] = (int)(i % 251);
            }
            for (int round = 0; round < 3; round++) { /* successive shuffles of one array */
                rhea_mt_shuffle_u8(&r, mine, n);
                gsl_ran_shuffle(g, theirs, n, sizeof(int));
                for (gsize i = 0; i < n; i++)
                    ck_assert_int_eq(mine[i], theirs[i]);
            }
            /* the four-byte shuffle: the same permutation, applied to other values */
            RheaMt r2 = r;
            gsl_rng *g2 = gsl_rng_clone(g);
            guint32 ref[300];
            memcpy(ref, mine32, sizeof ref);
            rhea_mt_shuffle_u32(&r2, mine32, n);
            gsl_ran_shuffle(g2, ref, n, sizeof(guint32));
            for (gsize i = 0; i < n; i++)
                ck_assert_uint_eq(mine32[i], ref[i]);
            gsl_rng_free(g2);
        }
        /* and the generators are still in step */
        ck_assert_uint_eq(rhea_mt_next(&r), gsl_rng_get(g));
        gsl_rng_free(g);
    }
}
END_TEST

START_TEST(reciprocal_division_exact)
{
    /* bounds 1..5000 all, then growing by about half up to G_MAXINT32 (scale 2) */
    GRand *rand = g_rand_new_with_seed(13);
    guint64 n = 1;
    for (;;) {
        guint32 scale = 0xffffffffu / (guint32)n;
        guint64 key = rhea_mt_key((guint32)n);
        ck_assert_uint_eq(rhea_mt_div(0, key), 0);
        ck_assert_uint_eq(rhea_mt_div(0xffffffffu, key), 0xffffffffu / scale);
        /* quotients q near 0, near the top, and random: x = q scale - 1, q scale, q scale + 1 */
        guint32 top = 0xffffffffu / scale;
        for (guint i = 0; i < 60; i++) {
            guint32 q = i < 20 ? i + 1 : i < 40 ? top - (i - 20) : 1 + g_rand_int(rand) % top;
            if (q == 0 || q > top)
                continue;
            guint64 at = (guint64)q * scale;
            for (guint64 x = at - 1; x <= at + 1 && x <= 0xffffffffu; x++)
                ck_assert_uint_eq(rhea_mt_div((guint32)x, key), (guint32)x / scale);
        }
        if (n == G_MAXINT32)
            break;
        n = n < 5000 ? n + 1 : MIN(n * 3 / 2 + g_rand_int(rand) % 7, (guint64)G_MAXINT32);
    }
    g_rand_free(rand);
}
END_TEST

START_TEST(uniform_bound_as_gsl)
{
    const guint32 bounds[] = {1, 2, 3, 7, 10, 1000, 1025, 10081, 65537, 1073741825u, 2147483647u};
    for (gsize s = 0; s < G_N_ELEMENTS(SEEDS); s++)
        for (gsize b = 0; b < G_N_ELEMENTS(bounds); b++) {
            gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
            gsl_rng_set(g, SEEDS[s]);
            RheaMt r;
            rhea_mt_seed(&r, SEEDS[s]);
            RheaMtBound bound = rhea_mt_bound(bounds[b]);
            for (int i = 0; i < 4000; i++)
                ck_assert_uint_eq(rhea_mt_uniform_bound(&r, &bound),
                                  gsl_rng_uniform_int(g, bounds[b]));
            ck_assert_uint_eq(rhea_mt_next(&r), gsl_rng_get(g));
            gsl_rng_free(g);
        }
}
END_TEST

START_TEST(shuffle_table_as_gsl)
{
    const gsize sizes[] = {0, 1, 2, 3, 5, 8, 100, 623, 624, 625, 6802, 10081};
    for (gsize s = 0; s < G_N_ELEMENTS(SEEDS); s += 2) {
        gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(g, SEEDS[s]);
        RheaMt r;
        rhea_mt_seed(&r, SEEDS[s]);
        for (gsize z = 0; z < G_N_ELEMENTS(sizes); z++) {
            gsize n = sizes[z];
            g_autoptr(RheaMtShuffle) table = rhea_mt_shuffle_new(n);
            g_autofree guint8 *mine = g_new(guint8, n + 1);
            g_autofree guint32 *mine32 = g_new(guint32, n + 1);
            g_autofree int *theirs = g_new(int, n + 1);
            g_autofree guint32 *theirs32 = g_new(guint32, n + 1);
            for (gsize i = 0; i < n; i++) {
                mine[i] = (guint8)(i % 251);
                theirs[i] = (int)(i % 251);
                mine32[i] = theirs32[i] = (guint32)i * 2654435761u;
            }
            for (int round = 0; round < 3; round++) { /* successive shuffles, both widths */
                rhea_mt_shuffle_u8_with(&r, table, mine);
                rhea_mt_shuffle_u32_with(&r, table, mine32);
                if (n > 0) { /* GSL aborts on n = 0 */
                    gsl_ran_shuffle(g, theirs, n, sizeof(int));
                    gsl_ran_shuffle(g, theirs32, n, sizeof(guint32));
                }
                for (gsize i = 0; i < n; i++) {
                    ck_assert_int_eq(mine[i], theirs[i]);
                    ck_assert_uint_eq(mine32[i], theirs32[i]);
                }
            }
            ck_assert_uint_eq(rhea_mt_next(&r), gsl_rng_get(g)); /* still in step */
        }
        gsl_rng_free(g);
    }
}
END_TEST

/* Words GSL rejects, planted in the current block (0xffffffff is rejected for every bound: its
 * quotient is 0xffffffff / scale >= n), at its start, inside, and at its last two places. */
static void plant_rejections(RheaMt *r)
{
    r->mti = 0;
    for (guint i = 0; i < 3; i++)
        r->out[i] = G_MAXUINT32;
    r->out[100] = r->out[101] = r->out[300] = G_MAXUINT32;
    r->out[RHEA_MT_N - 2] = r->out[RHEA_MT_N - 1] = G_MAXUINT32;
}

/* The block-at-a-time shuffles against the one-draw-at-a-time ones (rhea_mt_shuffle_u8 and _u32,
 * GSL's own steps, checked against GSL above) on the same words, with rejected words among them:
 * a rejected word is one more word for the same item, and no swap. */
START_TEST(shuffle_table_skips_rejected_words_as_gsl)
{
    const gsize sizes[] = {2, 3, 50, 623, 624, 700, 2000};
    for (gsize z = 0; z < G_N_ELEMENTS(sizes); z++) {
        gsize n = sizes[z];
        g_autoptr(RheaMtShuffle) table = rhea_mt_shuffle_new(n);
        g_autofree guint8 *mine = g_new(guint8, n), *theirs = g_new(guint8, n);
        g_autofree guint32 *mine32 = g_new(guint32, n), *theirs32 = g_new(guint32, n);
        for (gsize i = 0; i < n; i++) {
            mine[i] = theirs[i] = (guint8)(i % 251);
            mine32[i] = theirs32[i] = (guint32)i * 2654435761u;
        }
        RheaMt a, b;
        rhea_mt_seed(&a, 20240414 + z);
        plant_rejections(&a);
        b = a;
        rhea_mt_shuffle_u8_with(&a, table, mine);
        rhea_mt_shuffle_u8(&b, theirs, n);
        ck_assert_uint_eq(a.mti, b.mti);
        ck_assert_int_eq(memcmp(mine, theirs, n), 0);
        plant_rejections(&a);
        b = a;
        rhea_mt_shuffle_u32_with(&a, table, mine32);
        rhea_mt_shuffle_u32(&b, theirs32, n);
        ck_assert_uint_eq(a.mti, b.mti);
        ck_assert_int_eq(memcmp(mine32, theirs32, n * sizeof(guint32)), 0);
        ck_assert_uint_eq(rhea_mt_next(&a), rhea_mt_next(&b));
    }
}
END_TEST

/* table[k] for a draw k: two counts that differ for every k below n (k^2 + 1, 3k + 7), zeros
 * beyond, as rhea_mt_sum_draws requires. */
static RheaMtPair *sum_table(const RheaMtBound *b)
{
    RheaMtPair *t = g_new0(RheaMtPair, rhea_mt_table_size(b));
    for (guint64 k = 0; k < b->n; k++)
        t[k] = (RheaMtPair){k * k + 1, 3 * k + 7};
    return t;
}

/* rhea_mt_sum_draws against GSL's uniform_int draw by draw, for counts that end inside a block, at
 * its end and across several; then with rejected words planted, against rhea_mt_uniform_bound. */
START_TEST(sum_draws_as_gsl)
{
    const guint32 bounds[] = {1, 2, 3, 7, 1000, 1025, 10081, 65537};
    const gsize counts[] = {0, 1, 622, 1, 624, 625, 2000, 5};
    for (gsize s = 0; s < G_N_ELEMENTS(SEEDS); s += 2)
        for (gsize i = 0; i < G_N_ELEMENTS(bounds); i++) {
            RheaMtBound bound = rhea_mt_bound(bounds[i]);
            g_autofree RheaMtPair *table = sum_table(&bound);
            gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
            gsl_rng_set(g, SEEDS[s]);
            RheaMt r;
            rhea_mt_seed(&r, SEEDS[s]);
            for (gsize c = 0; c < G_N_ELEMENTS(counts); c++) {
                guint64 x = 0, y = 0;
                for (gsize d = 0; d < counts[c]; d++) {
                    guint64 k = gsl_rng_uniform_int(g, bounds[i]);
                    x += k * k + 1;
                    y += 3 * k + 7;
                }
                RheaMtPair sum = rhea_mt_sum_draws(&r, &bound, table, counts[c]);
                ck_assert_uint_eq(sum[0], x);
                ck_assert_uint_eq(sum[1], y);
            }
            ck_assert_uint_eq(rhea_mt_next(&r), gsl_rng_get(g)); /* still in step */
            gsl_rng_free(g);

            RheaMt a, b;
            rhea_mt_seed(&a, SEEDS[s]);
            plant_rejections(&a);
            b = a;
            guint64 x = 0, y = 0;
            for (gsize d = 0; d < 700; d++) {
                guint64 k = rhea_mt_uniform_bound(&b, &bound);
                x += k * k + 1;
                y += 3 * k + 7;
            }
            RheaMtPair sum = rhea_mt_sum_draws(&a, &bound, table, 700);
            ck_assert_uint_eq(sum[0], x);
            ck_assert_uint_eq(sum[1], y);
            ck_assert_uint_eq(a.mti, b.mti);
        }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mt19937");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, published_first_word);
    tcase_add_test(tc, raw_words_as_gsl);
    tcase_add_test(tc, uniform_int_as_gsl);
    tcase_add_test(tc, shuffle_as_gsl);
    tcase_add_test(tc, reciprocal_division_exact);
    tcase_add_test(tc, uniform_bound_as_gsl);
    tcase_add_test(tc, shuffle_table_as_gsl);
    tcase_add_test(tc, shuffle_table_skips_rejected_words_as_gsl);
    tcase_add_test(tc, sum_draws_as_gsl);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
