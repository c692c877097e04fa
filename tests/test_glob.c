/* test_glob.c: the gitignore matcher, case by case against gitignore(5) and git's wildmatch tests
 * (t/t3070-wildmatch.sh); each expectation was also checked with git check-ignore. */
#include <check.h>
#include <string.h>

#include "classifiers/glob.h"
#include "engine/error.h"
#include "tests/testutil.h"

typedef struct {
    const char *pattern, *path;
    gboolean expect;
} Case;

/* match_file: the path is a file; every folder above it is tried as a folder. */
static void check_files(const Case *cases, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(RheaGlob) g = rhea_glob_new(cases[i].pattern, 0, &error);
        ck_assert_msg(g != NULL, "%s: %s", cases[i].pattern, error ? error->message : "");
        ck_assert_msg(rhea_glob_match_file(g, cases[i].path) == cases[i].expect,
                      "pattern '%s' on '%s': expected %s", cases[i].pattern, cases[i].path,
                      cases[i].expect ? "match" : "no match");
    }
}

START_TEST(star_and_question_do_not_cross_slash)
{
    const Case c[] = {
        {"*.py", "train.py", TRUE},
        {"*.py", "model/train.py", TRUE}, /* no slash: basename at any depth */
        {"*.py", "model/train.pyc", FALSE},
        {"a/*.py", "a/x.py", TRUE},
        {"a/*.py", "a/b/x.py", FALSE}, /* `*` stops at `/` */
        {"a/*", "a/b/x.py", TRUE},     /* ...but a/b matches, and x.py is below it */
        {"a?b", "a/b", FALSE},
        {"a?b", "axb", TRUE},
        {"x/a?b", "x/a/b", FALSE},
        {"*", "anything/at/all", TRUE},
        {"?", "a", TRUE},
        {"?", "ab", FALSE},
        {"??", "x/ab", TRUE},
        {"*/b", "a/b", TRUE},
        {"*/b", "a/x/b", FALSE}, /* anchored: `*` is exactly one component */
        {"a/*/b", "a/x/b", TRUE},
        {"a/*/b", "a/x/y/b", FALSE},
        {"a/*/b", "a/b", FALSE},
    };
    check_files(c, G_N_ELEMENTS(c));
}
END_TEST

START_TEST(anchoring)
{
    const Case c[] = {
        {"main.js", "main.js", TRUE},
        {"main.js", "src/main.js", TRUE}, /* no slash: any depth */
        {"/main.js", "main.js", TRUE},
        {"/main.js", "src/main.js", FALSE}, /* leading slash: root only */
        {"src/main.js", "src/main.js", TRUE},
        {"src/main.js", "x/src/main.js", FALSE}, /* middle slash: anchored too */
        {"doc/frotz", "doc/frotz", TRUE},
        {"doc/frotz", "a/doc/frotz", FALSE},
        {"frotz", "a/frotz/b", TRUE}, /* a folder named frotz at any depth */
        {"/frotz", "a/frotz/b", FALSE},
        {"main", "main.js", FALSE},
        {"main.js", "main.jsx", FALSE},
    };
    check_files(c, G_N_ELEMENTS(c));
}
END_TEST

