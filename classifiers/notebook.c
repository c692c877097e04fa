/* notebook.c: a notebook's code cells as Python lines (see notebook.h).
 *
 * Jupyter writes a notebook as indented JSON with each cell's source as an array of strings, one
 * source line per JSON line, and the keys of a cell sorted ("cell_type" before "outputs" before
 * "source"). Reading line by line with that layout keeps line numbers (a hit's line is the
 * notebook's line) and needs no JSON parser: the state is the last "cell_type" seen and whether
 * we are inside a "source" array. Outputs and markdown never reach the catalog: printed text
 * such as "model.fit(" in a traceback is not code. */
#include "classifiers/notebook.h"

#include <string.h>

gboolean rhea_notebook_is(const char *path)
{
    return g_str_has_suffix(path, ".ipynb");
}

/* Appends the JSON string starting after the opening quote at s (up to end) decoded; stops at
 * the closing quote. Escaped line breaks (the source line's own "\n") become spaces, so that one
 * JSON line stays one line of the result. */
static void append_json_string(GString *out, const char *s, const char *end)
{
    for (; s < end && *s != '"'; s++) {
        if (*s != '\\' || s + 1 >= end) {
            g_string_append_c(out, *s);
            continue;
        }
        s++;
        switch (*s) {
        case 'n':
        case 'r':
            g_string_append_c(out, ' '); /* an inner line break: one line stays one line */
            break;
        case 't':
            g_string_append_c(out, '\t');
            break;
        case 'u':
            g_string_append_c(out, '?'); /* any non-ASCII character; patterns are ASCII */
            s += MIN(4, end - s - 1);
            break;
        default: /* \" \\ \/ \b \f */
            g_string_append_c(out, *s);
        }
    }
}

static const char *skip_space(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

char *rhea_notebook_code(const char *text, gsize len, gsize *out_len)
{
    GString *out = g_string_sized_new(len / 2 + 1);
    gboolean code_cell = FALSE, in_source = FALSE;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (gsize)(end - p));
        const char *eol = nl ? nl : end;
        const char *s = skip_space(p, eol);
        if (in_source) {
            if (s < eol && *s == '"')
                append_json_string(out, s + 1, eol);
            else
                in_source = FALSE; /* the array's "]" */
        } else if (eol - s > 12 && !strncmp(s, "\"cell_type\"", 11)) {
            code_cell = g_strstr_len(s + 11, eol - s - 11, "\"code\"") != NULL;
        } else if (eol - s > 9 && !strncmp(s, "\"source\"", 8)) {
            const char *v = skip_space(s + 8, eol);
            if (v < eol && *v == ':')
                v = skip_space(v + 1, eol);
            if (v < eol && *v == '[')
                in_source = code_cell && !g_strstr_len(v, eol - v, "]");
            else if (v < eol && *v == '"' && code_cell)
                append_json_string(out, v + 1, eol); /* "source": "one line" */
        }
        if (!nl)
            break;
        g_string_append_c(out, '\n');
        p = nl + 1;
    }
    *out_len = out->len;
    return g_string_free(out, FALSE);
}
