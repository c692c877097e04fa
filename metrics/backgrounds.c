/* backgrounds.c: the backgrounds file (see backgrounds.h), read line by line with engine/lines.h
 * after a check that the text is text. */
#include "metrics/backgrounds.h"

#include "engine/error.h"
#include "engine/lines.h"

static const char *const BACKGROUNDS[] = {"SE", "ML", "other", "unsure"};

GHashTable *rhea_backgrounds_parse(const char *text, gsize len, const char *source, GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "binary content; expected a CSV of email,background", error) < 0)
        return NULL;
    GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    gboolean any = FALSE;
    for (char *line; (line = rhea_lines_next(&lines));) {
        guint lineno = lines.lineno;
        line = g_strstrip(line);
        if (!*line || line[0] == '#')
            continue;
        any = TRUE;
        g_auto(GStrv) cells = g_strsplit(line, ",", -1);
        if (g_strv_length(cells) != 2) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: expected two columns, email,background", source, lineno);
            goto fail;
        }
        char *email = g_strstrip(g_strdelimit(cells[0], "\"", ' '));
        char *bg = g_strstrip(g_strdelimit(cells[1], "\"", ' '));
        if (lineno == 1 && g_ascii_strcasecmp(email, "email") == 0)
            continue;
        const char *known = NULL;
        for (size_t b = 0; b < G_N_ELEMENTS(BACKGROUNDS); b++)
            if (g_ascii_strcasecmp(bg, BACKGROUNDS[b]) == 0)
                known = BACKGROUNDS[b];
        if (!known) {
            g_autofree char *quoted = rhea_error_quote(bg);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: background '%s' is not one of SE, ML, other, unsure", source,
                        lineno, quoted);
            goto fail;
        }
        if (!*email) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: empty email; each line is email,background", source, lineno);
            goto fail;
        }
        g_hash_table_insert(map, g_ascii_strdown(email, -1), (gpointer)known);
    }
    if (!any) {
        /* almost surely the wrong file: say so rather than report every background unknown */
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s:1: empty backgrounds file; expected email,background lines", source);
        goto fail;
    }
    return map;
fail:
    g_hash_table_destroy(map);
    return NULL;
}

GHashTable *rhea_backgrounds_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "backgrounds file", &text, &len, error) < 0)
        return NULL;
    return rhea_backgrounds_parse(text, len, path, error);
}
