/* store_evidence_cache.h: each product's computed evidence (RQ2-RQ6), stored under a key made of
 * every input the evidence depends on (docs/schema.md, "evidence_cache"; docs/evidence.md,
 * "Stored evidence").
 *
 * The store keeps the entry as an opaque blob (classifiers/evidence_codec.h encodes it); it knows
 * only the key. A lookup finds an entry only when every key column is equal, so a changed input
 * is a miss, never a stale answer. An entry is one row written by one statement in its own
 * transaction: an interrupted writer leaves the entry whole or absent, and two writers of the
 * same key write the same row. */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct {
    const char *product;
    const char *commit;    /* the tree's commit (the window's end), hex */
    const char *tip;       /* the product's completely ingested tip and its commit count */
    const char *repo_path; /* the repository the blobs are read from */
    const char *catalog_sha256;
    const char *rules_sha256;
    gint64 max_size;   /* files over it are skipped */
    const char *build; /* rhea's version, its sources' digest and its libraries' versions */
} RheaEvidenceCacheKey;

/* *data is the stored entry, or NULL (0 returned) when there is none: another key, or a database
 * of an older schema opened read-only (no table yet). */
int rhea_store_evidence_cache_get(RheaStore *store, const RheaEvidenceCacheKey *key, GBytes **data,
                                  GError **error);
/* Stores the entry in one transaction, replacing one of the same key, and drops the product's
 * entries that can never match again (another tip, repository or build). */
int rhea_store_evidence_cache_put(RheaStore *store, const RheaEvidenceCacheKey *key, GBytes *data,
                                  GError **error);
/* The number of entries stored for product (every key); -1 with *error set. */
gint64 rhea_store_evidence_cache_count(RheaStore *store, const char *product, GError **error);
