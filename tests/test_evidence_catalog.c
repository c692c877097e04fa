/* test_evidence_catalog.c: every entry of classifiers/evidence.tsv finds its must-hit line and not
 * its near-miss (tests/evidence_fixtures.tsv), through the one compiled matcher; an entry without
 * fixtures fails. Also: file kinds, the catalog's load errors, and prose that names a library. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "classifiers/evidence_catalog.h"
#include "engine/lines.h"
#include "tests/testutil.h"

typedef struct {
    guint want;
    gboolean found;
    guint line;
} Probe;

static gboolean probe_fn(const RheaEvidenceMatch *m, void *payload)
{
    Probe *p = payload;
    if (m->entry == p->want) {
        p->found = TRUE;
        p->line = m->line;
    }
    return TRUE;
}

static char *unescape(const char *s)
{
    GString *out = g_string_new(NULL);
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            g_string_append_c(out, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s);
        } else {
            g_string_append_c(out, *s);
        }
    }
    return g_string_free(out, FALSE);
}

static gboolean finds(const RheaEvidenceCatalog *c, guint i, const char *path, const char *text)
{
    const RheaEvidenceEntry *e = rhea_evidence_catalog_entry(c, i);
    Probe p = {.want = i};
    if (e->fk_mask == (1u << RHEA_FK_PATH))
        rhea_evidence_catalog_scan_path(c, text, probe_fn, &p);
    else
        rhea_evidence_catalog_scan(c, rhea_file_kinds(path), text, strlen(text), probe_fn, &p);
    return p.found;
}

START_TEST(every_entry_has_fixtures_that_hit_and_miss)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceCatalog) c =
        rhea_evidence_catalog_load("classifiers/evidence.tsv", &error);
    ck_assert_msg(c != NULL, "%s", error ? error->message : "");
    g_autofree char *text = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents("tests/evidence_fixtures.tsv", &text, &len, NULL));
    g_autoptr(GHashTable) fx =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    for (char *line; (line = rhea_lines_next(&lines));) {
        if (!*line || line[0] == '#')
            continue;
        char **f = g_strsplit(line, "\t", -1);
        ck_assert_msg(g_strv_length(f) == 4, "evidence_fixtures.tsv:%u: 4 fields", lines.lineno);
        ck_assert_msg(!g_hash_table_contains(fx, f[0]), "fixture %s twice", f[0]);
        g_hash_table_insert(fx, g_strdup(f[0]), f);
    }
    guint failures = 0;
    for (guint i = 0; i < rhea_evidence_catalog_size(c); i++) {
        const RheaEvidenceEntry *e = rhea_evidence_catalog_entry(c, i);
        char **f = g_hash_table_lookup(fx, e->id);
        if (!f) {
            fprintf(stderr, "entry %s has no fixture\n", e->id);
            failures++;
            continue;
        }
        g_autofree char *hit = unescape(f[2]);
        g_autofree char *miss = unescape(f[3]);
        if (e->fk_mask != (1u << RHEA_FK_PATH) && !(rhea_file_kinds(f[1]) & e->fk_mask)) {
            fprintf(stderr, "entry %s: fixture path %s is not of kind %s\n", e->id, f[1],
                    e->file_kinds);
            failures++;
        }
        if (!finds(c, i, f[1], hit)) {
            fprintf(stderr, "entry %s: must hit '%s'\n", e->id, hit);
            failures++;
        }
        if (finds(c, i, f[1], miss)) {
            fprintf(stderr, "entry %s: must not hit '%s'\n", e->id, miss);
            failures++;
        }
        g_hash_table_remove(fx, e->id);
    }
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, fx);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        fprintf(stderr, "fixture %s has no entry in the catalog\n", (char *)key);
        failures++;
    }
    ck_assert_uint_eq(failures, 0);
    /* the paper's ML filter counts 99 libraries and APIs; the product filter 130 UI fragments */
    GHashTable *ml = g_hash_table_new(g_str_hash, g_str_equal);
    guint ui = 0;
    for (guint i = 0; i < rhea_evidence_catalog_size(c); i++) {
        const RheaEvidenceEntry *e = rhea_evidence_catalog_entry(c, i);
        if (!strcmp(e->kind, "ml_library") || !strcmp(e->kind, "pretrained") ||
            !strcmp(e->kind, "ml_api"))
            g_hash_table_add(ml, e->name);
        ui += !strcmp(e->kind, "ui");
    }
    ck_assert_uint_ge(g_hash_table_size(ml), 99);
    ck_assert_uint_ge(ui, 130);
    g_hash_table_destroy(ml);
}
END_TEST

