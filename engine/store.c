/* store.c: opening, migrating and writing rhea's SQLite database.
 *
 * Invariants: PRAGMA user_version holds the schema version; a database with tables but version 0 is
 * not rhea's and is refused rather than modified. Writes use prepared statements kept for the life
 * of the connection. Paths are interned in `paths` and cached in memory, since the same few
 * thousand paths recur in every commit. Strings from repositories are stored as the bytes git holds
 * (SQLite does not validate UTF-8), so a non-UTF-8 path or name survives the round trip. */
#include "engine/store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/store_private.h"
#include "engine/store_path.h"

/* The index on the changes' path ids that versions 1-6 made. Its one reader, the evidence's
 * path histories, now reads a product's rows once (engine/store_evidence.c), and its upkeep, or
 * its build at the end of a bulk load, was a tenth of an ingest (Audiveris 369 -> 328 ms,
 * docs/performance.md, change 40): a database opened for writing loses it. The migrations below
 * still make it, as those versions had it. */
#define CHANGES_BY_PATH_SQL "CREATE INDEX IF NOT EXISTS changes_by_path ON changes(pid);"
/* Commit ids are random, so inserting them one by one into their index touches a random page each:
 * at a million commits that index no longer fits any cache and the writer spent more time in the
 * kernel, reading and rewriting its pages, than in SQLite (issue 13, flat cost per commit). A
 * named index, unlike the UNIQUE table constraint of databases made before 1 December 2026, can
 * be dropped during a bulk load and built once, by sorting, at its end. */
#define COMMITS_BY_SHA_SQL                                                                         \
    "CREATE UNIQUE INDEX IF NOT EXISTS commits_by_sha ON commits(product, sha);"

static const char *SCHEMA_V1 =
    "CREATE TABLE products("
    "  id TEXT PRIMARY KEY,"
    "  repo_path TEXT NOT NULL,"
    "  ref TEXT NOT NULL,"
    "  tip TEXT,"
    "  rules_path TEXT,"
    "  rules_text TEXT,"
    "  line_stats INTEGER NOT NULL DEFAULT 0,"
    "  shallow INTEGER NOT NULL DEFAULT 0,"
    "  ingested_at INTEGER);"
    "CREATE TABLE commits("
    "  cid INTEGER PRIMARY KEY,"
    "  product TEXT NOT NULL REFERENCES products(id),"
    "  sha TEXT NOT NULL,"
    "  author_name TEXT NOT NULL, author_email TEXT NOT NULL,"
    "  author_time INTEGER NOT NULL, author_offset INTEGER NOT NULL,"
    "  committer_name TEXT NOT NULL, committer_email TEXT NOT NULL,"
    "  committer_time INTEGER NOT NULL, committer_offset INTEGER NOT NULL,"
    "  mailmap_name TEXT NOT NULL, mailmap_email TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  parent_count INTEGER NOT NULL,"
    "  is_merge INTEGER NOT NULL);" COMMITS_BY_SHA_SQL
    "CREATE INDEX commits_by_time ON commits(product, committer_time);"
    "CREATE TABLE parents("
    "  cid INTEGER NOT NULL REFERENCES commits(cid),"
    "  idx INTEGER NOT NULL,"
    "  parent_sha TEXT NOT NULL,"
    "  PRIMARY KEY(cid, idx)) WITHOUT ROWID;"
    "CREATE TABLE paths("
    "  pid INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL UNIQUE);"
    "CREATE TABLE changes("
    "  cid INTEGER NOT NULL REFERENCES commits(cid),"
    "  pid INTEGER NOT NULL REFERENCES paths(pid),"
    /* not IN ('A','M','D','T'): SQLite 3.40 builds a temporary b-tree for an IN list in a CHECK
     * on every insert, which measured a quarter of an ingest's instructions */
    "  kind TEXT NOT NULL CHECK(kind = 'A' OR kind = 'M' OR kind = 'D' OR kind = 'T'),"
    "  added INTEGER,"
    "  removed INTEGER,"
    "  PRIMARY KEY(cid, pid)) WITHOUT ROWID;" CHANGES_BY_PATH_SQL "PRAGMA user_version = 1;";

/* Version 2: study metadata (manifest columns per product) and study-wide settings. */
static const char *SCHEMA_V2 = "CREATE TABLE product_meta("
                               "  product TEXT NOT NULL REFERENCES products(id),"
                               "  key TEXT NOT NULL,"
                               "  value TEXT,"
                               "  PRIMARY KEY(product, key)) WITHOUT ROWID;"
                               "CREATE TABLE settings("
                               "  key TEXT PRIMARY KEY,"
                               "  value TEXT) WITHOUT ROWID;"
                               "PRAGMA user_version = 2;";

/* Version 3: the commit count a complete ingest recorded with its tip, so that a re-run does not
 * count the stored commits (a COUNT reads every one's index entry: 41 M instructions on 100k). */
static const char *SCHEMA_V3 = "CREATE TABLE product_counts("
                               "  product TEXT PRIMARY KEY REFERENCES products(id),"
                               "  tip TEXT NOT NULL,"
                               "  commits INTEGER NOT NULL) WITHOUT ROWID;"
                               "PRAGMA user_version = 3;";

