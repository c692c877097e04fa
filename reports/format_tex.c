/* format_tex.c: LaTeX with booktabs (\toprule, \midrule, \bottomrule), ready to \input.
 *
 * A table written alone (rhea_table_render) is a bare tabular, its title in a % comment, to put
 * inside your own table float. A report is a fragment of \section* headings, paragraphs and
 * table floats with \caption and \label{tab:KEY}; the preamble needs \usepackage{booktabs}.
 *
 * Escaping, for text mode with any font encoding: \ { } $ & # % _ become \textbackslash{} \{ \}
 * \$ \& \# \% \_; ~ ^ < > | become \textasciitilde{} \textasciicircum{} \textless{}
 * \textgreater{} \textbar{} (OT1 has no glyphs for the last three); [ and ] are braced so a cell
 * after \\ is never read as \\'s optional argument; a - before another - is followed by {} so
 * data does not turn into -- or --- ligatures; line breaks and tabs are spaces, other control
 * characters and U+FFFD (the mark of invalid bytes) are ? since pdflatex has no glyph for them.
 * Comments get the flattened text only (no line break, so a title cannot end the comment).
 * Null cells are -- (an en dash). */
#include "reports/format_private.h"

#include <string.h>

#define NULL_MARK "--"

static void escape(GString *out, const char *s)
{
    g_autofree char *flat = rhea_format_flatten(s, " ");
    for (const char *p = flat; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        switch (c) {
        case '\\':
            g_string_append(out, "\\textbackslash{}");
            break;
        case '{':
        case '}':
        case '$':
        case '&':
        case '#':
        case '%':
        case '_':
            g_string_append_c(out, '\\');
            g_string_append_c(out, (char)c);
            break;
        case '~':
            g_string_append(out, "\\textasciitilde{}");
            break;
        case '^':
            g_string_append(out, "\\textasciicircum{}");
            break;
        case '<':
            g_string_append(out, "\\textless{}");
            break;
        case '>':
            g_string_append(out, "\\textgreater{}");
            break;
        case '|':
            g_string_append(out, "\\textbar{}");
            break;
        case '[':
            g_string_append(out, "{[}");
            break;
        case ']':
            g_string_append(out, "{]}");
            break;
        case '-':
            g_string_append(out, p[1] == '-' ? "-{}" : "-");
            break;
        case 0xfffd:
            g_string_append_c(out, '?');
            break;
        default:
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
        }
    }
}

static void tabular(GString *out, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t);
    g_string_append(out, "\\begin{tabular}{");
    for (guint c = 0; c < nc; c++) {
        RheaAlign a = rhea_table_column(t, c)->align;
        g_string_append_c(out, a == RHEA_ALIGN_RIGHT ? 'r' : a == RHEA_ALIGN_CENTER ? 'c' : 'l');
    }
    g_string_append(out, "}\n\\toprule\n");
    for (guint c = 0; c < nc; c++) {
        if (c > 0)
            g_string_append(out, " & ");
        escape(out, rhea_table_column(t, c)->label);
    }
    g_string_append(out, " \\\\\n\\midrule\n");
    for (guint r = 0; r < rhea_table_n_rows(t); r++) {
        for (guint c = 0; c < nc; c++) {
            g_autofree char *text = rhea_cell_display(rhea_table_cell(t, r, c));
            if (c > 0)
                g_string_append(out, " & ");
            if (text)
                escape(out, text);
            else
                g_string_append(out, NULL_MARK);
        }
        g_string_append(out, " \\\\\n");
    }
    g_string_append(out, "\\bottomrule\n\\end{tabular}\n");
}

/* A label from a key: letters, digits, : and - only, so \label never sees a special character. */
static void label(GString *out, const char *key)
{
    g_string_append(out, "\\label{tab:");
    for (const char *p = key; *p; p++)
        g_string_append_c(out, g_ascii_isalnum(*p) || *p == ':' || *p == '-' ? *p : '-');
    g_string_append(out, "}\n");
}

static void table_float(GString *out, const RheaTable *t)
{
    g_string_append(out, "\\begin{table}[htbp]\n\\centering\n");
    if (rhea_table_title(t)) {
        g_string_append(out, "\\caption{");
        escape(out, rhea_table_title(t));
        g_string_append(out, "}\n");
    }
    label(out, rhea_table_key(t));
    tabular(out, t);
    if (rhea_table_caption(t)) {
        g_string_append(out, "\\par\\smallskip{\\footnotesize ");
        escape(out, rhea_table_caption(t));
        g_string_append(out, "\\par}\n");
    }
    g_string_append(out, "\\end{table}\n\n");
}

int rhea_format_tex(const RheaReport *r, gboolean bare, GString *out, GError **error)
{
    if (bare) {
        const RheaTable *t =
            ((const RheaBlock *)rhea_report_section(r, 0)->blocks->pdata[0])->table;
        if (rhea_table_title(t)) {
            g_autofree char *title = rhea_format_flatten(rhea_table_title(t), " ");
            g_string_append_printf(out, "%% %s\n", title);
        }
        tabular(out, t);
        return 0;
    }
    if (rhea_report_title(r)) {
        g_autofree char *title = rhea_format_flatten(rhea_report_title(r), " ");
        g_string_append_printf(out, "%% %s\n%% needs \\usepackage{booktabs}\n\n", title);
    }
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        if (s->heading) {
            g_string_append(out, "\\section*{");
            escape(out, s->heading);
            g_string_append(out, "}\n\n");
        }
        for (guint b = 0; b < s->blocks->len; b++) {
            const RheaBlock *block = s->blocks->pdata[b];
            if (block->kind == RHEA_BLOCK_TEXT) {
                escape(out, block->text);
                g_string_append(out, "\n\n");
            } else if (block->kind == RHEA_BLOCK_TABLE) {
                table_float(out, block->table);
            }
        }
    }
    while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
        g_string_truncate(out, out->len - 1);
    return 0;
}
