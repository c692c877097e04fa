/* test_slice.c: calendar periods in UTC and commit-set slices (metrics/slice.c, docs/metrics.md,
 * "Trends"). The Unix times are from `date -u -d DATE +%s`. */
#include <check.h>

#include "metrics/slice.h"
#include "tests/testutil.h"

#define JAN_2023 1672531200
#define APR_2023 1680307200
#define MAY_2023 1682899200
#define JUL_2023 1688169600
#define OCT_2023 1696118400
#define JAN_2024 1704067200
#define FEB_2024 1706745600
#define MAR_2024 1709251200
#define T_2023_05_17_NOON 1684324800

START_TEST(period_names)
{
    RheaPeriod p = RHEA_PERIOD_YEAR;
    ck_assert(rhea_period_parse("month", &p));
    ck_assert_int_eq(p, RHEA_PERIOD_MONTH);
    ck_assert(rhea_period_parse("quarter", &p));
    ck_assert_int_eq(p, RHEA_PERIOD_QUARTER);
    ck_assert(rhea_period_parse("year", &p));
    ck_assert_int_eq(p, RHEA_PERIOD_YEAR);
    ck_assert(!rhea_period_parse("week", &p));
    ck_assert(!rhea_period_parse("Month", &p));
    ck_assert(!rhea_period_parse("", &p));
    ck_assert(!rhea_period_parse(NULL, &p));
    ck_assert_int_eq(p, RHEA_PERIOD_YEAR);
}
END_TEST

START_TEST(period_starts_next_and_labels)
{
    ck_assert_int_eq(rhea_period_start(RHEA_PERIOD_MONTH, T_2023_05_17_NOON), MAY_2023);
    ck_assert_int_eq(rhea_period_start(RHEA_PERIOD_QUARTER, T_2023_05_17_NOON), APR_2023);
    ck_assert_int_eq(rhea_period_start(RHEA_PERIOD_YEAR, T_2023_05_17_NOON), JAN_2023);
    /* a period's first second is its own start; its last second is still in it */
    ck_assert_int_eq(rhea_period_start(RHEA_PERIOD_QUARTER, JUL_2023), JUL_2023);
    ck_assert_int_eq(rhea_period_start(RHEA_PERIOD_QUARTER, JUL_2023 - 1), APR_2023);
    /* next: across a year end, and February of a leap year (29 days) */
    ck_assert_int_eq(rhea_period_next(RHEA_PERIOD_QUARTER, OCT_2023), JAN_2024);
    ck_assert_int_eq(rhea_period_next(RHEA_PERIOD_MONTH, FEB_2024), MAR_2024);
    ck_assert_int_eq(MAR_2024 - FEB_2024, 29 * 86400);
    ck_assert_int_eq(rhea_period_next(RHEA_PERIOD_YEAR, JAN_2023), JAN_2024);
    ck_assert_int_eq(rhea_period_next(RHEA_PERIOD_QUARTER, APR_2023), JUL_2023);
    /* before 1970: 1969-12-31T23:00Z is in December 1969 */
    ck_assert_int_eq(rhea_period_start(RHEA_PERIOD_MONTH, -3600), -2678400);
    g_autofree char *m = rhea_period_label(RHEA_PERIOD_MONTH, MAY_2023);
    g_autofree char *q = rhea_period_label(RHEA_PERIOD_QUARTER, OCT_2023);
    g_autofree char *q2 = rhea_period_label(RHEA_PERIOD_QUARTER, APR_2023);
    g_autofree char *y = rhea_period_label(RHEA_PERIOD_YEAR, JAN_2024);
    ck_assert_str_eq(m, "2023-05");
    ck_assert_str_eq(q, "2023-Q4");
    ck_assert_str_eq(q2, "2023-Q2");
    ck_assert_str_eq(y, "2024");
}
END_TEST

