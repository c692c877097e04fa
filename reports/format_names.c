/* format_names.c: the format names (parsing one, a format's name and extension) and the one-line
 * flattening the parse error and every writer use. Apart from format.c, so that a command which
 * only parses --format (rhea analyze, through cli/cli_options.c) does not link the writers, and
 * with them json-glib and cairo (docs/performance.md, sixth session). */
#include "reports/format_private.h"

#include <string.h>

#include "engine/error.h"

static const struct {
    const char *name, *alias, *extension;
} formats[] = {
    [RHEA_FORMAT_TEXT] = {"text", "txt", "txt"}, [RHEA_FORMAT_MD] = {"md", "markdown", "md"},
    [RHEA_FORMAT_CSV] = {"csv", NULL, "csv"},    [RHEA_FORMAT_TEX] = {"tex", "latex", "tex"},
    [RHEA_FORMAT_JSON] = {"json", NULL, "json"}, [RHEA_FORMAT_HTML] = {"html", NULL, "html"},
};

gboolean rhea_format_parse(const char *name, RheaFormat *out, GError **error)
{
    for (guint i = 0; name && i < G_N_ELEMENTS(formats); i++) {
        if (g_ascii_strcasecmp(name, formats[i].name) == 0 ||
            (formats[i].alias && g_ascii_strcasecmp(name, formats[i].alias) == 0)) {
            *out = (RheaFormat)i;
            return TRUE;
        }
    }
    g_autofree char *shown = rhea_format_flatten(name ? name : "", " ");
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                "unknown format '%s': use text, md, csv, tex, json or html", shown);
    return FALSE;
}

const char *rhea_format_name(RheaFormat format)
{
    g_return_val_if_fail((guint)format < G_N_ELEMENTS(formats), NULL);
    return formats[format].name;
}

const char *rhea_format_extension(RheaFormat format)
{
    g_return_val_if_fail((guint)format < G_N_ELEMENTS(formats), NULL);
    return formats[format].extension;
}

char *rhea_format_flatten(const char *s, const char *newline)
{
    GString *out = g_string_sized_new(strlen(s));
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\r' && p[1] == '\n')
            continue; /* the \n that follows writes the break */
        if (c == '\n' || c == '\r')
            g_string_append(out, newline);
        else if (c == '\t')
            g_string_append_c(out, ' ');
        else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            g_string_append_unichar(out, 0xfffd);
        else
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
    }
    return g_string_free(out, FALSE);
}
