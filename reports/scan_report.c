/* scan_report.c: `rhea scan`'s tables and JSON (scan_report.h). */
#include "reports/scan_report.h"

#include <string.h>

static const char *role_name(RheaScanRole r)
{
    return r == RHEA_SCAN_PRODUCT ? "product" : r == RHEA_SCAN_ML ? "ml" : "keyword";
}

static const char *STEPS[] = {"scanned", "ML filter", "product filter"};

/* Whether a readable result passes step s (0: read, 1: ML, 2: ML and product: the paper's steps
 * 3 and 4 in its order). */
static gboolean passes(const RheaScanResult *r, guint s)
{
    return !r->error && (s == 0 || (r->ml && (s == 1 || r->product)));
}

static void count_into(GHashTable *t, const char *key)
{
    g_hash_table_insert(t, (gpointer)key,
                        GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(t, key)) + 1));
}

static gint by_key(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of t, sorted. */
static GPtrArray *sorted_keys(GHashTable *t)
{
    GPtrArray *keys = g_ptr_array_new();
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, t);
    while (g_hash_table_iter_next(&it, &k, NULL))
        g_ptr_array_add(keys, k);
    g_ptr_array_sort(keys, by_key);
    return keys;
}

static char *top_evidence(const RheaScanResult *r, guint n)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0, shown = 0; i < r->evidence->len && shown < n; i++) {
        const RheaScanHit *h = g_ptr_array_index(r->evidence, i);
        if (!h->counted || h->role == RHEA_SCAN_KEYWORD)
            continue;
        if (shown++)
            g_string_append(s, "; ");
        if (h->line)
            g_string_append_printf(s, "%s (%s:%u)", h->name, h->path, h->line);
        else
            g_string_append_printf(s, "%s (%s)", h->name, h->path);
    }
    return g_string_free(s, s->len == 0);
}

static RheaTable *rows_table(GPtrArray *results, guint evidence)
{
    RheaTable *t = rhea_table_new("repositories", "Repositories, in the order to inspect them");
    rhea_table_set_caption(t, "product: user-interface evidence; ml: ML libraries, APIs, "
                              "pre-trained models, training code or model files (evidence in "
                              "example, test, documentation and vendored folders does not count); "
                              "keywords: ML words in documentation (the paper's last resort, "
                              "deciding nothing). Priority: docs/evidence.md.");
    const char *cols[][2] = {
        {"path", "Repository"},      {"head", "HEAD"},         {"language", "Language"},
        {"genre", "Genre"},          {"product", "Product"},   {"ml", "ML"},
        {"product_hits", "UI hits"}, {"ml_hits", "ML hits"},   {"keyword_hits", "Keywords"},
        {"priority", "Priority"},    {"evidence", "Evidence"}, {"error", "Error"}};
    for (size_t c = 0; c < G_N_ELEMENTS(cols); c++)
        rhea_table_add_column(t, cols[c][0], cols[c][1],
                              c >= 6 && c <= 9 ? RHEA_ALIGN_RIGHT : RHEA_ALIGN_LEFT);
    for (guint i = 0; i < results->len; i++) {
        const RheaScanResult *r = g_ptr_array_index(results, i);
        rhea_table_add_row(t);
        rhea_table_push_string(t, r->path);
        rhea_table_push_string(t, r->head);
        rhea_table_push_string(t, r->language);
        rhea_table_push_string(t, r->genre);
        if (r->error) {
            for (int k = 0; k < 6; k++)
                rhea_table_push_null(t);
            rhea_table_push_null(t);
            rhea_table_push_string(t, r->error);
            continue;
        }
        rhea_table_push_string(t, r->product ? "yes" : "no");
        rhea_table_push_string(t, !r->ml ? "no" : r->ml_hits ? "yes" : "keywords");
        rhea_table_push_int(t, r->product_hits);
        rhea_table_push_int(t, r->ml_hits);
        rhea_table_push_int(t, r->keyword_hits);
        rhea_table_push_double(t, r->priority, 0);
        g_autofree char *ev = top_evidence(r, evidence);
        rhea_table_push_string(t, ev);
        rhea_table_push_null(t);
    }
    return t;
}

/* Counts per step, by genre or by language (by_genre) as a long table. */
static RheaTable *summary_table(GPtrArray *results, gboolean by_genre)
{
    RheaTable *t = by_genre ? rhea_table_new("summary_by_genre", "Repositories after each step, "
                                                                 "by genre")
                            : rhea_table_new("summary_by_language",
                                             "Repositories after each step, by language");
    rhea_table_add_column(t, "step", "Step", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, by_genre ? "genre" : "language", by_genre ? "Genre" : "Language",
                          RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "repositories", "Repositories", RHEA_ALIGN_RIGHT);
    for (guint s = 0; s < G_N_ELEMENTS(STEPS); s++) {
        g_autoptr(GHashTable) counts = g_hash_table_new(g_str_hash, g_str_equal);
        guint total = 0;
        for (guint i = 0; i < results->len; i++) {
            const RheaScanResult *r = g_ptr_array_index(results, i);
            if (!passes(r, s))
                continue;
            total++;
            const char *key = by_genre ? r->genre : r->language;
            count_into(counts, key ? key : "none");
        }
        g_autoptr(GPtrArray) keys = sorted_keys(counts);
        for (guint k = 0; k < keys->len; k++) {
            rhea_table_add_row(t);
            rhea_table_push_string(t, STEPS[s]);
            rhea_table_push_string(t, g_ptr_array_index(keys, k));
            rhea_table_push_int(
                t, GPOINTER_TO_UINT(g_hash_table_lookup(counts, g_ptr_array_index(keys, k))));
        }
        rhea_table_add_row(t);
        rhea_table_push_string(t, STEPS[s]);
        rhea_table_push_string(t, "all");
        rhea_table_push_int(t, total);
    }
    return t;
}

