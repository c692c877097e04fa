/* format_json.c: JSON through json-glib, for programs.
 *
 * A table is one object: {"key", "title", "caption", "columns": [{"key", "label", "align"}],
 * "rows": [{column key: value, ...}]}, with integers and doubles as JSON numbers (doubles
 * exact, table.h), strings as strings, and null for a null cell; a missing title or caption is
 * null. A report is {"title", "sections": [{"heading", "paragraphs": [...], "tables": [...],
 * "charts": [{"title"}]}]}; a table written alone is its table object. json-glib does the string
 * escaping, and every string in the model is valid UTF-8 (table.h), so the output always parses. */
#include "reports/format_private.h"

#include <json-glib/json-glib.h>

#include "reports/chart.h"

static void member_string(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

static void add_table(JsonBuilder *b, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t);
    json_builder_begin_object(b);
    member_string(b, "key", rhea_table_key(t));
    member_string(b, "title", rhea_table_title(t));
    member_string(b, "caption", rhea_table_caption(t));
    json_builder_set_member_name(b, "columns");
    json_builder_begin_array(b);
    for (guint c = 0; c < nc; c++) {
        const RheaColumn *col = rhea_table_column(t, c);
        json_builder_begin_object(b);
        member_string(b, "key", col->key);
        member_string(b, "label", col->label);
        member_string(b, "align",
                      col->align == RHEA_ALIGN_RIGHT    ? "right"
                      : col->align == RHEA_ALIGN_CENTER ? "center"
                                                        : "left");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "rows");
    json_builder_begin_array(b);
    for (guint r = 0; r < rhea_table_n_rows(t); r++) {
        json_builder_begin_object(b);
        for (guint c = 0; c < nc; c++) {
            const RheaCell *cell = rhea_table_cell(t, r, c);
            json_builder_set_member_name(b, rhea_table_column(t, c)->key);
            switch (cell->kind) {
            case RHEA_CELL_STRING:
                json_builder_add_string_value(b, cell->v.s);
                break;
            case RHEA_CELL_INT:
                json_builder_add_int_value(b, cell->v.i);
                break;
            case RHEA_CELL_DOUBLE:
                json_builder_add_double_value(b, cell->v.d);
                break;
            case RHEA_CELL_NULL:
                json_builder_add_null_value(b);
                break;
            }
        }
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void add_section(JsonBuilder *b, const RheaSection *s)
{
    json_builder_begin_object(b);
    member_string(b, "heading", s->heading);
    static const RheaBlockKind kinds[] = {RHEA_BLOCK_TEXT, RHEA_BLOCK_TABLE, RHEA_BLOCK_CHART};
    static const char *names[] = {"paragraphs", "tables", "charts"};
    for (guint k = 0; k < G_N_ELEMENTS(kinds); k++) {
        json_builder_set_member_name(b, names[k]);
        json_builder_begin_array(b);
        for (guint i = 0; i < s->blocks->len; i++) {
            const RheaBlock *block = s->blocks->pdata[i];
            if (block->kind != kinds[k])
                continue;
            if (block->kind == RHEA_BLOCK_TEXT) {
                json_builder_add_string_value(b, block->text);
            } else if (block->kind == RHEA_BLOCK_TABLE) {
                add_table(b, block->table);
            } else {
                json_builder_begin_object(b);
                member_string(b, "title", rhea_chart_title(block->chart));
                json_builder_end_object(b);
            }
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
}

int rhea_format_json(const RheaReport *r, gboolean bare, GString *out, GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    if (bare) {
        add_table(b, ((const RheaBlock *)rhea_report_section(r, 0)->blocks->pdata[0])->table);
    } else {
        json_builder_begin_object(b);
        member_string(b, "title", rhea_report_title(r));
        json_builder_set_member_name(b, "sections");
        json_builder_begin_array(b);
        for (guint i = 0; i < rhea_report_n_sections(r); i++)
            add_section(b, rhea_report_section(r, i));
        json_builder_end_array(b);
        json_builder_end_object(b);
    }
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    json_generator_set_root(gen, root);
    g_autofree char *text = json_generator_to_data(gen, NULL);
    g_string_append(out, text);
    g_string_append_c(out, '\n');
    return 0;
}
