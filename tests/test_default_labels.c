/* test_default_labels.c: the defaults' label by path component (classifiers/default_labels.h)
 * equals rhea_rules_label_default, the per-path matcher (the independent path), label and why,
 * on hand-picked paths whose answers are worked out below and on many generated ones mixing every
 * default's folder names, file names and extensions in any case; and remembering a component for
 * a folder does not answer for the same name as a file. */
#include <check.h>
#include <string.h>

#include "classifiers/default_labels.h"
#include "classifiers/rules.h"
#include "tests/testutil.h"

static void same_as_defaults(RheaDefaultLabels *d, const char *path)
{
    const char *why_fast = NULL, *why_slow = NULL;
    RheaLabel fast = rhea_default_labels_get(d, path, &why_fast);
    RheaLabel slow = rhea_rules_label_default(path, &why_slow);
    ck_assert_msg(fast == slow, "%s: %d != %d", path, fast, slow);
    ck_assert_msg(g_strcmp0(why_fast, why_slow) == 0, "%s: %s != %s", path, why_fast, why_slow);
}

START_TEST(by_hand)
{
    g_autoptr(RheaDefaultLabels) d = rhea_default_labels_new();
    const struct {
        const char *path, *why;
    } cases[] = {
        {"src/main.c", "default:other"},
        {"notebooks/Train.IPYNB", "default:notebook"},
        {"README.md", "default:documentation"},
        {"a/b/docs/guide.c", "default:documentation"},   /* docs/ as a folder at any depth */
        {"a/b/docs", "default:other"},                   /* docs/ matches folders only */
        {"docs/CMakeLists.txt", "default:build-script"}, /* the later default wins */
        {"sub/cmakelists.TXT", "default:build-script"},  /* defaults ignore case */
        {"notes.txt", "default:documentation"},
        {"vendor/logo.png", "default:vendored"},
        {"app/Logo.PNG", "default:image"},
        {"x/LICENSE-MIT", "default:documentation"},
        {"models/net.onnx", "default:serialized-model"},
        {"node_modules", "default:other"}, /* a file of that name */
        {"a//b.png", "default:image"},     /* an empty component: the full matcher's answer */
        {"/lead.md", "default:documentation"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char *why = NULL;
        rhea_default_labels_get(d, cases[i].path, &why);
        ck_assert_msg(g_strcmp0(why, cases[i].why) == 0, "%s: %s, not %s", cases[i].path, why,
                      cases[i].why);
        same_as_defaults(d, cases[i].path);
    }
    /* the same names again, now remembered: the same answers */
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
        same_as_defaults(d, cases[i].path);
}
END_TEST

START_TEST(generated)
{
    const char *parts[] = {"docs",
                           "doc",
                           "Docs",
                           "vendor",
                           "node_modules",
                           "src",
                           "a.b",
                           "third_party",
                           "LICENSE",
                           "license.txt",
                           "CMakeLists.txt",
                           "x.PNG",
                           "y.ipynb",
                           "z.pt",
                           ".gitignore",
                           "COPYING.v2",
                           "CHANGELOG",
                           "w.tar.gz",
                           "v.Md",
                           "bower_components",
                           "**",
                           "[a]",
                           "q?",
                           "main.c",
                           "model.h5",
                           "AUTHORS.txt",
                           "README"};
    g_autoptr(RheaDefaultLabels) d = rhea_default_labels_new();
    GRand *r = g_rand_new_with_seed(20240414);
    for (int i = 0; i < 20000; i++) {
        GString *p = g_string_new(NULL);
        int depth = g_rand_int_range(r, 1, 6);
        for (int k = 0; k < depth; k++) {
            if (k)
                g_string_append_c(p, '/');
            g_string_append(p, parts[g_rand_int_range(r, 0, G_N_ELEMENTS(parts))]);
        }
        same_as_defaults(d, p->str);
        g_string_free(p, TRUE);
    }
    g_rand_free(r);
}
END_TEST

static gint cmp_bytes(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Paths in a row sharing folders, as a product's sorted paths come: a folder the previous path
 * had is not looked up again, so every way two paths can share a prefix is here (one a prefix of
 * the other, a shared prefix ending inside a name, a name that is another's folder), with empty
 * components (which the full matcher judges) between them. Then the generated paths sorted. */
START_TEST(sorted_and_sharing_folders)
{
    const char *paths[] = {"docs/a.py",
                           "docs/a.py/b",
                           "docs/a.pyc",
                           "docs/api/x.c",
                           "docs/api/y.md",
                           "docs/apiz.c",
                           "docs//x.c",
                           "docs/api/x.c",
                           "docs/api/",
                           "docs/api/z/w.c",
                           "vendor/lib/a.c",
                           "vendor/lib",
                           "vendor/lib/a.c",
                           "vendor/libx/a.c",
                           "vendor/x.c",
                           "vendorx.c",
                           "docs/a",
                           "docsa",
                           "src/docs/a.c",
                           "src/doc",
                           "src/doc/s/LICENSE",
                           "src/docs/a.c",
                           "a",
                           "a/b/c/d/e.png"};
    g_autoptr(RheaDefaultLabels) d = rhea_default_labels_new();
    for (gsize i = 0; i < G_N_ELEMENTS(paths); i++)
        same_as_defaults(d, paths[i]);
    const char *parts[] = {"docs",  "doc",    "vendor",       "src",      "a.b",    "LICENSE",
                           "x.PNG", "main.c", "node_modules", "model.h5", "README", "third_party"};
    GRand *r = g_rand_new_with_seed(20240415);
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < 5000; i++) {
        GString *p = g_string_new(NULL);
        int depth = g_rand_int_range(r, 1, 7);
        for (int k = 0; k < depth; k++) {
            if (k)
                g_string_append_c(p, '/');
            g_string_append(p, parts[g_rand_int_range(r, 0, G_N_ELEMENTS(parts))]);
        }
        g_ptr_array_add(all, g_string_free(p, FALSE));
    }
    g_rand_free(r);
    g_ptr_array_sort(all, cmp_bytes); /* bytewise, as the labeling's paths come */
    g_autoptr(RheaDefaultLabels) sorted = rhea_default_labels_new();
    for (guint i = 0; i < all->len; i++)
        same_as_defaults(sorted, g_ptr_array_index(all, i));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("default_labels");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, by_hand);
    tcase_add_test(tc, generated);
    tcase_add_test(tc, sorted_and_sharing_folders);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
