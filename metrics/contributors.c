/* contributors.c: see contributors.h and docs/metrics.md, "Contributors". */
#include "metrics/contributors.h"

#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"
#include "metrics/identity.h"

static const char *const BOT_MARKS[] = {"[bot]", "dependabot", "renovate", "github-actions"};

void rhea_contributor_options_init(RheaContributorOptions *o)
{
    memset(o, 0, sizeof *o);
    o->threshold = 0.8;
    o->merge_by_name = TRUE;
}

gboolean rhea_contributor_is_bot(const char *name, const char *email, GPtrArray *extra)
{
    g_autofree char *n = g_ascii_strdown(name ? name : "", -1);
    g_autofree char *e = g_ascii_strdown(email ? email : "", -1);
    for (size_t i = 0; i < G_N_ELEMENTS(BOT_MARKS); i++)
        if (strstr(n, BOT_MARKS[i]) || strstr(e, BOT_MARKS[i]))
            return TRUE;
    for (guint i = 0; extra && i < extra->len; i++) {
        GRegex *re = g_ptr_array_index(extra, i);
        if (g_regex_match(re, name ? name : "", 0, NULL) ||
            g_regex_match(re, email ? email : "", 0, NULL))
            return TRUE;
    }
    return FALSE;
}

guint rhea_contributors_core_size(const guint *sorted_counts, guint n, double threshold)
{
    guint64 total = 0, sum = 0;
    for (guint i = 0; i < n; i++)
        total += sorted_counts[i];
    if (total == 0)
        return 0;
    /* compare in integers where possible: sum >= threshold * total, with a tolerance for 0.8 */
    double need = threshold * (double)total - 1e-9;
    for (guint i = 0; i < n; i++) {
        sum += sorted_counts[i];
        if ((double)sum >= need)
            return i + 1;
    }
    return n;
}

static gint cmp_contributor(gconstpointer a, gconstpointer b)
{
    const RheaContributor *x = a, *y = b;
    if (x->commits != y->commits)
        return x->commits > y->commits ? -1 : 1;
    return strcmp(x->name, y->name);
}

RheaContributors *rhea_contributors_compute(const RheaCommitSet *set,
                                            const RheaContributorOptions *opts)
{
    RheaContributors *out = g_new0(RheaContributors, 1);
    out->threshold = opts->threshold;
    out->line_stats = set->line_stats;
    out->all = g_array_new(FALSE, TRUE, sizeof(RheaContributor));
    g_autoptr(RheaIdentities) ids = rhea_identities_new(opts->merge_by_name);
    g_autoptr(GArray) raw_of =
        g_array_new(FALSE, FALSE, sizeof(gint)); /* per commit, -1: skipped */
    for (guint i = 0; i < set->commits->len; i++) {
        const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        gint raw = -1;
        if (c->merge && !opts->include_merges) {
            /* not counted */
        } else if (!opts->include_bots &&
                   rhea_contributor_is_bot(c->name, c->email, opts->bot_patterns)) {
            out->bot_commits++;
        } else {
            raw = (gint)rhea_identities_add(ids, c->name, c->email);
        }
        g_array_append_val(raw_of, raw);
    }
    rhea_identities_resolve(ids);
    guint people = rhea_identities_count(ids);
    g_array_set_size(out->all, people);
    for (guint p = 0; p < people; p++) {
        RheaContributor *r = &g_array_index(out->all, RheaContributor, p);
        r->name = g_strdup(rhea_identities_name(ids, p));
        r->emails = g_ptr_array_new_with_free_func(g_free);
        GPtrArray *emails = rhea_identities_emails(ids, p);
        for (guint e = 0; e < emails->len; e++) {
            const char *email = g_ptr_array_index(emails, e);
            g_ptr_array_add(r->emails, g_strdup(email));
            if (!r->background && opts->backgrounds)
                r->background = g_hash_table_lookup(opts->backgrounds, email);
        }
        r->ml_lines = r->nonml_lines = set->line_stats ? 0 : -1;
    }
    for (guint i = 0; i < set->commits->len; i++) {
        gint raw = g_array_index(raw_of, gint, i);
        if (raw < 0)
            continue;
        const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        RheaContributor *r =
            &g_array_index(out->all, RheaContributor, rhea_identities_person(ids, (guint)raw));
        r->commits++;
        out->commits++;
        if (c->n_ml && c->n_nonml)
            r->both_commits++;
        if (c->n_ml)
            r->ml_commits++;
        if (c->n_nonml)
            r->nonml_commits++;
        if (!set->line_stats)
            continue;
        for (guint f = c->first; f < c->first + c->n; f++) {
            const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, f);
            gint64 lines = (ch->added > 0 ? ch->added : 0) + (ch->removed > 0 ? ch->removed : 0);
            if (ch->label == RHEA_LABEL_ML)
                r->ml_lines += lines;
            else
                r->nonml_lines += lines;
        }
    }
    g_array_sort(out->all, cmp_contributor);
    g_autofree guint *counts = g_new(guint, people ? people : 1);
    for (guint p = 0; p < people; p++) {
        RheaContributor *r = &g_array_index(out->all, RheaContributor, p);
        counts[p] = r->commits;
        r->share = out->commits ? (double)r->commits / out->commits : 0;
    }
    out->core = rhea_contributors_core_size(counts, people, opts->threshold);
    for (guint p = 0; p < out->core; p++)
        g_array_index(out->all, RheaContributor, p).core = TRUE;
    return out;
}