/* Version 4: each product's evidence (RQ2-RQ6) as computed, keyed by every input it depends on
 * (engine/store_evidence_cache.h), so a report reads it instead of searching the tree again. */
static const char *SCHEMA_V4 = "CREATE TABLE evidence_cache("
                               "  product TEXT NOT NULL REFERENCES products(id),"
                               "  commit_sha TEXT NOT NULL,"
                               "  tip TEXT NOT NULL,"
                               "  repo_path TEXT NOT NULL,"
                               "  catalog_sha256 TEXT NOT NULL,"
                               "  rules_sha256 TEXT NOT NULL,"
                               "  max_size INTEGER NOT NULL,"
                               "  build TEXT NOT NULL,"
                               "  data BLOB NOT NULL,"
                               "  PRIMARY KEY(product, commit_sha, tip, repo_path, catalog_sha256,"
                               "   rules_sha256, max_size, build)) WITHOUT ROWID;"
                               "PRAGMA user_version = 4;";

/* Version 5: each product's computed report figures, stored under every input they depend on
 * (engine/store_summary_cache.h), so a report reads them instead of computing them again. */
static const char *SCHEMA_V5 = "CREATE TABLE summary_cache("
                               "  product TEXT NOT NULL REFERENCES products(id),"
                               "  history TEXT NOT NULL,"
                               "  build TEXT NOT NULL,"
                               "  inputs TEXT NOT NULL,"
                               "  seq INTEGER NOT NULL,"
                               "  data BLOB NOT NULL,"
                               "  PRIMARY KEY(product, history, build, inputs)) WITHOUT ROWID;"
                               "PRAGMA user_version = 5;";

/* Version 6: changes is a row-id table, and a commit's changes are one run of its row ids, in
 * path-id order, which the commit's row records (first_change, change_count). Rows appended to a
 * row-id table take SQLite's quick path at the table's right edge; the (cid, pid) key of the
 * table before made every row a seek from the root and a rebalance of the last pages (Audiveris'
 * writer thread: 816 M -> 663 M instructions, docs/performance.md, change 30). */
static const char *SCHEMA_V6 =
    "ALTER TABLE commits ADD COLUMN first_change INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE commits ADD COLUMN change_count INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE changes_v6("
    "  rid INTEGER PRIMARY KEY,"
    "  cid INTEGER NOT NULL REFERENCES commits(cid),"
    "  pid INTEGER NOT NULL REFERENCES paths(pid),"
    "  kind TEXT NOT NULL CHECK(kind = 'A' OR kind = 'M' OR kind = 'D' OR kind = 'T'),"
    "  added INTEGER,"
    "  removed INTEGER);"
    "INSERT INTO changes_v6(cid, pid, kind, added, removed)"
    " SELECT cid, pid, kind, added, removed FROM changes ORDER BY cid, pid;"
    "UPDATE commits SET first_change = r.first, change_count = r.n"
    " FROM (SELECT cid, min(rid) AS first, count(*) AS n FROM changes_v6 GROUP BY cid) AS r"
    " WHERE r.cid = commits.cid;"
    "DROP TABLE changes;"
    "ALTER TABLE changes_v6 RENAME TO changes;" CHANGES_BY_PATH_SQL "PRAGMA user_version = 6;";

