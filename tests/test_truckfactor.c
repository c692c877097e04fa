/* test_truckfactor.c: degree of authorship and the greedy truck factor (Avelino et al., ICPC
 * 2016), worked by hand on the sample product and on a fixture history built to hit the
 * thresholds (docs/metrics.md, "Truck factor"). */
#include <check.h>
#include <git2.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "engine/store_kinds.h"
#include "metrics/truckfactor.h"
#include "samples/fixture.h"
#include "samples/sample_product.h"
#include "tests/testutil.h"

#define DAY(n) (1672531200 + (n)*86400) /* 2023-01-01 */

START_TEST(doa_weights)
{
    ck_assert_double_eq_tol(rhea_doa(TRUE, 1, 0), 4.555, 1e-12);
    ck_assert_double_eq_tol(rhea_doa(FALSE, 1, 1), 3.457 - 0.321 * log(2), 1e-12);
    ck_assert_double_eq_tol(rhea_doa(TRUE, 7, 5), 3.293 + 1.098 + 7 * 0.164 - 0.321 * log(6),
                            1e-12);
}
END_TEST

static RheaTruckFactor *truck_factor(RheaStore *store, const char *product, const char *until)
{
    GError *error = NULL;
    g_autoptr(RheaLabeling) labels = rhea_labeling_new(store, product, NULL, FALSE, &error);
    ck_assert_ptr_nonnull(labels);
    RheaWindow w;
    ck_assert_int_eq(rhea_window_init(&w, NULL, until, &error), 0);
    g_autoptr(RheaCommitSet) set = rhea_commitset_load(store, product, &w, labels, &error);
    RheaContributorOptions o;
    rhea_contributor_options_init(&o);
    g_autoptr(RheaContributors) c = rhea_contributors_compute(set, &o);
    g_autoptr(GArray) kinds = rhea_store_change_kinds(store, product, w.has_until, w.until, &error);
    ck_assert_ptr_nonnull(kinds);
    /* the kinds the set carries (read with the commits) against the store's separate read */
    for (guint i = 0; i < set->commits->len; i++) {
        const RheaCommitRec *cm = &g_array_index(set->commits, RheaCommitRec, i);
        for (guint k = cm->first; k < cm->first + cm->n; k++) {
            const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, k);
            ck_assert_int_eq(ch->kind, rhea_change_kind_find(kinds, cm->cid, ch->pid));
        }
    }
    RheaTruckFactor *tf = rhea_truckfactor_compute(set, c, kinds);
    g_autoptr(RheaTruckFactor) own = rhea_truckfactor_compute(set, c, NULL);
    ck_assert_uint_eq(own->files, tf->files);
    ck_assert_uint_eq(own->orphan_at_start, tf->orphan_at_start);
    ck_assert_uint_eq(own->truck_factor, tf->truck_factor);
    ck_assert_uint_eq(own->authors->len, tf->authors->len);
    for (guint i = 0; i < tf->authors->len; i++) {
        ck_assert_str_eq(g_ptr_array_index(own->authors, i), g_ptr_array_index(tf->authors, i));
        ck_assert_uint_eq(g_array_index(own->author_files, guint, i),
                          g_array_index(tf->author_files, guint, i));
    }
    ck_assert(own->coverage_after == tf->coverage_after ||
              (isnan(own->coverage_after) && isnan(tf->coverage_after)));
    return tf;
}

