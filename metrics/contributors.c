/* contributors.c: see contributors.h and docs/metrics.md, "Contributors". */
#include "metrics/contributors.h"

#include <math.h>
#include <string.h>

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
        r->key = p;
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
    /* rank[key] = index after sorting, so each counted commit names its row in all */
    g_autofree guint *rank = g_new(guint, people ? people : 1);
    for (guint p = 0; p < people; p++)
        rank[g_array_index(out->all, RheaContributor, p).key] = p;
    out->person_of = g_array_sized_new(FALSE, FALSE, sizeof(gint), raw_of->len);
    for (guint i = 0; i < raw_of->len; i++) {
        gint raw = g_array_index(raw_of, gint, i);
        gint who = raw < 0 ? -1 : (gint)rank[rhea_identities_person(ids, (guint)raw)];
        g_array_append_val(out->person_of, who);
    }
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
    if (c->person_of)
        g_array_free(c->person_of, TRUE);
    g_free(c);
}