gboolean rhea_store_has_table(RheaStore *store, const char *name)
{
    sqlite3_stmt *st = NULL;
    gboolean found = FALSE;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

gint64 rhea_store_count_of_product(RheaStore *store, const char *table, const char *product,
                                   const char *what, GError **error)
{
    g_autofree char *sql = g_strdup_printf("SELECT count(*) FROM %s WHERE product = ?", table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK) {
        if (!rhea_store_has_table(store, table))
            return 0;
        return rhea_store_fail(store, error, what);
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    gint64 n = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (n < 0)
        return rhea_store_fail(store, error, what);
    return n;
}

int rhea_store_fail(RheaStore *store, GError **error, const char *what)
{
    return rhea_store_path_fail(error, store->path, what, sqlite3_extended_errcode(store->db),
                                sqlite3_errmsg(store->db));
}

gboolean rhea_store_read_begin(RheaStore *store)
{
    return sqlite3_get_autocommit(store->db) &&
           sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void rhea_store_read_end(RheaStore *store, gboolean began)
{
    if (began && sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

int rhea_store_exec(RheaStore *store, const char *sql, GError **error)
{
    char *msg = NULL;
    if (sqlite3_exec(store->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int code = sqlite3_errcode(store->db);
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                        "%s: database is locked by another process; wait for it to finish and "
                        "run again",
                        store->path);
        else if (code == SQLITE_NOTADB)
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                        "%s: not a SQLite database; pass --db with another path", store->path);
        else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                        "%s: cannot write the database (%s); pass --db with a writable path",
                        store->path, msg ? msg : "read-only");
        else
            rhea_store_path_fail(error, store->path, "cannot use the database", code, msg);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int query_int(RheaStore *store, const char *sql, gint64 *out, GError **error)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(store->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_NOTADB || sqlite3_errcode(store->db) == SQLITE_NOTADB)
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                        "%s: not a SQLite database; pass --db with another path", store->path);
        else
            rhea_store_fail(store, error, "cannot read the database");
        sqlite3_finalize(st);
        return -1;
    }
    *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
}

static int prepare(RheaStore *store, sqlite3_stmt **st, const char *sql, GError **error)
{
    if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot prepare a statement");
    return 0;
}

/* Checks the schema version and creates or refuses as needed. */
static int migrate(RheaStore *store, gboolean writable, GError **error)
{
    gint64 version = 0, tables = 0;
    /* One read transaction: read apart, another process creating the schema in between makes a
     * fresh rhea database look like a foreign one (version 0 and some tables). */
    if (rhea_store_exec(store, "BEGIN", error) < 0)
        return -1;
    if (query_int(store, "PRAGMA user_version", &version, error) < 0 ||
        query_int(store, "SELECT count(*) FROM sqlite_master", &tables, error) < 0) {
        rhea_store_rollback(store);
        return -1;
    }
    if (rhea_store_exec(store, "COMMIT", error) < 0)
        return -1;
    if (version > RHEA_SCHEMA_VERSION) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: schema version %" G_GINT64_FORMAT
                    " is newer than this rhea's (%d); upgrade rhea",
                    store->path, version, RHEA_SCHEMA_VERSION);
        return -1;
    }
    if (version == 0 && tables > 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: a SQLite database that is not rhea's; pass --db with another path",
                    store->path);
        return -1;
    }
    if (version == 0) {
        if (!writable) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "%s: empty database; run rhea analyze first", store->path);
            return -1;
        }
        if (rhea_store_exec(store, "BEGIN IMMEDIATE", error) < 0)
            return -1;
        /* Another process may have created it while we waited for the lock. */
        if (query_int(store, "PRAGMA user_version", &version, error) < 0) {
            rhea_store_rollback(store);
            return -1;
        }
        /* every version at once: one transaction, one commit */
        if (version == 0 && (rhea_store_exec(store, SCHEMA_V1, error) < 0 ||
                             rhea_store_exec(store, SCHEMA_V2, error) < 0 ||
                             rhea_store_exec(store, SCHEMA_V3, error) < 0 ||
                             rhea_store_exec(store, SCHEMA_V4, error) < 0 ||
                             rhea_store_exec(store, SCHEMA_V5, error) < 0 ||
                             rhea_store_exec(store, SCHEMA_V6, error) < 0)) {
            rhea_store_rollback(store);
            return -1;
        }
        if (rhea_store_exec(store, "COMMIT", error) < 0)
            return -1;
        version = version ? version : RHEA_SCHEMA_VERSION;
    }
    store->schema = (int)version;
    if (version < RHEA_SCHEMA_VERSION && !writable)
        return 0; /* read-only: the missing tables are simply empty to the reader */
    if (version < RHEA_SCHEMA_VERSION) {
        if (rhea_store_exec(store, "BEGIN IMMEDIATE", error) < 0)
            return -1;
        /* another process may have upgraded it while we waited for the lock */
        if (query_int(store, "PRAGMA user_version", &version, error) < 0 ||
            (version == 1 && rhea_store_exec(store, SCHEMA_V2, error) < 0) ||
            (version <= 2 && rhea_store_exec(store, SCHEMA_V3, error) < 0) ||
            (version <= 3 && rhea_store_exec(store, SCHEMA_V4, error) < 0) ||
            (version <= 4 && rhea_store_exec(store, SCHEMA_V5, error) < 0) ||
            (version <= 5 && rhea_store_exec(store, SCHEMA_V6, error) < 0)) {
            rhea_store_rollback(store);
            return -1;
        }
        if (rhea_store_exec(store, "COMMIT", error) < 0)
            return -1;
        store->schema = RHEA_SCHEMA_VERSION;
    }
    return 0;
}

/* Switching a new database to WAL needs a moment of exclusive access, and SQLite answers BUSY at
 * once, without the busy handler, when another process is opening it at the same time: retry for
 * as long as the busy timeout would have waited. */
static int set_wal(RheaStore *store, GError **error)
{
    for (int tries = 0;; tries++) {
        int rc = sqlite3_exec(store->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            break;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 1000)
            return rhea_store_exec(store, "PRAGMA journal_mode=WAL", error);
        g_usleep(10000);
    }
    return rhea_store_exec(store, "PRAGMA synchronous=NORMAL", error);
}

/* How long a connection waits for another one's lock. */
#define RHEA_STORE_BUSY_MS 10000

/* The interned paths' hash, eight bytes at a time: g_str_hash takes one, and with its lookups was
 * a ninth of Audiveris' writer thread. */
