/* format_html.c: one self-contained HTML page: inline CSS, tables, charts as inline SVG.
 *
 * Nothing is fetched when the page opens (no script, font, image or style from anywhere), and a
 * Content-Security-Policy forbids it as a second line of defence. Everything from data is
 * escaped (& < > " ' as entities) and flattened (format_private.h); line breaks in cells become
 * <br>. Charts come from cairo as glyph outlines, so no data text enters the SVG; the ids cairo
 * gives its glyphs and clips repeat from chart to chart, so each chart's ids get a prefix of their
 * own (otherwise the second chart would draw the first one's glyphs). Null cells show "–". */
#include "reports/format_private.h"

#include <string.h>

#include "reports/chart.h"

#define NULL_MARK "–"

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;line-height:1.45}"
    "h1{font-size:1.6rem;border-bottom:2px solid #ddd;padding-bottom:.3rem}"
    "h2{font-size:1.25rem;margin-top:2.2rem}"
    "figure{margin:1.2rem 0;overflow-x:auto}"
    "table{border-collapse:collapse;font-size:.9rem}"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;vertical-align:top}"
    "thead th{border-bottom:2px solid #999}"
    "tbody tr:nth-child(even){background:#f7f7f7}"
    ".l{text-align:left}.r{text-align:right;font-variant-numeric:tabular-nums}.c{text-align:center}"
    ".null{color:#999}"
    "figcaption{font-size:.85rem;color:#555;margin-top:.3rem}"
    "figure.chart svg{max-width:100%;height:auto;display:block}";

/* Appends s escaped for HTML text and attribute values; newline replaces line breaks. */
static void escape(GString *out, const char *s, const char *newline)
{
    g_autofree char *flat = rhea_format_flatten(s, "\n");
    for (const char *p = flat; *p; p++) {
        switch (*p) {
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '"':
            g_string_append(out, "&quot;");
            break;
        case '\'':
            g_string_append(out, "&#39;");
            break;
        case '\n':
            g_string_append(out, newline);
            break;
        default:
            g_string_append_c(out, *p);
        }
    }
}

static const char *align_class(RheaAlign a)
{
    return a == RHEA_ALIGN_RIGHT ? "r" : a == RHEA_ALIGN_CENTER ? "c" : "l";
}

static void write_table(GString *out, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t);
    /* an anchor from the key: letters, digits, - and _ only (an id holds no space) */
    g_string_append(out, "<figure class=\"table\" id=\"table-");
    for (const char *p = rhea_table_key(t); *p; p++)
        g_string_append_c(out, g_ascii_isalnum(*p) || *p == '_' ? *p : '-');
    g_string_append(out, "\">\n<table>\n");
    if (rhea_table_title(t)) {
        g_string_append(out, "<caption>");
        escape(out, rhea_table_title(t), " ");
        g_string_append(out, "</caption>\n");
    }
    g_string_append(out, "<thead><tr>");
    for (guint c = 0; c < nc; c++) {
        const RheaColumn *col = rhea_table_column(t, c);
        g_string_append_printf(out, "<th class=\"%s\" scope=\"col\">", align_class(col->align));
        escape(out, col->label, "<br>");
        g_string_append(out, "</th>");
    }
    g_string_append(out, "</tr></thead>\n<tbody>\n");
    for (guint r = 0; r < rhea_table_n_rows(t); r++) {
        g_string_append(out, "<tr>");
        for (guint c = 0; c < nc; c++) {
            const char *cls = align_class(rhea_table_column(t, c)->align);
            g_autofree char *text = rhea_cell_display(rhea_table_cell(t, r, c));
            if (!text) {
                g_string_append_printf(out, "<td class=\"%s null\">" NULL_MARK "</td>", cls);
                continue;
            }
            g_string_append_printf(out, "<td class=\"%s\">", cls);
            escape(out, text, "<br>");
            g_string_append(out, "</td>");
        }
        g_string_append(out, "</tr>\n");
    }
    g_string_append(out, "</tbody>\n</table>\n");
    if (rhea_table_caption(t)) {
        g_string_append(out, "<figcaption>");
        escape(out, rhea_table_caption(t), "<br>");
        g_string_append(out, "</figcaption>\n");
    }
    g_string_append(out, "</figure>\n");
}

/* cairo's SVG without its XML prologue, every id and reference to one prefixed. */
static void inline_svg(GString *out, const char *svg, const char *prefix)
{
    const char *p = strstr(svg, "<svg");
    if (!p)
        return;
    g_autofree char *id = g_strdup_printf("id=\"%s", prefix);
    g_autofree char *href = g_strdup_printf("href=\"#%s", prefix);
    g_autofree char *url = g_strdup_printf("url(#%s", prefix);
    while (*p) {
        if (g_str_has_prefix(p, "id=\"")) {
            g_string_append(out, id);
            p += 4;
        } else if (g_str_has_prefix(p, "href=\"#")) {
            g_string_append(out, href);
            p += 7;
        } else if (g_str_has_prefix(p, "url(#")) {
            g_string_append(out, url);
            p += 5;
        } else {
            g_string_append_c(out, *p++);
        }
    }
}

static int write_chart(GString *out, const RheaChart *chart, guint n, GError **error)
{
    g_autofree char *svg = rhea_chart_render_svg(chart, NULL, error);
    if (!svg)
        return -1;
    const char *title = rhea_chart_title(chart) ? rhea_chart_title(chart) : "chart";
    g_string_append_printf(out,
                           "<figure class=\"chart\" id=\"chart-%u\" role=\"img\" aria-label=\"", n);
    escape(out, title, " ");
    g_string_append(out, "\">\n");
    g_autofree char *prefix = g_strdup_printf("c%u-", n);
    inline_svg(out, svg, prefix);
    g_string_append(out, "\n</figure>\n"); /* the title is drawn in the chart itself */
    return 0;
}

int rhea_format_html(const RheaReport *r, gboolean bare, GString *out, GError **error)
{
    const char *title = rhea_report_title(r) ? rhea_report_title(r) : "rhea report";
    g_string_append(out,
                    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                    "'none'; style-src 'unsafe-inline'\">\n<title>");
    escape(out, title, " ");
    g_string_append_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
    if (rhea_report_title(r)) {
        g_string_append(out, "<h1>");
        escape(out, rhea_report_title(r), " ");
        g_string_append(out, "</h1>\n");
    }
    guint charts = 0;
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        g_string_append(out, "<section>\n");
        if (s->heading) {
            g_string_append(out, "<h2>");
            escape(out, s->heading, " ");
            g_string_append(out, "</h2>\n");
        }
        for (guint b = 0; b < s->blocks->len; b++) {
            const RheaBlock *block = s->blocks->pdata[b];
            if (block->kind == RHEA_BLOCK_TEXT) {
                g_string_append(out, "<p>");
                escape(out, block->text, "<br>");
                g_string_append(out, "</p>\n");
            } else if (block->kind == RHEA_BLOCK_TABLE) {
                write_table(out, block->table);
            } else if (write_chart(out, block->chart, ++charts, error) < 0) {
                return -1;
            }
        }
        g_string_append(out, "</section>\n");
    }
    g_string_append(out, "</body>\n</html>\n");
    return 0;
}
