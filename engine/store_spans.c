/* store_spans.c: see store_spans.h.
 *
 * Why: finding the product's range of row ids by aggregating over its commit rows read every one
 * of them (36 M instructions on P14's 14,416 commits, a seventh of `rhea coupling`'s labeling
 * thread), and min(cid), max(cid), count(*) over its index cost 18 M in SQLite's aggregate
 * functions; the ids read and counted in C cost less than half (docs/performance.md, change 33). */
#include "engine/store_spans.h"

#include "engine/error.h"
#include "engine/store_private.h"

static int fail(RheaStore *store, sqlite3_stmt *st, GError **error)
{
    sqlite3_finalize(st);
    return rhea_store_fail(store, error, "cannot read the product's commits");
}

int rhea_store_cid_span(RheaStore *store, const char *product, RheaCidSpan *span, gboolean *sparse,
                        GError **error)
{
    *span = (RheaCidSpan){0};
    *sparse = FALSE;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT cid FROM commits WHERE product = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return fail(store, st, error);
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    g_autoptr(GArray) cids = g_array_new(FALSE, FALSE, sizeof(gint64));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        gint64 cid = sqlite3_column_int64(st, 0);
        if (cids->len == 0 || cid < span->low)
            span->low = cid;
        if (cids->len == 0 || cid > span->high)
            span->high = cid;
        g_array_append_val(cids, cid);
    }
    if (rc != SQLITE_DONE)
        return fail(store, st, error);
    sqlite3_finalize(st);
    span->n = cids->len;
    if (span->n == 0 || span->high - span->low + 1 == span->n)
        return 0; /* none, or every id of low..high (ids are unique) */
    if (span->high - span->low + 1 > 4 * span->n) {
        *sparse = TRUE;
        return 0;
    }
    span->bits = g_new0(guint64, (span->high - span->low) / 64 + 1);
    for (guint i = 0; i < cids->len; i++) {
        guint64 b = (guint64)(g_array_index(cids, gint64, i) - span->low);
        span->bits[b / 64] |= G_GUINT64_CONSTANT(1) << (b % 64);
    }
    return 0;
}

gboolean rhea_cid_span_has(const RheaCidSpan *span, gint64 cid)
{
    if (span->n == 0 || cid < span->low || cid > span->high)
        return FALSE;
    if (!span->bits)
        return TRUE;
    guint64 b = (guint64)(cid - span->low);
    return (span->bits[b / 64] >> (b % 64)) & 1;
}

void rhea_cid_span_clear(RheaCidSpan *span)
{
    g_free(span->bits);
    *span = (RheaCidSpan){0};
}

int rhea_store_change_span(RheaStore *store, const RheaCidSpan *span, gint64 *first, gint64 *end,
                           GError **error)
{
    *first = *end = 0;
    if (span->n == 0)
        return 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT first_change, change_count FROM commits WHERE cid = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return fail(store, st, error);
    /* from each end inwards, to the first commit with changes (merges and empty commits have
     * none); low's and high's are the product's by definition */
    gint64 found_first = -1, found_end = -1;
    for (int side = 0; side < 2; side++) {
        gint64 step = side == 0 ? 1 : -1;
        for (gint64 cid = side == 0 ? span->low : span->high; cid >= span->low && cid <= span->high;
             cid += step) {
            if (!rhea_cid_span_has(span, cid))
                continue;
            sqlite3_bind_int64(st, 1, cid);
            int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) { /* listed by the index, not in the table */
                sqlite3_finalize(st);
                g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                            "%s: commit %" G_GINT64_FORMAT " is in the product's index but not "
                            "in the table; the database is damaged: analyze the product into a "
                            "new one",
                            rhea_store_path(store), cid);
                return -1;
            }
            if (rc != SQLITE_ROW)
                return fail(store, st, error);
            gint64 start = sqlite3_column_int64(st, 0), count = sqlite3_column_int64(st, 1);
            sqlite3_reset(st);
            if (count > 0) {
                if (side == 0)
                    found_first = start;
                else
                    found_end = start + count;
                break;
            }
        }
        if (side == 0 && found_first < 0)
            break; /* no commit of the product has changes */
    }
    sqlite3_finalize(st);
    if (found_first >= 0 && found_end > found_first) {
        *first = found_first;
        *end = found_end;
    }
    return 0;
}