static guint path_hash(gconstpointer key)
{
    const unsigned char *s = key;
    size_t n = strlen(key);
    guint64 h = 0x9e3779b97f4a7c15ull ^ n, w;
    for (; n >= 8; n -= 8, s += 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    return (guint)(h ^ (h >> 32));
}

RheaStore *rhea_store_alloc(const char *path)
{
    RheaStore *store = g_new0(RheaStore, 1);
    store->path = g_strdup(path);
    store->path_ids = g_hash_table_new(path_hash, g_str_equal);
    store->path_text = g_string_chunk_new(64 * 1024);
    store->pending = g_array_new(FALSE, FALSE, sizeof(RheaPendingChange));
    store->sorting = g_array_new(FALSE, FALSE, sizeof(RheaPendingChange));
    return store;
}

static RheaStore *open_common(const char *path, gboolean writable, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    if (rhea_store_path_check(path, writable, error) < 0)
        return NULL;
    if (!writable && access(path, F_OK) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: no such database; run rhea analyze first or pass --db", path);
        return NULL;
    }
    struct stat before;
    gboolean fresh = writable && (stat(path, &before) < 0 || before.st_size == 0);
    RheaStore *store = rhea_store_alloc(path);
    /* NOMUTEX: a store is used by one thread at a time (an ingest hands it to its writer thread
     * and takes it back, engine/ingest_writer.h), so SQLite's per-call connection lock was a tenth
     * of the writer's instructions for nothing */
    int flags = (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &store->db, flags, NULL) != SQLITE_OK) {
        rhea_store_path_fail(error, path, "cannot open the database",
                             store->db ? sqlite3_extended_errcode(store->db) : SQLITE_NOMEM,
                             store->db ? sqlite3_errmsg(store->db) : NULL);
        goto fail;
    }
    sqlite3_busy_timeout(store->db, RHEA_STORE_BUSY_MS);
    sqlite3_extended_result_codes(store->db, 0);
    /* WAL: readers never block the writer, and a killed writer leaves the last committed state. A
     * new database is switched before its schema is written, which then costs no rollback journal
     * and its four syncs; any other file only after migrate has found it rhea's. */
    if (writable && fresh && set_wal(store, error) < 0)
        goto fail;
    if (migrate(store, writable, error) < 0)
        goto fail;
    if (writable) {
        if (!fresh && set_wal(store, error) < 0)
            goto fail;
        /* a bulk load that died before its end left its index out; changes_by_path goes */
        gint64 inline_unique = 0;
        if (query_int(
                store,
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_commits_1'",
                &inline_unique, error) < 0)
            goto fail;
        store->named_sha_index = inline_unique == 0;
        if ((store->named_sha_index && rhea_store_exec(store, COMMITS_BY_SHA_SQL, error) < 0) ||
            rhea_store_exec(store, "DROP INDEX IF EXISTS changes_by_path", error) < 0)
            goto fail;
        if (prepare(store, &store->ins_commit,
                    "INSERT INTO commits(product, sha, author_name, author_email, author_time,"
                    " author_offset, committer_name, committer_email, committer_time,"
                    " committer_offset, mailmap_name, mailmap_email, summary, parent_count,"
                    " is_merge, first_change, change_count)"
                    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    error) < 0 ||
            prepare(store, &store->ins_parent,
                    "INSERT INTO parents(cid, idx, parent_sha) VALUES(?,?,?)", error) < 0 ||
            prepare(store, &store->ins_change,
                    "INSERT INTO changes(cid, pid, kind, added, removed) VALUES(?,?,?,?,?)",
                    error) < 0 ||
            prepare(store, &store->ins_path,
                    "INSERT INTO paths(path) VALUES(?) ON CONFLICT(path) DO NOTHING", error) < 0 ||
            prepare(store, &store->sel_path, "SELECT pid FROM paths WHERE path = ?", error) < 0)
            goto fail;
    }
    return store;
fail:
    rhea_store_close(store);
    return NULL;
}

void rhea_store_tune(void)
{
    /* SQLite's memory statistics take a process-wide lock around every allocation; rhea never
     * reads them (GridCal's ingest: 6% of the writer thread's instructions) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

RheaStore *rhea_store_open(const char *path, GError **error)
{
    return open_common(path, TRUE, error);
}

RheaStore *rhea_store_open_readonly(const char *path, GError **error)
{
    return open_common(path, FALSE, error);
}

void rhea_store_close(RheaStore *store)
{
    if (!store)
        return;
    rhea_store_checkpoint_wait(store);
    sqlite3_finalize(store->ins_commit);
    sqlite3_finalize(store->ins_parent);
    sqlite3_finalize(store->ins_change);
    sqlite3_finalize(store->ins_path);
    sqlite3_finalize(store->sel_path);
    sqlite3_finalize(store->has_commit);
    sqlite3_finalize(store->ins_changes);
    sqlite3_close(store->db);
    g_hash_table_destroy(store->path_ids);
    g_string_chunk_free(store->path_text);
    g_array_free(store->pending, TRUE);
    g_array_free(store->sorting, TRUE);
    g_free(store->path);
    g_free(store);
}

const char *rhea_store_path(RheaStore *store)
{
    return store->path;
}

int rhea_store_begin(RheaStore *store, GError **error)
{
    store->next_rid = 0;
    return rhea_store_exec(store, "BEGIN IMMEDIATE", error);
}

int rhea_store_commit(RheaStore *store, GError **error)
{
    if (rhea_store_changes_flush(store, error) < 0)
        return -1;
    store->next_rid = 0; /* another connection may write before the next transaction */
    int rc = rhea_store_exec(store, "COMMIT", error);
    /* no thread outlives the transaction: a process forked later (a worker, a study's jobs) must
     * not inherit a lock it holds */
    rhea_store_checkpoint_wait(store);
    return rc;
}

/* The page cache of a bulk load, in KiB as PRAGMA cache_size takes it (negative). */
#define RHEA_STORE_BULK_CACHE_KIB -512

/* Inserting into commits_by_sha in (random) id order is random access over the whole index;
 * building it once at the end sorts instead. Both run inside the caller's transactions, so a run
 * killed in between leaves the index out until the next open adds it. Nothing looks commits up by
 * id during a bulk load: the plan was made before it. */
