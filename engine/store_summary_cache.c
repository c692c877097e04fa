/* store_summary_cache.c: see store_summary_cache.h. The key's columns form the table's primary
 * key, so a lookup is one index probe and equal keys cannot hold two entries. */
#include "engine/store_summary_cache.h"

#include "engine/store_ingest_state.h"
#include "engine/store_private.h"

char *rhea_store_summary_history(RheaStore *store, const char *product, GError **error)
{
    g_autoptr(RheaProduct) prod = NULL;
    if (rhea_store_product_require(store, product, &prod, error) < 0)
        return NULL;
    if (!prod->tip || rhea_store_ingest_state(store, product) != RHEA_INGEST_COMPLETE)
        return NULL;
    gint64 n = rhea_store_commit_count_at(store, product, prod->tip, error);
    if (n < 0)
        return NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT cid FROM commits WHERE product = ? AND sha = ?", -1,
                           &st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read the product's tip");
        return NULL;
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, prod->tip, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    gint64 cid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        rhea_store_fail(store, error, "cannot read the product's tip");
        return NULL;
    }
    return g_strdup_printf("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, prod->tip, n, cid);
}

static void bind_key(sqlite3_stmt *st, const RheaSummaryCacheKey *k)
{
    sqlite3_bind_text(st, 1, k->product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, k->history, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, k->build, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, k->inputs, -1, SQLITE_TRANSIENT);
}

int rhea_store_summary_cache_get(RheaStore *store, const RheaSummaryCacheKey *key, GBytes **data,
                                 GError **error)
{
    g_return_val_if_fail(key->product && key->history && key->build && key->inputs, -1);
    sqlite3_stmt *st = NULL;
    *data = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT data FROM summary_cache WHERE product = ?1 AND history = ?2 AND "
                           "build = ?3 AND inputs = ?4",
                           -1, &st, NULL) != SQLITE_OK) {
        if (!rhea_store_has_table(store, "summary_cache"))
            return 0; /* an older schema opened read-only: nothing stored yet */
        return rhea_store_fail(store, error, "cannot read the stored figures");
    }
    bind_key(st, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *data = g_bytes_new(sqlite3_column_blob(st, 0), (gsize)sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot read the stored figures");
    return 0;
}

static int exec_key(RheaStore *store, const char *sql, const RheaSummaryCacheKey *key, GBytes *data,
                    GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot store the figures");
    bind_key(st, key);
    if (data) {
        gsize len = 0;
        const void *bytes = g_bytes_get_data(data, &len);
        sqlite3_bind_blob64(st, 5, len ? bytes : "", len, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int(st, 6, RHEA_SUMMARY_CACHE_PER_PRODUCT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot store the figures");
    return 0;
}

int rhea_store_summary_cache_put(RheaStore *store, const RheaSummaryCacheKey *key, GBytes *data,
                                 GError **error)
{
    g_return_val_if_fail(key->product && key->history && key->build && key->inputs && data, -1);
    if (rhea_store_begin(store, error) < 0)
        return -1;
    /* seq orders the product's entries by age; ?6 is RHEA_SUMMARY_CACHE_PER_PRODUCT */
    if (exec_key(store,
                 "DELETE FROM summary_cache WHERE product = ?1 AND "
                 "(history <> ?2 OR build <> ?3 OR (history = ?2 AND build = ?3 AND inputs = ?4))",
                 key, NULL, error) < 0 ||
        exec_key(store,
                 "INSERT INTO summary_cache(product, history, build, inputs, seq, data) "
                 "VALUES(?1, ?2, ?3, ?4, "
                 "(SELECT ifnull(max(seq), 0) + 1 FROM summary_cache WHERE product = ?1), ?5)",
                 key, data, error) < 0 ||
        exec_key(store,
                 "DELETE FROM summary_cache WHERE product = ?1 AND seq <= "
                 "(SELECT max(seq) FROM summary_cache WHERE product = ?1) - ?6",
                 key, NULL, error) < 0) {
        rhea_store_rollback(store);
        return -1;
    }
    return rhea_store_commit(store, error);
}

gint64 rhea_store_summary_cache_count(RheaStore *store, const char *product, GError **error)
{
    return rhea_store_count_of_product(store, "summary_cache", product,
                                       "cannot read the stored figures", error);
}
