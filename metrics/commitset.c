/* commitset.c: one query over commits LEFT JOIN changes for the product and window; rows arrive
 * grouped by commit, and each changed path is labeled through the product's labeling. */
#include "metrics/commitset.h"

#include "engine/error.h"

void rhea_commitset_free(RheaCommitSet *set)
{
    if (!set)
        return;
    g_free(set->product);
    g_array_free(set->commits, TRUE);
    g_array_free(set->changes, TRUE);
    g_string_chunk_free(set->strings);
    g_free(set);
}

RheaCommitSet *rhea_commitset_load(RheaStore *store, const char *product, const RheaWindow *window,
                                   const RheaLabeling *labels, GError **error)
{
    g_autoptr(RheaProduct) p = NULL;
    if (rhea_store_product_get(store, product, &p, error) < 0)
        return NULL;
    if (!p) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "no product '%s' in %s; run rhea analyze REPO --product %s first", product,
                    rhea_store_path(store), product);
        return NULL;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(rhea_store_db(store),
                           "SELECT c.cid, c.committer_time, c.is_merge, c.mailmap_name,"
                           " c.mailmap_email, ch.pid, ch.added, ch.removed"
                           " FROM commits c LEFT JOIN changes ch USING(cid)"
                           " WHERE c.product = ?1 AND c.committer_time >= ?2"
                           " AND c.committer_time < ?3 ORDER BY c.committer_time, c.cid",
                           -1, &st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read commits");
        return NULL;
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, window->has_since ? window->since : G_MININT64);
    sqlite3_bind_int64(st, 3, window->has_until ? window->until : G_MAXINT64);
    RheaCommitSet *set = g_new0(RheaCommitSet, 1);
    set->product = g_strdup(product);
    set->commits = g_array_new(FALSE, FALSE, sizeof(RheaCommitRec));
    set->changes = g_array_new(FALSE, FALSE, sizeof(RheaFileChange));
    set->strings = g_string_chunk_new(4096);
    set->line_stats = p->line_stats;
    int rc;
    RheaCommitRec *cur = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        gint64 cid = sqlite3_column_int64(st, 0);
        if (!cur || cur->cid != cid) {
            RheaCommitRec c = {
                .cid = cid,
                .time = sqlite3_column_int64(st, 1),
                .merge = sqlite3_column_int(st, 2) != 0,
                .name = g_string_chunk_insert_const(set->strings,
                                                    (const char *)sqlite3_column_text(st, 3)),
                .email = g_string_chunk_insert_const(set->strings,
                                                     (const char *)sqlite3_column_text(st, 4)),
                .first = set->changes->len,
            };
            g_array_append_val(set->commits, c);
            cur = &g_array_index(set->commits, RheaCommitRec, set->commits->len - 1);
        }
        if (sqlite3_column_type(st, 5) == SQLITE_NULL)
            continue;
        RheaFileChange f = {
            .pid = sqlite3_column_int64(st, 5),
            .added = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6),
            .removed = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 7),
        };
        f.label = rhea_labeling_get(labels, f.pid);
        if (f.label == RHEA_LABEL_EXCLUDE)
            continue;
        g_array_append_val(set->changes, f);
        cur->n++;
        if (f.label == RHEA_LABEL_ML)
            cur->n_ml++;
        else
            cur->n_nonml++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rhea_commitset_free(set);
        rhea_store_fail(store, error, "cannot read commits");
        return NULL;
    }
    return set;
}

gboolean rhea_commit_is_transaction(const RheaCommitRec *c, guint max_files)
{
    return !c->merge && c->n > 0 && (max_files == 0 || c->n <= max_files);
}