START_TEST(sample_product_by_hand)
{
    g_autofree char *dir = testutil_tmpdir();
    GError *error = NULL;
    g_autofree char *rules = NULL;
    ck_assert(g_file_get_contents("samples/rules/sample.rules", &rules, NULL, &error));
    RheaStore *store = testutil_ingest(dir, "wordwise", rhea_sample_product_build, rules);
    g_autoptr(RheaTruckFactor) tf = truck_factor(store, "wordwise", NULL);
    /* 7 files alive (vocab.py deleted in 13; README, .mailmap, logo excluded). Authors: Alice of
     * package.json, main.js, keyboard.js, style.css and predict.py (DOA 3.3985, normalized
     * 3.3985 / 4.2023 = 0.81 beside its creator Bob); Bob of train.py, predict.py,
     * explore.ipynb. Removing Alice leaves 3 of 7 covered (< 50%): TF = 1. */
    ck_assert_uint_eq(tf->files, 7);
    ck_assert_uint_eq(tf->orphan_at_start, 0);
    ck_assert_uint_eq(tf->truck_factor, 1);
    ck_assert_str_eq(g_ptr_array_index(tf->authors, 0), "Alice Smith");
    ck_assert_uint_eq(g_array_index(tf->author_files, guint, 0), 5);
    ck_assert_double_eq_tol(tf->coverage_after, 3.0 / 7.0, 1e-12);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

/* Ann creates a.c, b.c, c.c and changes a.c 6 more times (DL 7); Ben creates d.c and e.c and
 * changes a.c 5 times; Cat deletes c.c; a bot changes b.c. */
static int build_history(const char *path, GError **error)
{
    RheaFixture *fx = rhea_fixture_new(path, FALSE, error);
    ck_assert_ptr_nonnull(fx);
    int rc = 0;
    rc |= rhea_fixture_write(fx, "a.c", "0\n");
    rc |= rhea_fixture_write(fx, "b.c", "b\n");
    rc |= rhea_fixture_write(fx, "c.c", "c\n");
    rc |= rhea_fixture_commit(fx, "Ann", "ann@x.org", DAY(0), 0, "start", NULL);
    for (int i = 1; i <= 6; i++) {
        g_autofree char *text = g_strdup_printf("%d\n", i);
        rc |= rhea_fixture_write(fx, "a.c", text);
        rc |= rhea_fixture_commit(fx, "Ann", "ann@x.org", DAY(i), 0, "a", NULL);
    }
    rc |= rhea_fixture_write(fx, "d.c", "d\n");
    rc |= rhea_fixture_write(fx, "e.c", "e\n");
    rc |= rhea_fixture_write(fx, "a.c", "ben\n");
    rc |= rhea_fixture_commit(fx, "Ben", "ben@x.org", DAY(7), 0, "d and e", NULL);
    for (int i = 1; i <= 4; i++) {
        g_autofree char *text = g_strdup_printf("ben %d\n", i);
        rc |= rhea_fixture_write(fx, "a.c", text);
        rc |= rhea_fixture_commit(fx, "Ben", "ben@x.org", DAY(7 + i), 0, "a", NULL);
    }
    rc |= rhea_fixture_remove(fx, "c.c");
    rc |= rhea_fixture_commit(fx, "Cat", "cat@x.org", DAY(12), 0, "drop c", NULL);
    rc |= rhea_fixture_write(fx, "b.c", "bot\n");
    rc |= rhea_fixture_commit(fx, "dependabot[bot]", "bot@x.org", DAY(13), 0, "bump", NULL);
    ck_assert_int_eq(rc, 0);
    return rhea_fixture_finish(fx, error);
}

START_TEST(fixture_thresholds_deletion_and_the_half)
{
    g_autofree char *dir = testutil_tmpdir();
    RheaStore *store = testutil_ingest(dir, "tf", build_history, NULL);
    g_autoptr(RheaTruckFactor) tf = truck_factor(store, "tf", NULL);
    /* alive: a, b, d, e (c.c deleted). a.c: Ann FA, DL 7, AC 5: 3.293 + 1.098 + 1.148 - 0.321 ln 6
     * = 4.9639; Ben DL 5, AC 7: 3.293 + 0.82 - 0.321 ln 8 = 3.4455 >= 3.293 but 3.4455 / 4.9639
     * = 0.694 <= 0.75: not an author. b.c: Ann (the bot's change counts for no one). d.c, e.c:
     * Ben. Ann and Ben author 2 files each; Ann goes first (more commits): 2 of 4 files stay
     * covered, exactly half, which is not less than half, so Ben goes too: TF = 2. */
    ck_assert_uint_eq(tf->files, 4);
    ck_assert_uint_eq(tf->truck_factor, 2);
    ck_assert_str_eq(g_ptr_array_index(tf->authors, 0), "Ann");
    ck_assert_str_eq(g_ptr_array_index(tf->authors, 1), "Ben");
    ck_assert_uint_eq(g_array_index(tf->author_files, guint, 0), 2);
    ck_assert_double_eq_tol(tf->coverage_after, 0.0, 1e-12);
    /* up to day 7 (before Ben): a, b, c alive, all Ann's: TF = 1 */
    g_autoptr(RheaTruckFactor) early = truck_factor(store, "tf", "2023-01-08");
    ck_assert_uint_eq(early->files, 3);
    ck_assert_uint_eq(early->truck_factor, 1);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    git_libgit2_init();
    Suite *s = suite_create("truckfactor");
    TCase *tc = tcase_create("truckfactor");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, doa_weights);
    tcase_add_test(tc, sample_product_by_hand);
    tcase_add_test(tc, fixture_thresholds_deletion_and_the_half);
    suite_add_tcase(s, tc);
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
