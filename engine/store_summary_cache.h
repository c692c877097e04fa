/* store_summary_cache.h: each product's computed report figures (RQ1 and the measured parts of
 * RQ2-RQ5, metrics/summary.h), stored under a key made of every input they depend on
 * (docs/schema.md, "summary_cache"; docs/metrics.md, "Stored figures").
 *
 * The store keeps the entry as an opaque blob (metrics/summary_codec.h encodes it) and knows only
 * the key. A lookup finds an entry only when every key column is equal, so a changed input is a
 * miss, never a stale answer. An entry is one row written by one statement in its own
 * transaction: an interrupted writer leaves it whole or absent. Entries are written through
 * engine/store_cache_writer.h's connection, which waits briefly for a lock. */
#pragma once
#include <glib.h>

#include "engine/store.h"

/* How many entries (other windows, options or rules) a product keeps; storing one more drops the
 * oldest, so trying many seeds cannot grow the database without bound. */
#define RHEA_SUMMARY_CACHE_PER_PRODUCT 16

typedef struct {
    const char *product;
    const char *history; /* the product's complete ingest: "TIP COUNT LAST-CID" */
    const char *build;   /* engine/build_id.h */
    const char *inputs;  /* every other input, as text (metrics/summary_cache.c writes it) */
} RheaSummaryCacheKey;

/* The product's stored history as a key part: its completely ingested tip, the commits that tip
 * holds and the largest commit row id the product has, "TIP COUNT CID"; NULL (no error) when the
 * product has no tip (an incomplete ingest: its figures are never stored). A product cleared
 * and ingested again gets new row ids, so even the same tip is another key. */
char *rhea_store_summary_history(RheaStore *store, const char *product, GError **error);

/* *data is the stored entry, or NULL (0 returned) when there is none: another key, or an older
 * schema opened read-only (no table yet). */
int rhea_store_summary_cache_get(RheaStore *store, const RheaSummaryCacheKey *key, GBytes **data,
                                 GError **error);
/* Stores the entry in one transaction, replacing one of the same key; drops the product's entries
 * that can never match again (another history or build) and all but the newest
 * RHEA_SUMMARY_CACHE_PER_PRODUCT. */
int rhea_store_summary_cache_put(RheaStore *store, const RheaSummaryCacheKey *key, GBytes *data,
                                 GError **error);
/* The number of entries stored for product; -1 with *error set. */
gint64 rhea_store_summary_cache_count(RheaStore *store, const char *product, GError **error);