/* Four commits at times 10, 20, 30, 40 with 2, 0, 1 and 3 files; names alternate. */
static RheaCommitSet *four_commits(void)
{
    RheaCommitSet *set = g_new0(RheaCommitSet, 1);
    set->product = g_strdup("p");
    set->commits = g_array_new(FALSE, FALSE, sizeof(RheaCommitRec));
    set->changes = g_array_new(FALSE, FALSE, sizeof(RheaFileChange));
    set->strings = g_string_chunk_new(64);
    set->line_stats = TRUE;
    const guint nfiles[] = {2, 0, 1, 3};
    guint pid = 100;
    for (guint i = 0; i < 4; i++) {
        RheaCommitRec c = {.cid = (gint64)i + 1,
                           .time = 10 * ((gint64)i + 1),
                           .merge = i == 1,
                           .name = g_string_chunk_insert_const(set->strings, i % 2 ? "Bo" : "Al"),
                           .email = g_string_chunk_insert_const(set->strings, "x@y"),
                           .first = set->changes->len,
                           .n = nfiles[i]};
        for (guint f = 0; f < nfiles[i]; f++) {
            RheaFileChange ch = {.pid = pid++,
                                 .label = f % 2 ? RHEA_LABEL_NONML : RHEA_LABEL_ML,
                                 .added = (gint64)f,
                                 .removed = 1};
            g_array_append_val(set->changes, ch);
            c.n_ml += ch.label == RHEA_LABEL_ML;
            c.n_nonml += ch.label == RHEA_LABEL_NONML;
        }
        g_array_append_val(set->commits, c);
    }
    return set;
}

START_TEST(slice_is_half_open_and_remaps_files)
{
    g_autoptr(RheaCommitSet) set = four_commits();
    /* [20, 40): commits 2 and 3 */
    g_autoptr(RheaCommitSet) s = rhea_commitset_slice(set, 20, 40);
    ck_assert_str_eq(s->product, "p");
    ck_assert(s->line_stats);
    ck_assert_uint_eq(s->commits->len, 2);
    ck_assert_uint_eq(s->changes->len, 1);
    const RheaCommitRec *c2 = &g_array_index(s->commits, RheaCommitRec, 0);
    const RheaCommitRec *c3 = &g_array_index(s->commits, RheaCommitRec, 1);
    ck_assert_int_eq(c2->cid, 2);
    ck_assert(c2->merge);
    ck_assert_uint_eq(c2->n, 0);
    ck_assert_str_eq(c2->name, "Bo");
    ck_assert_int_eq(c3->cid, 3);
    ck_assert_uint_eq(c3->first, 0); /* was 2 in the whole set */
    ck_assert_uint_eq(c3->n, 1);
    ck_assert_uint_eq(c3->n_ml, 1);
    ck_assert_int_eq(g_array_index(s->changes, RheaFileChange, 0).pid, 102);
    /* the names live in the slice's own strings: freeing the whole set leaves them readable */
    g_autoptr(RheaCommitSet) last = rhea_commitset_slice(set, 40, G_MAXINT64);
    g_clear_pointer(&set, rhea_commitset_free);
    const RheaCommitRec *c4 = &g_array_index(last->commits, RheaCommitRec, 0);
    ck_assert_str_eq(c4->name, "Bo");
    ck_assert_uint_eq(c4->first, 0);
    ck_assert_uint_eq(c4->n, 3);
    ck_assert_uint_eq(c4->n_ml, 2);
    ck_assert_uint_eq(c4->n_nonml, 1);
    ck_assert_int_eq(g_array_index(last->changes, RheaFileChange, 2).pid, 105);
    ck_assert_int_eq(g_array_index(last->changes, RheaFileChange, 2).added, 2);
}
END_TEST

START_TEST(slice_bounds)
{
    g_autoptr(RheaCommitSet) set = four_commits();
    g_autoptr(RheaCommitSet) all = rhea_commitset_slice(set, G_MININT64, G_MAXINT64);
    ck_assert_uint_eq(all->commits->len, 4);
    ck_assert_uint_eq(all->changes->len, 6);
    g_autoptr(RheaCommitSet) none = rhea_commitset_slice(set, 41, G_MAXINT64);
    ck_assert_uint_eq(none->commits->len, 0);
    ck_assert_uint_eq(none->changes->len, 0);
    /* until is excluded, since included */
    g_autoptr(RheaCommitSet) one = rhea_commitset_slice(set, 10, 20);
    ck_assert_uint_eq(one->commits->len, 1);
    ck_assert_uint_eq(one->changes->len, 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("slice");
    TCase *tc = tcase_create("slice");
    tcase_add_test(tc, period_names);
    tcase_add_test(tc, period_starts_next_and_labels);
    tcase_add_test(tc, slice_is_half_open_and_remaps_files);
    tcase_add_test(tc, slice_bounds);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
