/* store_merge.h: merging the databases of a sharded study (rhea study --shard K/N) into one.
 *
 * Every product of every shard is copied whole (the product, its metadata, commits, parents,
 * paths and changes) into a copy of the output database beside it, which replaces the output
 * only when every shard is in: an error or an interrupted merge leaves the output as it was (or
 * absent, if it was absent), whatever the number of shards. A product already in the output with
 * the same tip and rules is left alone, so merging the same shard twice changes nothing; the same
 * product with another tip or other rules is a conflict that stops the merge. Study settings (the
 * --until a study fixed) must agree too. Shards must have the output's schema version. */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct {
    guint shards;
    guint products_added, products_same;
    guint64 commits_added;
} RheaMergeStats;

/* Merges the shard databases into the database at out_path (created when absent), all or
 * nothing. The output keeps its file mode. Nothing else may write the output meanwhile. */
int rhea_store_merge_into(const char *out_path, const char *const *shards, guint n_shards,
                          RheaMergeStats *stats, GError **error);
/* Merges one shard database into an open store in one transaction (a product is in whole or not
 * at all), with the checks above. The parallel study folds each product's database in this way. */
int rhea_store_merge_shard(RheaStore *store, const char *shard, RheaMergeStats *stats,
                           GError **error);