START_TEST(double_star_in_each_position)
{
    const Case c[] = {
        /* leading `**` + `/`: any depth, including the root */
        {"**/foo", "foo", TRUE},
        {"**/foo", "a/foo", TRUE},
        {"**/foo", "a/b/foo", TRUE},
        /* ... matched as the name alone (as gitignore(5) says `foo` is): a `*` in the name
         * still stops at `/`, a `**` inside a name is a `*`, a folder of that name counts */
        {"**/*Holder*", "a/b/SpeechHolder.kt", TRUE},
        {"**/*Holder*", "a/Holder/x.kt", TRUE},
        {"**/*Holder*", "aHold/er.kt", FALSE},
        {"**/a*b", "x/ab/c", TRUE},
        {"**/a*b", "x/a/b", FALSE},
        {"**/foo**", "x/foobar", TRUE},
        {"**/foo**", "x/fo/obar", FALSE},
        {"**/StartListening*", "StartListeningBrick.java", TRUE},
        {"**/foo/bar", "foo/bar", TRUE},
        {"**/foo/bar", "x/y/foo/bar", TRUE},
        {"**/foo/bar", "x/foo/baz", FALSE},
        /* trailing `/` + `**`: everything inside, not the folder itself */
        {"abc/**", "abc/x", TRUE},
        {"abc/**", "abc/x/y/z", TRUE},
        {"abc/**", "abc", FALSE},
        {"abc/**", "x/abc/y", FALSE},
        /* middle: zero or more folders */
        {"a/**/b", "a/b", TRUE},
        {"a/**/b", "a/x/b", TRUE},
        {"a/**/b", "a/x/y/b", TRUE},
        {"a/**/b", "a/x/y/c", FALSE},
        {"a/**/b", "x/a/b", FALSE},
        {"a/**/**/b", "a/b", TRUE},
        {"**/**/b", "b", TRUE}, /* repeated `**` components collapse: same meaning */
        {"**/**/b", "x/y/b", TRUE},
        {"a/**/**/**/b/**/**", "a/b/c", TRUE},
        {"a/**/**/**/b/**/**", "a/b", FALSE},
        {"x/**/y/**/z", "x/y/z", TRUE},
        {"x/**/y/**/z", "x/1/y/2/3/z", TRUE},
        /* alone: everything */
        {"**", "a", TRUE},
        {"**", "a/b/c", TRUE},
        /* not a whole component: an ordinary `*` */
        {"a**b", "axxb", TRUE},
        {"a**b", "a/b", FALSE},
        {"x/a**b", "x/ax/yb", FALSE},
        {"**a", "xa", TRUE},
        /* git's match_pathname quirk: after a literal prefix, `**` + `/` counts as a component */
        {"a/b**/c", "a/bx/y/c", TRUE},
    };
    check_files(c, G_N_ELEMENTS(c));
}
END_TEST

START_TEST(trailing_slash_matches_folders_only)
{
    const Case c[] = {
        {"docs/", "docs/index.rst", TRUE},
        {"docs/", "a/docs/x", TRUE}, /* no other slash: any depth */
        {"docs/", "docs", FALSE},    /* a file named docs is not a folder */
        {"/docs/", "a/docs/x", FALSE},
        {"a/b/", "a/b/c", TRUE},
        {"a/b/", "a/b", FALSE},
        {"*/", "x", FALSE},
        {"*/", "x/y", TRUE},
        {"model*/", "models/a.h5", TRUE},
        {"model*/", "model.py", FALSE},
    };
    check_files(c, G_N_ELEMENTS(c));
}
END_TEST

START_TEST(classes_and_escapes)
{
    const Case c[] = {
        {"[abc].py", "b.py", TRUE},
        {"[abc].py", "d.py", FALSE},
        {"[a-c]x", "bx", TRUE},
        {"[!a-c]x", "bx", FALSE},
        {"[!a-c]x", "dx", TRUE},
        {"[^a-c]x", "dx", TRUE},
        {"[]]", "]", TRUE},
        {"[!]]", "]", FALSE},
        {"[]-]", "-", TRUE},
        {"[[:digit:]]*", "9lives", TRUE},
        {"[[:digit:]]*", "lives", FALSE},
        {"[[:upper:]]*", "Makefile", TRUE},
        {"[[:nope:]]", "n", FALSE}, /* unknown class: the pattern matches nothing */
        {"[a-", "a", FALSE},        /* unterminated: matches nothing */
        {"a[/]b", "a/b", FALSE},    /* a class never matches `/` */
        {"*.[ch]", "x/y.h", TRUE},
        {"\\*", "*", TRUE},
        {"\\*", "x", FALSE},
        {"\\#hash", "#hash", TRUE},
        {"\\!bang", "!bang", TRUE},
        {"\\[a]", "[a]", TRUE},
        {"\\[a]", "a", FALSE},
        {"a\\", "a", FALSE}, /* a trailing backslash matches nothing */
    };
    check_files(c, G_N_ELEMENTS(c));
}
END_TEST

