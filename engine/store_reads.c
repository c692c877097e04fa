/* store_reads.c: the typed reads of store_reads.h, the only joins over commits, changes and paths
 * outside the writer.
 *
 * rhea_store_each_commit reads one LEFT JOIN ordered by commit, so a commit's rows arrive
 * together; it gathers them in one reused array and hands the commit over when the next begins.
 * The commit's name and e-mail are copied into reused buffers, since SQLite's row buffers are gone
 * by the time the next row shows that the commit is complete. */
#include "engine/store_reads.h"

#include <stdlib.h>
#include <string.h>

#include "engine/error.h"
#include "engine/store_private.h"
#include "engine/store_spans.h"

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

typedef struct {
    RheaStoredCommit commit; /* name and email point into a GStringChunk */
    gint64 first, count;     /* the commit's run of change rows */
} SpanCommit;

/* Sorts pointers: moving them is cheaper than moving the commits (msort copies its elements). */
static int by_time_then_cid(const void *a, const void *b)
{
    const RheaStoredCommit *x = &(*(const SpanCommit *const *)a)->commit;
    const RheaStoredCommit *y = &(*(const SpanCommit *const *)b)->commit;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return (x->cid > y->cid) - (x->cid < y->cid);
}

/* The change in columns col..col+3 of a row: pid, added, removed, kind (NULL counts: -1). */
static RheaStoredChange stored_change(sqlite3_stmt *st, int col)
{
    const unsigned char *kind = sqlite3_column_text(st, col + 3);
    return (RheaStoredChange){
        .pid = sqlite3_column_int64(st, col),
        .added = sqlite3_column_type(st, col + 1) == SQLITE_NULL
                     ? -1
                     : sqlite3_column_int64(st, col + 1),
        .removed = sqlite3_column_type(st, col + 2) == SQLITE_NULL
                       ? -1
                       : sqlite3_column_int64(st, col + 2),
        .kind = kind && kind[0] ? (char)kind[0] : 'M',
    };
}

static char *chunk_text(GStringChunk *chunk, sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return g_string_chunk_insert_len(chunk, t ? t : "", sqlite3_column_bytes(st, col));
}

/* The product's commits as one scan of a range of cids and their changes as one scan of a range
 * of row ids, put in order in C, when the product's rows are dense in those ranges (at least one
 * in four; a product stored by one ingest fills them): the join searched the time index, then
 * each commit's row and its run, about 2.5 k instructions a row, 43% of `rhea coupling`'s main
 * thread on P14 (docs/performance.md, change 32). Rows of other commits inside the ranges are
 * read and skipped. Sets *used to FALSE, having called nothing, when the rows are sparser; the
 * caller then joins. The memory is the window's commits and changes, which the callers keep
 * anyway. */
