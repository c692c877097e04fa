/* store_cache_writer.c: see store_cache_writer.h. */
#include "engine/store_cache_writer.h"

#include "engine/store_private.h"

/* Whether the database has this rhea's schema, with every table a stored entry goes to. */
static gboolean current_schema(RheaStore *store)
{
    sqlite3_stmt *st = NULL;
    gboolean current = FALSE;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        current = sqlite3_column_int64(st, 0) >= RHEA_SCHEMA_VERSION;
    sqlite3_finalize(st);
    return current;
}

RheaStore *rhea_store_cache_writer(const char *path, GError **error)
{
    RheaStore *store = rhea_store_alloc(path);
    if (sqlite3_open_v2(path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rhea_store_fail(store, error, "cannot open the database to store what was computed");
        goto fail;
    }
    sqlite3_busy_timeout(store->db, RHEA_STORE_CACHE_BUSY_MS);
    sqlite3_extended_result_codes(store->db, 0);
    if (!current_schema(store)) {
        /* an older schema: the full open migrates it (once per database) */
        RheaStore *full = rhea_store_open(path, error);
        if (!full)
            goto fail;
        rhea_store_close(full);
    }
    return store;
fail:
    rhea_store_close(store);
    return NULL;
}

void rhea_store_cache_writer_close(RheaStore *writer)
{
    if (writer)
        sqlite3_wal_checkpoint_v2(writer->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    rhea_store_close(writer);
}
