/* test_rules.c: rules files (parsing, errors with line numbers) and labeling (last match wins,
 * built-in defaults), each expectation worked out from docs/rules.md by hand. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "classifiers/rules.h"
#include "engine/error.h"
#include "tests/testutil.h"

static RheaRules *parse(const char *text)
{
    g_autoptr(GError) error = NULL;
    RheaRules *r = rhea_rules_parse(text, -1, "t.rules", &error);
    ck_assert_msg(r != NULL, "%s", error ? error->message : "");
    return r;
}

/* Label name and rule of path. */
static char *label(const RheaRules *rules, const char *path)
{
    const char *why = NULL;
    RheaLabel l = rhea_rules_label(rules, path, &why);
    return g_strdup_printf("%s %s", rhea_label_name(l), why);
}

#define CHECK_LABEL(rules, path, want)                                                             \
    do {                                                                                           \
        g_autofree char *got_ = label(rules, path);                                                \
        ck_assert_msg(strcmp(got_, want) == 0, "%s: got '%s', want '%s'", path, got_, want);       \
    } while (0)

static void check_error(const char *text, gssize len, const char *want)
{
    g_autoptr(GError) error = NULL;
    RheaRules *r = rhea_rules_parse(text, len, "bad.rules", &error);
    ck_assert_ptr_null(r);
    ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_INVALID));
    ck_assert_msg(g_str_has_prefix(error->message, want), "got '%s', want prefix '%s'",
                  error->message, want);
    ck_assert_ptr_null(strchr(error->message, '\n'));
}

START_TEST(label_names)
{
    ck_assert_str_eq(rhea_label_name(RHEA_LABEL_NONML), "nonml");
    ck_assert_str_eq(rhea_label_name(RHEA_LABEL_ML), "ml");
    ck_assert_str_eq(rhea_label_name(RHEA_LABEL_EXCLUDE), "exclude");
    RheaLabel l;
    ck_assert(rhea_label_from_name("exclude", &l) && l == RHEA_LABEL_EXCLUDE);
    ck_assert(!rhea_label_from_name("ML", &l));
}
END_TEST

START_TEST(last_match_wins)
{
    /* the honkling example */
    g_autoptr(RheaRules) r = parse("# comment\n"
                                   "nonml   **\n"
                                   "ml      common/SpeechModel.js\n"
                                   "\n"
                                   "ml      models/\n"
                                   "ml      *.ipynb\n"
                                   "exclude node_modules/\n"
                                   "exclude *.md\n");
    ck_assert_uint_eq(rhea_rules_count(r), 6);
    CHECK_LABEL(r, "index.html", "nonml t.rules:2");
    CHECK_LABEL(r, "common/SpeechModel.js", "ml t.rules:3");
    CHECK_LABEL(r, "x/common/SpeechModel.js", "nonml t.rules:2"); /* anchored */
    CHECK_LABEL(r, "models/a/b.js", "ml t.rules:5");
    CHECK_LABEL(r, "models/README.md", "exclude t.rules:8"); /* later rule beats the folder */
    /* both folder rules match; node_modules/ (line 7) comes after models/ (line 5) */
    CHECK_LABEL(r, "node_modules/x/models/y.js", "exclude t.rules:7");
    CHECK_LABEL(r, "models/node_modules/y.js", "exclude t.rules:7");
    CHECK_LABEL(r, "node_modules/x/y.js", "exclude t.rules:7");
    CHECK_LABEL(r, "a/b.ipynb", "ml t.rules:6");
    /* `**` matched, so the default for .png never decides */
    CHECK_LABEL(r, "logo.png", "nonml t.rules:2");
}
END_TEST

