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

/* The join condition of commit c's changes ch: the run of row ids c's row records (schema version
 * 6, docs/schema.md). The planner seeks it as a range; ch.cid = c.cid would scan every change, as
 * changes has no index on cid (keeping one up to date cost as much as the table). */
#define RHEA_STORE_CHANGES_OF(c, ch)                                                               \
    "ON " ch ".rid >= " c ".first_change AND " ch ".rid < " c ".first_change + " c ".change_count"
/* The same join in a database older than version 6, opened read-only and so not upgraded: its
 * changes are keyed by (cid, pid), and a commit's rows read in pid order as a run's do. */
#define RHEA_STORE_CHANGES_OF_V5(c, ch) "ON " ch ".cid = " c ".cid"
/* The SQL for the store's schema: v6 from version 6 on, else older. */
#define RHEA_STORE_SQL(store, v6, older) ((store)->schema >= 6 ? (v6) : (older))

/* A change row waiting for a multi-row INSERT (rhea_store_add_commit): its path already
 * interned, so that it holds no pointer into the caller's memory, and the row id SQLite will give
 * it, which its commit's row records. */
typedef struct {
    gint64 rid, cid, pid, added, removed; /* added, removed < 0: NULL */
    char kind;                            /* one of A, M, D, T */
} RheaPendingChange;

struct RheaStore {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *ins_commit, *ins_parent, *ins_change, *ins_path, *sel_path;
    sqlite3_stmt *has_commit;  /* prepared on first use by rhea_store_has_commit */
    sqlite3_stmt *ins_changes; /* RHEA_STORE_CHANGES_PER_INSERT rows, prepared on first use */
    /* RheaPendingChange, fewer than RHEA_STORE_CHANGES_PER_INSERT: rows of rhea_store_add_commit
     * not inserted yet, across commits, flushed before a commit or an index build, and dropped by
     * a rollback */
    GArray *pending;
    GArray *sorting; /* RheaPendingChange: one commit's rows, put in path-id order */
    /* the row id SQLite gives the next change row (one more than the largest: the table has no
     * AUTOINCREMENT), pending rows counted; 0 until read in the transaction, since another
     * connection may write between two */
    gint64 next_rid;
    GHashTable *path_ids;    /* path -> pid (stored as gint64 in a pointer-sized slot) */
    GStringChunk *path_text; /* path_ids' keys: freed at once (20,360 frees took 2.5 ms at close) */
    /* commits' uniqueness is the droppable index commits_by_sha, not an older database's inline
     * UNIQUE(product, sha) (engine/store.c, COMMITS_BY_SHA_SQL) */
    gboolean named_sha_index;
    int schema; /* the database's version: RHEA_SCHEMA_VERSION unless opened read-only */
    /* a checkpoint started by rhea_store_indexes_build; the transaction's end or the close joins
     * it (rhea_store_checkpoint_wait) */
    GThread *checkpoint;
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

/* A read transaction around a read of several statements: one snapshot for all of them (a writer
 * committing between two would mix two states), and one start instead of one per statement
 * (docs/performance.md, change 33). Begins only when the connection is in autocommit mode, and
 * says whether it did; rhea_store_read_end ends what it began (nothing when began is FALSE). */
gboolean rhea_store_read_begin(RheaStore *store);
void rhea_store_read_end(RheaStore *store, gboolean began);
