/* rq1_depth.c: see rq1_depth.h. Undefined figures (NaN) are null cells and JSON nulls. */
#include "reports/rq1_depth.h"

#include <math.h>

static void row(RheaTable *t, const char *name, double v, int precision, const char *meaning)
{
    rhea_table_add_row(t);
    rhea_table_push_string(t, name);
    if (precision < 0 && isfinite(v))
        rhea_table_push_int(t, (gint64)v);
    else
        rhea_table_push_double(t, v, precision < 0 ? 0 : precision);
    rhea_table_push_string(t, meaning);
}

RheaTable *rhea_rq1_depth_table(const char *product, const RheaContributors *c,
                                const RheaSilo *silo, const RheaOwnership *own,
                                const RheaTruckFactor *tf)
{
    g_autofree char *title = g_strdup_printf("%s: silos, ownership and truck factor", product);
    RheaTable *t = rhea_table_new("silo", title);
    rhea_table_add_column(t, "figure", "Figure", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "value", "Value", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "meaning", "Meaning", RHEA_ALIGN_LEFT);
    if (silo) {
        row(t, "silo_nmi", silo->all.nmi, 3,
            "I(author; side) / H(side) over every commit with a side (0: the author tells "
            "nothing, 1: the author decides the side)");
        row(t, "silo_p_value", silo->all.p_value, 4,
            "share of author shuffles with NMI at least as high");
        row(t, "silo_commits", silo->all.commits, -1, "commits with a side (ML, non-ML, both)");
        row(t, "silo_core_nmi", silo->core.nmi, 3, "the same over the core contributors' commits");
        row(t, "silo_core_p_value", silo->core.p_value, 4, "its permutation p-value");
    }
    if (own) {
        row(t, "ml_ownership", own->ml.mean_ownership, 3,
            "mean share of an ML file's commits by its main author");
        row(t, "nonml_ownership", own->nonml.mean_ownership, 3, "the same for non-ML files");
        row(t, "ml_owners", own->ml.owners, -1, "people who are the main author of an ML file");
        row(t, "ml_only_owners", own->ml.exclusive_owners, -1,
            "of whom main author of no non-ML file (owners the non-ML side lacks)");
        row(t, "nonml_owners", own->nonml.owners, -1, "main authors of a non-ML file");
        row(t, "nonml_only_owners", own->nonml.exclusive_owners, -1,
            "of whom main author of no ML file");
    }
    if (tf) {
        row(t, "truck_factor", tf->truck_factor, -1,
            "fewest top authors whose leaving orphans more than half the files (Avelino)");
        row(t, "core_count", c->core, -1, "core contributors, for comparison");
        row(t, "tf_files", tf->files, -1, "ML and non-ML files alive at the end of the window");
    }
    if (tf && tf->authors->len) {
        GString *names = g_string_new("Truck factor authors: ");
        for (guint i = 0; i < tf->authors->len; i++)
            g_string_append_printf(names, "%s%s (%u files)", i ? ", " : "",
                                   (const char *)g_ptr_array_index(tf->authors, i),
                                   g_array_index(tf->author_files, guint, i));
        g_string_append(names, ". The truck factor uses the whole history up to the window's end.");
        rhea_table_set_caption(t, names->str);
        g_string_free(names, TRUE);
    }
    return t;
}

RheaTable *rhea_rq1_side_shares_table(const char *product, const RheaContributors *c)
{
    g_autofree char *title = g_strdup_printf("%s: each contributor's commits per side", product);
    RheaTable *t = rhea_table_new("sides", title);
    rhea_table_add_column(t, "name", "Name", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "core", "Core", RHEA_ALIGN_CENTER);
    rhea_table_add_column(t, "commits", "Commits with a side", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ml_only", "ML only", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "nonml_only", "Non-ML only", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "both", "Both", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < c->all->len; i++) {
        const RheaContributor *r = &g_array_index(c->all, RheaContributor, i);
        guint ml_only = r->ml_commits - r->both_commits;
        guint nonml_only = r->nonml_commits - r->both_commits;
        guint n = ml_only + nonml_only + r->both_commits;
        rhea_table_add_row(t);
        rhea_table_push_string(t, r->name);
        rhea_table_push_string(t, r->core ? "yes" : "no");
        rhea_table_push_int(t, n);
        rhea_table_push_double(t, n ? (double)ml_only / n : NAN, 3);
        rhea_table_push_double(t, n ? (double)nonml_only / n : NAN, 3);
        rhea_table_push_double(t, n ? (double)r->both_commits / n : NAN, 3);
    }
    return t;
}

