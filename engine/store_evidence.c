/* store_evidence.c: see store_evidence.h. The path histories of a product are read once, its
 * change rows with their commits, and kept sorted by path id, time and commit: dating every hit
 * of a tree is then a search per file with hits, with no index on the changes' path ids. That
 * index cost every ingest its upkeep, or its build at the end of a bulk load (Audiveris: 11% of
 * the ingest's wall, docs/performance.md, change 40). */
#include "engine/store_evidence.h"

#include "engine/store_private.h"

#include <string.h>

int rhea_store_evidence_commit_before(RheaStore *store, const char *product, gint64 before,
                                      char **sha, gint64 *time, GError **error)
{
    sqlite3_stmt *st = NULL;
    *sha = NULL;
    *time = -1;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT sha, committer_time FROM commits WHERE product = ? AND "
                           "committer_time < ? ORDER BY committer_time DESC, cid DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot read the product's commits");
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, before);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *sha = g_strdup((const char *)sqlite3_column_text(st, 0));
        *time = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot read the product's commits");
    return 0;
}

gint64 rhea_store_evidence_commit_time(RheaStore *store, const char *product, const char *sha)
{
    sqlite3_stmt *st = NULL;
    gint64 t = -1;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT committer_time FROM commits WHERE product = ? AND sha = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, sha, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        t = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return t;
}

#define EVIDENCE_PATHS_SQL(changes_of)                                                             \
    "SELECT p.path FROM paths p WHERE p.pid IN (SELECT ch.pid FROM commits c JOIN changes "        \
    "ch " changes_of " WHERE c.product = ?)"

GPtrArray *rhea_store_evidence_paths(RheaStore *store, const char *product, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           RHEA_STORE_SQL(store,
                                          EVIDENCE_PATHS_SQL(RHEA_STORE_CHANGES_OF("c", "ch")),
                                          EVIDENCE_PATHS_SQL(RHEA_STORE_CHANGES_OF_V5("c", "ch"))),
                           -1, &st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read the product's paths");
        return NULL;
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        g_ptr_array_add(out, g_strndup((const char *)sqlite3_column_text(st, 0),
                                       (gsize)sqlite3_column_bytes(st, 0)));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        g_ptr_array_unref(out);
        rhea_store_fail(store, error, "cannot read the product's paths");
        return NULL;
    }
    return out;
}

typedef struct {
    gint64 cid, time;
    char sha[41];
} HistoryCommit;

typedef struct {
    gint64 pid, time, cid;
    char kind;
} HistoryRow;

struct RheaPathHistory {
    RheaStore *store;
    sqlite3_stmt *pid_of; /* a path's id */
    GArray *rows;         /* HistoryRow, by pid, then time, then cid */
    GArray *commits;      /* HistoryCommit, by cid */
};

static int by_cid(gconstpointer a, gconstpointer b)
{
    gint64 x = ((const HistoryCommit *)a)->cid, y = ((const HistoryCommit *)b)->cid;
    return (x > y) - (x < y);
}

static int by_pid_time_cid(gconstpointer a, gconstpointer b)
{
    const HistoryRow *x = a, *y = b;
    if (x->pid != y->pid)
        return x->pid < y->pid ? -1 : 1;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return (x->cid > y->cid) - (x->cid < y->cid);
}

