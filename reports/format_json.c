/* format_json.c: JSON for programs, built with json-glib.
 *
 * A table is one object: {"key", "title", "caption", "columns": [{"key", "label", "align"}],
 * "rows": [{column key: value, ...}]}, with integers and doubles as JSON numbers (doubles
 * exact, table.h), strings as strings, and null for a null cell; a missing title or caption is
 * null. A report is {"title", "sections": [{"heading", "paragraphs": [...], "tables": [...],
 * "charts": [{"title"}]}]}; a table written alone is its table object. Keys keep the order they
 * were added in. JsonBuilder builds the tree; write_node prints it (two-space indent) so that
 * doubles come out in their shortest exact form. Every string in the model is valid UTF-8
 * (table.h) and control characters are escaped, so the output always parses. */
#include "reports/format_private.h"
#include "reports/format_json.h"

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

static void add_rows(JsonBuilder *b, const RheaTable *t)
{
    guint nc = rhea_table_n_columns(t);
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
    add_rows(b, t);
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

/* JSON text of a string: " and \ escaped, control characters as \n, \t... or \u00XX. */
static void write_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, (char)*p);
        }
    }
    g_string_append_c(out, '"');
}

static void indent(GString *out, int depth)
{
    g_string_append_c(out, '\n');
    for (int i = 0; i < depth; i++)
        g_string_append(out, "  ");
}

/* json-glib's generator writes every double with 17 digits (0.6 as 0.59999999999999998); this
 * writes the tree json-glib built with the shortest exact form instead (rhea_cell_exact). */
static void write_node(GString *out, JsonNode *node, int depth)
{
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_NULL:
        g_string_append(out, "null");
        break;
    case JSON_NODE_VALUE: {
        GType type = json_node_get_value_type(node);
        if (type == G_TYPE_STRING) {
            write_string(out, json_node_get_string(node));
        } else if (type == G_TYPE_INT64) {
            g_string_append_printf(out, "%" G_GINT64_FORMAT, json_node_get_int(node));
        } else if (type == G_TYPE_DOUBLE) {
            RheaCell cell = {.kind = RHEA_CELL_DOUBLE, .v.d = json_node_get_double(node)};
            g_autofree char *text = rhea_cell_exact(&cell);
            g_string_append(out, text);
        } else {
            g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
        }
        break;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *a = json_node_get_array(node);
        guint n = json_array_get_length(a);
        g_string_append_c(out, '[');
        for (guint i = 0; i < n; i++) {
            indent(out, depth + 1);
            write_node(out, json_array_get_element(a, i), depth + 1);
            if (i + 1 < n)
                g_string_append_c(out, ',');
        }
        if (n)
            indent(out, depth);
        g_string_append_c(out, ']');
        break;
    }
    case JSON_NODE_OBJECT: {
        JsonObject *o = json_node_get_object(node);
        /* members in the order they were added (json-glib keeps it) */
        g_autoptr(GList) members = json_object_get_members(o);
        g_string_append_c(out, '{');
        for (GList *m = members; m; m = m->next) {
            indent(out, depth + 1);
            write_string(out, m->data);
            g_string_append(out, ": ");
            write_node(out, json_object_get_member(o, m->data), depth + 1);
            if (m->next)
                g_string_append_c(out, ',');
        }
        if (members)
            indent(out, depth);
        g_string_append_c(out, '}');
        break;
    }
    }
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
    write_node(out, root, 0);
    g_string_append_c(out, '\n');
    return 0;
}

JsonNode *rhea_table_json_rows(const RheaTable *t)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    add_rows(b, t);
    return json_builder_get_root(b);
}

JsonNode *rhea_table_json(const RheaTable *t)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    add_table(b, t);
    return json_builder_get_root(b);
}

char *rhea_json_to_string(JsonNode *node)
{
    GString *out = g_string_new(NULL);
    write_node(out, node, 0);
    g_string_append_c(out, '\n');
    return g_string_free(out, FALSE);
}