int rhea_store_indexes_drop(RheaStore *store, GError **error)
{
    if (store->named_sha_index &&
        rhea_store_exec(store, "DROP INDEX IF EXISTS commits_by_sha", error) < 0)
        return -1;
    return 0;
}

/* The WAL's committed frames are copied into the database file by a connection of its own, on
 * another thread, while this one builds the indexes on one core: the close then copies only the
 * indexes' pages (Audiveris: close 15-20 -> 9-13 ms). A passive checkpoint takes no lock that
 * the writer waits for; one that copies nothing leaves the close more to copy, nothing else. */
static gpointer checkpoint_main(gpointer path)
{
    sqlite3 *db = NULL;
    /* the connection learns that the file is in WAL mode from its first read */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ==
            SQLITE_OK &&
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK)
        sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    sqlite3_close(db);
    return NULL;
}

void rhea_store_checkpoint_wait(RheaStore *store)
{
    if (store->checkpoint)
        g_thread_join(store->checkpoint);
    store->checkpoint = NULL;
}

int rhea_store_indexes_build(RheaStore *store, GError **error)
{
    if (rhea_store_changes_flush(store, error) < 0)
        return -1;
    rhea_store_checkpoint_wait(store);
    store->checkpoint = g_thread_new("rhea-checkpoint", checkpoint_main, store->path);
    if (store->named_sha_index && rhea_store_exec(store, COMMITS_BY_SHA_SQL, error) < 0)
        return -1;
    return 0;
}

int rhea_store_bulk_begin(RheaStore *store, GError **error)
{
    /* Without those indexes a bulk load appends commits and changes in row-id order, touching the
     * right edge of each b-tree only: SQLite's default 2000 KiB of page cache held pages it would
     * not read again (1.7 MiB of a 10k-commit ingest's 28 MiB). Not for other writes: a study
     * folding products into a database with its indexes took 10% longer with it. */
    if (rhea_store_exec(store, "PRAGMA cache_size=" G_STRINGIFY(RHEA_STORE_BULK_CACHE_KIB), error) <
        0)
        return -1;
    return rhea_store_indexes_drop(store, error);
}

/* CREATE INDEX sorts in memory up to the page cache's size and spills the rest to temporary
 * files: 4 MiB sorted Audiveris' 103,077 change rows at once when their index was built here too
 * (303 M -> 261 M instructions); commits_by_sha's entries, one per commit, sort at once up to
 * tens of thousands of commits. It is taken after the reading processes have ended, below the
 * run's peak. */
#define RHEA_STORE_INDEX_BUILD_CACHE_KIB -4096

int rhea_store_bulk_end(RheaStore *store, GError **error)
{
    if (rhea_store_exec(store, "PRAGMA cache_size=" G_STRINGIFY(RHEA_STORE_INDEX_BUILD_CACHE_KIB),
                        error) < 0 ||
        rhea_store_indexes_build(store, error) < 0)
        return -1;
    return rhea_store_exec(store, "PRAGMA cache_size=-2000", error); /* SQLite's default */
}

void rhea_store_rollback(RheaStore *store)
{
    rhea_store_checkpoint_wait(store);
    if (!sqlite3_get_autocommit(store->db))
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    /* Interned paths of the rolled-back transaction are gone from the table too. */
    g_hash_table_remove_all(store->path_ids);
    g_string_chunk_clear(store->path_text);
    g_array_set_size(store->pending, 0);
    store->next_rid = 0;
}

void rhea_product_free(RheaProduct *p)
{
    if (!p)
        return;
    g_free(p->id);
    g_free(p->repo_path);
    g_free(p->ref);
    g_free(p->tip);
    g_free(p->rules_path);
    g_free(p->rules_text);
    g_free(p);
}

static char *column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? g_strdup((const char *)t) : NULL;
}

int rhea_store_product_require(RheaStore *store, const char *id, RheaProduct **out, GError **error)
{
    if (rhea_store_product_get(store, id, out, error) < 0)
        return -1;
    if (!*out) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "no product '%s' in %s; run rhea analyze REPO --product %s first", id,
                    store->path, id);
        return -1;
    }
    return 0;
}

int rhea_store_product_get(RheaStore *store, const char *id, RheaProduct **out, GError **error)
{
    sqlite3_stmt *st = NULL;
    *out = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT id, repo_path, ref, tip, rules_path, rules_text, line_stats,"
                           " shallow FROM products WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot read products");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        RheaProduct *p = g_new0(RheaProduct, 1);
        p->id = column_dup(st, 0);
        p->repo_path = column_dup(st, 1);
        p->ref = column_dup(st, 2);
        p->tip = column_dup(st, 3);
        p->rules_path = column_dup(st, 4);
        p->rules_text = column_dup(st, 5);
        p->line_stats = sqlite3_column_int(st, 6);
        p->shallow = sqlite3_column_int(st, 7);
        *out = p;
    } else if (rc != SQLITE_DONE) {
        sqlite3_finalize(st);
        return rhea_store_fail(store, error, "cannot read products");
    }
    sqlite3_finalize(st);
    return 0;
}

