/* test_mt19937.c: the inlined generator (metrics/mt19937.h) against GSL itself, the independent
 * path: the same raw words, uniform integers and shuffles for the same seeds, including GSL's
 * special cases (seed 0 means 4357; seeds above 2^32 keep their low word), plus the first output
 * for seed 5489 that Matsumoto and Nishimura publish for init_genrand (3499211612). */
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

int main(void)
{
    Suite *s = suite_create("mt19937");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, published_first_word);
    tcase_add_test(tc, raw_words_as_gsl);
    tcase_add_test(tc, uniform_int_as_gsl);
    tcase_add_test(tc, shuffle_as_gsl);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
