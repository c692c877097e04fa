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