GPtrArray *rhea_store_product_list(RheaStore *store, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT id FROM products ORDER BY id", -1, &st, NULL) !=
        SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read products");
        return NULL;
    }
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        g_ptr_array_add(ids, column_dup(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) { /* a damaged table is an error, not an empty list */
        g_ptr_array_unref(ids);
        rhea_store_fail(store, error, "cannot read products");
        return NULL;
    }
    return ids;
}

int rhea_store_product_save(RheaStore *store, const RheaProduct *p, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO products(id, repo_path, ref, rules_path, rules_text,"
                           " line_stats, shallow) VALUES(?,?,?,?,?,?,?)"
                           " ON CONFLICT(id) DO UPDATE SET repo_path=excluded.repo_path,"
                           " ref=excluded.ref, rules_path=excluded.rules_path,"
                           " rules_text=excluded.rules_text, line_stats=excluded.line_stats,"
                           " shallow=excluded.shallow",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot save the product");
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, p->repo_path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, p->ref, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, p->rules_path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, p->rules_text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 6, p->line_stats ? 1 : 0);
    sqlite3_bind_int(st, 7, p->shallow ? 1 : 0);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot save the product");
    return 0;
}

int rhea_store_product_set_tip(RheaStore *store, const char *id, const char *tip, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "UPDATE products SET tip = ?, ingested_at = strftime('%s','now')"
                           " WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot update the product");
    sqlite3_bind_text(st, 1, tip, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot update the product");
    return 0;
}

static int exec_with_id(RheaStore *store, const char *sql, const char *id, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot prepare a statement");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot delete the product's rows");
    return 0;
}

int rhea_store_product_clear(RheaStore *store, const char *id, GError **error)
{
    if (exec_with_id(store,
                     "DELETE FROM changes WHERE rid IN (SELECT ch.rid FROM commits c"
                     " JOIN changes ch ON ch.rid >= c.first_change"
                     " AND ch.rid < c.first_change + c.change_count WHERE c.product = ?)",
                     id, error) < 0 ||
        exec_with_id(store,
                     "DELETE FROM parents WHERE cid IN (SELECT cid FROM commits WHERE product = ?)",
                     id, error) < 0 ||
        exec_with_id(store, "DELETE FROM commits WHERE product = ?", id, error) < 0 ||
        exec_with_id(store, "DELETE FROM product_counts WHERE product = ?", id, error) < 0 ||
        exec_with_id(store, "DELETE FROM evidence_cache WHERE product = ?", id, error) < 0 ||
        exec_with_id(store, "DELETE FROM summary_cache WHERE product = ?", id, error) < 0 ||
        exec_with_id(store, "UPDATE products SET tip = NULL WHERE id = ?", id, error) < 0)
        return -1;
    store->next_rid = 0; /* SQLite gives the next row one more than the largest left */
    return 0;
}

GHashTable *rhea_store_commit_ids(RheaStore *store, const char *product, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT sha FROM commits WHERE product = ?", -1, &st, NULL) !=
        SQLITE_OK) {
        rhea_store_fail(store, error, "cannot read commits");
        return NULL;
    }
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        g_hash_table_add(ids, column_dup(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        g_hash_table_destroy(ids);
        rhea_store_fail(store, error, "cannot read commits");
        return NULL;
    }
    return ids;
}

int rhea_store_has_commit(RheaStore *store, const char *product, const char *sha, GError **error)
{
    if (!store->has_commit &&
        sqlite3_prepare_v2(store->db, "SELECT 1 FROM commits WHERE product = ? AND sha = ?", -1,
                           &store->has_commit, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot read commits");
    sqlite3_stmt *st = store->has_commit;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot read commits");
    return rc == SQLITE_ROW;
}

int rhea_store_count_record(RheaStore *store, const char *product, const char *tip, gint64 commits,
                            GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "INSERT OR REPLACE INTO product_counts(product, tip, commits)"
                           " VALUES(?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot record the commit count");
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, tip, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, commits);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rhea_store_fail(store, error, "cannot record the commit count");
}

gint64 rhea_store_commit_count_at(RheaStore *store, const char *product, const char *tip,
                                  GError **error)
{
    sqlite3_stmt *st = NULL;
    gint64 n = -1;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT commits FROM product_counts WHERE product = ? AND tip = ?", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, tip, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st); /* no table (a read-only older database) or no row: count */
    return n >= 0 ? n : rhea_store_commit_count(store, product, error);
}

gint64 rhea_store_commit_count(RheaStore *store, const char *product, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT count(*) FROM commits WHERE product = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot count commits");
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    gint64 n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n < 0 ? rhea_store_fail(store, error, "cannot count commits") : n;
}

static int step_done(RheaStore *store, sqlite3_stmt *st, GError **error, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, what);
    return 0;
}

int rhea_store_add_parent(RheaStore *store, gint64 cid, unsigned idx, const char *parent_sha,
                          GError **error)
{
    sqlite3_stmt *st = store->ins_parent;
    sqlite3_bind_int64(st, 1, cid);
    sqlite3_bind_int(st, 2, (int)idx);
    sqlite3_bind_text(st, 3, parent_sha, -1, SQLITE_STATIC);
    return step_done(store, st, error, "cannot store a parent");
}

