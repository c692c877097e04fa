/* store_evidence_cache.c: see store_evidence_cache.h. The key's columns form the table's primary
 * key, so a lookup is one index probe and equal keys cannot hold two entries. */
#include "engine/store_evidence_cache.h"

#include "engine/store_private.h"

#define KEY_WHERE                                                                                  \
    "product = ?1 AND commit_sha = ?2 AND tip = ?3 AND repo_path = ?4 AND catalog_sha256 = ?5"     \
    " AND rules_sha256 = ?6 AND max_size = ?7 AND build = ?8"

static void bind_key(sqlite3_stmt *st, const RheaEvidenceCacheKey *k)
{
    const char *text[] = {k->product,        k->commit,       k->tip, k->repo_path,
                          k->catalog_sha256, k->rules_sha256, NULL,   k->build};
    for (int i = 0; i < 8; i++)
        if (text[i])
            sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, k->max_size);
}

int rhea_store_evidence_cache_get(RheaStore *store, const RheaEvidenceCacheKey *key, GBytes **data,
                                  GError **error)
{
    g_return_val_if_fail(key->product && key->commit && key->tip && key->repo_path &&
                             key->catalog_sha256 && key->rules_sha256 && key->build,
                         -1);
    sqlite3_stmt *st = NULL;
    *data = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT data FROM evidence_cache WHERE " KEY_WHERE, -1, &st,
                           NULL) != SQLITE_OK) {
        if (!rhea_store_has_table(store, "evidence_cache"))
            return 0; /* an older schema opened read-only: nothing stored yet */
        return rhea_store_fail(store, error, "cannot read the stored evidence");
    }
    bind_key(st, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *data = g_bytes_new(sqlite3_column_blob(st, 0), (gsize)sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot read the stored evidence");
    return 0;
}

static int put_rows(RheaStore *store, const RheaEvidenceCacheKey *key, GBytes *data, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "DELETE FROM evidence_cache WHERE product = ?1 AND (tip <> ?3 OR "
                           "repo_path <> ?4 OR build <> ?8)",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot store the evidence");
    bind_key(st, key);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot store the evidence");
    if (sqlite3_prepare_v2(store->db,
                           "INSERT OR REPLACE INTO evidence_cache(product, commit_sha, tip, "
                           "repo_path, catalog_sha256, rules_sha256, max_size, build, data) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot store the evidence");
    bind_key(st, key);
    gsize len = 0;
    const void *bytes = g_bytes_get_data(data, &len);
    sqlite3_bind_blob64(st, 9, len ? bytes : "", len, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot store the evidence");
    return 0;
}

int rhea_store_evidence_cache_put(RheaStore *store, const RheaEvidenceCacheKey *key, GBytes *data,
                                  GError **error)
{
    g_return_val_if_fail(key->product && key->commit && key->tip && key->repo_path &&
                             key->catalog_sha256 && key->rules_sha256 && key->build && data,
                         -1);
    if (rhea_store_begin(store, error) < 0)
        return -1;
    if (put_rows(store, key, data, error) < 0) {
        rhea_store_rollback(store);
        return -1;
    }
    return rhea_store_commit(store, error);
}

gint64 rhea_store_evidence_cache_count(RheaStore *store, const char *product, GError **error)
{
    return rhea_store_count_of_product(store, "evidence_cache", product,
                                       "cannot read the stored evidence", error);
}