START_TEST(defaults_decide_when_no_user_rule_matches)
{
    g_autoptr(RheaRules) r = parse("ml model/\n");
    CHECK_LABEL(r, "model/train.py", "ml t.rules:1");
    CHECK_LABEL(r, "app/main.js", "nonml default:other");
    CHECK_LABEL(r, "README.md", "exclude default:documentation");
    CHECK_LABEL(r, "docs/api/index.html", "exclude default:documentation");
    CHECK_LABEL(r, "src/doc/x.c", "exclude default:documentation");
    CHECK_LABEL(r, "LICENSE", "exclude default:documentation");
    CHECK_LABEL(r, "COPYING.LIB", "exclude default:documentation");
    CHECK_LABEL(r, ".mailmap", "exclude default:documentation");
    CHECK_LABEL(r, "a/.gitignore", "exclude default:documentation");
    CHECK_LABEL(r, "requirements.txt", "exclude default:documentation");
    CHECK_LABEL(r, "CMakeLists.txt", "nonml default:build-script");
    CHECK_LABEL(r, "assets/logo.png", "exclude default:image");
    CHECK_LABEL(r, "assets/Logo.PNG", "exclude default:image"); /* defaults ignore case */
    CHECK_LABEL(r, "sounds/yes.wav", "exclude default:audio");
    CHECK_LABEL(r, "demo.mp4", "exclude default:video");
    CHECK_LABEL(r, "fonts/a.woff2", "exclude default:font");
    CHECK_LABEL(r, "data.tar.gz", "exclude default:archive");
    CHECK_LABEL(r, "weights/model.h5", "exclude default:serialized-model");
    CHECK_LABEL(r, "m.tflite", "exclude default:serialized-model");
    CHECK_LABEL(r, "m.onnx", "exclude default:serialized-model");
    CHECK_LABEL(r, "lib/x.so", "exclude default:binary");
    CHECK_LABEL(r, "app.apk", "exclude default:binary");
    CHECK_LABEL(r, "node_modules/left-pad/index.js", "exclude default:vendored");
    CHECK_LABEL(r, "web/vendor/jquery.js", "exclude default:vendored");
    CHECK_LABEL(r, "third_party/eigen/x.h", "exclude default:vendored");
    CHECK_LABEL(r, "notebooks/explore.ipynb", "ml default:notebook");
    CHECK_LABEL(r, "docs/tour.ipynb", "exclude default:documentation"); /* later default wins */
    CHECK_LABEL(r, "node_modules/x/README.md", "exclude default:vendored");
    CHECK_LABEL(r, "vendor", "nonml default:other"); /* a file, not a folder */
    /* NULL rules: defaults only */
    CHECK_LABEL(NULL, "model/train.py", "nonml default:other");
    CHECK_LABEL(NULL, "x.ipynb", "ml default:notebook");
    RheaLabel l;
    ck_assert(!rhea_rules_label_user(r, "app/main.js", &l, NULL));
    ck_assert(rhea_rules_label_user(r, "model/x", &l, NULL) && l == RHEA_LABEL_ML);
    ck_assert(!rhea_rules_label_user(NULL, "model/x", &l, NULL));
}
END_TEST

START_TEST(user_rules_beat_defaults)
{
    g_autoptr(RheaRules) r = parse("ml *.md\nnonml docs/\nml vendor/\n");
    CHECK_LABEL(r, "README.md", "ml t.rules:1");
    CHECK_LABEL(r, "docs/x.py", "nonml t.rules:2");
    CHECK_LABEL(r, "docs/x.md", "nonml t.rules:2");
    CHECK_LABEL(r, "vendor/model.py", "ml t.rules:3");
}
END_TEST

START_TEST(spaces_tabs_non_ascii_dot_files)
{
    g_autoptr(RheaRules) r = parse("  ml\t\tsrc/my model/   \n"
                                   "exclude\t日本語/*.py\t\n"
                                   "ml .env*\n"
                                   "nonml trail\\ \n");
    CHECK_LABEL(r, "src/my model/a.py", "ml t.rules:1");
    CHECK_LABEL(r, "src/my model", "nonml default:other"); /* a file: not the folder */
    CHECK_LABEL(r, "日本語/学習.py", "exclude t.rules:2");
    CHECK_LABEL(r, "x/.env.local", "ml t.rules:3");
    CHECK_LABEL(r, "trail ", "nonml t.rules:4");
    g_autoptr(GPtrArray) m = rhea_rules_explain(r, "src/my model/a.py");
    ck_assert_str_eq(((RheaRuleMatch *)m->pdata[0])->pattern, "src/my model/");
}
END_TEST

