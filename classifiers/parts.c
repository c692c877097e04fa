/* parts.c: see parts.h. Lines are compiled once into (name, glob) pairs; matching scans from the
 * last line back, so the first hit is the last matching line. */
#include "classifiers/parts.h"

#include <string.h>

#include "classifiers/glob.h"
#include "engine/error.h"
#include "engine/lines.h"

#define MAX_NAME 64

typedef struct {
    const char *name; /* in parts->strings */
    RheaGlob *glob;
} PartRule;

struct RheaParts {
    GArray *rules; /* PartRule */
    GPtrArray *names;
    GStringChunk *strings;
};

void rhea_parts_free(RheaParts *parts)
{
    if (!parts)
        return;
    for (guint i = 0; i < parts->rules->len; i++)
        rhea_glob_free(g_array_index(parts->rules, PartRule, i).glob);
    g_array_free(parts->rules, TRUE);
    g_ptr_array_unref(parts->names);
    g_string_chunk_free(parts->strings);
    g_free(parts);
}

static gboolean name_ok(const char *s, gsize n)
{
    if (n == 0 || n > MAX_NAME)
        return FALSE;
    for (gsize i = 0; i < n; i++)
        if (!g_ascii_isalnum(s[i]) && s[i] != '_' && s[i] != '-' && s[i] != '.')
            return FALSE;
    return TRUE;
}

static gboolean parse_line(RheaParts *parts, char *s, const char *source, guint lineno,
                           GError **error)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s || *s == '#')
        return TRUE;
    char *name = s;
    while (*s && *s != ' ' && *s != '\t')
        s++;
    gsize n = (gsize)(s - name);
    if (*s)
        *s++ = '\0';
    if (!name_ok(name, n)) {
        g_autofree char *quoted = rhea_error_quote(name);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s:%u: part name '%s' is not letters, digits, '_', '-' or '.' (at most %d); "
                    "a line is PART PATTERN",
                    source, lineno, quoted, MAX_NAME);
        return FALSE;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    gsize len = strlen(s);
    while (len > 0 && s[len - 1] == '\t' && !(len > 1 && s[len - 2] == '\\'))
        s[--len] = '\0';
    if (!*s) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s:%u: part '%s' has no pattern; write PART PATTERN", source, lineno, name);
        return FALSE;
    }
    if (*s == '!') {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s:%u: negation ('!') is not supported; a later line overrides an earlier one",
                    source, lineno);
        return FALSE;
    }
    g_autoptr(GError) gerr = NULL;
    RheaGlob *glob = rhea_glob_new(s, 0, &gerr);
    if (!glob) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: %s", source, lineno,
                    gerr->message);
        return FALSE;
    }
    PartRule r = {.name = g_string_chunk_insert_const(parts->strings, name), .glob = glob};
    g_array_append_val(parts->rules, r);
    gboolean known = FALSE;
    for (guint i = 0; i < parts->names->len && !known; i++)
        known = g_ptr_array_index(parts->names, i) == r.name;
    if (!known)
        g_ptr_array_add(parts->names, (gpointer)r.name);
    return TRUE;
}

RheaParts *rhea_parts_parse(const char *text, gsize len, const char *source, GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "this is not a text file; a parts file holds PART PATTERN lines",
                              error) < 0)
        return NULL;
    RheaParts *parts = g_new0(RheaParts, 1);
    parts->rules = g_array_new(FALSE, FALSE, sizeof(PartRule));
    parts->names = g_ptr_array_new();
    parts->strings = g_string_chunk_new(256);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    for (char *line; (line = rhea_lines_next(&lines));)
        if (!parse_line(parts, line, source, lines.lineno, error)) {
            rhea_parts_free(parts);
            return NULL;
        }
    return parts;
}

RheaParts *rhea_parts_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    g_autoptr(GError) gerr = NULL;
    if (g_file_test(path, G_FILE_TEST_IS_DIR) || !g_file_get_contents(path, &text, &len, &gerr)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s: cannot read the parts file (%s)",
                    path, gerr ? gerr->message : "is a folder");
        return NULL;
    }
    return rhea_parts_parse(text, len, path, error);
}

const char *rhea_parts_match(const RheaParts *parts, const char *path)
{
    for (guint i = parts->rules->len; i > 0; i--) {
        const PartRule *r = &g_array_index(parts->rules, PartRule, i - 1);
        if (rhea_glob_match_file(r->glob, path))
            return r->name;
    }
    return NULL;
}

const GPtrArray *rhea_parts_names(const RheaParts *parts)
{
    return parts->names;
}
