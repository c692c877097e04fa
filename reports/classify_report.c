/* classify_report.c: see classify_report.h. */
#include "reports/classify_report.h"

#include <stdio.h>
#include <string.h>

#include "engine/error.h"
#include "engine/outfile.h"

static const RheaLabel label_order[] = {RHEA_LABEL_ML, RHEA_LABEL_NONML, RHEA_LABEL_EXCLUDE};

RheaReport *rhea_classify_report(const char *product, GArray *rows,
                                 const guint totals[RHEA_LABEL_COUNT])
{
    g_autofree char *title = g_strdup_printf("Paths of %s and their labels", product);
    RheaReport *r = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(r, NULL);
    RheaTable *t = rhea_table_new("classify", NULL);
    rhea_table_add_column(t, "path", "PATH", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "label", "LABEL", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "rule", "RULE", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < rows->len; i++) {
        const RheaClassifyRow *row = &g_array_index(rows, RheaClassifyRow, i);
        rhea_table_add_row(t);
        rhea_table_push_string(t, row->path);
        rhea_table_push_string(t, row->label);
        rhea_table_push_string(t, row->rule);
    }
    g_autofree char *caption =
        g_strdup_printf("totals: ml %u, nonml %u, exclude %u (%u files)", totals[RHEA_LABEL_ML],
                        totals[RHEA_LABEL_NONML], totals[RHEA_LABEL_EXCLUDE], rows->len);
    rhea_table_set_caption(t, caption);
    rhea_section_add_table(s, t);
    return r;
}

JsonNode *rhea_classify_json(const char *product, GArray *rows,
                             const guint totals[RHEA_LABEL_COUNT])
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "product");
    json_builder_add_string_value(b, product);
    json_builder_set_member_name(b, "totals");
    json_builder_begin_object(b);
    for (gsize i = 0; i < G_N_ELEMENTS(label_order); i++) {
        json_builder_set_member_name(b, rhea_label_name(label_order[i]));
        json_builder_add_int_value(b, totals[label_order[i]]);
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "files");
    json_builder_begin_array(b);
    for (guint i = 0; i < rows->len; i++) {
        const RheaClassifyRow *row = &g_array_index(rows, RheaClassifyRow, i);
        /* bytes git stores need not be UTF-8: invalid bytes become U+FFFD */
        g_autofree char *path = g_utf8_make_valid(row->path, -1);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "path");
        json_builder_add_string_value(b, path);
        json_builder_set_member_name(b, "label");
        json_builder_add_string_value(b, row->label);
        json_builder_set_member_name(b, "rule");
        json_builder_add_string_value(b, row->rule);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

/* The import that decided a content: label, as the last matching "rule". */
static const char *content_note = "(the file's text at the tip imports this library)";

RheaReport *rhea_classify_explain_report(const RheaClassifyExplain *e)
{
    g_autofree char *title = g_strdup_printf("%s: %s (%s)", e->path, e->label, e->why);
    RheaReport *r = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(r, NULL);
    RheaTable *t = rhea_table_new(
        "matches", "matching rules, in order (the last user rule wins, else the last default):");
    rhea_table_add_column(t, "rule", "RULE", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "label", "LABEL", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "pattern", "PATTERN", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < e->matches->len; i++) {
        const RheaRuleMatch *m = e->matches->pdata[i];
        rhea_table_add_row(t);
        rhea_table_push_string(t, m->why);
        rhea_table_push_string(t, rhea_label_name(m->label));
        rhea_table_push_string(t, m->pattern);
    }
    if (g_str_has_prefix(e->why, "content:")) {
        rhea_table_add_row(t);
        rhea_table_push_string(t, e->why);
        rhea_table_push_string(t, "ml");
        rhea_table_push_string(t, content_note);
    }
    rhea_section_add_table(s, t);
    if (!e->in_history) {
        g_autofree char *note =
            g_strdup_printf("note: no commit of product '%s' touches %s", e->product, e->path);
        rhea_section_add_text(s, note);
    }
    return r;
}

JsonNode *rhea_classify_explain_json(const RheaClassifyExplain *e)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autofree char *path = g_utf8_make_valid(e->path, -1);
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "product");
    json_builder_add_string_value(b, e->product);
    json_builder_set_member_name(b, "path");
    json_builder_add_string_value(b, path);
    json_builder_set_member_name(b, "label");
    json_builder_add_string_value(b, e->label);
    json_builder_set_member_name(b, "rule");
    json_builder_add_string_value(b, e->why);
    json_builder_set_member_name(b, "in_history");
    json_builder_add_boolean_value(b, e->in_history);
    json_builder_set_member_name(b, "matches");
    json_builder_begin_array(b);
    for (guint i = 0; i < e->matches->len; i++) {
        const RheaRuleMatch *m = e->matches->pdata[i];
        g_autofree char *pattern = g_utf8_make_valid(m->pattern, -1);
        g_autofree char *why = g_utf8_make_valid(m->why, -1);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "rule");
        json_builder_add_string_value(b, why);
        json_builder_set_member_name(b, "label");
        json_builder_add_string_value(b, rhea_label_name(m->label));
        json_builder_set_member_name(b, "pattern");
        json_builder_add_string_value(b, pattern);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

int rhea_classify_write_json(JsonNode *node, const char *path, GError **error)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_root(gen, node);
    json_generator_set_pretty(gen, TRUE);
    g_autofree char *body = json_generator_to_data(gen, NULL);
    g_autofree char *text = g_strconcat(body, "\n", NULL);
    if (!path || strcmp(path, "-") == 0) {
        if (fputs(text, stdout) == EOF || fflush(stdout) != 0) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot write the output");
            return -1;
        }
        return 0;
    }
    /* the one writer of every file rhea produces: what the shell's > does, atomic for files */
    return rhea_outfile_write(path, text, strlen(text), error);
}
