/* format_md.c: GitHub-flavoured Markdown: headings, paragraphs and pipe tables.
 *
 * Escaping (cells, titles, captions, headings): a backslash before each of \ ` * _ [ ] | so data
 * cannot open emphasis, code, links or a new table cell; & < > as HTML entities so data cannot
 * inject HTML (GitHub renders inline HTML); line breaks inside a cell become <br> (a raw newline
 * would end the table row); other control characters are flattened (format_private.h). Paragraph
 * text is escaped the same way, line breaks kept. Null cells show "–". Charts are skipped. */
#include "reports/format_private.h"

#include <string.h>

#define NULL_MARK "–"

/* Appends s escaped; newline replaces line breaks. */
static void escape(GString *out, const char *s, const char *newline)
{
    g_autofree char *flat = rhea_format_flatten(s, "\n");
    for (const char *p = flat; *p; p++) {
        switch (*p) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
            g_string_append_c(out, '\\');
            g_string_append_c(out, *p);
            break;
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '\n':
            g_string_append(out, newline);
            break;
        default:
            g_string_append_c(out, *p);
        }
    }
}

static void write_table(GString *out, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t);
    if (rhea_table_title(t)) {
        g_string_append(out, "**");
        escape(out, rhea_table_title(t), " ");
        g_string_append(out, "**\n\n");
    }
    g_string_append(out, "|");
    for (guint c = 0; c < nc; c++) {
        g_string_append_c(out, ' ');
        escape(out, rhea_table_column(t, c)->label, "<br>");
        g_string_append(out, " |");
    }
    g_string_append(out, "\n|");
    for (guint c = 0; c < nc; c++) {
        RheaAlign a = rhea_table_column(t, c)->align;
        g_string_append(out, a == RHEA_ALIGN_RIGHT    ? " ---: |"
                             : a == RHEA_ALIGN_CENTER ? " :---: |"
                                                      : " :--- |");
    }
    g_string_append_c(out, '\n');
    for (guint r = 0; r < rhea_table_n_rows(t); r++) {
        g_string_append(out, "|");
        for (guint c = 0; c < nc; c++) {
            g_autofree char *text = rhea_cell_display(rhea_table_cell(t, r, c));
            g_string_append_c(out, ' ');
            escape(out, text ? text : NULL_MARK, "<br>");
            g_string_append(out, " |");
        }
        g_string_append_c(out, '\n');
    }
    g_string_append_c(out, '\n');
    if (rhea_table_caption(t)) {
        escape(out, rhea_table_caption(t), "  \n");
        g_string_append(out, "\n\n");
    }
}

int rhea_format_md(const RheaReport *r, gboolean bare, GString *out, GError **error)
{
    if (rhea_report_title(r)) {
        g_string_append(out, "# ");
        escape(out, rhea_report_title(r), " ");
        g_string_append(out, "\n\n");
    }
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        if (s->heading) {
            g_string_append(out, "## ");
            escape(out, s->heading, " ");
            g_string_append(out, "\n\n");
        }
        for (guint b = 0; b < s->blocks->len; b++) {
            const RheaBlock *block = s->blocks->pdata[b];
            if (block->kind == RHEA_BLOCK_TEXT) {
                escape(out, block->text, "  \n");
                g_string_append(out, "\n\n");
            } else if (block->kind == RHEA_BLOCK_TABLE) {
                write_table(out, block->table);
            }
        }
    }
    while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
        g_string_truncate(out, out->len - 1);
    return 0;
}