START_TEST(crlf_and_bom)
{
    g_autoptr(RheaRules) r = parse("\xEF\xBB\xBF# from Windows\r\nml model/\r\nexclude *.csv\r\n");
    ck_assert_uint_eq(rhea_rules_count(r), 2);
    CHECK_LABEL(r, "model/a.py", "ml t.rules:2");
    CHECK_LABEL(r, "data/a.csv", "exclude t.rules:3");
    /* the BOM does not hide a first-line rule's label */
    g_autoptr(RheaRules) r2 = parse("\xEF\xBB\xBFml x\n");
    CHECK_LABEL(r2, "x", "ml t.rules:1");
    /* no final newline */
    g_autoptr(RheaRules) r3 = parse("ml x\nexclude y");
    CHECK_LABEL(r3, "y", "exclude t.rules:2");
}
END_TEST

START_TEST(parser_errors_name_the_line)
{
    check_error("ml a\nnonml b\nmodel c/\n", -1, "bad.rules:3: unknown label 'model'");
    check_error("ML a\n", -1, "bad.rules:1: unknown label 'ML'");
    /* text from the file is quoted escaped and cut (a 50 MB line once gave a 50 MB message) */
    check_error("\x1b]0;\x07\xc3\xa9\xff\r a\n", -1,
                "bad.rules:1: unknown label '\\x1b]0;\\x07\xc3\xa9\\xff\\x0d'");
    check_error("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x\n", -1,
                "bad.rules:1: unknown label "
                "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'");
    check_error("\n\n# x\nml\n", -1, "bad.rules:4: rule 'ml' has no pattern");
    check_error("exclude   \t \n", -1, "bad.rules:1: rule 'exclude' has no pattern");
    check_error("ml a\r\nexclude\r\n", -1, "bad.rules:2: rule 'exclude' has no pattern");
    check_error("ml a\nexclude !b\n", -1, "bad.rules:2: '!b': negation ('!') is not supported");
    check_error("ml /\n", -1, "bad.rules:1: pattern '/' matches nothing");
    check_error("ml a\nml b\0c\nml d\n", 13, "bad.rules:2: NUL byte");
    check_error("\xEF\xBB\xBF\nnonml x\nml\n", -1, "bad.rules:3:");
    /* `\!` is a literal name, not negation */
    g_autoptr(RheaRules) r = parse("ml \\!important\n");
    CHECK_LABEL(r, "!important", "ml t.rules:1");
}
END_TEST

