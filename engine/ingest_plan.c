/* ingest_plan.c: the resume-or-rewrite decision of an ingest run (see ingest_plan.h).
 *
 * The walk stops at stored commits (engine/history.c), so an incremental run reads only new
 * commits. When it never runs into the stored tip, that tip is not an ancestor of the new one: the
 * stored history is not a prefix of this one and cannot be kept. A product without a tip was
 * interrupted before its first run finished: its commits are kept only when all are still in
 * this history (else they came from another one). */
#include "engine/ingest_plan.h"

#include <string.h>

#include "engine/history.h"

void rhea_ingest_plan_clear(RheaIngestPlan *plan)
{
    if (plan->ids)
        g_array_unref(plan->ids);
    memset(plan, 0, sizeof *plan);
}

/* The commits of ids whose hex id is not in known, in order. */
static GArray *without_known(GArray *ids, GHashTable *known)
{
    GArray *rest = g_array_new(FALSE, FALSE, sizeof(git_oid));
    char hex[GIT_OID_HEXSZ + 1];
    for (guint i = 0; i < ids->len; i++) {
        git_oid *id = &g_array_index(ids, git_oid, i);
        git_oid_tostr(hex, sizeof hex, id);
        if (!g_hash_table_contains(known, hex))
            g_array_append_val(rest, *id);
    }
    return rest;
}

typedef struct {
    RheaStore *store;
    const char *product;
} Stored;

/* The walk's stop test for an incremental run: one index lookup per commit visited. */
static int is_stored(const char *hex, void *ctx, GError **error)
{
    Stored *s = ctx;
    return rhea_store_has_commit(s->store, s->product, hex, error);
}

int rhea_ingest_plan(RheaStore *store, git_repository *repo, const RheaIngestOptions *opts,
                     const RheaProduct *stored, const git_oid *tip, GHashTable *shallow,
                     RheaIngestPlan *plan, GError **error)
{
    g_return_val_if_fail(store && repo && opts && opts->product && tip && plan, -1);
    memset(plan, 0, sizeof *plan);
    char tip_hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(tip_hex, sizeof tip_hex, tip);
    if (stored && opts->replace) {
        plan->clear = TRUE; /* rhea analyze --replace: the stored product goes, whatever it was */
    } else if (stored && stored->tip) {
        /* the common case, a re-run: it costs the new commits, not the stored ones */
        g_autoptr(GHashTable) reached = NULL;
        Stored s = {store, opts->product};
        if (!(plan->ids = rhea_history_walk(repo, tip, shallow, is_stored, &s, &reached, error)))
            return -1;
        if (strcmp(stored->tip, tip_hex) == 0 || g_hash_table_contains(reached, stored->tip)) {
            gint64 kept = rhea_store_commit_count_at(store, opts->product, stored->tip, error);
            if (kept < 0) {
                g_clear_pointer(&plan->ids, g_array_unref);
                return -1;
            }
            plan->kept = (guint64)kept;
            return 0;
        }
        plan->rewritten = plan->clear = TRUE;
        g_printerr("rhea: %s: stored tip %.12s is not an ancestor of %s (history rewritten or "
                   "another repository); reading the history again from scratch\n",
                   opts->product, stored->tip, opts->ref ? opts->ref : "HEAD");
        g_clear_pointer(&plan->ids, g_array_unref);
    }
    /* a first run, one resumed after a kill, or one after a rewrite: the whole history */
    g_autoptr(GHashTable) known = rhea_store_commit_ids(store, opts->product, error);
    if (!known)
        return -1;
    if (!(plan->ids = rhea_history_walk(repo, tip, shallow, NULL, NULL, NULL, error)))
        return -1;
    if (!plan->clear && g_hash_table_size(known) > 0) {
        GArray *rest = without_known(plan->ids, known);
        if (plan->ids->len - rest->len == g_hash_table_size(known)) {
            g_array_unref(plan->ids);
            plan->ids = rest;
        } else {
            g_array_unref(rest);
            plan->clear = TRUE;
        }
    }
    plan->kept = plan->clear ? 0 : g_hash_table_size(known);
    return 0;
}
