/* store_reads.h: typed reads of a product's stored history, for the layers above the store.
 *
 * The metrics and classifiers never see SQL or the schema: they ask for commits in a window, the
 * paths a product changed, and get C values back. A window is [since, until) in committer time
 * (Unix seconds); G_MININT64 and G_MAXINT64 leave either end open. */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct {
    gint64 cid;
    gint64 time; /* committer time, Unix seconds */
    gboolean merge;
    const char *name, *email; /* author after .mailmap; valid during the callback only */
} RheaStoredCommit;

typedef struct {
    gint64 pid;
    gint64 added, removed; /* -1 without line stats (NULL in the store) */
    char kind;             /* 'A', 'M', 'D' or 'T' (changes.kind) */
} RheaStoredChange;

/* Called once per commit with its changed paths (n may be 0: merges, empty commits). A non-zero
 * return stops the iteration and becomes the iteration's return value. */
typedef int (*RheaStoredCommitFn)(const RheaStoredCommit *commit, const RheaStoredChange *changes,
                                  guint n, gpointer data);

/* Every commit of the product with committer time in [since, until), ordered by committer time
 * then by storage order (cid), and within a commit by path id. Returns 0, fn's non-zero value, or
 * -1 with *error set. */
int rhea_store_each_commit(RheaStore *store, const char *product, gint64 since, gint64 until,
                           RheaStoredCommitFn fn, gpointer data, GError **error);

/* Called once per path: its id and its bytes (path[len] is a NUL). */
typedef void (*RheaStoredPathFn)(gint64 pid, const char *path, gsize len, gpointer data);

/* Every distinct path any commit of the product changed, ordered by path (bytewise). Returns 0
 * or -1 with *error set. */
int rhea_store_each_product_path(RheaStore *store, const char *product, RheaStoredPathFn fn,
                                 gpointer data, GError **error);

/* The distinct path ids (gint64) changed by the product's non-merge commits with committer time
 * in [since, until), in no particular order; NULL with *error set on failure. */
GArray *rhea_store_window_path_ids(RheaStore *store, const char *product, gint64 since,
                                   gint64 until, GError **error);
