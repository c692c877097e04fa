/* test_cross_index.c: the cross-pair count through the inverted index (metrics/cross_index.h)
 * against values worked out by hand, and against the direct sum over every transaction for many
 * random labelings (the independent path), with ML the smaller side, the larger side, and half. */
#include <check.h>

#include "metrics/cross_index.h"
#include "tests/testutil.h"

/* sum_t kM (k - kM), read directly */
static guint64 direct(const RheaCouplingInput *in, const guint8 *label)
{
    guint64 cross = 0;
    for (guint t = 0; t < in->n_tx; t++) {
        guint64 k = in->tx_start[t + 1] - in->tx_start[t], km = 0;
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            km += label[in->files[i]];
        cross += km * (k - km);
    }
    return cross;
}

START_TEST(by_hand)
{
    /* transactions {0,1,2}, {1,3}, {0,3}, {4}; files 0..4 */
    const guint tx_start[] = {0, 3, 5, 7, 8};
    const guint files[] = {0, 1, 2, 1, 3, 0, 3, 4};
    const gboolean unused[5] = {0};
    RheaCouplingInput in = {5, unused, 4, tx_start, files};
    g_autoptr(RheaCrossIndex) x = rhea_cross_index_new(&in);
    /* ML = {0, 3}: t0 has 1 of 3 (1*2), t1 1 of 2 (1*1), t2 2 of 2 (0), t3 0 of 1 (0): 3 */
    const guint8 a[] = {1, 0, 0, 1, 0};
    ck_assert_uint_eq(rhea_cross_index_count(x, a), 3);
    /* ML = {1}: t0 1*2, t1 1*1: 3; the same count again (the scratch was reset) */
    const guint8 b[] = {0, 1, 0, 0, 0};
    ck_assert_uint_eq(rhea_cross_index_count(x, b), 3);
    ck_assert_uint_eq(rhea_cross_index_count(x, b), 3);
    /* ML = {0, 1, 2, 3} (the larger side visited: file 4 only): t0 3 of 3 (0), t1 0, t2 0, t3 0 */
    const guint8 c[] = {1, 1, 1, 1, 0};
    ck_assert_uint_eq(rhea_cross_index_count(x, c), 0);
    /* ML = {2, 3, 4}: t0 1 of 3 (2), t1 1 of 2 (1), t2 1 of 2 (1), t3 1 of 1 (0): 4 */
    const guint8 d[] = {0, 0, 1, 1, 1};
    ck_assert_uint_eq(rhea_cross_index_count(x, d), 4);
    const guint8 none[] = {0, 0, 0, 0, 0}, all[] = {1, 1, 1, 1, 1};
    ck_assert_uint_eq(rhea_cross_index_count(x, none), 0);
    ck_assert_uint_eq(rhea_cross_index_count(x, all), 0);
}
END_TEST

START_TEST(empty)
{
    const guint tx_start[] = {0};
    RheaCouplingInput in = {0, NULL, 0, tx_start, NULL};
    g_autoptr(RheaCrossIndex) x = rhea_cross_index_new(&in);
    ck_assert_uint_eq(rhea_cross_index_count(x, NULL), 0);
}
END_TEST

START_TEST(as_the_direct_sum)
{
    GRand *r = g_rand_new_with_seed(1313);
    for (int round = 0; round < 40; round++) {
        guint n_files = 1 + g_rand_int_range(r, 0, 200), n_tx = g_rand_int_range(r, 0, 300);
        g_autoptr(GArray) start = g_array_new(FALSE, FALSE, sizeof(guint));
        g_autoptr(GArray) files = g_array_new(FALSE, FALSE, sizeof(guint));
        guint zero = 0;
        g_array_append_val(start, zero);
        for (guint t = 0; t < n_tx; t++) {
            guint k = 1 + g_rand_int_range(r, 0, round % 5 == 0 ? 60 : 8);
            for (guint i = 0; i < k; i++) {
                guint f = g_rand_int_range(r, 0, n_files);
                g_array_append_val(files, f);
            }
            guint end = files->len;
            g_array_append_val(start, end);
        }
        RheaCouplingInput in = {n_files, NULL, n_tx, (const guint *)start->data,
                                (const guint *)files->data};
        g_autoptr(RheaCrossIndex) x = rhea_cross_index_new(&in);
        g_autofree guint8 *label = g_new(guint8, n_files);
        for (int l = 0; l < 20; l++) {
            double share = l % 3 == 0 ? 0.05 : l % 3 == 1 ? 0.5 : 0.95;
            for (guint f = 0; f < n_files; f++)
                label[f] = g_rand_double(r) < share;
            ck_assert_uint_eq(rhea_cross_index_count(x, label), direct(&in, label));
        }
    }
    g_rand_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cross_index");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, by_hand);
    tcase_add_test(tc, empty);
    tcase_add_test(tc, as_the_direct_sum);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
