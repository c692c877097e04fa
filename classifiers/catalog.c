/* catalog.c: loading the ML library catalog and scanning file texts against it (see catalog.h).
 *
 * Languages are a fixed table of extensions here rather than in the data file: the data file says
 * what a library looks like, the code says which files can contain it. Entries keep file order, so
 * a file that imports two libraries is credited to the one listed first. */
#define _GNU_SOURCE /* memmem: file texts may hold NUL bytes */
#include "classifiers/catalog.h"

#include <string.h>

#include "engine/datadir.h"
#include "engine/error.h"
#include "engine/lines.h"

typedef struct {
    const char *language;
    const char *extensions; /* space-separated, with the dot */
} Language;

static const Language LANGUAGES[] = {
    {"python", ".py .pyw .pyx .pyi"},
    {"javascript", ".js .mjs .cjs .jsx .ts .tsx .vue .svelte"},
    {"java", ".java"},
    {"kotlin", ".kt .kts"},
    {"swift", ".swift"},
    {"objc", ".m .mm .h"},
    {"csharp", ".cs"},
    {"cpp", ".c .cc .cpp .cxx .c++ .h .hh .hpp .hxx"},
    {"go", ".go"},
    {"r", ".r .R"},
};

typedef struct {
    guint language; /* index in LANGUAGES */
    char *fragment;
    char *library;
} Entry;

struct RheaCatalog {
    GArray *entries; /* of Entry */
};

static int language_index(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(LANGUAGES); i++)
        if (strcmp(LANGUAGES[i].language, name) == 0)
            return (int)i;
    return -1;
}

/* Whether path's extension belongs to language i. */
static gboolean has_language(const char *path, guint i)
{
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base + 1 : path, '.');
    if (!dot || dot[1] == '\0')
        return FALSE;
    gsize n = strlen(dot);
    for (const char *e = LANGUAGES[i].extensions; *e;) {
        const char *sp = strchr(e, ' ');
        gsize m = sp ? (gsize)(sp - e) : strlen(e);
        if (m == n && memcmp(e, dot, n) == 0)
            return TRUE;
        e += m + (sp ? 1 : 0);
    }
    return FALSE;
}

static void clear_entry(gpointer p)
{
    Entry *e = p;
    g_free(e->fragment);
    g_free(e->library);
}

RheaCatalog *rhea_catalog_parse(const char *text, gsize len, const char *source, GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "binary content; expected LANGUAGE<TAB>FRAGMENT<TAB>LIBRARY lines",
                              error) < 0)
        return NULL;
    RheaCatalog *c = g_new0(RheaCatalog, 1);
    c->entries = g_array_new(FALSE, TRUE, sizeof(Entry));
    g_array_set_clear_func(c->entries, clear_entry);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    for (char *line; (line = rhea_lines_next(&lines));) {
        if (!*line || line[0] == '#')
            continue;
        g_auto(GStrv) f = g_strsplit(line, "\t", -1);
        if (g_strv_length(f) != 3 || !*f[1] || !*f[2]) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: expected LANGUAGE<TAB>FRAGMENT<TAB>LIBRARY", source, lines.lineno);
            goto fail;
        }
        int lang = language_index(f[0]);
        if (lang < 0) {
            g_autofree char *quoted = rhea_error_quote(f[0]);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: unknown language '%s' (see LANGUAGES in classifiers/catalog.c)",
                        source, lines.lineno, quoted);
            goto fail;
        }
        Entry e = {.language = (guint)lang, .fragment = g_strdup(f[1]), .library = g_strdup(f[2])};
        g_array_append_val(c->entries, e);
    }
    return c;
fail:
    rhea_catalog_free(c);
    return NULL;
}

RheaCatalog *rhea_catalog_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    g_autoptr(GError) gerr = NULL;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "ML library catalog", &text, &len, &gerr) < 0) {
        if (g_error_matches(gerr, RHEA_ERROR, RHEA_ERROR_INVALID))
            g_propagate_error(error, g_steal_pointer(&gerr));
        else
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "%s; set RHEA_DATA_DIR to the folder holding ml-libraries.tsv",
                        gerr->message);
        return NULL;
    }
    return rhea_catalog_parse(text, len, path, error);
}

RheaCatalog *rhea_catalog_load_default(GError **error)
{
    g_autofree char *path = rhea_datadir_find("ml-libraries.tsv", error);
    return path ? rhea_catalog_load(path, error) : NULL;
}

void rhea_catalog_free(RheaCatalog *catalog)
{
    if (!catalog)
        return;
    g_array_unref(catalog->entries);
    g_free(catalog);
}

gboolean rhea_catalog_covers(const RheaCatalog *catalog, const char *path)
{
    for (guint i = 0; i < catalog->entries->len; i++)
        if (has_language(path, g_array_index(catalog->entries, Entry, i).language))
            return TRUE;
    return FALSE;
}

const char *rhea_catalog_scan(const RheaCatalog *catalog, const char *path, const char *text,
                              gsize len)
{
    for (guint i = 0; i < catalog->entries->len; i++) {
        const Entry *e = &g_array_index(catalog->entries, Entry, i);
        if (has_language(path, e->language) && memmem(text, len, e->fragment, strlen(e->fragment)))
            return e->library;
    }
    return NULL;
}

guint rhea_catalog_size(const RheaCatalog *catalog)
{
    return catalog->entries->len;
}
