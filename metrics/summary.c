/* summary.c: one product's report figures. Contributors and coupling come from their modules; the
 * rest are counts over the labeled paths and transactions of the window. The RQ4/RQ5 path
 * guesses (classifiers/path_roles.h) only find candidates: what and how a product tests, and how
 * it is operated, are judged by people (the report says so). */
#include "metrics/summary.h"

#include <string.h>

#include "classifiers/labeling.h"
#include "classifiers/path_roles.h"
#include "engine/store_reads.h"
#include "engine/store_kinds.h"
#include "metrics/slice.h"
#include "metrics/transactions.h"

void rhea_summary_free(RheaProductSummary *s)
{
    if (!s)
        return;
    g_free(s->product);
    if (s->meta)
        g_hash_table_destroy(s->meta);
    rhea_contributors_free(s->contributors);
    if (s->top_pairs)
        g_array_free(s->top_pairs, TRUE);
    if (s->top_paths)
        g_ptr_array_unref(s->top_paths);
    if (s->months)
        g_array_free(s->months, TRUE);
    rhea_ownership_free(s->ownership);
    rhea_truckfactor_free(s->truck_factor);
    rhea_sensitivity_free(s->sensitivity);
    g_free(s);
}

static void count_core(RheaProductSummary *s)
{
    for (guint i = 0; i < s->contributors->core; i++) {
        const RheaContributor *r = &g_array_index(s->contributors->all, RheaContributor, i);
        s->core_ml += r->ml_commits > 0;
        s->core_nonml += r->nonml_commits > 0;
        s->core_both += r->ml_commits > 0 && r->nonml_commits > 0;
    }
}

/* Paths changed in the window, by label; test and ops paths; ML top-level folders. */
static int count_paths(RheaProductSummary *s, const RheaCommitSet *set, const RheaLabeling *l,
                       RheaStore *store, const RheaWindow *w, GError **error)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GHashTable) folders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    /* excluded paths are not in the commit set: count them from the store's changes */
    g_autoptr(GArray) pids =
        rhea_store_window_path_ids(store, s->product, w->has_since ? w->since : G_MININT64,
                                   w->has_until ? w->until : G_MAXINT64, error);
    if (!pids)
        return -1;
    for (guint i = 0; i < pids->len; i++)
        s->excluded_paths +=
            rhea_labeling_get(l, g_array_index(pids, gint64, i)) == RHEA_LABEL_EXCLUDE;
    for (guint i = 0; i < set->changes->len; i++) {
        const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, i);
        if (g_hash_table_contains(seen, &ch->pid))
            continue;
        g_hash_table_add(seen, g_memdup2(&ch->pid, sizeof ch->pid));
        const char *path = rhea_labeling_path(l, ch->pid);
        gboolean ml = ch->label == RHEA_LABEL_ML;
        if (ml) {
            s->ml_paths++;
            const char *slash = strchr(path, '/');
            g_hash_table_add(folders,
                             slash ? g_strndup(path, (gsize)(slash - path)) : g_strdup("."));
        } else {
            s->nonml_paths++;
        }
        if (rhea_path_is_test(path)) {
            s->test_paths++;
            s->test_paths_ml += ml;
        }
        s->ops_paths += rhea_path_is_ops(path);
    }
    s->ml_folders = g_hash_table_size(folders);
    return 0;
}