void rhea_contributors_free(RheaContributors *c)
{
    if (!c)
        return;
    for (guint i = 0; i < c->all->len; i++) {
        RheaContributor *r = &g_array_index(c->all, RheaContributor, i);
        g_free(r->name);
        g_ptr_array_unref(r->emails);
    }
    g_array_free(c->all, TRUE);
    g_free(c);
}

static const char *const BACKGROUNDS[] = {"SE", "ML", "other", "unsure"};

GHashTable *rhea_backgrounds_parse(const char *text, gsize len, const char *source, GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "binary content; expected a CSV of email,background", error) < 0)
        return NULL;
    GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    gboolean any = FALSE;
    for (char *line; (line = rhea_lines_next(&lines));) {
        guint lineno = lines.lineno;
        line = g_strstrip(line);
        if (!*line || line[0] == '#')
            continue;
        any = TRUE;
        g_auto(GStrv) cells = g_strsplit(line, ",", -1);
        if (g_strv_length(cells) != 2) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: expected two columns, email,background", source, lineno);
            goto fail;
        }
        char *email = g_strstrip(g_strdelimit(cells[0], "\"", ' '));
        char *bg = g_strstrip(g_strdelimit(cells[1], "\"", ' '));
        if (lineno == 1 && g_ascii_strcasecmp(email, "email") == 0)
            continue;
        const char *known = NULL;
        for (size_t b = 0; b < G_N_ELEMENTS(BACKGROUNDS); b++)
            if (g_ascii_strcasecmp(bg, BACKGROUNDS[b]) == 0)
                known = BACKGROUNDS[b];
        if (!known) {
            g_autofree char *quoted = rhea_error_quote(bg);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: background '%s' is not one of SE, ML, other, unsure", source,
                        lineno, quoted);
            goto fail;
        }
        if (!*email) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: empty email; each line is email,background", source, lineno);
            goto fail;
        }
        g_hash_table_insert(map, g_ascii_strdown(email, -1), (gpointer)known);
    }
    if (!any) {
        /* almost surely the wrong file: say so rather than report every background unknown */
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s:1: empty backgrounds file; expected email,background lines", source);
        goto fail;
    }
    return map;
fail:
    g_hash_table_destroy(map);
    return NULL;
}

GHashTable *rhea_backgrounds_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, error)) {
        g_prefix_error(error, "%s: ", path);
        return NULL;
    }
    return rhea_backgrounds_parse(text, len, path, error);
}
