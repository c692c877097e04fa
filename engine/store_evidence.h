/* store_evidence.h: the reads `rhea evidence` makes of the store: the commit that ends a window,
 * and the commits that changed a path (to date the first commit that added a signal). */
#pragma once
#include <glib.h>

#include "engine/store.h"

/* The last non-merge or merge commit of the product (largest committer time, then row) committed
 * before `before` (Unix seconds): *sha (hex, newly allocated) and *time; *sha NULL when none. */
int rhea_store_evidence_commit_before(RheaStore *store, const char *product, gint64 before,
                                      char **sha, gint64 *time, GError **error);
/* The committer time of the product's commit sha; -1 when it is not stored. */
gint64 rhea_store_evidence_commit_time(RheaStore *store, const char *product, const char *sha);

/* Every path the product's commits ever changed (newly allocated strings), in no order. */
GPtrArray *rhea_store_evidence_paths(RheaStore *store, const char *product, GError **error);

typedef struct {
    char sha[41];
    gint64 time; /* committer time */
    char kind;   /* A, M, D, T */
} RheaPathCommit;

typedef struct RheaPathHistory RheaPathHistory;

/* A prepared reader of one product's path histories. */
RheaPathHistory *rhea_store_path_history_new(RheaStore *store, const char *product, GError **error);
void rhea_store_path_history_free(RheaPathHistory *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaPathHistory, rhea_store_path_history_free)
/* Replaces out's contents (RheaPathCommit) with the non-merge commits that changed path at or
 * before `until`, oldest first (committer time, then row id). */
int rhea_store_path_history_get(RheaPathHistory *h, const char *path, gint64 until, GArray *out,
                                GError **error);