static gint64 path_id(RheaStore *store, const char *path, size_t len, GError **error)
{
    gpointer value;
    if (g_hash_table_lookup_extended(store->path_ids, path, NULL, &value))
        return (gint64)GPOINTER_TO_SIZE(value);
    /* Inserted first, looked up only when another product stored it already: most paths an
     * ingest meets are new, and a lookup before every insert was half of a new path's cost. */
    gint64 pid = -1;
    sqlite3_stmt *ins = store->ins_path;
    sqlite3_bind_text(ins, 1, path, (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot store a path");
    /* (RETURNING would say it too, but builds a temporary table per statement: dearer still) */
    if (sqlite3_changes(store->db) == 1)
        pid = sqlite3_last_insert_rowid(store->db);
    else {
        sqlite3_stmt *sel = store->sel_path;
        sqlite3_bind_text(sel, 1, path, (int)len, SQLITE_STATIC);
        rc = sqlite3_step(sel);
        if (rc == SQLITE_ROW)
            pid = sqlite3_column_int64(sel, 0);
        sqlite3_reset(sel);
        if (rc != SQLITE_ROW)
            return rhea_store_fail(store, error, "cannot read paths");
    }
    g_hash_table_insert(store->path_ids,
                        g_string_chunk_insert_len(store->path_text, path, (gssize)len),
                        GSIZE_TO_POINTER((gsize)pid));
    return pid;
}

/* Binds one change row at column offset base (5 columns). */
static void bind_change(sqlite3_stmt *st, int base, const RheaPendingChange *r)
{
    static const char kinds[] = "A\0M\0D\0T\0";
    const char *k = strchr("AMDT", r->kind); /* checked by sort_rows */
    sqlite3_bind_int64(st, base + 1, r->cid);
    sqlite3_bind_int64(st, base + 2, r->pid);
    /* static text and every column bound each time: no copy, no clearing of the bindings */
    sqlite3_bind_text(st, base + 3, kinds + 2 * (k - "AMDT"), 1, SQLITE_STATIC);
    if (r->added >= 0)
        sqlite3_bind_int64(st, base + 4, r->added);
    else
        sqlite3_bind_null(st, base + 4);
    if (r->removed >= 0)
        sqlite3_bind_int64(st, base + 5, r->removed);
    else
        sqlite3_bind_null(st, base + 5);
}

static int step_reset(RheaStore *store, sqlite3_stmt *st, GError **error)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : rhea_store_fail(store, error, "cannot store a change");
}

/* Inserts a statement's rows and checks that SQLite gave the last one the row id its commit
 * recorded: a row id out of step would tie changes to the wrong commit. */
static int insert_rows(RheaStore *store, sqlite3_stmt *st, const RheaPendingChange *rows, guint n,
                       GError **error)
{
    for (guint j = 0; j < n; j++)
        bind_change(st, 5 * (int)j, &rows[j]);
    if (step_reset(store, st, error) < 0)
        return -1;
    gint64 got = sqlite3_last_insert_rowid(store->db);
    if (got != rows[n - 1].rid) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: a change was stored as row %" G_GINT64_FORMAT " where its commit "
                    "recorded row %" G_GINT64_FORMAT "; another program changed the table "
                    "meanwhile: run again",
                    store->path, got, rows[n - 1].rid);
        return -1;
    }
    return 0;
}

int rhea_store_changes_flush(RheaStore *store, GError **error)
{
    GArray *pending = store->pending;
    const RheaPendingChange *rows = (const RheaPendingChange *)(void *)pending->data;
    for (guint i = 0; i < pending->len; i++)
        if (insert_rows(store, store->ins_change, rows + i, 1, error) < 0) {
            g_array_set_size(pending, 0);
            return -1;
        }
    g_array_set_size(pending, 0);
    return 0;
}

static int by_pid(const void *a, const void *b)
{
    gint64 x = ((const RheaPendingChange *)a)->pid, y = ((const RheaPendingChange *)b)->pid;
    return (x > y) - (x < y);
}

/* Most commits change a few paths, mostly in id order already (new paths are interned in tree
 * order): an insertion sort, in place, costs them a comparison each. GLib's sort was 4% of
 * Audiveris' writer thread. */
static void sort_by_pid(RheaPendingChange *r, guint n)
{
    if (n > 32) {
        qsort(r, n, sizeof *r, by_pid);
        return;
    }
    for (guint i = 1; i < n; i++) {
        RheaPendingChange v = r[i];
        guint j = i;
        for (; j > 0 && r[j - 1].pid > v.pid; j--)
            r[j] = r[j - 1];
        r[j] = v;
    }
}

/* Interns the commit's paths and puts its rows in path-id order, the order the table held them in
 * before version 6 (its key was (cid, pid)), so that a commit's rows read back in the same order.
 * Refuses a row that could not be stored, before anything of the commit is. */
static int sort_rows(RheaStore *store, const char *sha, const RheaChangeRow *changes, guint n,
                     GError **error)
{
    g_array_set_size(store->sorting, n);
    RheaPendingChange *rows = (RheaPendingChange *)(void *)store->sorting->data;
    for (guint i = 0; i < n; i++) {
        const RheaChangeRow *c = &changes[i];
        if (!c->kind || !strchr("AMDT", c->kind)) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                        "%s: cannot store a change of commit %.12s: kind 0x%02x of %s is not "
                        "A, M, D or T",
                        store->path, sha, (unsigned char)c->kind, c->path);
            return -1;
        }
        gint64 pid = path_id(store, c->path, c->path_len, error);
        if (pid < 0)
            return -1;
        rows[i] = (RheaPendingChange){0, 0, pid, c->added, c->removed, c->kind};
    }
    sort_by_pid(rows, n);
    for (guint i = 1; i < n; i++)
        if (rows[i].pid == rows[i - 1].pid) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                        "%s: commit %.12s lists one path twice among its changes", store->path,
                        sha);
            return -1;
        }
    return 0;
}

