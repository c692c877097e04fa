/* store_private.h: the store's connection, shared by the store's own files (engine/store*.c) and
 * by no other code: every layer above asks the store for typed rows (store.h, store_reads.h). */
#pragma once
#include <glib.h>
#include <sqlite3.h>

#include "engine/store.h"

/* Rows per multi-row INSERT of changes: a statement's fixed cost (start, halt, reset) was about a
 * third of a one-row insert's instructions. */
#define RHEA_STORE_CHANGES_PER_INSERT 16

struct RheaStore {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *ins_commit, *ins_parent, *ins_change, *ins_path, *sel_path;
    sqlite3_stmt *has_commit;  /* prepared on first use by rhea_store_has_commit */
    sqlite3_stmt *ins_changes; /* RHEA_STORE_CHANGES_PER_INSERT rows, prepared on first use */
    GHashTable *path_ids;      /* path -> pid (stored as gint64 in a pointer-sized slot) */
    /* commits' uniqueness is the droppable index commits_by_sha, not an older database's inline
     * UNIQUE(product, sha) (engine/store.c, COMMITS_BY_SHA_SQL) */
    gboolean named_sha_index;
};

/* Whether the database has a table of that name (an older schema opened read-only may lack one). */
gboolean rhea_store_has_table(RheaStore *store, const char *name);
/* The rows of table (a cache table with a product column) for product; 0 when an older schema
 * opened read-only lacks the table; -1 with *error set ("cannot read WHAT"). */
gint64 rhea_store_count_of_product(RheaStore *store, const char *table, const char *product,
                                   const char *what, GError **error);
