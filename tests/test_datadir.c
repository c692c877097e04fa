/* test_datadir.c: where rhea finds its data files (engine/datadir.h): an installed layout, a build
 * tree's source tree, the RHEA_DATA_DIR override, and the error naming where it looked. */
#include <check.h>
#include <stdlib.h>

#include "engine/datadir.h"
#include "tests/testutil.h"

static void touch(const char *path, const char *text)
{
    g_autofree char *dir = g_path_get_dirname(path);
    ck_assert_int_eq(g_mkdir_with_parents(dir, 0755), 0);
    ck_assert(g_file_set_contents(path, text, -1, NULL));
}

START_TEST(installed_layout_beside_the_executable)
{
    g_autofree char *p = testutil_tmpdir();
    /* the programs that read data files sit in libexec/rhea (cli/launcher.c) */
    g_autofree char *exe = g_build_filename(p, "libexec", "rhea", "rhea-commands", NULL);
    g_autofree char *data = g_build_filename(p, "share", "rhea", "x.tsv", NULL);
    touch(data, "x\n");
    GError *error = NULL;
    g_autofree char *found = rhea_datadir_find_from(exe, "x.tsv", &error);
    g_autofree char *want = g_build_filename(p, "share", "rhea", "x.tsv", NULL);
    ck_assert_str_eq(found, want);
    testutil_rmtree(p);
}
END_TEST

START_TEST(build_tree_names_its_source_tree)
{
    g_autofree char *p = testutil_tmpdir();
    g_autofree char *src = g_build_filename(p, "src", NULL);
    g_autofree char *data = g_build_filename(src, "classifiers", "x.tsv", NULL);
    touch(data, "x\n");
    g_autofree char *cache = g_build_filename(p, "b", "CMakeCache.txt", NULL);
    g_autofree char *text =
        g_strdup_printf("# This is the CMakeCache "
                        "file.\r\nrhea_BINARY_DIR:STATIC=%s/b\r\nrhea_SOURCE_DIR:STATIC=%s\r\n",
                        p, src);
    touch(cache, text);
    GError *error = NULL;
    /* the rhea binary in the build folder, and a test binary one folder down */
    g_autofree char *exe = g_build_filename(p, "b", "rhea", NULL);
    g_autofree char *found = rhea_datadir_find_from(exe, "x.tsv", &error);
    ck_assert_str_eq(found, data);
    g_autofree char *test_exe = g_build_filename(p, "b", "tests", "test_x", NULL);
    g_autofree char *found2 = rhea_datadir_find_from(test_exe, "x.tsv", &error);
    ck_assert_str_eq(found2, data);
    /* two folders down is not a build tree */
    g_autofree char *deep = g_build_filename(p, "b", "t", "u", "test_x", NULL);
    ck_assert_ptr_null(rhea_datadir_find_from(deep, "x.tsv", &error));
    g_clear_error(&error);
    /* a file the source tree lacks is not found there */
    ck_assert_ptr_null(rhea_datadir_find_from(exe, "y.tsv", &error));
    /* the installed place it names is ../../share/rhea from the program's folder, p/b */
    g_autofree char *above = g_path_get_dirname(p);
    g_autofree char *want =
        g_strdup_printf("y.tsv: rhea's data file is neither in %s/share/rhea nor in a source "
                        "tree of this build; set RHEA_DATA_DIR to the folder holding it "
                        "(share/rhea of the installation)",
                        above);
    ck_assert_str_eq(error->message, want);
    g_clear_error(&error);
    testutil_rmtree(p);
}
END_TEST

START_TEST(override_and_this_build)
{
    GError *error = NULL;
    /* RHEA_DATA_DIR: that folder, even when the file is not there (its reader says so) */
    g_setenv("RHEA_DATA_DIR", "/nonexistent/data", TRUE);
    g_autofree char *over = rhea_datadir_find("ml-libraries.tsv", &error);
    ck_assert_str_eq(over, "/nonexistent/data/ml-libraries.tsv");
    /* empty: not set */
    g_setenv("RHEA_DATA_DIR", "", TRUE);
    g_autofree char *found = rhea_datadir_find("ml-libraries.tsv", &error);
    g_unsetenv("RHEA_DATA_DIR");
    ck_assert_msg(found != NULL, "%s", error ? error->message : "");
    /* this test runs in the source tree (ctest's WORKING_DIRECTORY): its classifiers/ catalog */
    g_autofree char *cwd = g_get_current_dir();
    g_autofree char *want = g_build_filename(cwd, "classifiers", "ml-libraries.tsv", NULL);
    g_autofree char *real_found = realpath(found, NULL);
    g_autofree char *real_want = realpath(want, NULL);
    ck_assert_str_eq(real_found, real_want);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("datadir");
    TCase *tc = tcase_create("datadir");
    tcase_add_test(tc, installed_layout_beside_the_executable);
    tcase_add_test(tc, build_tree_names_its_source_tree);
    tcase_add_test(tc, override_and_this_build);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