static int prepare_multi_row(RheaStore *store, GError **error)
{
    if (store->ins_changes)
        return 0;
    GString *sql = g_string_new("INSERT INTO changes(cid, pid, kind, added, removed) VALUES");
    for (int j = 0; j < RHEA_STORE_CHANGES_PER_INSERT; j++)
        g_string_append(sql, j ? ",(?,?,?,?,?)" : "(?,?,?,?,?)");
    int rc = sqlite3_prepare_v2(store->db, sql->str, -1, &store->ins_changes, NULL);
    g_string_free(sql, TRUE);
    return rc == SQLITE_OK ? 0 : rhea_store_fail(store, error, "cannot store changes");
}

gint64 rhea_store_add_commit(RheaStore *store, const char *product, const RheaCommitRow *row,
                             const RheaChangeRow *changes, guint n, GError **error)
{
    enum { N = RHEA_STORE_CHANGES_PER_INSERT };
    if (prepare_multi_row(store, error) < 0 || sort_rows(store, row->sha, changes, n, error) < 0)
        return -1;
    if (store->next_rid == 0) {
        gint64 last = 0;
        if (query_int(store, "SELECT ifnull(max(rid), 0) FROM changes", &last, error) < 0)
            return -1;
        store->next_rid = last + 1 + (gint64)store->pending->len;
    }
    sqlite3_stmt *st = store->ins_commit;
    sqlite3_bind_text(st, 1, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, row->sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, row->author_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, row->author_email, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, row->author_time);
    sqlite3_bind_int(st, 6, row->author_offset);
    sqlite3_bind_text(st, 7, row->committer_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, row->committer_email, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, row->committer_time);
    sqlite3_bind_int(st, 10, row->committer_offset);
    sqlite3_bind_text(st, 11, row->mailmap_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, row->mailmap_email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, row->summary, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, (int)row->parent_count);
    sqlite3_bind_int(st, 15, row->parent_count > 1);
    sqlite3_bind_int64(st, 16, n ? store->next_rid : 0); /* an empty run starts nowhere */
    sqlite3_bind_int64(st, 17, (gint64)n);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    /* The run's list of commits to read was made before its write lock was taken: another
     * process that stored one of them since is a concurrent writer, not a corrupt database. */
    if (rc == SQLITE_CONSTRAINT) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: commit %.12s of %s was stored meanwhile by another rhea process writing "
                    "the same product; let it finish, then run again",
                    store->path, row->sha, product);
        return -1;
    }
    if (rc != SQLITE_DONE)
        return rhea_store_fail(store, error, "cannot store a commit");
    gint64 cid = sqlite3_last_insert_rowid(store->db);
    const RheaPendingChange *sorted = (const RheaPendingChange *)(void *)store->sorting->data;
    GArray *pending = store->pending;
    for (guint i = 0; i < n;) {
        /* as many rows as fit in the waiting statement, copied in one go */
        guint have = pending->len, take = MIN(n - i, (guint)N - have);
        g_array_set_size(pending, have + take);
        RheaPendingChange *to = (RheaPendingChange *)(void *)pending->data + have;
        for (guint j = 0; j < take; j++, i++) {
            to[j] = sorted[i];
            to[j].rid = store->next_rid++;
            to[j].cid = cid;
        }
        if (pending->len < N)
            break;
        g_array_set_size(pending, 0); /* the rows stay in place until the next append */
        if (insert_rows(store, store->ins_changes, (const RheaPendingChange *)(void *)pending->data,
                        N, error) < 0)
            return -1;
    }
    return cid;
}

int rhea_store_meta_set(RheaStore *store, const char *product, const char *key, const char *value,
                        GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO product_meta(product, key, value) VALUES(?,?,?)"
                           " ON CONFLICT(product, key) DO UPDATE SET value = excluded.value",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot save product metadata");
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, value, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rhea_store_fail(store, error, "cannot save product metadata");
}

GHashTable *rhea_store_meta_get(RheaStore *store, const char *product)
{
    GHashTable *meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT key, value FROM product_meta WHERE product = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return meta; /* a version 1 database opened read-only has no metadata */
    sqlite3_bind_text(st, 1, product, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        g_hash_table_insert(meta, column_dup(st, 0), column_dup(st, 1));
    sqlite3_finalize(st);
    return meta;
}

int rhea_store_setting_set(RheaStore *store, const char *key, const char *value, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO settings(key, value) VALUES(?,?)"
                           " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           -1, &st, NULL) != SQLITE_OK)
        return rhea_store_fail(store, error, "cannot save a setting");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rhea_store_fail(store, error, "cannot save a setting");
}

char *rhea_store_setting_get(RheaStore *store, const char *key)
{
    sqlite3_stmt *st = NULL;
    char *value = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT value FROM settings WHERE key = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        value = column_dup(st, 0);
    sqlite3_finalize(st);
    return value;
}