static void set_double(JsonObject *o, const char *key, double v)
{
    if (isfinite(v))
        json_object_set_double_member(o, key, v);
    else
        json_object_set_null_member(o, key);
}

static JsonObject *silo_figure(const RheaSiloFigure *f)
{
    JsonObject *o = json_object_new();
    set_double(o, "nmi", f->nmi);
    set_double(o, "p_value", f->p_value);
    json_object_set_int_member(o, "commits", f->commits);
    json_object_set_int_member(o, "people", f->people);
    json_object_set_int_member(o, "permutations", f->permutations);
    return o;
}

static JsonObject *side_ownership(const RheaSideOwnership *s)
{
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "files", s->files);
    set_double(o, "mean_ownership", s->mean_ownership);
    json_object_set_int_member(o, "owners", s->owners);
    json_object_set_int_member(o, "exclusive_owners", s->exclusive_owners);
    json_object_set_int_member(o, "exclusive_files", s->exclusive_files);
    return o;
}

void rhea_rq1_depth_json_add(JsonObject *obj, const RheaSilo *silo, const RheaOwnership *own,
                             const RheaTruckFactor *tf)
{
    if (silo) {
        JsonObject *s = silo_figure(&silo->all);
        json_object_set_object_member(s, "core", silo_figure(&silo->core));
        json_object_set_int_member(s, "seed", (gint64)silo->seed);
        json_object_set_object_member(obj, "silo", s);
    }
    if (own) {
        JsonObject *o = json_object_new();
        json_object_set_object_member(o, "ml", side_ownership(&own->ml));
        json_object_set_object_member(o, "nonml", side_ownership(&own->nonml));
        json_object_set_object_member(obj, "ownership", o);
    }
    if (tf) {
        json_object_set_int_member(obj, "truck_factor", tf->truck_factor);
        JsonArray *a = json_array_new();
        for (guint i = 0; i < tf->authors->len; i++) {
            g_autofree char *valid = g_utf8_make_valid(g_ptr_array_index(tf->authors, i), -1);
            json_array_add_string_element(a, valid);
        }
        json_object_set_array_member(obj, "truck_factor_authors", a);
        json_object_set_int_member(obj, "truck_factor_files", tf->files);
    }
}

RheaTable *rhea_rq1_parts_matrix_table(const char *product, const GArray *pairs)
{
    g_autofree char *title = g_strdup_printf("%s: coupling between every pair of parts", product);
    RheaTable *t = rhea_table_new("parts", title);
    rhea_table_add_column(t, "part_a", "Part A", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "part_b", "Part B", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "transactions", "Transactions", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "files_a", "Files A", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "files_b", "Files B", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "eci", "ECI", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "rci", "RCI", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "p_value", "p", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ci_low", "RCI 2.5%", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ci_high", "RCI 97.5%", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "null_low", "Random 2.5%", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "null_high", "Random 97.5%", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < pairs->len; i++) {
        const RheaPartPair *p = &g_array_index(pairs, RheaPartPair, i);
        rhea_table_add_row(t);
        rhea_table_push_string(t, p->a);
        rhea_table_push_string(t, p->b);
        rhea_table_push_int(t, p->transactions);
        rhea_table_push_int(t, p->coupling.ml_files);
        rhea_table_push_int(t, p->coupling.nonml_files);
        rhea_table_push_double(t, p->coupling.eci, 4);
        rhea_table_push_double(t, p->coupling.rci, 3);
        rhea_table_push_double(t, p->coupling.p_value, 4);
        rhea_table_push_double(t, p->coupling.ci_low, 3);
        rhea_table_push_double(t, p->coupling.ci_high, 3);
        rhea_table_push_double(t, p->coupling.null_low, 3);
        rhea_table_push_double(t, p->coupling.null_high, 3);
    }
    rhea_table_set_caption(
        t, "Each pair's universe is the files of its two parts; a transaction counts for a pair "
           "when it changes a file of either. " RHEA_INTERVAL_VS_TEST);
    return t;
}

