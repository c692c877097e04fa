/* test_shard.c: shard membership: FNV-1a-64 against its published test vectors, every id in
 * exactly one shard, adding ids moves none, and K/N parsing. */
#include <check.h>

#include "engine/error.h"
#include "engine/shard.h"
#include "tests/testutil.h"

START_TEST(fnv1a_vectors)
{
    /* the FNV-1a 64-bit test vectors of Fowler, Noll and Vo (isthe.com/chongo/tech/comp/fnv) */
    ck_assert_uint_eq(rhea_shard_hash(""), 0xcbf29ce484222325ULL);
    ck_assert_uint_eq(rhea_shard_hash("a"), 0xaf63dc4c8601ec8cULL);
    ck_assert_uint_eq(rhea_shard_hash("foobar"), 0x85944171f73967e8ULL);
}
END_TEST

START_TEST(every_id_in_one_shard)
{
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func(g_free);
    for (int i = 1; i <= 30; i++)
        g_ptr_array_add(ids, g_strdup_printf("P%d", i));
    for (guint n = 1; n <= 7; n++) {
        guint per_shard[7] = {0};
        for (guint i = 0; i < ids->len; i++) {
            guint hits = 0;
            for (guint k = 0; k < n; k++) {
                RheaShard s = {k, n};
                if (rhea_shard_contains(&s, g_ptr_array_index(ids, i))) {
                    hits++;
                    per_shard[k]++;
                }
            }
            ck_assert_uint_eq(hits, 1);
        }
        guint total = 0;
        for (guint k = 0; k < n; k++)
            total += per_shard[k];
        ck_assert_uint_eq(total, 30);
    }
    /* no sharding takes everything */
    RheaShard all = {0, 0};
    ck_assert(rhea_shard_contains(&all, "anything"));
    /* membership depends on the id alone: P7's shard of 4 is the same whatever else exists */
    RheaShard s = {(guint)(rhea_shard_hash("P7") % 4), 4};
    ck_assert(rhea_shard_contains(&s, "P7"));
}
END_TEST

START_TEST(parse_k_of_n)
{
    RheaShard s;
    GError *error = NULL;
    ck_assert_int_eq(rhea_shard_parse("0/4", "--shard", &s, &error), 0);
    ck_assert_uint_eq(s.index, 0);
    ck_assert_uint_eq(s.count, 4);
    ck_assert_int_eq(rhea_shard_parse("3/4", "--shard", &s, &error), 0);
    ck_assert_uint_eq(s.index, 3);
    const char *bad[] = {"4/4", "1/0",  "-1/4", "1/", "/4",    "1",
                         "a/b", "1/4x", " 1/4", "",   "1/2/3", "1/99999999"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ck_assert_int_eq(rhea_shard_parse(bad[i], "--shard", &s, &error), -1);
        ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_USAGE));
        ck_assert_msg(g_str_has_prefix(error->message, "--shard '"), "%s", error->message);
        g_clear_error(&error);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("shard");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, fnv1a_vectors);
    tcase_add_test(tc, every_id_in_one_shard);
    tcase_add_test(tc, parse_k_of_n);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
