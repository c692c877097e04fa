/* store_private.h: the store's connection, shared by the store's own files (engine/store*.c) and
 * by no other code: every layer above asks the store for typed rows (store.h, store_reads.h). */
#pragma once
#include <glib.h>
#include <sqlite3.h>

#include "engine/store.h"

/* Rows per multi-row INSERT of changes: a statement's fixed cost (start, halt, reset) was about a
 * third of a one-row insert's instructions. Rows of consecutive commits share statements (most
 * commits change a few paths): 64 took Audiveris' writer thread from 900 M to 847 M
 * instructions, 16 to 871 M. */
#define RHEA_STORE_CHANGES_PER_INSERT 64

/* A change row waiting for a multi-row INSERT (rhea_store_add_changes): its path already
 * interned, so that it holds no pointer into the caller's memory. */
typedef struct {
    gint64 cid, pid, added, removed; /* added, removed < 0: NULL */
    char kind;                       /* one of A, M, D, T */
} RheaPendingChange;

struct RheaStore {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *ins_commit, *ins_parent, *ins_change, *ins_path, *sel_path;
    sqlite3_stmt *has_commit;  /* prepared on first use by rhea_store_has_commit */
    sqlite3_stmt *ins_changes; /* RHEA_STORE_CHANGES_PER_INSERT rows, prepared on first use */
    /* RheaPendingChange, fewer than RHEA_STORE_CHANGES_PER_INSERT: rows of rhea_store_add_changes
     * not inserted yet, across commits, flushed before a commit, an index build or another
     * change's insert, and dropped by a rollback */
    GArray *pending;
    GHashTable *path_ids; /* path -> pid (stored as gint64 in a pointer-sized slot) */
    /* commits' uniqueness is the droppable index commits_by_sha, not an older database's inline
     * UNIQUE(product, sha) (engine/store.c, COMMITS_BY_SHA_SQL) */
    gboolean named_sha_index;
};

/* A store with no connection yet: its path, an empty table of interned paths and no waiting
 * change rows. rhea_store_close frees it. */
RheaStore *rhea_store_alloc(const char *path);

/* Whether the database has a table of that name (an older schema opened read-only may lack one). */
gboolean rhea_store_has_table(RheaStore *store, const char *name);
/* The rows of table (a cache table with a product column) for product; 0 when an older schema
 * opened read-only lacks the table; -1 with *error set ("cannot read WHAT"). */
gint64 rhea_store_count_of_product(RheaStore *store, const char *table, const char *product,
                                   const char *what, GError **error);
