/* rq1.c: RQ1 tables and JSON. Undefined figures (NaN) are null cells and JSON nulls, never 0. */
#include "reports/rq1.h"

#include "reports/format_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/outfile.h"

static void add_double_or_null(JsonBuilder *b, const char *key, double v)
{
    json_builder_set_member_name(b, key);
    if (isfinite(v))
        json_builder_add_double_value(b, v);
    else
        json_builder_add_null_value(b);
}

static void add_int(JsonBuilder *b, const char *key, gint64 v)
{
    json_builder_set_member_name(b, key);
    json_builder_add_int_value(b, v);
}

/* Strings from repositories may be invalid UTF-8; JSON must stay valid, so such bytes become
 * U+FFFD. */
static void add_utf8(JsonBuilder *b, const char *v)
{
    g_autofree char *valid = g_utf8_make_valid(v, -1);
    json_builder_add_string_value(b, valid);
}

static void add_string(JsonBuilder *b, const char *key, const char *v)
{
    json_builder_set_member_name(b, key);
    if (v)
        add_utf8(b, v);
    else
        json_builder_add_null_value(b);
}

static char *join_emails(const GPtrArray *emails)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < emails->len; i++) {
        if (i)
            g_string_append(s, " ");
        g_string_append(s, g_ptr_array_index(emails, i));
    }
    return g_string_free(s, FALSE);
}

RheaTable *rhea_rq1_contributors_table(const char *product, const RheaContributors *c,
                                       gboolean core_only)
{
    g_autofree char *title =
        g_strdup_printf("%s: %s", product, core_only ? "core contributors" : "contributors");
    RheaTable *t = rhea_table_new(core_only ? "core" : "contributors", title);
    rhea_table_add_column(t, "rank", "#", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "name", "Name", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "emails", "Emails", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "commits", "Commits", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "share", "Share", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "core", "Core", RHEA_ALIGN_CENTER);
    rhea_table_add_column(t, "ml_commits", "ML", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "nonml_commits", "Non-ML", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "both_commits", "Both", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ml_lines", "ML lines", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "nonml_lines", "Non-ML lines", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "background", "Background", RHEA_ALIGN_LEFT);
    guint n = core_only ? c->core : c->all->len;
    for (guint i = 0; i < n; i++) {
        const RheaContributor *r = &g_array_index(c->all, RheaContributor, i);
        g_autofree char *emails = join_emails(r->emails);
        rhea_table_add_row(t);
        rhea_table_push_int(t, i + 1);
        rhea_table_push_string(t, r->name);
        rhea_table_push_string(t, emails);
        rhea_table_push_int(t, r->commits);
        rhea_table_push_double(t, r->share, 3);
        rhea_table_push_string(t, r->core ? "yes" : "no");
        rhea_table_push_int(t, r->ml_commits);
        rhea_table_push_int(t, r->nonml_commits);
        rhea_table_push_int(t, r->both_commits);
        if (r->ml_lines >= 0) {
            rhea_table_push_int(t, r->ml_lines);
            rhea_table_push_int(t, r->nonml_lines);
        } else {
            rhea_table_push_null(t);
            rhea_table_push_null(t);
        }
        rhea_table_push_string(t, r->background);
    }
    /* the threshold as given (0.855 is 85.5%, not 86%): 15 digits drop the binary noise */
    char percent[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(percent, sizeof percent, "%.15g", c->threshold * 100);
    g_autofree char *caption = g_strdup_printf(
        "%u commits by %u contributors (%u bot commits left out); %u core contributors made at "
        "least %s%% of the commits.%s",
        c->commits, c->all->len, c->bot_commits, c->core, percent,
        c->line_stats ? "" : " Lines: run rhea analyze --line-stats.");
    rhea_table_set_caption(t, caption);
    return t;
}

RheaTable *rhea_rq1_backgrounds_table(const char *product, const RheaContributors *c)
{
    static const char *const kinds[] = {"SE", "ML", "other", "unsure"};
    g_autofree char *title = g_strdup_printf("%s: core contributors by background", product);
    RheaTable *t = rhea_table_new("backgrounds", title);
    rhea_table_add_column(t, "background", "Background", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "core", "Core contributors", RHEA_ALIGN_RIGHT);
    guint unknown = c->core;
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        guint n = 0;
        for (guint i = 0; i < c->core; i++) {
            const RheaContributor *r = &g_array_index(c->all, RheaContributor, i);
            n += r->background && g_str_equal(r->background, kinds[k]);
        }
        unknown -= n;
        rhea_table_add_row(t);
        rhea_table_push_string(t, kinds[k]);
        rhea_table_push_int(t, n);
    }
    rhea_table_add_row(t);
    rhea_table_push_string(t, "not in the file");
    rhea_table_push_int(t, unknown);
    rhea_table_set_caption(t,
                           "Backgrounds are judged by people (--backgrounds FILE), not by rhea.");
    return t;
}

static void contributor_json(JsonBuilder *b, const RheaContributor *r)
{
    json_builder_begin_object(b);
    add_string(b, "name", r->name);
    json_builder_set_member_name(b, "emails");
    json_builder_begin_array(b);
    for (guint e = 0; e < r->emails->len; e++)
        add_utf8(b, g_ptr_array_index(r->emails, e));
    json_builder_end_array(b);
    add_int(b, "commits", r->commits);
    add_double_or_null(b, "share", r->share);
    add_int(b, "ml_commits", r->ml_commits);
    add_int(b, "nonml_commits", r->nonml_commits);
    add_int(b, "both_commits", r->both_commits);
    json_builder_set_member_name(b, "ml_lines");
    if (r->ml_lines >= 0)
        json_builder_add_int_value(b, r->ml_lines);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "nonml_lines");
    if (r->nonml_lines >= 0)
        json_builder_add_int_value(b, r->nonml_lines);
    else
        json_builder_add_null_value(b);
    add_string(b, "background", r->background);
    json_builder_end_object(b);
}

