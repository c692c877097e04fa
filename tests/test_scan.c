/* test_scan.c: which folders are incidental to a product (scan.h): examples, samples, demos,
 * tutorials, tests, documentation, benchmarks and vendored code, by folder name, never by file
 * name or a word inside a name. */
#include <check.h>

#include "classifiers/scan.h"
#include "tests/testutil.h"

START_TEST(incidental_folders)
{
    const char *yes[] = {"examples/app.py",     "src/examples-py/x.js",
                         "docs_src/a.py",       "doc/x.py",
                         "Docs/x.py",           "test/x.py",
                         "tests_integration/a", "app/src/androidTest/A.java",
                         "vendor/lib.js",       "a/node_modules/b.js",
                         "benchmarks/b.py",     "demo-app/main.py",
                         "Tutorial/1.py",       "notebooks/x.py",
                         "samples/s.cs",        "third_party/x.c",
                         "documentation/y.md"};
    const char *no[] = {"app.py",       "src/app/main.py", "testing.py",  "src/latest/x.java",
                        "contest/x.py", "overwhelm/x",     "doctor/x.py", "src/docsify.js",
                        "sampler/x.py", "examples.py",     "my_tests.py", "app/documents.py"};
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++)
        ck_assert_msg(rhea_scan_path_is_incidental(yes[i]), "%s", yes[i]);
    for (size_t i = 0; i < G_N_ELEMENTS(no); i++)
        ck_assert_msg(!rhea_scan_path_is_incidental(no[i]), "%s", no[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, incidental_folders);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
