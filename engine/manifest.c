/* manifest.c: parsing study manifests. A UTF-8 BOM and CRLF line ends are accepted, since
 * spreadsheets write them; NUL bytes, a missing required column, a row with the wrong number of
 * cells, an empty or repeated id and an unknown genre are errors naming the line. */
#include "engine/manifest.h"

#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"

static void entry_free(gpointer p)
{
    RheaManifestEntry *e = p;
    g_free(e->id);
    g_free(e->repository);
    g_free(e->name);
    g_free(e->genre);
    g_free(e->rules);
    g_free(e->ref);
    g_free(e->skip);
    g_ptr_array_unref(e->meta_keys);
    g_ptr_array_unref(e->meta_values);
    g_free(e);
}

void rhea_manifest_free(RheaManifest *m)
{
    if (!m)
        return;
    g_free(m->path);
    g_free(m->dir);
    g_ptr_array_unref(m->entries);
    g_free(m);
}

static char *cell_or_null(const char *s)
{
    return s && *s ? g_strdup(s) : NULL;
}

RheaManifest *rhea_manifest_parse(const char *text, gsize len, const char *path, GError **error)
{
    if (rhea_lines_check_text(text, len, path,
                              "binary content; a manifest is a tab-separated text file", error) < 0)
        return NULL;
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    g_autoptr(RheaManifest) m = g_new0(RheaManifest, 1);
    m->path = g_strdup(path);
    g_autofree char *abs = g_canonicalize_filename(path, NULL);
    m->dir = g_path_get_dirname(abs);
    m->entries = g_ptr_array_new_with_free_func(entry_free);
    g_auto(GStrv) header = NULL;
    gint col_id = -1, col_repo = -1, col_name = -1, col_genre = -1, col_rules = -1, col_ref = -1,
         col_skip = -1;
    guint ncols = 0;
    g_autoptr(GHashTable) ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (char *line; (line = rhea_lines_next(&lines));) {
        guint lineno = lines.lineno;
        if (!*line || line[0] == '#')
            continue;
        g_auto(GStrv) cells = g_strsplit(line, "\t", -1);
        guint n = g_strv_length(cells);
        for (guint c = 0; c < n; c++)
            g_strstrip(cells[c]);
        if (!header) {
            header = g_steal_pointer(&cells);
            ncols = n;
            for (guint c = 0; c < n; c++) {
                gint *slot = g_str_equal(header[c], "id")           ? &col_id
                             : g_str_equal(header[c], "repository") ? &col_repo
                             : g_str_equal(header[c], "name")       ? &col_name
                             : g_str_equal(header[c], "genre")      ? &col_genre
                             : g_str_equal(header[c], "rules")      ? &col_rules
                             : g_str_equal(header[c], "ref")        ? &col_ref
                             : g_str_equal(header[c], "skip")       ? &col_skip
                                                                    : NULL;
                if (slot)
                    *slot = (gint)c;
            }
            if (col_id < 0 || col_repo < 0) {
                g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                            "%s:%u: the header row needs columns 'id' and 'repository' "
                            "(tab-separated)",
                            path, lineno);
                return NULL;
            }
            continue;
        }
        if (n != ncols) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: %u cells, but the header has %u columns (cells are separated by "
                        "tabs)",
                        path, lineno, n, ncols);
            return NULL;
        }
        RheaManifestEntry *e = g_new0(RheaManifestEntry, 1);
        e->line = lineno;
        e->meta_keys = g_ptr_array_new_with_free_func(g_free);
        e->meta_values = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(m->entries, e);
        e->id = cell_or_null(cells[col_id]);
        e->repository = cell_or_null(cells[col_repo]);
        e->name = col_name >= 0 ? cell_or_null(cells[col_name]) : NULL;
        e->genre = col_genre >= 0 ? cell_or_null(cells[col_genre]) : NULL;
        e->rules = col_rules >= 0 ? cell_or_null(cells[col_rules]) : NULL;
        e->ref = col_ref >= 0 ? cell_or_null(cells[col_ref]) : NULL;
        e->skip = col_skip >= 0 ? cell_or_null(cells[col_skip]) : NULL;
        for (guint c = 0; c < n; c++) {
            if ((gint)c == col_id || (gint)c == col_repo || (gint)c == col_name ||
                (gint)c == col_genre || (gint)c == col_rules || (gint)c == col_ref ||
                (gint)c == col_skip)
                continue;
            g_ptr_array_add(e->meta_keys, g_strdup(header[c]));
            g_ptr_array_add(e->meta_values, g_strdup(cells[c]));
        }
        if (!e->id || !e->repository) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: empty %s", path, lineno,
                        !e->id ? "id" : "repository");
            return NULL;
        }
        if (g_hash_table_contains(ids, e->id)) {
            g_autofree char *quoted = rhea_error_quote(e->id);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: id '%s' appears twice", path,
                        lineno, quoted);
            return NULL;
        }
        g_hash_table_add(ids, e->id);
        if (e->genre && !g_str_equal(e->genre, "mobile") && !g_str_equal(e->genre, "desktop") &&
            !g_str_equal(e->genre, "web")) {
            g_autofree char *quoted = rhea_error_quote(e->genre);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: genre '%s' is not mobile, desktop or web", path, lineno, quoted);
            return NULL;
        }
    }
    if (!header) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s:1: empty manifest; expected a header row with 'id' and 'repository'", path);
        return NULL;
    }
    return g_steal_pointer(&m);
}

