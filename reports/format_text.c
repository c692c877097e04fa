/* format_text.c: reports for terminals: headings underlined, tables in aligned columns.
 *
 * Columns are separated by two spaces and padded by display width (wide characters count two),
 * headers align like their column, and a rule of dashes sits under the header. Data is
 * flattened first (format_private.h): a cell cannot carry a line break, a tab or an escape
 * sequence to the terminal. Null cells show "–". Charts are not drawn in text. */
#include "reports/format_private.h"

#define NULL_MARK "–"

static void underline(GString *out, const char *text, char c)
{
    g_autofree char *flat = rhea_format_flatten(text, " ");
    g_string_append_printf(out, "%s\n", flat);
    for (gsize i = rhea_format_width(flat); i > 0; i--)
        g_string_append_c(out, c);
    g_string_append(out, "\n\n");
}

static void pad(GString *out, const char *text, gsize width, RheaAlign align, gboolean last)
{
    gsize w = rhea_format_width(text), gap = width > w ? width - w : 0;
    gsize before = align == RHEA_ALIGN_RIGHT ? gap : align == RHEA_ALIGN_CENTER ? gap / 2 : 0;
    for (gsize i = 0; i < before; i++)
        g_string_append_c(out, ' ');
    g_string_append(out, text);
    if (last) /* no trailing blanks at the end of a line */
        return;
    for (gsize i = before + w; i < width; i++)
        g_string_append_c(out, ' ');
}

static void write_table(GString *out, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t), nr = rhea_table_n_rows(t);
    if (rhea_table_title(t)) {
        g_autofree char *title = rhea_format_flatten(rhea_table_title(t), " ");
        g_string_append_printf(out, "%s\n", title);
    }
    /* cells[r * nc + c], row 0 is the header */
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func(g_free);
    g_autofree gsize *width = g_new0(gsize, MAX(nc, 1));
    for (guint r = 0; r <= nr; r++) {
        for (guint c = 0; c < nc; c++) {
            char *text;
            if (r == 0) {
                text = rhea_format_flatten(rhea_table_column(t, c)->label, " ");
            } else {
                g_autofree char *raw = rhea_cell_display(rhea_table_cell(t, r - 1, c));
                text = rhea_format_flatten(raw ? raw : NULL_MARK, " ");
            }
            width[c] = MAX(width[c], rhea_format_width(text));
            g_ptr_array_add(cells, text);
        }
    }
    for (guint r = 0; r <= nr; r++) {
        for (guint c = 0; c < nc; c++) {
            if (c > 0)
                g_string_append(out, "  ");
            pad(out, cells->pdata[r * nc + c], width[c], rhea_table_column(t, c)->align,
                c + 1 == nc);
        }
        g_string_append_c(out, '\n');
        if (r == 0) {
            for (guint c = 0; c < nc; c++) {
                if (c > 0)
                    g_string_append(out, "  ");
                for (gsize i = 0; i < width[c]; i++)
                    g_string_append_c(out, '-');
            }
            g_string_append_c(out, '\n');
        }
    }
    if (rhea_table_caption(t)) {
        g_autofree char *caption = rhea_format_flatten(rhea_table_caption(t), "\n");
        g_string_append_printf(out, "%s\n", caption);
    }
    g_string_append_c(out, '\n');
}

int rhea_format_text(const RheaReport *r, gboolean bare, GString *out, GError **error)
{
    if (rhea_report_title(r))
        underline(out, rhea_report_title(r), '=');
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        if (s->heading)
            underline(out, s->heading, '-');
        for (guint b = 0; b < s->blocks->len; b++) {
            const RheaBlock *block = s->blocks->pdata[b];
            if (block->kind == RHEA_BLOCK_TEXT) {
                g_autofree char *text = rhea_format_flatten(block->text, "\n");
                g_string_append_printf(out, "%s\n\n", text);
            } else if (block->kind == RHEA_BLOCK_TABLE) {
                write_table(out, block->table);
            }
        }
    }
    /* one trailing newline, not a blank line, at the end of the output */
    while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
        g_string_truncate(out, out->len - 1);
    return 0;
}
