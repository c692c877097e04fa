/* fuzz_report_formats.c: arbitrary bytes as cell text, titles and captions through every writer.
 *
 * The input is split at NUL bytes: the first piece is the table title, the second the caption,
 * the rest are cells of a one-column table. Checked on every input: the JSON parses and gives the
 * cells back (as valid UTF-8), the HTML holds exactly the markup rhea writes (no data-made tag:
 * every '<' is followed by a tag name rhea uses), and every Markdown table line has its two
 * unescaped pipes. Build with -DRHEA_FUZZ=ON (clang) and run `make fuzz`. */
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/format.h"

static const char *const tags[] = {
    "!DOCTYPE", "html",     "/html", "head",   "/head",  "meta",       "title",      "/title",
    "style",    "/style",   "body",  "/body",  "h1",     "/h1",        "h2",         "/h2",
    "section",  "/section", "p>",    "/p>",    "figure", "/figure",    "table",      "/table",
    "caption",  "/caption", "thead", "/thead", "tbody",  "/tbody",     "tr>",        "/tr>",
    "th ",      "/th>",     "td ",   "/td>",   "br>",    "figcaption", "/figcaption"};

static void check_html(const char *html)
{
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        gboolean known = FALSE;
        for (size_t i = 0; i < G_N_ELEMENTS(tags) && !known; i++)
            known = strncmp(p + 1, tags[i], strlen(tags[i])) == 0;
        if (!known)
            abort();
    }
}

static void check_md(const char *md)
{
    g_auto(GStrv) lines = g_strsplit(md, "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        if (lines[i][0] != '|')
            continue;
        int pipes = 0;
        for (const char *p = lines[i]; *p; p++) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '|')
                pipes++;
        }
        if (pipes != 2)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *buf = g_malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = 0;
    GPtrArray *pieces = g_ptr_array_new();
    for (size_t at = 0; at <= size; at += strlen(buf + at) + 1)
        g_ptr_array_add(pieces, buf + at);
    RheaReport *r = rhea_report_new(pieces->pdata[0]);
    RheaSection *s = rhea_report_add_section(r, pieces->pdata[0]);
    RheaTable *t = rhea_table_new("fuzz", pieces->pdata[0]);
    rhea_table_add_column(t, "v", pieces->len > 1 ? pieces->pdata[1] : "v", RHEA_ALIGN_LEFT);
    if (pieces->len > 1)
        rhea_table_set_caption(t, pieces->pdata[1]);
    for (guint i = 2; i < pieces->len; i++) {
        rhea_table_add_row(t);
        rhea_table_push_string(t, pieces->pdata[i]);
    }
    rhea_section_add_table(s, t);
    for (int f = RHEA_FORMAT_TEXT; f <= RHEA_FORMAT_HTML; f++) {
        g_autofree char *out = rhea_report_render(r, (RheaFormat)f, NULL);
        if (!out || !g_utf8_validate(out, -1, NULL))
            abort();
        if (f == RHEA_FORMAT_HTML)
            check_html(out);
        if (f == RHEA_FORMAT_MD)
            check_md(out);
        if (f == RHEA_FORMAT_JSON) {
            g_autoptr(JsonParser) p = json_parser_new();
            if (!json_parser_load_from_data(p, out, -1, NULL))
                abort();
            JsonObject *o = json_node_get_object(json_parser_get_root(p));
            JsonObject *sec =
                json_array_get_object_element(json_object_get_array_member(o, "sections"), 0);
            JsonObject *tab =
                json_array_get_object_element(json_object_get_array_member(sec, "tables"), 0);
            JsonArray *rows = json_object_get_array_member(tab, "rows");
            for (guint i = 2; i < pieces->len; i++) {
                g_autofree char *want = g_utf8_make_valid(pieces->pdata[i], -1);
                JsonObject *row = json_array_get_object_element(rows, i - 2);
                if (strcmp(json_object_get_string_member(row, "v"), want) != 0)
                    abort();
            }
        }
    }
    rhea_report_free(r);
    g_ptr_array_free(pieces, TRUE);
    return 0;
}
