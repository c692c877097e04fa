/* store_binding.c: see store_binding.h. */
#include "engine/store_binding.h"

#include "engine/store_private.h"

GPtrArray *rhea_store_root_commits(RheaStore *store, const char *product, guint max, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT sha FROM commits WHERE product = ? AND parent_count = 0"
                           " ORDER BY sha LIMIT ?",
                           -1, &st, NULL) != SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read root commits");
        return NULL;
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, max);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        g_ptr_array_add(out, g_strdup((const char *)sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        g_ptr_array_unref(out);
        rhea_store_fail(store, error, "cannot read root commits");
        return NULL;
    }
    return out;
}