JsonNode *rhea_rq1_contributors_json(const char *product, const char *window,
                                     const RheaContributors *c)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    add_string(b, "product", product);
    add_string(b, "window", window);
    add_int(b, "commits", c->commits);
    add_int(b, "bot_commits", c->bot_commits);
    add_int(b, "contributors", c->all->len);
    add_double_or_null(b, "threshold", c->threshold);
    add_int(b, "core_count", c->core);
    json_builder_set_member_name(b, "core");
    json_builder_begin_array(b);
    for (guint i = 0; i < c->core; i++)
        contributor_json(b, &g_array_index(c->all, RheaContributor, i));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "all");
    json_builder_begin_array(b);
    for (guint i = 0; i < c->all->len; i++)
        contributor_json(b, &g_array_index(c->all, RheaContributor, i));
    json_builder_end_array(b);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

static void figure(RheaTable *t, const char *name, double v, int precision, gboolean integer,
                   const char *meaning)
{
    rhea_table_add_row(t);
    rhea_table_push_string(t, name);
    if (integer && isfinite(v))
        rhea_table_push_int(t, (gint64)v);
    else
        rhea_table_push_double(t, v, precision);
    rhea_table_push_string(t, meaning);
}

RheaTable *rhea_rq1_coupling_table(const char *product, const RheaCoupling *c)
{
    g_autofree char *title = g_strdup_printf("%s: coupling of ML and non-ML code", product);
    RheaTable *t = rhea_table_new("coupling", title);
    rhea_table_add_column(t, "figure", "Figure", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "value", "Value", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "meaning", "Meaning", RHEA_ALIGN_LEFT);
    figure(t, "transactions", c->transactions, 0, TRUE,
           "non-merge commits with a non-excluded file");
    figure(t, "ml_files", c->ml_files, 0, TRUE, "ML files changed in the window (m)");
    figure(t, "nonml_files", c->nonml_files, 0, TRUE, "non-ML files changed in the window (n)");
    figure(t, "pairs", (double)c->pairs, 0, TRUE, "pairs of files changed together");
    figure(t, "cross_pairs", (double)c->cross_pairs, 0, TRUE, "of which one ML and one non-ML");
    figure(t, "eci", c->eci, 4, FALSE, "cross_pairs / pairs");
    figure(t, "expected_eci", c->expected_eci, 4, FALSE, "2mn / (N(N-1)): random edits");
    figure(t, "rci", c->rci, 3, FALSE, "eci / expected_eci (>1: more coupled than random)");
    figure(t, "ci_low", c->ci_low, 3, FALSE, "95% bootstrap interval of rci, low");
    figure(t, "ci_high", c->ci_high, 3, FALSE, "95% bootstrap interval of rci, high");
    figure(t, "p_value", c->p_value, 4, FALSE,
           "one-sided permutation p-value, toward the observation");
    figure(t, "both", c->both, 0, TRUE, "transactions touching both sides");
    figure(t, "eci_tx", c->eci_tx, 4, FALSE, "both / transactions");
    figure(t, "expected_eci_tx", c->expected_eci_tx, 4, FALSE, "hypergeometric expectation");
    figure(t, "rci_tx", c->rci_tx, 3, FALSE, "eci_tx / expected_eci_tx");
    g_autofree char *caption =
        c->null_reason
            ? g_strdup_printf("RCI is undefined: %s.", c->null_reason)
            : g_strdup_printf("%u permutations and %u bootstrap resamples, seed %" G_GUINT64_FORMAT
                              ". Formulas: docs/metrics.md, Coupling.",
                              c->permutations, c->bootstrap, c->seed);
    rhea_table_set_caption(t, caption);
    return t;
}