static void trajectory(RheaProductSummary *s, const RheaCommitSet *set, const RheaLabeling *l)
{
    s->first_commit = s->first_ml = s->first_nonml = -1;
    s->months = g_array_new(FALSE, TRUE, sizeof(RheaMonthCount));
    for (guint i = 0; i < set->commits->len; i++) {
        const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        if (c->merge)
            continue;
        if (s->first_commit < 0)
            s->first_commit = c->time;
        if (c->n_ml && s->first_ml < 0)
            s->first_ml = c->time;
        if (c->n_nonml && s->first_nonml < 0)
            s->first_nonml = c->time;
        gboolean ops = FALSE;
        for (guint f = c->first; f < c->first + c->n && !ops; f++)
            ops = rhea_path_is_ops(
                rhea_labeling_path(l, g_array_index(set->changes, RheaFileChange, f).pid));
        s->ops_commits += ops;
        if (!c->n)
            continue;
        gint64 month = rhea_period_start(RHEA_PERIOD_MONTH, c->time);
        /* commits arrive by time, so months are appended in order, with empty months between */
        while (s->months->len == 0 ||
               g_array_index(s->months, RheaMonthCount, s->months->len - 1).start < month) {
            RheaMonthCount m = {
                .start =
                    s->months->len == 0
                        ? month
                        : rhea_period_next(
                              RHEA_PERIOD_MONTH,
                              g_array_index(s->months, RheaMonthCount, s->months->len - 1).start)};
            g_array_append_val(s->months, m);
        }
        RheaMonthCount *m = &g_array_index(s->months, RheaMonthCount, s->months->len - 1);
        m->ml += c->n_ml > 0;
        m->nonml += c->n_nonml > 0;
    }
}

/* Silo, ownership, truck factor (on the history up to the window's end) and sensitivity
 * (docs/metrics.md, "Silos" .. "Sensitivity"). */
static int depth(RheaProductSummary *s, RheaStore *store, const RheaCommitSet *set,
                 const RheaLabeling *labels, const RheaWindow *window, const RheaSummaryOptions *o,
                 GError **error)
{
    rhea_silo_compute(set, s->contributors, o->permutations, o->seed, &s->silo);
    s->ownership = rhea_ownership_compute(set, s->contributors);
    s->sensitivity = rhea_sensitivity_compute(set, o->contributors.bot_patterns);
    g_autoptr(GArray) kinds =
        rhea_store_change_kinds(store, s->product, window->has_until, window->until, error);
    if (!kinds)
        return -1;
    if (!window->has_since) {
        s->truck_factor = rhea_truckfactor_compute(set, s->contributors, kinds);
        return 0;
    }
    RheaWindow upto = {.has_until = window->has_until, .until = window->until};
    g_autoptr(RheaCommitSet) history = rhea_commitset_load(store, s->product, &upto, labels, error);
    if (!history)
        return -1;
    g_autoptr(RheaContributors) people = rhea_contributors_compute(history, &o->contributors);
    s->truck_factor = rhea_truckfactor_compute(history, people, kinds);
    return 0;
}

RheaProductSummary *rhea_summary_compute(RheaStore *store, const char *product,
                                         const RheaWindow *window, const RheaSummaryOptions *o,
                                         GError **error)
{
    g_autoptr(RheaLabeling) labels =
        rhea_labeling_new(store, product, o->rules_path, o->content_signals, error);
    if (!labels)
        return NULL;
    g_autoptr(RheaCommitSet) set = rhea_commitset_load(store, product, window, labels, error);
    if (!set)
        return NULL;
    RheaProductSummary *s = g_new0(RheaProductSummary, 1);
    s->product = g_strdup(product);
    s->meta = rhea_store_meta_get(store, product);
    s->contributors = rhea_contributors_compute(set, &o->contributors);
    g_autoptr(RheaTransactions) tx = rhea_transactions_build(set, o->max_files);
    s->dropped_large = tx->dropped_large;
    rhea_coupling_compute(&tx->input, o->permutations, o->bootstrap, o->seed, &s->coupling);
    if (o->top > 0) {
        s->top_pairs = rhea_coupling_top_pairs(&tx->input, o->top);
        s->top_paths = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < tx->pids->len; i++)
            g_ptr_array_add(s->top_paths, g_strdup(rhea_labeling_path(
                                              labels, g_array_index(tx->pids, gint64, i))));
    }
    count_core(s);
    if (count_paths(s, set, labels, store, window, error) < 0) {
        rhea_summary_free(s);
        return NULL;
    }
    trajectory(s, set, labels);
    if (depth(s, store, set, labels, window, o, error) < 0) {
        rhea_summary_free(s);
        return NULL;
    }
    return s;
}
