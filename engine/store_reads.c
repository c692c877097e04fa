/* store_reads.c: the typed reads of store_reads.h, the only joins over commits, changes and paths
 * outside the writer.
 *
 * rhea_store_each_commit reads one LEFT JOIN ordered by commit, so a commit's rows arrive
 * together; it gathers them in one reused array and hands the commit over when the next begins.
 * The commit's name and e-mail are copied into reused buffers, since SQLite's row buffers are gone
 * by the time the next row shows that the commit is complete. */
#include "engine/store_reads.h"

#include "engine/error.h"
#include "engine/store_private.h"

static sqlite3_stmt *prepare(RheaStore *store, const char *sql, const char *what, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, what);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

typedef struct {
    RheaStoredCommit commit;
    GArray *changes;       /* RheaStoredChange */
    GString *name, *email; /* what commit.name, commit.email point to */
    gboolean open;
} Pending;

static int flush(Pending *p, RheaStoredCommitFn fn, gpointer data)
{
    if (!p->open)
        return 0;
    p->open = FALSE;
    return fn(&p->commit, (const RheaStoredChange *)(void *)p->changes->data, p->changes->len,
              data);
}

int rhea_store_each_commit(RheaStore *store, const char *product, gint64 since, gint64 until,
                           RheaStoredCommitFn fn, gpointer data, GError **error)
{
    g_return_val_if_fail(store && product && fn, -1);
    const char *what = "cannot read commits";
    sqlite3_stmt *st =
        prepare(store,
                "SELECT c.cid, c.committer_time, c.is_merge, c.mailmap_name,"
                " c.mailmap_email, ch.pid, ch.added, ch.removed, ch.kind"
                " FROM commits c LEFT JOIN changes ch USING(cid)"
                " WHERE c.product = ?1 AND c.committer_time >= ?2"
                " AND c.committer_time < ?3 ORDER BY c.committer_time, c.cid, ch.pid",
                what, error);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, since);
    sqlite3_bind_int64(st, 3, until);
    Pending p = {.changes = g_array_new(FALSE, FALSE, sizeof(RheaStoredChange)),
                 .name = g_string_new(NULL),
                 .email = g_string_new(NULL)};
    int rc, ret = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        gint64 cid = sqlite3_column_int64(st, 0);
        if (!p.open || p.commit.cid != cid) {
            if ((ret = flush(&p, fn, data)) != 0)
                goto cleanup;
            p.commit = (RheaStoredCommit){
                .cid = cid,
                .time = sqlite3_column_int64(st, 1),
                .merge = sqlite3_column_int(st, 2) != 0,
            };
            g_string_assign(p.name, (const char *)sqlite3_column_text(st, 3));
            g_string_assign(p.email, (const char *)sqlite3_column_text(st, 4));
            p.commit.name = p.name->str;
            p.commit.email = p.email->str;
            p.open = TRUE;
            g_array_set_size(p.changes, 0);
        }
        if (sqlite3_column_type(st, 5) == SQLITE_NULL)
            continue; /* a commit without changed paths */
        RheaStoredChange ch = {
            .pid = sqlite3_column_int64(st, 5),
            .added = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6),
            .removed = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 7),
            .kind = 'M',
        };
        const unsigned char *kind = sqlite3_column_text(st, 8);
        if (kind && kind[0])
            ch.kind = (char)kind[0];
        g_array_append_val(p.changes, ch);
    }
    if (rc != SQLITE_DONE) {
        ret = rhea_store_fail(store, error, what);
        goto cleanup;
    }
    ret = flush(&p, fn, data);
cleanup:
    sqlite3_finalize(st);
    g_array_free(p.changes, TRUE);
    g_string_free(p.name, TRUE);
    g_string_free(p.email, TRUE);
    return ret;
}

int rhea_store_each_product_path(RheaStore *store, const char *product, RheaStoredPathFn fn,
                                 gpointer data, GError **error)
{
    g_return_val_if_fail(store && product && fn, -1);
    const char *what = "cannot read the product's paths";
    sqlite3_stmt *st = prepare(store,
                               "SELECT p.pid, p.path FROM paths p WHERE p.pid IN"
                               " (SELECT ch.pid FROM changes ch JOIN commits c ON c.cid = ch.cid"
                               "  WHERE c.product = ?) ORDER BY p.path",
                               what, error);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
           (gsize)sqlite3_column_bytes(st, 1), data);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, what);
    return 0;
}

GArray *rhea_store_window_path_ids(RheaStore *store, const char *product, gint64 since,
                                   gint64 until, GError **error)
{
    g_return_val_if_fail(store && product, NULL);
    const char *what = "cannot read the product's changed paths";
    sqlite3_stmt *st = prepare(store,
                               "SELECT DISTINCT ch.pid FROM changes ch JOIN commits c USING(cid)"
                               " WHERE c.product = ? AND NOT c.is_merge AND c.committer_time >= ?"
                               " AND c.committer_time < ?",
                               what, error);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, since);
    sqlite3_bind_int64(st, 3, until);
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        gint64 pid = sqlite3_column_int64(st, 0);
        g_array_append_val(ids, pid);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        g_array_free(ids, TRUE);
        rhea_store_fail(store, error, what);
        return NULL;
    }
    return ids;
}