RheaManifest *rhea_manifest_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "manifest", &text, &len, error) < 0)
        return NULL;
    return rhea_manifest_parse(text, len, path, error);
}

char *rhea_manifest_rules_path(const RheaManifest *m, const RheaManifestEntry *e)
{
    if (!e->rules)
        return NULL;
    return g_path_is_absolute(e->rules) ? g_strdup(e->rules)
                                        : g_build_filename(m->dir, e->rules, NULL);
}

char *rhea_manifest_locate(const RheaManifestEntry *e, const char *clones)
{
    g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func(g_free);
    const char *repo = e->repository;
    const char *slash = strchr(repo, '/');
    gboolean is_path = repo[0] == '/' || repo[0] == '.' || !slash || strchr(slash + 1, '/');
    if (is_path || !clones)
        g_ptr_array_add(candidates, g_strdup(repo));
    if (!is_path && clones) {
        g_autofree char *owner = g_strndup(repo, (gsize)(slash - repo));
        const char *name = slash + 1;
        g_autofree char *plus = g_strdup_printf("%s+%s", owner, name);
        const char *forms[][3] = {
            {plus, NULL, NULL}, {plus, "repo", NULL}, {owner, name, NULL}, {name, NULL, NULL}};
        for (size_t f = 0; f < G_N_ELEMENTS(forms); f++) {
            g_ptr_array_add(candidates,
                            g_build_filename(clones, forms[f][0], forms[f][1], forms[f][2], NULL));
            g_autofree char *base =
                g_build_filename(clones, forms[f][0], forms[f][1], forms[f][2], NULL);
            g_ptr_array_add(candidates, g_strconcat(base, ".git", NULL));
        }
    }
    /* a folder holding .git, or a bare repository (HEAD and objects/) */
    for (guint i = 0; i < candidates->len; i++) {
        const char *c = g_ptr_array_index(candidates, i);
        g_autofree char *dotgit = g_build_filename(c, ".git", NULL);
        g_autofree char *head = g_build_filename(c, "HEAD", NULL);
        g_autofree char *objects = g_build_filename(c, "objects", NULL);
        if (g_file_test(dotgit, G_FILE_TEST_EXISTS) ||
            (g_file_test(head, G_FILE_TEST_IS_REGULAR) && g_file_test(objects, G_FILE_TEST_IS_DIR)))
            return g_strdup(c);
    }
    return NULL;
}
