/* format_csv.c: RFC 4180 CSV for pandas, R and spreadsheets.
 *
 * One header row of column keys, then one record per row; records end with CRLF (RFC 4180 2.1).
 * A field is quoted when it holds a comma, a double quote, CR or LF, and quotes inside are
 * doubled. Cell text is written as it is (line breaks and tabs included, inside quotes) so that a
 * CSV reader gets the original value back, with two exceptions (the second at the end): a string
 * cell that starts with = + -
 * @ TAB or CR gets a leading ' (OWASP's advice against CSV formula injection), so a spreadsheet
 * shows it as text instead of running it. Integer and double cells are never prefixed: -3 stays a
 * number. Null cells are empty fields; doubles are written exactly (table.h). Several tables are
 * separated by one empty line; titles, captions, paragraphs and charts are not written. Other
 * control characters (ESC, BEL, DEL, C1) are replaced by U+FFFD, as the text writer does. */
#include "reports/format_private.h"

#include <string.h>

static void field(GString *out, const char *s, gboolean is_string)
{
    g_autoptr(GString) v = g_string_new(NULL);
    if (is_string && s[0] && strchr("=+-@\t\r", s[0]))
        g_string_append_c(v, '\'');
    /* control characters other than line breaks and tabs (an escape sequence in an author's
     * name) become U+FFFD, as in text: a CSV shown with cat or less must not drive the terminal */
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0))
            g_string_append_unichar(v, 0xfffd);
        else
            g_string_append_len(v, p, g_utf8_next_char(p) - p);
    }
    if (!strpbrk(v->str, ",\"\r\n")) {
        g_string_append(out, v->str);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = v->str; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

static void write_table(GString *out, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t);
    for (guint c = 0; c < nc; c++) {
        if (c > 0)
            g_string_append_c(out, ',');
        field(out, rhea_table_column(t, c)->key, TRUE);
    }
    g_string_append(out, "\r\n");
    for (guint r = 0; r < rhea_table_n_rows(t); r++) {
        for (guint c = 0; c < nc; c++) {
            const RheaCell *cell = rhea_table_cell(t, r, c);
            g_autofree char *text = rhea_cell_exact(cell);
            if (c > 0)
                g_string_append_c(out, ',');
            if (text)
                field(out, text, cell->kind == RHEA_CELL_STRING);
        }
        g_string_append(out, "\r\n");
    }
}

int rhea_format_csv(const RheaReport *r, gboolean bare, GString *out, GError **error)
{
    gboolean first = TRUE;
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        for (guint b = 0; b < s->blocks->len; b++) {
            const RheaBlock *block = s->blocks->pdata[b];
            if (block->kind != RHEA_BLOCK_TABLE)
                continue;
            if (!first)
                g_string_append(out, "\r\n");
            write_table(out, block->table);
            first = FALSE;
        }
    }
    return 0;
}
