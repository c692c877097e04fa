/* store_kinds.c: see store_kinds.h. One query; the caller looks kinds up by binary search, so the
 * array is the only memory it takes (one entry per stored change in the window). */
#include "engine/store_kinds.h"

#include <sqlite3.h>

#include "engine/store_private.h"

#include <stdlib.h>

/* In (cid, pid) order, which the caller's binary search needs: a commit's run of row ids holds
 * its rows in pid order, as an older schema's (cid, pid) key does. */
#define KINDS_SQL(changes_of, change_order)                                                        \
    "SELECT ch.cid, ch.pid, ch.kind FROM commits c JOIN changes ch " changes_of                    \
    " WHERE c.product = ?1 AND c.committer_time < ?2 ORDER BY c.cid, " change_order

GArray *rhea_store_change_kinds(RheaStore *store, const char *product, gboolean has_until,
                                gint64 until, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           RHEA_STORE_SQL(store,
                                          KINDS_SQL(RHEA_STORE_CHANGES_OF("c", "ch"), "ch.rid"),
                                          KINDS_SQL(RHEA_STORE_CHANGES_OF_V5("c", "ch"), "ch.pid")),
                           -1, &st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read the kinds of changes");
        return NULL;
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, has_until ? until : G_MAXINT64);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(RheaChangeKind));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *k = sqlite3_column_text(st, 2);
        RheaChangeKind r = {.cid = sqlite3_column_int64(st, 0),
                            .pid = sqlite3_column_int64(st, 1),
                            .kind = k ? (char)k[0] : 'M'};
        g_array_append_val(out, r);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        g_array_free(out, TRUE);
        rhea_store_fail(store, error, "cannot read the kinds of changes");
        return NULL;
    }
    return out;
}

static int cmp_kind(const void *a, const void *b)
{
    const RheaChangeKind *x = a, *y = b;
    if (x->cid != y->cid)
        return x->cid < y->cid ? -1 : 1;
    return x->pid < y->pid ? -1 : (x->pid > y->pid);
}

char rhea_change_kind_find(const GArray *kinds, gint64 cid, gint64 pid)
{
    RheaChangeKind key = {.cid = cid, .pid = pid};
    const RheaChangeKind *hit =
        bsearch(&key, kinds->data, kinds->len, sizeof(RheaChangeKind), cmp_kind);
    return hit ? hit->kind : 0;
}