static const HistoryCommit *find_commit(const GArray *commits, gint64 cid)
{
    guint lo = 0, hi = commits->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        const HistoryCommit *c = &g_array_index(commits, HistoryCommit, mid);
        if (c->cid == cid)
            return c;
        if (c->cid < cid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

#define HISTORY_ROWS_SQL(changes_of)                                                               \
    "SELECT c.cid, ch.pid, ch.kind FROM commits c JOIN changes ch " changes_of                     \
    " WHERE c.product = ?"

/* The product's commits (id, hash, time) and change rows, in one read transaction. */
static int load(RheaPathHistory *h, const char *product, GError **error)
{
    sqlite3 *db = h->store->db;
    gboolean began = rhea_store_read_begin(h->store);
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_ERROR;
    if (sqlite3_prepare_v2(db, "SELECT cid, sha, committer_time FROM commits WHERE product = ?", -1,
                           &st, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        HistoryCommit c = {.cid = sqlite3_column_int64(st, 0), .time = sqlite3_column_int64(st, 2)};
        const char *sha = (const char *)sqlite3_column_text(st, 1);
        g_strlcpy(c.sha, sha ? sha : "", sizeof c.sha);
        g_array_append_val(h->commits, c);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto done;
    g_array_sort(h->commits, by_cid);
    rc = SQLITE_ERROR;
    if (sqlite3_prepare_v2(db,
                           RHEA_STORE_SQL(h->store,
                                          HISTORY_ROWS_SQL(RHEA_STORE_CHANGES_OF("c", "ch")),
                                          HISTORY_ROWS_SQL(RHEA_STORE_CHANGES_OF_V5("c", "ch"))),
                           -1, &st, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const HistoryCommit *c = find_commit(h->commits, sqlite3_column_int64(st, 0));
        if (!c)
            continue; /* written after the commits were read: not possible in one snapshot */
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        HistoryRow r = {.pid = sqlite3_column_int64(st, 1),
                        .time = c->time,
                        .cid = c->cid,
                        .kind = kind && *kind ? kind[0] : 'M'};
        g_array_append_val(h->rows, r);
    }
    g_array_sort(h->rows, by_pid_time_cid);
done:
    if (rc != SQLITE_DONE)
        rhea_store_fail(h->store, error, "cannot read path histories");
    sqlite3_finalize(st);
    rhea_store_read_end(h->store, began);
    return rc == SQLITE_DONE ? 0 : -1;
}

RheaPathHistory *rhea_store_path_history_new(RheaStore *store, const char *product, GError **error)
{
    RheaPathHistory *h = g_new0(RheaPathHistory, 1);
    h->store = store;
    h->rows = g_array_new(FALSE, FALSE, sizeof(HistoryRow));
    h->commits = g_array_new(FALSE, FALSE, sizeof(HistoryCommit));
    if (sqlite3_prepare_v2(store->db, "SELECT pid FROM paths WHERE path = ?", -1, &h->pid_of,
                           NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read path histories");
        rhea_store_path_history_free(h);
        return NULL;
    }
    if (load(h, product, error) < 0) {
        rhea_store_path_history_free(h);
        return NULL;
    }
    return h;
}

void rhea_store_path_history_free(RheaPathHistory *h)
{
    if (!h)
        return;
    sqlite3_finalize(h->pid_of);
    g_array_free(h->rows, TRUE);
    g_array_free(h->commits, TRUE);
    g_free(h);
}

int rhea_store_path_history_get(RheaPathHistory *h, const char *path, gint64 until, GArray *out,
                                GError **error)
{
    g_array_set_size(out, 0);
    sqlite3_reset(h->pid_of);
    sqlite3_bind_text(h->pid_of, 1, path, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(h->pid_of);
    if (rc == SQLITE_DONE)
        return 0; /* a path no commit changed */
    if (rc != SQLITE_ROW)
        return rhea_store_fail(h->store, error, "cannot read a path's history");
    gint64 pid = sqlite3_column_int64(h->pid_of, 0);
    sqlite3_reset(h->pid_of);
    /* the path's first row, by binary search; its rows follow, oldest first */
    guint lo = 0, hi = h->rows->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(h->rows, HistoryRow, mid).pid < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (guint i = lo; i < h->rows->len; i++) {
        const HistoryRow *r = &g_array_index(h->rows, HistoryRow, i);
        if (r->pid != pid || r->time > until)
            break;
        RheaPathCommit pc = {.time = r->time, .kind = r->kind};
        g_strlcpy(pc.sha, find_commit(h->commits, r->cid)->sha, sizeof pc.sha);
        g_array_append_val(out, pc);
    }
    return 0;
}
