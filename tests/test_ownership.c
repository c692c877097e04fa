/* test_ownership.c: file ownership per side on the sample product, worked by hand
 * (docs/metrics.md, "Ownership"). */
#include <check.h>
#include <git2.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "metrics/ownership.h"
#include "tests/sample_set.h"
#include "tests/testutil.h"

static const RheaFileOwner *file(const RheaOwnership *o, const RheaLabeling *l, const char *path)
{
    for (guint i = 0; i < o->files->len; i++) {
        const RheaFileOwner *f = &g_array_index(o->files, RheaFileOwner, i);
        if (g_str_equal(rhea_labeling_path(l, f->pid), path))
            return f;
    }
    ck_abort_msg("no file %s", path);
    return NULL;
}

START_TEST(sample_product_by_hand)
{
    g_auto(SampleSet) sample = sample_set_open();
    const RheaLabeling *labels = sample.labels;
    RheaContributorOptions opts;
    rhea_contributor_options_init(&opts);
    g_autoptr(RheaContributors) c = rhea_contributors_compute(sample.set, &opts);
    g_autoptr(RheaOwnership) o = rhea_ownership_compute(sample.set, c);
    /* contributors: 0 Alice (5 commits), 1 Bob (4), 2 Carol (2); dependabot's change to
     * package.json is not counted */
    ck_assert_uint_eq(o->files->len, 8);
    const RheaFileOwner *f = file(o, labels, "package.json");
    ck_assert_uint_eq(f->commits, 1);
    ck_assert_uint_eq(f->main_author, 0);
    f = file(o, labels, "app/keyboard.js"); /* Alice 2, 5, 10; Carol 11 */
    ck_assert_uint_eq(f->commits, 4);
    ck_assert_uint_eq(f->main_author, 0);
    ck_assert_double_eq_tol(f->ownership, 0.75, 1e-12);
    f = file(o, labels, "app/style.css"); /* Alice 2, Carol 6: a tie, Alice is earlier */
    ck_assert_uint_eq(f->main_author, 0);
    ck_assert_double_eq_tol(f->ownership, 0.5, 1e-12);
    f = file(o, labels, "model/predict.py"); /* Bob 4; Alice 5, 10 */
    ck_assert_uint_eq(f->main_author, 0);
    ck_assert_double_eq_tol(f->ownership, 2.0 / 3.0, 1e-12);
    f = file(o, labels, "model/train.py"); /* Bob 3, 4, 7, 13 */
    ck_assert_uint_eq(f->main_author, 1);
    ck_assert_double_eq_tol(f->ownership, 1.0, 1e-12);
    /* ML: predict 2/3, train, vocab, explore 1: mean 11/12; owners Alice and Bob; Bob owns no
     * non-ML file, so he is an owner the non-ML side lacks, of 3 ML files */
    ck_assert_uint_eq(o->ml.files, 4);
    ck_assert_double_eq_tol(o->ml.mean_ownership, 11.0 / 12.0, 1e-12);
    ck_assert_uint_eq(o->ml.owners, 2);
    ck_assert_uint_eq(o->ml.exclusive_owners, 1);
    ck_assert_uint_eq(o->ml.exclusive_files, 3);
    /* non-ML: package.json 1, main.js 1, keyboard.js 3/4, style.css 1/2: mean 0.8125; one owner,
     * Alice, who owns an ML file too */
    ck_assert_uint_eq(o->nonml.files, 4);
    ck_assert_double_eq_tol(o->nonml.mean_ownership, 0.8125, 1e-12);
    ck_assert_uint_eq(o->nonml.owners, 1);
    ck_assert_uint_eq(o->nonml.exclusive_owners, 0);
    ck_assert_uint_eq(o->nonml.exclusive_files, 0);
}
END_TEST

int main(void)
{
    return testutil_main("ownership", 60, sample_product_by_hand, NULL);
}