void rhea_rq1_coupling_add_cap(RheaTable *t, guint max_files, guint dropped)
{
    if (max_files == 0)
        return;
    figure(t, "max_files", max_files, 0, TRUE, "--max-files: larger transactions are dropped");
    figure(t, "dropped_large", dropped, 0, TRUE, "transactions dropped by --max-files");
}

void rhea_rq1_coupling_json_add_cap(JsonNode *node, guint max_files, guint dropped)
{
    JsonObject *o = json_node_get_object(node);
    if (max_files)
        json_object_set_int_member(o, "max_files", max_files);
    else
        json_object_set_null_member(o, "max_files");
    json_object_set_int_member(o, "dropped_large", dropped);
}

RheaTable *rhea_rq1_top_pairs_table(const char *product, const GArray *pairs, GPtrArray *paths)
{
    g_autofree char *title =
        g_strdup_printf("%s: ML and non-ML files changed together most", product);
    RheaTable *t = rhea_table_new("top_pairs", title);
    rhea_table_add_column(t, "ml_file", "ML file", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "nonml_file", "Non-ML file", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "together", "Together", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "support", "Support", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "confidence_ml", "Conf. ML→non-ML", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "confidence_nonml", "Conf. non-ML→ML", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < pairs->len; i++) {
        const RheaCoupledPair *p = &g_array_index(pairs, RheaCoupledPair, i);
        rhea_table_add_row(t);
        rhea_table_push_string(t, g_ptr_array_index(paths, p->ml_file));
        rhea_table_push_string(t, g_ptr_array_index(paths, p->nonml_file));
        rhea_table_push_int(t, p->together);
        rhea_table_push_double(t, p->support, 3);
        rhea_table_push_double(t, p->confidence_ml, 3);
        rhea_table_push_double(t, p->confidence_nonml, 3);
    }
    return t;
}

JsonNode *rhea_rq1_coupling_json(const char *product, const char *window, const RheaCoupling *c,
                                 const GArray *pairs, GPtrArray *paths)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    add_string(b, "product", product);
    add_string(b, "window", window);
    add_int(b, "transactions", c->transactions);
    add_int(b, "ml_files", c->ml_files);
    add_int(b, "nonml_files", c->nonml_files);
    add_int(b, "cross_pairs", (gint64)c->cross_pairs);
    add_int(b, "pairs", (gint64)c->pairs);
    add_double_or_null(b, "eci", c->eci);
    add_double_or_null(b, "expected_eci", c->expected_eci);
    add_double_or_null(b, "rci", c->rci);
    add_string(b, "rci_null_reason", c->null_reason);
    add_int(b, "both", c->both);
    add_double_or_null(b, "eci_tx", c->eci_tx);
    add_double_or_null(b, "expected_eci_tx", c->expected_eci_tx);
    add_double_or_null(b, "rci_tx", c->rci_tx);
    add_double_or_null(b, "p_value", c->p_value);
    add_double_or_null(b, "p_greater", c->p_greater);
    add_double_or_null(b, "p_less", c->p_less);
    add_double_or_null(b, "ci_low", c->ci_low);
    add_double_or_null(b, "ci_high", c->ci_high);
    add_int(b, "permutations", c->permutations);
    add_int(b, "bootstrap", c->bootstrap);
    add_int(b, "seed", (gint64)c->seed);
    if (pairs) {
        json_builder_set_member_name(b, "top_pairs");
        json_builder_begin_array(b);
        for (guint i = 0; i < pairs->len; i++) {
            const RheaCoupledPair *p = &g_array_index(pairs, RheaCoupledPair, i);
            json_builder_begin_object(b);
            add_string(b, "ml_file", g_ptr_array_index(paths, p->ml_file));
            add_string(b, "nonml_file", g_ptr_array_index(paths, p->nonml_file));
            add_int(b, "together", p->together);
            add_double_or_null(b, "support", p->support);
            add_double_or_null(b, "confidence_ml", p->confidence_ml);
            add_double_or_null(b, "confidence_nonml", p->confidence_nonml);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

int rhea_rq1_write_json(JsonNode *node, const char *path, GError **error)
{
    /* rhea_json_to_string writes 0.8 as 0.8, where json-glib's generator writes 0.80000000000000004
     */
    g_autofree char *text = rhea_json_to_string(node);
    if (!path || g_str_equal(path, "-")) {
        fputs(text, stdout);
        fflush(stdout);
        return 0;
    }
    return rhea_outfile_write(path, text, strlen(text), error);
}