START_TEST(dot_files_spaces_and_non_ascii)
{
    const Case c[] = {
        {"*", ".hidden", TRUE}, /* no special case for dot files */
        {".*", ".gitignore", TRUE},
        {".*", "a/.env", TRUE},
        {".*", "a.b", FALSE},
        {".hidden/", ".hidden/x", TRUE},
        {"**/.*", "x/.y", TRUE},
        {"with space", "a/with space", TRUE},
        {"with space/", "with space/f", TRUE},
        {"trail  ", "trail", TRUE},   /* trailing spaces dropped */
        {"trail\\ ", "trail ", TRUE}, /* ...unless escaped */
        {"trail\\ ", "trail", FALSE},
        {"é*", "été.py", TRUE},
        {"*ü", "x/zü", TRUE},
        {"naïve/**", "naïve/a/b", TRUE},
        {"日本/*", "日本/東京", TRUE},
        {"?", "é", FALSE}, /* `?` is one byte, as in git; é is two */
        {"??", "é", TRUE},
    };
    check_files(c, G_N_ELEMENTS(c));
}
END_TEST

START_TEST(match_one_and_folders)
{
    g_autoptr(RheaGlob) g = rhea_glob_new("build/", 0, NULL);
    ck_assert(rhea_glob_match_one(g, "build", 5, TRUE));
    ck_assert(!rhea_glob_match_one(g, "build", 5, FALSE));
    ck_assert(rhea_glob_match_one(g, "x/build/y", 7, TRUE)); /* only the first 7 bytes count */
    ck_assert_str_eq(rhea_glob_pattern(g), "build/");
    g_autoptr(RheaGlob) t = rhea_glob_new("x.md   ", 0, NULL);
    ck_assert_str_eq(rhea_glob_pattern(t), "x.md");
}
END_TEST

START_TEST(casefold)
{
    g_autoptr(RheaGlob) g = rhea_glob_new("*.png", RHEA_GLOB_CASEFOLD, NULL);
    ck_assert(rhea_glob_match_file(g, "a/LOGO.PNG"));
    g_autoptr(RheaGlob) l = rhea_glob_new("LICENSE*", RHEA_GLOB_CASEFOLD, NULL);
    ck_assert(rhea_glob_match_file(l, "license.txt"));
    g_autoptr(RheaGlob) d = rhea_glob_new("docs/", RHEA_GLOB_CASEFOLD, NULL);
    ck_assert(rhea_glob_match_file(d, "Docs/x"));
    g_autoptr(RheaGlob) cs = rhea_glob_new("*.png", 0, NULL);
    ck_assert(!rhea_glob_match_file(cs, "a/LOGO.PNG"));
}
END_TEST

START_TEST(patterns_that_match_nothing_are_refused)
{
    const char *bad[] = {"", "   ", "/", "/  "};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        ck_assert_ptr_null(rhea_glob_new(bad[i], 0, &error));
        ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_INVALID));
    }
}
END_TEST

START_TEST(hostile_patterns_finish)
{
    /* exponential for a naive backtracker; git's abort codes keep it polynomial */
    g_autoptr(RheaGlob) g = rhea_glob_new("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", 0, NULL);
    char path[200];
    memset(path, 'a', sizeof path - 1);
    path[sizeof path - 1] = '\0';
    ck_assert(!rhea_glob_match_file(g, path));
    g_autoptr(RheaGlob) s = rhea_glob_new("**/a/**/a/**/a/**/a/**/a/**/b", 0, NULL);
    GString *deep = g_string_new(NULL);
    for (int i = 0; i < 30; i++)
        g_string_append(deep, "a/");
    g_string_append(deep, "c");
    ck_assert(!rhea_glob_match_file(s, deep->str));
    g_string_free(deep, TRUE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("glob");
    TCase *tc = tcase_create("gitignore");
    tcase_add_test(tc, star_and_question_do_not_cross_slash);
    tcase_add_test(tc, anchoring);
    tcase_add_test(tc, double_star_in_each_position);
    tcase_add_test(tc, trailing_slash_matches_folders_only);
    tcase_add_test(tc, classes_and_escapes);
    tcase_add_test(tc, dot_files_spaces_and_non_ascii);
    tcase_add_test(tc, match_one_and_folders);
    tcase_add_test(tc, casefold);
    tcase_add_test(tc, patterns_that_match_nothing_are_refused);
    tcase_add_test(tc, hostile_patterns_finish);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
