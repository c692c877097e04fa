/* test_sensitivity.c: RCI and the core count under each analyst's choice, worked by hand on the
 * sample product (docs/metrics.md, "Sensitivity"). */
#include <check.h>
#include <git2.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "metrics/sensitivity.h"
#include "tests/sample_set.h"
#include "tests/testutil.h"

static double value(const RheaSensitivity *s, const char *figure, const char *choice)
{
    for (guint i = 0; i < s->rows->len; i++) {
        const RheaSensitivityRow *r = &g_array_index(s->rows, RheaSensitivityRow, i);
        if (g_str_equal(r->figure, figure) && g_str_equal(r->choice, choice))
            return r->value;
    }
    ck_abort_msg("no row %s %s", figure, choice);
    return NAN;
}

START_TEST(sample_product_by_hand)
{
    g_auto(SampleSet) sample = sample_set_open();
    g_autoptr(RheaSensitivity) s = rhea_sensitivity_compute(sample.set, NULL);
    ck_assert_uint_eq(s->rows->len, 8 + 10);
    /* RCI: every commit has at most 3 code files, so no cap bites; the bot's commit changes one
     * file (no pair); name merging only matters with logical commits */
    ck_assert_double_eq_tol(value(s, "rci", "baseline"), 0.525, 1e-12);
    ck_assert_double_eq_tol(value(s, "rci", "max-files=30"), 0.525, 1e-12);
    ck_assert_double_eq_tol(value(s, "rci", "bots=out"), 0.525, 1e-12);
    ck_assert_double_eq_tol(value(s, "rci", "name-merge=off"), 0.525, 1e-12);
    ck_assert_double_eq_tol(value(s, "rci", "logical-commits=1"), 0.35, 1e-12);
    /* 7 days: Alice {1, 2, 5} (1 ML, 4 non-ML: 10 pairs, 4 cross), {10} (3, 2); Bob {3, 4, 7}
     * (6, 0), {13} (1, 0); Carol {6, 11} (1, 0); bot {9}: 21 pairs, 6 cross, ECI 2/7, RCI 0.5 */
    ck_assert_double_eq_tol(value(s, "rci", "logical-commits=7"), 0.5, 1e-12);
    ck_assert_double_eq_tol(s->rci_min, 0.35, 1e-12);
    ck_assert_double_eq_tol(s->rci_max, 0.525, 1e-12);
    ck_assert(!s->rci_changes_side);
    /* core: counts 5, 4, 2 (11). 0.7 -> 7.7: 2; 0.9 -> 9.9: 3. Bots in: 5, 4, 2, 1 (12), 9.6: 3.
     * One-day change sets: Alice {1, 2}, 5, 10, 12 = 4; Bob {3, 4}, 7, 13 = 3; Carol 2: 9, 7.2:
     * 4 + 3 = 7 < 7.2, so 3. Seven days: Alice {1, 2, 5}, {10, 12}; Bob {3, 4, 7}, {13}; Carol
     * {6, 11}: 2, 2, 1 (5), 4: 2. */
    ck_assert_double_eq(value(s, "core", "baseline"), 2);
    ck_assert_double_eq(value(s, "core", "max-files=30"), 2);
    ck_assert_double_eq(value(s, "core", "threshold=0.7"), 2);
    ck_assert_double_eq(value(s, "core", "threshold=0.9"), 3);
    ck_assert_double_eq(value(s, "core", "bots=in"), 3);
    ck_assert_double_eq(value(s, "core", "name-merge=off"), 2);
    ck_assert_double_eq(value(s, "core", "logical-commits=1"), 3);
    ck_assert_double_eq(value(s, "core", "logical-commits=7"), 2);
}
END_TEST

int main(void)
{
    return testutil_main("sensitivity", 60, sample_product_by_hand, NULL);
}
