/* shard.h: a deterministic 1/N of a set of ids, for studies and scans split over machines.
 *
 * An id belongs to shard K of N (K = 0..N-1) when FNV-1a-64(id) mod N == K. The hash depends on
 * the id alone, so adding or removing products never moves the others between shards, and every
 * id is in exactly one shard. K is 0-based so that a Slurm array --array=0-(N-1) passes
 * $SLURM_ARRAY_TASK_ID as K unchanged. */
#pragma once
#include <glib.h>

typedef struct {
    guint index; /* K */
    guint count; /* N; 0 means no sharding: every id is taken */
} RheaShard;

/* Parses "K/N" with 0 <= K < N <= 1000000. Fails with RHEA_ERROR_USAGE naming the option. */
int rhea_shard_parse(const char *text, const char *option, RheaShard *out, GError **error);
guint64 rhea_shard_hash(const char *id);
gboolean rhea_shard_contains(const RheaShard *shard, const char *id);