RheaTable *rhea_rq1_sensitivity_table(const char *product, const RheaSensitivity *s,
                                      const char *figure)
{
    gboolean rci = g_str_equal(figure, "rci");
    g_autofree char *title = g_strdup_printf("%s: %s under the analyst's choices", product,
                                             rci ? "RCI" : "core contributors");
    RheaTable *t = rhea_table_new(figure, title);
    rhea_table_add_column(t, "figure", "Figure", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "choice", "Choice", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "value", "Value", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < s->rows->len; i++) {
        const RheaSensitivityRow *r = &g_array_index(s->rows, RheaSensitivityRow, i);
        if (!g_str_equal(r->figure, figure))
            continue;
        rhea_table_add_row(t);
        rhea_table_push_string(t, r->figure);
        rhea_table_push_string(t, r->choice);
        if (rci)
            rhea_table_push_double(t, r->value, 3);
        else if (isfinite(r->value))
            rhea_table_push_int(t, (gint64)r->value);
        else
            rhea_table_push_null(t);
    }
    g_autofree char *caption =
        rci ? (isfinite(s->rci_min)
                   ? g_strdup_printf(
                         "RCI ranges %.3f-%.3f over these choices; %s.", s->rci_min, s->rci_max,
                         s->rci_changes_side ? "it CHANGES SIDE of 1 (the finding depends on the "
                                               "choice)"
                                             : "it stays on one side of 1")
                   : g_strdup("RCI is undefined under every choice."))
            : g_strdup_printf("The core count ranges %.0f-%.0f over these choices.", s->core_min,
                              s->core_max);
    rhea_table_set_caption(t, caption);
    return t;
}

JsonNode *rhea_rq1_sensitivity_json(const char *product, const char *window,
                                    const RheaSensitivity *s)
{
    JsonObject *o = json_object_new();
    g_autofree char *p = g_utf8_make_valid(product, -1);
    json_object_set_string_member(o, "product", p);
    json_object_set_string_member(o, "window", window);
    JsonArray *rows = json_array_new();
    for (guint i = 0; i < s->rows->len; i++) {
        const RheaSensitivityRow *r = &g_array_index(s->rows, RheaSensitivityRow, i);
        JsonObject *row = json_object_new();
        json_object_set_string_member(row, "figure", r->figure);
        json_object_set_string_member(row, "choice", r->choice);
        if (!isfinite(r->value))
            json_object_set_null_member(row, "value");
        else if (g_str_equal(r->figure, "core"))
            json_object_set_int_member(row, "value", (gint64)r->value);
        else
            json_object_set_double_member(row, "value", r->value);
        json_array_add_object_element(rows, row);
    }
    json_object_set_array_member(o, "rows", rows);
    set_double(o, "rci_min", s->rci_min);
    set_double(o, "rci_max", s->rci_max);
    json_object_set_boolean_member(o, "rci_changes_side", s->rci_changes_side);
    set_double(o, "core_min", s->core_min);
    set_double(o, "core_max", s->core_max);
    JsonNode *n = json_node_new(JSON_NODE_OBJECT);
    json_node_take_object(n, o);
    return n;
}

void rhea_rq1_coupling_add_null_range(RheaTable *t, const RheaCoupling *c)
{
    row(t, "null_low", c->null_low, 3, "RCI of random label splits, 2.5% quantile");
    row(t, "null_high", c->null_high, 3, "RCI of random label splits, 97.5% quantile");
}

void rhea_rq1_coupling_json_add_null_range(JsonObject *o, const RheaCoupling *c)
{
    set_double(o, "null_low", c->null_low);
    set_double(o, "null_high", c->null_high);
    json_object_set_string_member(o, "interval_vs_test", RHEA_INTERVAL_VS_TEST);
}

RheaChart *rhea_rq1_parts_heatmap(const char *product, const GArray *pairs)
{
    g_autofree char *title = g_strdup_printf("%s: RCI between parts", product);
    RheaChart *c = rhea_chart_new(RHEA_CHART_HEATMAP, title, NULL, "RCI");
    for (guint i = 0; i < pairs->len; i++) {
        const RheaPartPair *p = &g_array_index(pairs, RheaPartPair, i);
        rhea_chart_add_cell(c, p->a, p->b, p->coupling.rci);
    }
    return c;
}