/* Which entry names a text hits, sorted and joined with ','. */
static gboolean collect_fn(const RheaEvidenceMatch *m, void *payload)
{
    g_ptr_array_add(payload, GUINT_TO_POINTER(m->entry + 1));
    return TRUE;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *names_hit(const RheaEvidenceCatalog *c, const char *path, const char *text)
{
    g_autoptr(GPtrArray) got = g_ptr_array_new();
    rhea_evidence_catalog_scan(c, rhea_file_kinds(path), text, strlen(text), collect_fn, got);
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    for (guint i = 0; i < got->len; i++)
        g_ptr_array_add(
            names,
            rhea_evidence_catalog_entry(c, GPOINTER_TO_UINT(g_ptr_array_index(got, i)) - 1)->id);
    g_ptr_array_sort(names, cmp_str);
    g_ptr_array_add(names, NULL);
    return g_strjoinv(",", (char **)names->pdata);
}

START_TEST(prose_and_comments_are_not_imports)
{
    const char *cat =
        "2\tml_library\tTensorFlow\tpython\t^\\s*(?:import|from)\\s+tensorflow\\b\tx\n"
        "2\tml_library\tTensorFlow\tpip\t^\\s*tensorflow\\b\tx\n"
        "3\tui\tTkinter\tpython\t^\\s*import\\s+tkinter\\b\tx\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceCatalog) c = rhea_evidence_catalog_parse(cat, strlen(cat), "t", &error);
    ck_assert_ptr_nonnull(c);
    g_autofree char *a = names_hit(c, "README.md", "import tensorflow as tf\n");
    ck_assert_str_eq(a, "");
    g_autofree char *b = names_hit(c, "x.py", "# import tensorflow\nprint('import tensorflow')\n");
    ck_assert_str_eq(b, "");
    g_autofree char *d = names_hit(c, "x.py", "import os\nimport tkinter\n  import tensorflow\n");
    ck_assert_str_eq(d, "TensorFlow/python,Tkinter/python");
    g_autofree char *e = names_hit(c, "requirements.txt", "numpy\ntensorflow==2.4\n");
    ck_assert_str_eq(e, "TensorFlow/pip");
    /* the line number of the first match */
    Probe p = {.want = 0};
    const char *src = "a = 1\n\nb = 2\nimport tensorflow\nimport tensorflow\n";
    rhea_evidence_catalog_scan(c, rhea_file_kinds("m.py"), src, strlen(src), probe_fn, &p);
    ck_assert(p.found);
    ck_assert_uint_eq(p.line, 4);
}
END_TEST

START_TEST(file_kinds)
{
    ck_assert_uint_eq(rhea_file_kinds("setup.py"), (1u << RHEA_FK_PYTHON) | (1u << RHEA_FK_PIP));
    ck_assert_uint_eq(rhea_file_kinds("app/build.gradle.kts"), 1u << RHEA_FK_GRADLE);
    ck_assert_uint_eq(rhea_file_kinds("a/B.kt"), 1u << RHEA_FK_KOTLIN);
    ck_assert_uint_eq(rhea_file_kinds("x/package.json"), 1u << RHEA_FK_NPM);
    ck_assert_uint_eq(rhea_file_kinds("docs/readme.txt"), 1u << RHEA_FK_DOCS);
    ck_assert_uint_eq(rhea_file_kinds("notes.txt"), 0);
    ck_assert_uint_eq(rhea_file_kinds(".github/workflows/ci.yml"), 1u << RHEA_FK_CI);
    ck_assert_uint_eq(rhea_file_kinds("lib.h"), (1u << RHEA_FK_OBJC) | (1u << RHEA_FK_CPP));
    ck_assert_uint_eq(rhea_file_kinds("requirements-dev.txt"), 1u << RHEA_FK_PIP);
    ck_assert_uint_eq(rhea_file_kinds("App.csproj"), 1u << RHEA_FK_NUGET);
}
END_TEST

static void expect_error_len(const char *text, gsize len, const char *want)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceCatalog) c = rhea_evidence_catalog_parse(text, len, "c.tsv", &error);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(error);
    ck_assert_msg(strstr(error->message, want) != NULL, "'%s' lacks '%s'", error->message, want);
}

static void expect_error(const char *text, const char *want)
{
    expect_error_len(text, strlen(text), want);
}

START_TEST(load_errors)
{
    expect_error("# c\n2\tml_library\tX\tpython\tx\n", "c.tsv:2: expected 6");
    expect_error("7\tml_library\tX\tpython\tx\tm\n", "c.tsv:1: RQ must be 2 to 6");
    expect_error("2\tlibrary\tX\tpython\tx\tm\n", "c.tsv:1: unknown signal kind 'library'");
    expect_error("2\tml_library\tX\tcobol\tx\tm\n", "c.tsv:1: unknown file kind 'cobol'");
    expect_error("2\tml_library\tX\tpath,python\tx\tm\n", "cannot be combined");
    expect_error("2\tml_library\tX\tpython\t(import\tm\n", "c.tsv:1: pattern '(import' does not");
    expect_error("2\tml_library\tX\tpython\t(import) x\tm\n", "c.tsv:1: the pattern has capturing");
    expect_error("2\tml_library\tX\tpython\tx\tm\n2\tui\tX\tpython\ty\tm\n",
                 "c.tsv:2: entry 'X/python' is listed twice");
    expect_error("2\tml_library\t\tpython\tx\tm\n", "c.tsv:1: field 3 is empty");
    static const char nul[] = "2\tml_library\tX\tpython\tx\tm\0";
    expect_error_len(nul, sizeof nul - 1, "NUL byte");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("evidence_catalog");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_entry_has_fixtures_that_hit_and_miss);
    tcase_add_test(tc, prose_and_comments_are_not_imports);
    tcase_add_test(tc, file_kinds);
    tcase_add_test(tc, load_errors);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
