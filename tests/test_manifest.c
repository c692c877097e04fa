/* test_manifest.c: study manifests: columns, metadata, hostile files, and finding repositories. */
#include <check.h>
#include <string.h>

#include "engine/manifest.h"
#include "tests/testutil.h"

static RheaManifest *parse(const char *text, GError **error)
{
    return rhea_manifest_parse(text, strlen(text), "m.tsv", error);
}

START_TEST(columns_in_any_order_with_metadata)
{
    GError *error = NULL;
    g_autoptr(RheaManifest) m = parse("\xEF\xBB\xBFname\trepository\tstars\tid\r\n"
                                      "# a comment\r\n"
                                      "Honkling\tcastorini/honkling\t63\tP27\r\n"
                                      "\r\n"
                                      "Local\t/tmp/x\t\tL1\r\n",
                                      &error);
    ck_assert_msg(m != NULL, "%s", error ? error->message : "");
    ck_assert_uint_eq(m->entries->len, 2);
    RheaManifestEntry *e = g_ptr_array_index(m->entries, 0);
    ck_assert_str_eq(e->id, "P27");
    ck_assert_str_eq(e->repository, "castorini/honkling");
    ck_assert_str_eq(e->name, "Honkling");
    ck_assert_ptr_null(e->rules);
    ck_assert_uint_eq(e->line, 3);
    ck_assert_uint_eq(e->meta_keys->len, 1);
    ck_assert_str_eq(g_ptr_array_index(e->meta_keys, 0), "stars");
    ck_assert_str_eq(g_ptr_array_index(e->meta_values, 0), "63");
}
END_TEST

START_TEST(skip_reason_is_a_column_not_metadata)
{
    GError *error = NULL;
    g_autoptr(RheaManifest) m = parse("id\trepository\tskip\tstars\n"
                                      "P6\torganicmaps/organicmaps\ttoo large\t4023\n"
                                      "P8\tflorisboard/florisboard\t\t3503\n",
                                      &error);
    ck_assert_msg(m != NULL, "%s", error ? error->message : "");
    RheaManifestEntry *e = g_ptr_array_index(m->entries, 0);
    ck_assert_str_eq(e->skip, "too large");
    ck_assert_uint_eq(e->meta_keys->len, 1);
    ck_assert_str_eq(g_ptr_array_index(e->meta_keys, 0), "stars");
    e = g_ptr_array_index(m->entries, 1);
    ck_assert_ptr_null(e->skip);
    ck_assert_uint_eq(e->meta_keys->len, 1);
}
END_TEST

START_TEST(errors_name_the_line)
{
    struct {
        const char *text, *message;
    } cases[] = {
        {"", "m.tsv:1: empty manifest; expected a header row with 'id' and 'repository'"},
        {"id\tname\nP1\tx\n", "m.tsv:1: the header row needs columns 'id' and 'repository' "
                              "(tab-separated)"},
        {"id,repository\nP1,x\n", "m.tsv:1: the header row needs columns 'id' and 'repository' "
                                  "(tab-separated)"},
        {"id\trepository\nP1\ta/b\nP2\n",
         "m.tsv:3: 1 cells, but the header has 2 columns (cells are separated by tabs)"},
        {"id\trepository\nP1\ta/b\nP1\tc/d\n", "m.tsv:3: id 'P1' appears twice"},
        {"id\trepository\n\tc/d\n", "m.tsv:2: empty id"},
        {"id\trepository\tgenre\nP1\ta/b\tg\x1b[0m\n",
         "m.tsv:2: genre 'g\\x1b[0m' is not mobile, desktop or web"},
        {"id\trepository\tgenre\nP1\ta/b\tgame\n", "m.tsv:2: genre 'game' is not mobile, desktop "
                                                   "or web"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *error = NULL;
        ck_assert_ptr_null(parse(cases[i].text, &error));
        ck_assert_str_eq(error->message, cases[i].message);
        g_error_free(error);
    }
    GError *error = NULL;
    ck_assert_ptr_null(rhea_manifest_parse("id\trepository\n\0\x01", 15, "m.tsv", &error));
    /* the NUL is on line 2 (after one newline) */
    ck_assert_str_eq(error->message,
                     "m.tsv:2: NUL byte: binary content; a manifest is a tab-separated text file");
    g_error_free(error);
}
END_TEST

START_TEST(locates_clones_in_each_layout)
{
    g_autofree char *dir = testutil_tmpdir();
    GError *error = NULL;
    g_autoptr(RheaManifest) m =
        parse("id\trepository\nA\tacme/one\nB\tacme/two\nC\tacme/three\nD\tacme/none\n", &error);
    /* one: CLONES/acme+one with .git; two: a bare CLONES/acme+two/repo; three: CLONES/three */
    g_autofree char *one = g_build_filename(dir, "acme+one", ".git", NULL);
    g_autofree char *two = g_build_filename(dir, "acme+two", "repo", "objects", NULL);
    g_autofree char *two_head = g_build_filename(dir, "acme+two", "repo", "HEAD", NULL);
    g_autofree char *three = g_build_filename(dir, "three", ".git", NULL);
    g_mkdir_with_parents(one, 0755);
    g_mkdir_with_parents(two, 0755);
    g_file_set_contents(two_head, "ref: refs/heads/main\n", -1, NULL);
    g_mkdir_with_parents(three, 0755);
    g_autofree char *a = rhea_manifest_locate(g_ptr_array_index(m->entries, 0), dir);
    g_autofree char *b = rhea_manifest_locate(g_ptr_array_index(m->entries, 1), dir);
    g_autofree char *c = rhea_manifest_locate(g_ptr_array_index(m->entries, 2), dir);
    g_autofree char *d = rhea_manifest_locate(g_ptr_array_index(m->entries, 3), dir);
    g_autofree char *want_a = g_build_filename(dir, "acme+one", NULL);
    g_autofree char *want_b = g_build_filename(dir, "acme+two", "repo", NULL);
    g_autofree char *want_c = g_build_filename(dir, "three", NULL);
    ck_assert_str_eq(a, want_a);
    ck_assert_str_eq(b, want_b);
    ck_assert_str_eq(c, want_c);
    ck_assert_ptr_null(d);
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("manifest");
    TCase *tc = tcase_create("manifest");
    tcase_add_test(tc, columns_in_any_order_with_metadata);
    tcase_add_test(tc, skip_reason_is_a_column_not_metadata);
    tcase_add_test(tc, errors_name_the_line);
    tcase_add_test(tc, locates_clones_in_each_layout);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
