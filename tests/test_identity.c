/* test_identity.c: joining identities by email and normalized name, transitively. */
#include <check.h>

#include "metrics/identity.h"
#include "tests/testutil.h"

START_TEST(chain_email_then_name_joins_three)
{
    /* A shares an email with B (case differs), B a normalized name with C */
    g_autoptr(RheaIdentities) ids = rhea_identities_new(TRUE);
    guint a = rhea_identities_add(ids, "Ann Lee", "ann@x.org");
    guint b = rhea_identities_add(ids, "A. Lee", "ANN@X.org");
    guint c = rhea_identities_add(ids, "a.   LEE ", "al@home.net");
    guint d = rhea_identities_add(ids, "Dan", "dan@x.org");
    rhea_identities_add(ids, "Ann Lee", "ann@x.org");
    rhea_identities_resolve(ids);
    ck_assert_uint_eq(rhea_identities_count(ids), 2);
    ck_assert_uint_eq(rhea_identities_person(ids, a), rhea_identities_person(ids, b));
    ck_assert_uint_eq(rhea_identities_person(ids, b), rhea_identities_person(ids, c));
    ck_assert_uint_ne(rhea_identities_person(ids, a), rhea_identities_person(ids, d));
    guint ann = rhea_identities_person(ids, a);
    ck_assert_uint_eq(ann, 0); /* numbered by first appearance */
    /* "Ann Lee" has two commits, the others one each */
    ck_assert_str_eq(rhea_identities_name(ids, ann), "Ann Lee");
    GPtrArray *emails = rhea_identities_emails(ids, ann);
    ck_assert_uint_eq(emails->len, 2);
    ck_assert_str_eq(g_ptr_array_index(emails, 0), "al@home.net");
    ck_assert_str_eq(g_ptr_array_index(emails, 1), "ann@x.org");
}
END_TEST

START_TEST(email_only_keeps_the_name_link_apart)
{
    g_autoptr(RheaIdentities) ids = rhea_identities_new(FALSE);
    guint a = rhea_identities_add(ids, "Ann Lee", "ann@x.org");
    guint b = rhea_identities_add(ids, "A. Lee", "ANN@X.org");
    guint c = rhea_identities_add(ids, "a. lee", "al@home.net");
    rhea_identities_resolve(ids);
    ck_assert_uint_eq(rhea_identities_count(ids), 2);
    ck_assert_uint_eq(rhea_identities_person(ids, a), rhea_identities_person(ids, b));
    ck_assert_uint_ne(rhea_identities_person(ids, b), rhea_identities_person(ids, c));
}
END_TEST

START_TEST(empty_emails_and_names_join_nothing)
{
    g_autoptr(RheaIdentities) ids = rhea_identities_new(TRUE);
    rhea_identities_add(ids, "One", "");
    rhea_identities_add(ids, "Two", "");
    rhea_identities_add(ids, "", "x@y");
    rhea_identities_add(ids, " ", "z@y");
    rhea_identities_resolve(ids);
    ck_assert_uint_eq(rhea_identities_count(ids), 4);
}
END_TEST

START_TEST(most_frequent_name_ties_by_byte_order)
{
    g_autoptr(RheaIdentities) ids = rhea_identities_new(TRUE);
    rhea_identities_add(ids, "zed", "z@x");
    rhea_identities_add(ids, "Zed Z", "z@x");
    rhea_identities_resolve(ids);
    ck_assert_str_eq(rhea_identities_name(ids, 0), "Zed Z");
}
END_TEST

START_TEST(normalize_name)
{
    g_autofree char *a = rhea_identity_normalize_name("  Ann\t  LEE\n");
    ck_assert_str_eq(a, "ann lee");
    g_autofree char *b = rhea_identity_normalize_name("\xc3\x89lodie");
    ck_assert_str_eq(b, "\xc3\xa9lodie");
    g_autofree char *c = rhea_identity_normalize_name("bad\xff Name");
    ck_assert_str_eq(c, "bad\xff name");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("identity");
    TCase *tc = tcase_create("identity");
    tcase_add_test(tc, chain_email_then_name_joins_three);
    tcase_add_test(tc, email_only_keeps_the_name_link_apart);
    tcase_add_test(tc, empty_emails_and_names_join_nothing);
    tcase_add_test(tc, most_frequent_name_ties_by_byte_order);
    tcase_add_test(tc, normalize_name);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
