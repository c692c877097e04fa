/* test_user_labels.c: the user rules' label with the folders' matches remembered
 * (classifiers/user_labels.h) equals rhea_rules_label_user, the per-path matcher (the independent
 * path), label and why: on hand-picked paths whose answers are worked out below, on every rules
 * file shipped in samples/rules and on generated rule lists (anchored, basename, folder-only,
 * `**`, wildcard patterns), each against 4,000-10,000 generated paths sorted (as the labeling asks)
 * and in random order (so that the remembered folders are dropped and rebuilt at every depth). */
#include <check.h>
#include <string.h>

#include "classifiers/user_labels.h"
#include "tests/testutil.h"

static void same_as_rules(RheaUserLabels *u, const RheaRules *rules, const char *path)
{
    RheaLabel fast = RHEA_LABEL_EXCLUDE, slow = RHEA_LABEL_EXCLUDE;
    const char *why_fast = NULL, *why_slow = NULL;
    gboolean hit_fast = rhea_user_labels_get(u, path, &fast, &why_fast);
    gboolean hit_slow = rhea_rules_label_user(rules, path, &slow, &why_slow);
    ck_assert_msg(hit_fast == hit_slow, "%s: matched %d != %d", path, hit_fast, hit_slow);
    ck_assert_msg(fast == slow, "%s: %d != %d", path, fast, slow);
    ck_assert_msg(g_strcmp0(why_fast, why_slow) == 0, "%s: %s != %s", path, why_fast, why_slow);
}

static RheaRules *parse(const char *text)
{
    GError *error = NULL;
    RheaRules *rules = rhea_rules_parse(text, -1, "t.rules", &error);
    ck_assert_msg(rules != NULL, "%s", error ? error->message : "?");
    return rules;
}

START_TEST(by_hand)
{
    g_autoptr(RheaRules) rules = parse("ml src/\n"           /* 1: an anchored folder */
                                       "nonml *.md\n"        /* 2: any markdown */
                                       "exclude src/gen/\n"  /* 3: below src/, later */
                                       "ml **/models/*.py\n" /* 4: at any depth */
                                       "nonml /top.txt\n"    /* 5: the root's only */
                                       "exclude build/\n");  /* 6: any folder named build */
    g_autoptr(RheaUserLabels) u = rhea_user_labels_new(rules);
    const struct {
        const char *path, *why; /* NULL: no rule matches */
    } cases[] = {
        {"src/a.c", "t.rules:1"},
        {"srcx/a.c", NULL},             /* shares "src" with the path before, not its folder */
        {"src/gen/b.c", "t.rules:3"},   /* the later folder rule wins */
        {"src/gen/c.md", "t.rules:3"},  /* over the earlier file rule too */
        {"src/readme.md", "t.rules:2"}, /* a file rule after the folder's */
        {"src/x/models/m.py", "t.rules:4"},
        {"models/m.py", "t.rules:4"}, /* `**` matches no folder as well */
        {"lib/models/m.pyc", NULL},
        {"top.txt", "t.rules:5"},
        {"a/top.txt", NULL}, /* anchored at the root */
        {"a/build/src/x.c", "t.rules:6"},
        {"a/build", NULL},  /* build/ matches folders only */
        {"srcx/a.c", NULL}, /* a longer name is not src/ */
        {"src", NULL},
        {"/lead.md", "t.rules:2"},
        {"a//b.md", "t.rules:2"}, /* an empty component */
    };
    for (int round = 0; round < 2; round++) /* then again, with folders remembered */
        for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
            const char *why = NULL;
            gboolean hit = rhea_user_labels_get(u, cases[i].path, NULL, &why);
            ck_assert_msg(hit == (cases[i].why != NULL), "%s", cases[i].path);
            ck_assert_msg(g_strcmp0(why, cases[i].why) == 0, "%s: %s, not %s", cases[i].path, why,
                          cases[i].why);
            same_as_rules(u, rules, cases[i].path);
        }
    g_autoptr(RheaUserLabels) none = rhea_user_labels_new(NULL);
    ck_assert(!rhea_user_labels_get(none, "src/a.c", NULL, NULL));
}
END_TEST

