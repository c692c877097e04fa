/* store_ingest_state.c: see store_ingest_state.h. */
#include "engine/store_ingest_state.h"

#include "engine/store_private.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *mark_key(const char *product)
{
    return g_strconcat("ingest:", product, NULL);
}

int rhea_store_ingest_mark(RheaStore *store, const char *product, GError **error)
{
    g_autofree char *key = mark_key(product);
    g_autofree char *value = g_strdup_printf("%s %ld", g_get_host_name(), (long)getpid());
    return rhea_store_setting_set(store, key, value, error);
}

int rhea_store_ingest_unmark(RheaStore *store, const char *product, GError **error)
{
    g_autofree char *key = mark_key(product);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "DELETE FROM settings WHERE key = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return rhea_store_fail(store, error, "cannot clear the ingest mark");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rhea_store_fail(store, error, "cannot clear the ingest mark");
}

static gboolean process_alive(const char *mark)
{
    const char *space = strrchr(mark, ' ');
    if (!space || strncmp(mark, g_get_host_name(), (size_t)(space - mark)) != 0 ||
        strlen(g_get_host_name()) != (size_t)(space - mark))
        return FALSE; /* another host: cannot tell, so not counted as running */
    char *end = NULL;
    long pid = strtol(space + 1, &end, 10);
    if (pid <= 0 || *end)
        return FALSE;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

char *rhea_store_ingest_other_writer(RheaStore *store, const char *product)
{
    g_autofree char *key = mark_key(product);
    g_autofree char *mark = rhea_store_setting_get(store, key);
    g_autofree char *mine = g_strdup_printf("%s %ld", g_get_host_name(), (long)getpid());
    if (!mark || strcmp(mark, mine) == 0 || !process_alive(mark))
        return NULL;
    return g_steal_pointer(&mark);
}

int rhea_store_last_cid(RheaStore *store, gint64 *cid, GError **error)
{
    sqlite3_stmt *st = NULL;
    *cid = 0;
    if (sqlite3_prepare_v2(store->db, "SELECT ifnull(max(cid), 0) FROM commits", -1, &st, NULL) !=
        SQLITE_OK)
        return rhea_store_fail(store, error, "cannot read the commits");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *cid = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : rhea_store_fail(store, error, "cannot read the commits");
}

/* A range of the rowid, so only the rows added since are read: `+product` keeps the planner off
 * the product's index, which it preferred, reading every commit of the product (62 M of the 77 M
 * instructions of a one-commit re-run on a 100k-commit history, docs/performance.md, change 39). */
int rhea_store_product_grew(RheaStore *store, const char *product, gint64 cid, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT 1 FROM commits WHERE cid > ? AND +product = ? LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot read the commits");
    sqlite3_bind_int64(st, 1, cid);
    sqlite3_bind_text(st, 2, product, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : rhea_store_fail(store, error, "cannot read the commits");
}

RheaIngestState rhea_store_ingest_state(RheaStore *store, const char *product)
{
    g_autofree char *key = mark_key(product);
    g_autofree char *mark = rhea_store_setting_get(store, key);
    if (mark)
        return process_alive(mark) ? RHEA_INGEST_IN_PROGRESS : RHEA_INGEST_INCOMPLETE;
    g_autoptr(RheaProduct) p = NULL;
    if (rhea_store_product_get(store, product, &p, NULL) == 0 && p && !p->tip)
        return RHEA_INGEST_INCOMPLETE;
    return RHEA_INGEST_COMPLETE;
}

const char *rhea_ingest_state_name(RheaIngestState state)
{
    switch (state) {
    case RHEA_INGEST_INCOMPLETE:
        return "incomplete";
    case RHEA_INGEST_IN_PROGRESS:
        return "in progress";
    default:
        return "complete";
    }
}

const char *rhea_ingest_state_advice(RheaIngestState state)
{
    switch (state) {
    case RHEA_INGEST_INCOMPLETE:
        return "its ingest was interrupted before the last commit was stored, so figures cover "
               "part of its history; run rhea analyze (or rhea study) again to finish it";
    case RHEA_INGEST_IN_PROGRESS:
        return "another rhea process is storing its history now, so figures cover part of it; "
               "run this again when that process has finished";
    default:
        return NULL;
    }
}