RheaReport *rhea_scan_report(GPtrArray *results, guint evidence, gboolean with_summary)
{
    guint unreadable = 0;
    for (guint i = 0; i < results->len; i++)
        unreadable += ((RheaScanResult *)g_ptr_array_index(results, i))->error != NULL;
    g_autofree char *title =
        g_strdup_printf("rhea scan: %u repositories (%u unreadable)", results->len, unreadable);
    RheaReport *report = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(report, NULL);
    rhea_section_add_table(s, rows_table(results, evidence));
    if (with_summary) {
        rhea_section_add_table(s, summary_table(results, TRUE));
        rhea_section_add_table(s, summary_table(results, FALSE));
    }
    return report;
}

static JsonNode *counts_object(GHashTable *counts)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    g_autoptr(GPtrArray) keys = sorted_keys(counts);
    for (guint k = 0; k < keys->len; k++) {
        json_builder_set_member_name(b, g_ptr_array_index(keys, k));
        json_builder_add_int_value(
            b, GPOINTER_TO_UINT(g_hash_table_lookup(counts, g_ptr_array_index(keys, k))));
    }
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

static void add_string_or_null(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value) {
        g_autofree char *valid = g_utf8_make_valid(value, -1);
        json_builder_add_string_value(b, valid);
    } else {
        json_builder_add_null_value(b);
    }
}

static void add_repository(JsonBuilder *b, const RheaScanResult *r, guint evidence)
{
    json_builder_begin_object(b);
    add_string_or_null(b, "path", r->path);
    add_string_or_null(b, "head", r->head);
    add_string_or_null(b, "language", r->language);
    add_string_or_null(b, "genre", r->genre);
    json_builder_set_member_name(b, "product");
    json_builder_add_boolean_value(b, r->product);
    json_builder_set_member_name(b, "ml");
    json_builder_add_boolean_value(b, r->ml);
    json_builder_set_member_name(b, "product_hits");
    json_builder_add_int_value(b, r->product_hits);
    json_builder_set_member_name(b, "ml_hits");
    json_builder_add_int_value(b, r->ml_hits);
    add_string_or_null(b, "ml_basis", r->ml_basis);
    json_builder_set_member_name(b, "ml_by_kind");
    json_builder_add_value(b, counts_object(r->ml_by_kind));
    json_builder_set_member_name(b, "keyword_hits");
    json_builder_add_int_value(b, r->keyword_hits);
    json_builder_set_member_name(b, "priority");
    json_builder_add_double_value(b, r->priority);
    add_string_or_null(b, "error", r->error);
    json_builder_set_member_name(b, "evidence");
    json_builder_begin_array(b);
    for (guint i = 0; i < r->evidence->len && i < evidence; i++) {
        const RheaScanHit *h = g_ptr_array_index(r->evidence, i);
        json_builder_begin_object(b);
        add_string_or_null(b, "role", role_name(h->role));
        add_string_or_null(b, "kind", h->kind);
        add_string_or_null(b, "name", h->name);
        add_string_or_null(b, "path", h->path);
        json_builder_set_member_name(b, "line");
        json_builder_add_int_value(b, h->line);
        add_string_or_null(b, "text", h->text);
        json_builder_set_member_name(b, "counted");
        json_builder_add_boolean_value(b, h->counted);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

JsonNode *rhea_scan_json(GPtrArray *results, guint evidence)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "repositories");
    json_builder_begin_array(b);
    guint unreadable = 0;
    for (guint i = 0; i < results->len; i++) {
        const RheaScanResult *r = g_ptr_array_index(results, i);
        unreadable += r->error != NULL;
        add_repository(b, r, evidence);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "summary");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "repositories");
    json_builder_add_int_value(b, results->len);
    json_builder_set_member_name(b, "unreadable");
    json_builder_add_int_value(b, unreadable);
    json_builder_set_member_name(b, "steps");
    json_builder_begin_array(b);
    for (guint s = 0; s < G_N_ELEMENTS(STEPS); s++) {
        g_autoptr(GHashTable) genres = g_hash_table_new(g_str_hash, g_str_equal);
        g_autoptr(GHashTable) languages = g_hash_table_new(g_str_hash, g_str_equal);
        guint n = 0;
        for (guint i = 0; i < results->len; i++) {
            const RheaScanResult *r = g_ptr_array_index(results, i);
            if (!passes(r, s))
                continue;
            n++;
            count_into(genres, r->genre ? r->genre : "none");
            count_into(languages, r->language ? r->language : "none");
        }
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "step");
        json_builder_add_string_value(b, STEPS[s]);
        json_builder_set_member_name(b, "count");
        json_builder_add_int_value(b, n);
        json_builder_set_member_name(b, "by_genre");
        json_builder_add_value(b, counts_object(genres));
        json_builder_set_member_name(b, "by_language");
        json_builder_add_value(b, counts_object(languages));
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}
