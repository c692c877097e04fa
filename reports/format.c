/* format.c: the entry points of format.h; dispatches to one writer per format
 * (reports/format_<name>.c) and owns the helpers they share (format_private.h). The names are in
 * format_names.c. */
#include "reports/format_private.h"

#include <errno.h>
#include <string.h>

#include "engine/error.h"
#include "engine/outfile.h"

/* rhea-metrics compiles this file again with RHEA_LEAN: without the HTML writer, and so without
 * cairo, which its charts need; the launcher (cli/launcher.c) sends runs with --format html to
 * rhea-commands, so the error below is a safety net. */
#ifdef RHEA_LEAN
#define HTML_WRITER NULL
#else
#define HTML_WRITER rhea_format_html
#endif

static const RheaFormatWriter writers[] = {
    [RHEA_FORMAT_TEXT] = rhea_format_text, [RHEA_FORMAT_MD] = rhea_format_md,
    [RHEA_FORMAT_CSV] = rhea_format_csv,   [RHEA_FORMAT_TEX] = rhea_format_tex,
    [RHEA_FORMAT_JSON] = rhea_format_json, [RHEA_FORMAT_HTML] = HTML_WRITER,
};

char *rhea_report_render(const RheaReport *report, RheaFormat format, GError **error)
{
    g_return_val_if_fail((guint)format < G_N_ELEMENTS(writers), NULL);
    if (!writers[format]) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "this program (rhea-metrics) writes no %s: run the command through rhea, "
                    "which hands it to rhea-commands",
                    rhea_format_name(format));
        return NULL;
    }
    GString *out = g_string_new(NULL);
    if (writers[format](report, FALSE, out, error) < 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

static int write_text(const char *text, FILE *out, const char *where, GError **error)
{
    size_t len = strlen(text);
    if (fwrite(text, 1, len, out) != len || fflush(out) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot write %s: %s", where,
                    g_strerror(errno));
        return -1;
    }
    return 0;
}

int rhea_report_write(const RheaReport *report, RheaFormat format, FILE *out, GError **error)
{
    g_autofree char *text = rhea_report_render(report, format, error);
    if (!text)
        return -1;
    return write_text(text, out, "the report", error);
}

int rhea_report_write_path(const RheaReport *report, RheaFormat format, const char *path,
                           GError **error)
{
    if (!path || strcmp(path, "-") == 0)
        return rhea_report_write(report, format, stdout, error);
    g_autofree char *text = rhea_report_render(report, format, error);
    if (!text)
        return -1;
    /* the one output writer: `>` semantics, atomic for a plain file (engine/outfile.h) */
    if (rhea_outfile_write(path, text, strlen(text), error) < 0)
        return -1;
    return 0;
}

char *rhea_table_render(const RheaTable *table, RheaFormat format, GError **error)
{
    g_return_val_if_fail((guint)format < G_N_ELEMENTS(writers), NULL);
    /* a one-section report that borrows the table; the block is emptied before it is freed */
    g_autoptr(RheaReport) r = rhea_report_new(NULL);
    RheaSection *s = rhea_report_add_section(r, NULL);
    rhea_section_add_table(s, (RheaTable *)table);
    GString *out = g_string_new(NULL);
    int rc = writers[format](r, TRUE, out, error);
    ((RheaBlock *)s->blocks->pdata[0])->table = NULL;
    if (rc < 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

int rhea_table_write(const RheaTable *table, RheaFormat format, FILE *out, GError **error)
{
    g_autofree char *text = rhea_table_render(table, format, error);
    if (!text)
        return -1;
    return write_text(text, out, "the table", error);
}

gsize rhea_format_width(const char *s)
{
    gsize w = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_iszerowidth(c))
            continue;
        w += g_unichar_iswide(c) ? 2 : 1;
    }
    return w;
}
