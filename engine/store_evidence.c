/* store_evidence.c: see store_evidence.h. The path history is one indexed query per path
 * (paths.path is UNIQUE, changes_by_path indexes changes by pid), so dating every hit of a tree
 * costs one query per file with hits, not a walk of the history per hit. */
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

struct RheaPathHistory {
    RheaStore *store;
    sqlite3_stmt *st;
};

RheaPathHistory *rhea_store_path_history_new(RheaStore *store, const char *product, GError **error)
{
    RheaPathHistory *h = g_new0(RheaPathHistory, 1);
    h->store = store;
    if (sqlite3_prepare_v2(store->db,
                           /* CROSS JOIN keeps changes outermost, read through
                            * changes_by_path: the planner otherwise walks every commit of the
                            * product by time and probes changes for each */
                           "SELECT c.sha, c.committer_time, ch.kind FROM changes ch"
                           " CROSS JOIN commits c ON c.cid = ch.cid"
                           " WHERE ch.pid = (SELECT pid FROM paths WHERE path = ?)"
                           " AND c.product = ? AND c.committer_time <= ?"
                           " ORDER BY c.committer_time, c.cid",
                           -1, &h->st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read path histories");
        g_free(h);
        return NULL;
    }
    sqlite3_bind_text(h->st, 2, product, -1, SQLITE_TRANSIENT);
    return h;
}

void rhea_store_path_history_free(RheaPathHistory *h)
{
    if (!h)
        return;
    sqlite3_finalize(h->st);
    g_free(h);
}

int rhea_store_path_history_get(RheaPathHistory *h, const char *path, gint64 until, GArray *out,
                                GError **error)
{
    g_array_set_size(out, 0);
    sqlite3_reset(h->st);
    sqlite3_bind_text(h->st, 1, path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(h->st, 3, until);
    int rc;
    while ((rc = sqlite3_step(h->st)) == SQLITE_ROW) {
        RheaPathCommit pc = {.time = sqlite3_column_int64(h->st, 1)};
        const char *sha = (const char *)sqlite3_column_text(h->st, 0);
        g_strlcpy(pc.sha, sha ? sha : "", sizeof pc.sha);
        const char *kind = (const char *)sqlite3_column_text(h->st, 2);
        pc.kind = kind && *kind ? kind[0] : 'M';
        g_array_append_val(out, pc);
    }
    if (rc != SQLITE_DONE)
        return rhea_store_fail(h->store, error, "cannot read a path's history");
    return 0;
}