START_TEST(load_reads_files_and_reports_missing_ones)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "p.rules", NULL);
    ck_assert(g_file_set_contents(path, "ml a/\nbogus b\n", -1, NULL));
    g_autoptr(GError) error = NULL;
    ck_assert_ptr_null(rhea_rules_load(path, &error));
    g_autofree char *want = g_strdup_printf("%s:2: unknown label 'bogus'", path);
    ck_assert(g_str_has_prefix(error->message, want));
    g_clear_error(&error);

    g_autofree char *absent = g_build_filename(dir, "absent.rules", NULL);
    ck_assert_ptr_null(rhea_rules_load(absent, &error));
    ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND));
    ck_assert(g_str_has_suffix(error->message, "no such file)"));
    g_clear_error(&error);
    ck_assert_ptr_null(rhea_rules_load(dir, &error));
    ck_assert(strstr(error->message, "is a folder") != NULL);
    g_clear_error(&error);

    ck_assert(g_file_set_contents(path, "ml a/\n", -1, NULL));
    g_autoptr(RheaRules) r = rhea_rules_load(path, &error);
    ck_assert_ptr_nonnull(r);
    const char *why = NULL;
    ck_assert_int_eq(rhea_rules_label(r, "a/b", &why), RHEA_LABEL_ML);
    g_autofree char *want_why = g_strdup_printf("%s:1", path);
    ck_assert_str_eq(why, want_why);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(explain_lists_user_then_default_matches)
{
    g_autoptr(RheaRules) r = parse("nonml **\nml model/\nexclude *.md\nml other/\n");
    g_autoptr(GPtrArray) m = rhea_rules_explain(r, "model/README.md");
    /* user: lines 1, 2, 3; defaults: other (**), documentation (*.md) */
    ck_assert_uint_eq(m->len, 5);
    const char *want[] = {"t.rules:1", "t.rules:2", "t.rules:3", "default:other",
                          "default:documentation"};
    for (guint i = 0; i < m->len; i++)
        ck_assert_str_eq(((RheaRuleMatch *)m->pdata[i])->why, want[i]);
    ck_assert_str_eq(((RheaRuleMatch *)m->pdata[2])->pattern, "*.md");
    ck_assert_int_eq(((RheaRuleMatch *)m->pdata[1])->label, RHEA_LABEL_ML);
    g_autoptr(GPtrArray) d = rhea_rules_explain(NULL, "a.py");
    ck_assert_uint_eq(d->len, 1);
}
END_TEST

/* 20,000 paths of a synthetic history against a 50-rule file: the figure the issue asks for is
 * "well under a second"; the bound here is loose enough for a sanitizer build on a busy machine. */
START_TEST(matching_is_fast)
{
    GString *text = g_string_new("nonml **\n");
    const char *exts[] = {"py", "js", "java", "kt", "md", "png", "json", "csv", "h5", "txt"};
    for (int i = 0; i < 49; i++) {
        switch (i % 5) {
        case 0:
            g_string_append_printf(text, "ml src/module%d/\n", i);
            break;
        case 1:
            g_string_append_printf(text, "exclude *.%s\n", exts[i % 10]);
            break;
        case 2:
            g_string_append_printf(text, "ml **/model%d/**/*.py\n", i);
            break;
        case 3:
            g_string_append_printf(text, "nonml app/ui%d/*.js\n", i);
            break;
        default:
            g_string_append_printf(text, "ml train_%d_*.py\n", i);
            break;
        }
    }
    g_autoptr(RheaRules) r = parse(text->str);
    g_string_free(text, TRUE);
    ck_assert_uint_eq(rhea_rules_count(r), 50);
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < 20000; i++)
        g_ptr_array_add(paths, g_strdup_printf("src/module%d/pkg%d/sub%d/file%d.%s", i % 60, i % 17,
                                               i % 5, i, exts[i % 10]));
    /* no timing here (speed is measured in tests/bench, never in a unit test): every path gets
     * exactly one label */
    guint counts[3] = {0};
    for (guint i = 0; i < paths->len; i++)
        counts[rhea_rules_label(r, paths->pdata[i], NULL)]++;
    ck_assert_uint_eq(counts[0] + counts[1] + counts[2], 20000);
    g_ptr_array_unref(paths);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, label_names);
    tcase_add_test(tc, last_match_wins);
    tcase_add_test(tc, defaults_decide_when_no_user_rule_matches);
    tcase_add_test(tc, user_rules_beat_defaults);
    tcase_add_test(tc, spaces_tabs_non_ascii_dot_files);
    tcase_add_test(tc, crlf_and_bom);
    tcase_add_test(tc, parser_errors_name_the_line);
    tcase_add_test(tc, load_reads_files_and_reports_missing_ones);
    tcase_add_test(tc, explain_lists_user_then_default_matches);
    tcase_add_test(tc, matching_is_fast);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