static int each_commit_in_ranges(RheaStore *store, const char *product, gint64 since, gint64 until,
                                 RheaStoredCommitFn fn, gpointer data, gboolean *used,
                                 GError **error)
{
    const char *what = "cannot read commits";
    *used = FALSE;
    RheaCidSpan span;
    gboolean sparse, began = rhea_store_read_begin(store);
    if (rhea_store_cid_span(store, product, &span, &sparse, error) < 0) {
        rhea_store_read_end(store, began);
        return -1;
    }
    gint64 low = span.low, high = span.high, n = span.n;
    rhea_cid_span_clear(&span); /* the commits' scan checks their product itself */
    if (n == 0 || sparse) {
        rhea_store_read_end(store, began);
        return 0; /* none (the join answers as fast), or too many other products' in between */
    }
    sqlite3_stmt *st = NULL;
    int rc;
    /* sized once, then cut to what was read: the product's commits bound the window's, and the
     * runs' span the changes' (appending row by row was 7% of the read) */
    GArray *commits = g_array_new(FALSE, FALSE, sizeof(SpanCommit));
    GArray *changes = g_array_new(FALSE, FALSE, sizeof(RheaStoredChange));
    GArray *rids = g_array_new(FALSE, FALSE, sizeof(gint64));
    GStringChunk *names = g_string_chunk_new(4096);
    const SpanCommit **order = NULL; /* commits by time, then cid */
    int ret = -1;
    if (!(st = prepare(store,
                       "SELECT cid, committer_time, is_merge, mailmap_name, mailmap_email,"
                       " first_change, change_count FROM commits WHERE cid BETWEEN ?1 AND ?2"
                       /* +: the range of cids, not the time index and a seek per commit */
                       " AND +product = ?3 AND +committer_time >= ?4 AND +committer_time < ?5",
                       what, error)))
        goto cleanup;
    sqlite3_bind_int64(st, 1, low);
    sqlite3_bind_int64(st, 2, high);
    sqlite3_bind_text(st, 3, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, since);
    sqlite3_bind_int64(st, 5, until);
    gint64 first = G_MAXINT64, end = 0, rows = 0;
    g_array_set_size(commits, (guint)n);
    guint read = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && read < commits->len) {
        SpanCommit c = {.commit = {.cid = sqlite3_column_int64(st, 0),
                                   .time = sqlite3_column_int64(st, 1),
                                   .merge = sqlite3_column_int(st, 2) != 0,
                                   .name = chunk_text(names, st, 3),
                                   .email = chunk_text(names, st, 4)},
                        .first = sqlite3_column_int64(st, 5),
                        .count = sqlite3_column_int64(st, 6)};
        if (c.count > 0) {
            first = MIN(first, c.first);
            end = MAX(end, c.first + c.count);
            rows += c.count;
        }
        g_array_index(commits, SpanCommit, read++) = c;
    }
    g_array_set_size(commits, read);
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE) {
        rhea_store_fail(store, error, what);
        goto cleanup;
    }
    if (rows > 0 && end - first > 4 * rows) {
        ret = 0; /* the window's changes are too sparse in their range */
        goto cleanup;
    }
    *used = TRUE;
    if (rows > 0) {
        if (!(st = prepare(store,
                           "SELECT rid, pid, added, removed, kind FROM changes"
                           " WHERE rid >= ?1 AND rid < ?2 ORDER BY rid",
                           what, error)))
            goto cleanup;
        sqlite3_bind_int64(st, 1, first);
        sqlite3_bind_int64(st, 2, end);
        g_array_set_size(rids, (guint)(end - first)); /* the most the range holds */
        g_array_set_size(changes, (guint)(end - first));
        guint got = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && got < rids->len) {
            g_array_index(rids, gint64, got) = sqlite3_column_int64(st, 0);
            g_array_index(changes, RheaStoredChange, got) = stored_change(st, 1);
            got++;
        }
        g_array_set_size(rids, got);
        g_array_set_size(changes, got);
        if (rc != SQLITE_DONE) {
            rhea_store_fail(store, error, what);
            goto cleanup;
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    rhea_store_read_end(store, began); /* all is read: the callbacks run outside the transaction */
    began = FALSE;
    order = g_new(const SpanCommit *, commits->len + 1);
    for (guint i = 0; i < commits->len; i++)
        order[i] = &g_array_index(commits, SpanCommit, i);
    if (commits->len > 1)
        qsort(order, commits->len, sizeof *order, by_time_then_cid);
    const gint64 *rid = (const gint64 *)(void *)rids->data;
    const RheaStoredChange *all = (const RheaStoredChange *)(void *)changes->data;
    ret = 0;
    for (guint i = 0; i < commits->len && ret == 0; i++) {
        const SpanCommit *c = order[i];
        guint at = 0;
        if (c->count > 0) {
            /* the run's first row, by binary search; its last must follow it unbroken */
            guint lo = 0, hi = rids->len;
            while (lo < hi) {
                guint mid = lo + (hi - lo) / 2;
                if (rid[mid] < c->first)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            at = lo;
            if ((gint64)at + c->count > (gint64)rids->len ||
                rid[at + (guint)c->count - 1] != c->first + c->count - 1) {
                g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                            "%s: commit %" G_GINT64_FORMAT " records changes %" G_GINT64_FORMAT
                            "-%" G_GINT64_FORMAT " that are not all there; the database is "
                            "damaged: analyze the product into a new one",
                            rhea_store_path(store), c->commit.cid, c->first,
                            c->first + c->count - 1);
                ret = -1;
                break;
            }
        }
        ret = fn(&c->commit, c->count > 0 ? all + at : NULL, (guint)c->count, data);
    }
cleanup:
    sqlite3_finalize(st);
    rhea_store_read_end(store, began);
    g_array_free(commits, TRUE);
    g_array_free(changes, TRUE);
    g_array_free(rids, TRUE);
    g_string_chunk_free(names);
    g_free(order);
    return ret;
}

/* A commit's changes in path-id order: their run of row ids, or an older schema's key. */
#define EACH_COMMIT_SQL(changes_of, change_order)                                                  \
    "SELECT c.cid, c.committer_time, c.is_merge, c.mailmap_name, c.mailmap_email, ch.pid,"         \
    " ch.added, ch.removed, ch.kind FROM commits c LEFT JOIN changes ch " changes_of               \
    " WHERE c.product = ?1 AND c.committer_time >= ?2 AND c.committer_time < ?3"                   \
    " ORDER BY c.committer_time, c.cid, " change_order