static const char *PARTS[] = {"src",     "Src",       "gen",   "models",   "build",   "Data",
                              "equity",  "TestData",  "docs",  "a.md",     "b.py",    "x.cs",
                              "top.txt", "Optimizer", "Tests", "Research", "n.ipynb", "Doc",
                              "c.zip",   "Jupyter",   "lib",   "m.PY",     "[a]",     "q?"};

static gint by_bytes(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* n paths of 1-6 components from PARTS, sorted bytewise or left in generated order */
static GPtrArray *paths(guint n, gboolean sorted, guint32 seed)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GRand *r = g_rand_new_with_seed(seed);
    for (guint i = 0; i < n; i++) {
        GString *p = g_string_new(NULL);
        int depth = g_rand_int_range(r, 1, 7);
        for (int k = 0; k < depth; k++) {
            if (k)
                g_string_append_c(p, '/');
            g_string_append(p, PARTS[g_rand_int_range(r, 0, G_N_ELEMENTS(PARTS))]);
        }
        g_ptr_array_add(out, g_string_free(p, FALSE));
    }
    g_rand_free(r);
    if (sorted)
        g_ptr_array_sort(out, by_bytes);
    return out;
}

static void against_paths(const RheaRules *rules, guint n_paths)
{
    for (int sorted = 0; sorted < 2; sorted++) {
        g_autoptr(GPtrArray) list = paths(n_paths, sorted, 20240414 + sorted);
        g_autoptr(RheaUserLabels) u = rhea_user_labels_new(rules);
        for (guint i = 0; i < list->len; i++)
            same_as_rules(u, rules, g_ptr_array_index(list, i));
    }
}

START_TEST(shipped_rules)
{
    g_autoptr(GDir) dir = g_dir_open("samples/rules", 0, NULL);
    ck_assert_ptr_nonnull(dir);
    guint files = 0;
    for (const char *name; (name = g_dir_read_name(dir));) {
        if (!g_str_has_suffix(name, ".rules"))
            continue;
        g_autofree char *path = g_build_filename("samples/rules", name, NULL);
        GError *error = NULL;
        g_autoptr(RheaRules) rules = rhea_rules_load(path, &error);
        ck_assert_msg(rules != NULL, "%s", error ? error->message : "?");
        against_paths(rules, 4000);
        files++;
    }
    ck_assert_uint_ge(files, 20);
}
END_TEST

START_TEST(generated_rules)
{
    const char *patterns[] = {"src/",     "/src/",   "src/gen/",    "**/models/", "**/models/*.py",
                              "*.md",     "*.py",    "b.py",        "Data/",      "**/Data/equity/",
                              "/top.txt", "top.txt", "build/",      "Tests/*/",   "*/gen/*.cs",
                              "Doc*/",    "*.ZIP",   "[a]",         "\\[a]/",     "q?",
                              "lib/**",   "**/x.cs", "Src/**/m.PY", "Optimizer/", "*"};
    const char *labels[] = {"ml", "nonml", "exclude"};
    GRand *r = g_rand_new_with_seed(7);
    for (int round = 0; round < 12; round++) {
        GString *text = g_string_new(NULL);
        int n = g_rand_int_range(r, 1, 16);
        for (int i = 0; i < n; i++)
            g_string_append_printf(text, "%s %s\n", labels[g_rand_int_range(r, 0, 3)],
                                   patterns[g_rand_int_range(r, 0, G_N_ELEMENTS(patterns))]);
        g_autoptr(RheaRules) rules = parse(text->str);
        g_string_free(text, TRUE);
        against_paths(rules, 10000);
    }
    g_rand_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("user_labels");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, by_hand);
    tcase_add_test(tc, shipped_rules);
    tcase_add_test(tc, generated_rules);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