int rhea_store_each_commit(RheaStore *store, const char *product, gint64 since, gint64 until,
                           RheaStoredCommitFn fn, gpointer data, GError **error)
{
    g_return_val_if_fail(store && product && fn, -1);
    if (store->schema >= 6) {
        gboolean used = FALSE;
        int ranges = each_commit_in_ranges(store, product, since, until, fn, data, &used, error);
        if (ranges != 0 || used)
            return ranges;
    }
    const char *what = "cannot read commits";
    sqlite3_stmt *st =
        prepare(store,
                RHEA_STORE_SQL(store, EACH_COMMIT_SQL(RHEA_STORE_CHANGES_OF("c", "ch"), "ch.rid"),
                               EACH_COMMIT_SQL(RHEA_STORE_CHANGES_OF_V5("c", "ch"), "ch.pid")),
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
        RheaStoredChange ch = stored_change(st, 5);
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

typedef struct {
    gint64 pid;
    char *path;
    gsize len;
} PathRow;

/* bytewise, shorter first on a common prefix: SQLite's BINARY order of the old ORDER BY path */
static int cmp_path(const void *a, const void *b)
{
    const PathRow *x = a, *y = b;
    int c = memcmp(x->path, y->path, MIN(x->len, y->len));
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int cmp_id(const void *a, const void *b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return (x > y) - (x < y);
}

/* The distinct values of ids, ascending, in place: a bitmap over their range when it is at most
 * 64 ids per value (so no larger than the array), else a sort. */
static void distinct_ids(GArray *ids)
{
    if (ids->len == 0)
        return;
    gint64 *v = (gint64 *)(void *)ids->data, lo = v[0], hi = v[0];
    for (guint i = 1; i < ids->len; i++) {
        lo = MIN(lo, v[i]);
        hi = MAX(hi, v[i]);
    }
    guint64 span = (guint64)hi - (guint64)lo; /* no overflow as unsigned */
    guint n = 0;
    if (span / 64 < ids->len) {
        guint64 *bits = g_new0(guint64, span / 64 + 1);
        for (guint i = 0; i < ids->len; i++) {
            guint64 b = (guint64)v[i] - (guint64)lo;
            bits[b / 64] |= G_GUINT64_CONSTANT(1) << (b % 64);
        }
        for (guint64 w = 0; w <= span / 64; w++)
            for (guint64 word = bits[w]; word; word &= word - 1)
                v[n++] = (gint64)((guint64)lo + w * 64 + (guint64)__builtin_ctzll(word));
        g_free(bits);
    } else {
        qsort(v, ids->len, sizeof(gint64), cmp_id);
        for (guint i = 0; i < ids->len; i++)
            if (n == 0 || v[i] != v[n - 1])
                v[n++] = v[i];
    }
    g_array_set_size(ids, n);
}

/* The largest gap between two wanted path ids that one scan of the paths' keys reads over. */
#define PATH_GAP 4

/* The path ids the product's changes name are collected and made distinct in C, and the paths
 * are sorted here: SQLite's IN list and ORDER BY built two temporary b-trees for the same rows,
 * at twice the cost on P14 (docs/performance.md). From schema version 6 on, when the product's
 * commits are at least one in four of their range of ids, its changes are one range scan of row
 * ids (engine/store_spans.h), others' rows in it skipped by their commit id; else the join. The
 * paths themselves are read by scans of their keys, one per cluster of wanted ids. */
#define PRODUCT_PATH_IDS_SQL(changes_of)                                                           \
    "SELECT ch.pid FROM commits c JOIN changes ch " changes_of " WHERE c.product = ?1"

/* The product's path ids, as many times as its changes name them. */
static int product_path_ids(RheaStore *store, const char *product, GArray *pids, GError **error)
{
    const char *what = "cannot read the product's paths";
    RheaCidSpan span = {0};
    gboolean sparse = TRUE;
    gint64 first = 0, end = 0;
    if (store->schema >= 6) {
        if (rhea_store_cid_span(store, product, &span, &sparse, error) < 0)
            return -1;
        if (!sparse && rhea_store_change_span(store, &span, &first, &end, error) < 0) {
            rhea_cid_span_clear(&span);
            return -1;
        }
        if (span.n == 0 || (!sparse && first == end)) {
            rhea_cid_span_clear(&span);
            return 0; /* no commit, or none with changes */
        }
    }
    const char *sql =
        !sparse ? (span.bits ? "SELECT pid, cid FROM changes WHERE rid >= ?2 AND rid < ?3"
                             : "SELECT pid FROM changes WHERE rid >= ?2 AND rid < ?3")
                : RHEA_STORE_SQL(store, PRODUCT_PATH_IDS_SQL(RHEA_STORE_CHANGES_OF("c", "ch")),
                                 PRODUCT_PATH_IDS_SQL(RHEA_STORE_CHANGES_OF_V5("c", "ch")));
    sqlite3_stmt *ids = prepare(store, sql, what, error);
    int rc = SQLITE_ERROR;
    if (ids) {
        if (!sparse) {
            sqlite3_bind_int64(ids, 2, first);
            sqlite3_bind_int64(ids, 3, end);
        } else
            sqlite3_bind_text(ids, 1, product, -1, SQLITE_TRANSIENT);
        while ((rc = sqlite3_step(ids)) == SQLITE_ROW) {
            if (span.bits && !rhea_cid_span_has(&span, sqlite3_column_int64(ids, 1)))
                continue; /* another product's commit, between two of this one's */
            gint64 pid = sqlite3_column_int64(ids, 0);
            g_array_append_val(pids, pid);
        }
        if (rc != SQLITE_DONE)
            rhea_store_fail(store, error, what);
        sqlite3_finalize(ids);
    }
    rhea_cid_span_clear(&span);
    return rc == SQLITE_DONE ? 0 : -1;
}

int rhea_store_each_product_path(RheaStore *store, const char *product, RheaStoredPathFn fn,
                                 gpointer data, GError **error)
{
    g_return_val_if_fail(store && product && fn, -1);
    const char *what = "cannot read the product's paths";
    sqlite3_stmt *paths = NULL;
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(gint64));
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(PathRow));
    GStringChunk *text = g_string_chunk_new(65536);
    int rc, ret = -1;
    gboolean began = rhea_store_read_begin(store);
    if (product_path_ids(store, product, pids, error) < 0)
        goto cleanup;
    distinct_ids(pids);
    const gint64 *want = (const gint64 *)(void *)pids->data;
    guint n = pids->len;
    if (!(paths = prepare(store, "SELECT pid, path FROM paths WHERE pid BETWEEN ?1 AND ?2", what,
                          error)))
        goto cleanup;
    /* The wanted ids in clusters, each one scan of the key range it spans (a lone id: one
     * lookup), the wanted rows picked by a merge of the two ascending lists; an id without a path
     * is skipped, as the IN list skipped it. A cluster goes on over gaps of up to PATH_GAP ids:
     * a row scanned and not wanted costs about a fifth of a lookup (docs/performance.md, change
     * 35). A product's own paths were stored together, so they are mostly one cluster (P14: 10,993
     * ids in 14). */
    for (guint i = 0, next = 0; i < n;) {
        guint last = i;
        while (last + 1 < n && want[last + 1] - want[last] <= PATH_GAP)
            last++;
        sqlite3_bind_int64(paths, 1, want[i]);
        sqlite3_bind_int64(paths, 2, want[last]);
        while ((rc = sqlite3_step(paths)) == SQLITE_ROW) {
            gint64 pid = sqlite3_column_int64(paths, 0);
            while (next < n && want[next] < pid)
                next++;
            if (next == n || want[next] != pid)
                continue;
            const char *path = (const char *)sqlite3_column_text(paths, 1);
            PathRow r = {.pid = pid, .len = (gsize)sqlite3_column_bytes(paths, 1)};
            r.path = g_string_chunk_insert_len(text, path, (gssize)r.len);
            g_array_append_val(rows, r);
        }
        if (rc != SQLITE_DONE) {
            rhea_store_fail(store, error, what);
            goto cleanup;
        }
        sqlite3_reset(paths);
        i = last + 1;
    }
    sqlite3_finalize(paths);
    paths = NULL;
    rhea_store_read_end(store, began);
    began = FALSE;
    if (rows->len > 1) /* an empty GArray may have no data at all */
        qsort(rows->data, rows->len, sizeof(PathRow), cmp_path);
    for (guint i = 0; i < rows->len; i++) {
        const PathRow *r = &g_array_index(rows, PathRow, i);
        fn(r->pid, r->path, r->len, data);
    }
    ret = 0;
cleanup:
    sqlite3_finalize(paths);
    rhea_store_read_end(store, began);
    g_string_chunk_free(text);
    g_array_free(rows, TRUE);
    g_array_free(pids, TRUE);
    return ret;
}

#define WINDOW_PATHS_SQL(changes_of)                                                               \
    "SELECT DISTINCT ch.pid FROM commits c JOIN changes ch " changes_of                            \
    " WHERE c.product = ? AND NOT c.is_merge AND c.committer_time >= ? AND c.committer_time < ?"

GArray *rhea_store_window_path_ids(RheaStore *store, const char *product, gint64 since,
                                   gint64 until, GError **error)
{
    g_return_val_if_fail(store && product, NULL);
    const char *what = "cannot read the product's changed paths";
    sqlite3_stmt *st =
        prepare(store,
                RHEA_STORE_SQL(store, WINDOW_PATHS_SQL(RHEA_STORE_CHANGES_OF("c", "ch")),
                               WINDOW_PATHS_SQL(RHEA_STORE_CHANGES_OF_V5("c", "ch"))),
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
