/* test_store.c: opening databases: creation, and the refusals that protect a user's file. */
#include <check.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/store.h"
#include "engine/store_evidence_cache.h"
#include "tests/testutil.h"

START_TEST(creates_the_current_schema)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(testutil_int(s, "PRAGMA user_version"), RHEA_SCHEMA_VERSION);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM sqlite_master WHERE type='table'"), 10);
    rhea_store_close(s);
    /* reopening an existing rhea database works */
    s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(upgrades_a_version_1_database)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "v1.sqlite", NULL);
    /* a version 1 database is version 5's minus the tables of versions 2 to 5 */
    GError *error = NULL;
    rhea_store_close(rhea_store_open(path, &error));
    testutil_schema_v5(path, "DROP TABLE product_meta; DROP TABLE settings;"
                             "DROP TABLE product_counts; DROP TABLE evidence_cache;"
                             "DROP TABLE summary_cache;"
                             "INSERT INTO products(id, repo_path, ref) VALUES('kept', '/r', "
                             "'HEAD'); PRAGMA user_version = 1;");
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq(testutil_int(s, "PRAGMA user_version"), RHEA_SCHEMA_VERSION);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM products"), 1);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM product_counts"), 0);
    ck_assert_int_eq(rhea_store_meta_set(s, "kept", "stars", "63", &error), 0);
    GHashTable *meta = rhea_store_meta_get(s, "kept");
    ck_assert_str_eq(g_hash_table_lookup(meta, "stars"), "63");
    g_hash_table_destroy(meta);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

/* A version 3 database (version 5's minus evidence_cache and summary_cache) keeps every row when
 * it is upgraded, is read as it is by a read-only open (no stored evidence, no write), and stores
 * evidence after. */
START_TEST(upgrades_a_version_3_database_keeping_its_data)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "v3.sqlite", NULL);
    GError *error = NULL;
    rhea_store_close(rhea_store_open(path, &error));
    testutil_schema_v5(path, NULL);
    sqlite3 *db;
    sqlite3_open(path, &db);
    ck_assert_int_eq(
        sqlite3_exec(
            db,
            "DROP TABLE evidence_cache; DROP TABLE summary_cache;"
            "INSERT INTO products(id, repo_path, ref, tip) VALUES('p', '/r', 'HEAD', 'ab');"
            "INSERT INTO commits VALUES(7, 'p', 'ab', 'A', 'a@x', 10, 0, 'A', 'a@x', 10, 0,"
            " 'A', 'a@x', 'first', 0, 0);"
            "INSERT INTO paths VALUES(3, 'src/a.py');"
            "INSERT INTO changes VALUES(7, 3, 'A', NULL, NULL);"
            "INSERT INTO product_meta VALUES('p', 'stars', '63');"
            "INSERT INTO settings VALUES('until', '2023-08-01');"
            "INSERT INTO product_counts VALUES('p', 'ab', 1);"
            "PRAGMA user_version = 3;",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    RheaEvidenceCacheKey key = {.product = "p",
                                .commit = "ab",
                                .tip = "ab 1",
                                .repo_path = "/r",
                                .catalog_sha256 = "c",
                                .rules_sha256 = "none",
                                .max_size = 1024,
                                .build = "b"};
    GBytes *data = NULL;
    /* read-only: the version stays 3 and a lookup finds nothing, without an error */
    RheaStore *s = rhea_store_open_readonly(path, &error);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(rhea_store_evidence_cache_get(s, &key, &data, &error), 0);
    ck_assert_ptr_null(data);
    ck_assert_int_eq(rhea_store_evidence_cache_count(s, "p", &error), 0);
    rhea_store_close(s);
    ck_assert_int_eq(testutil_file_int(path, "PRAGMA user_version"), 3);
    s = rhea_store_open(path, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq(testutil_int(s, "PRAGMA user_version"), RHEA_SCHEMA_VERSION);
    g_autofree char *rows = testutil_rows(
        s, "SELECT c.cid || ' ' || c.sha || ' ' || p.path || ' ' || ch.kind || ' ' || pr.tip || "
           "' ' || m.value || ' ' || st.value || ' ' || pc.commits || ' ' || c.first_change || "
           "'+' || c.change_count || ' ' || ch.rid FROM commits c "
           "JOIN changes ch ON ch.cid = c.cid JOIN paths p ON p.pid = ch.pid "
           "JOIN products pr ON pr.id = c.product JOIN product_meta m ON m.product = c.product "
           "JOIN settings st JOIN product_counts pc ON pc.product = c.product");
    ck_assert_str_eq(rows, "7 ab src/a.py A ab 63 2023-08-01 1 1+1 1");
    g_autoptr(GBytes) in = g_bytes_new_static("entry", 5);
    ck_assert_int_eq(rhea_store_evidence_cache_put(s, &key, in, &error), 0);
    ck_assert_int_eq(rhea_store_evidence_cache_get(s, &key, &data, &error), 0);
    ck_assert_ptr_nonnull(data);
    ck_assert(g_bytes_equal(data, in));
    g_bytes_unref(data);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(refuses_a_file_that_is_not_sqlite)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "notes.sqlite", NULL);
    const char *text = "these are my notes, not a database, and they must survive\n";
    ck_assert(g_file_set_contents(path, text, -1, NULL));
    GError *error = NULL;
    ck_assert_ptr_null(rhea_store_open(path, &error));
    ck_assert_ptr_nonnull(error);
    ck_assert_ptr_nonnull(strstr(error->message, "not a SQLite database"));
    ck_assert_ptr_null(strchr(error->message, '\n'));
    g_autofree char *after = NULL;
    ck_assert(g_file_get_contents(path, &after, NULL, NULL));
    ck_assert_str_eq(after, text);
    g_error_free(error);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(refuses_newer_schema_and_foreign_databases)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *newer = g_build_filename(dir, "newer.sqlite", NULL);
    g_autofree char *foreign = g_build_filename(dir, "foreign.sqlite", NULL);
    sqlite3 *db;
    sqlite3_open(newer, &db);
    sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(db);
    sqlite3_open(foreign, &db);
    sqlite3_exec(db, "CREATE TABLE mine(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    GError *error = NULL;
    ck_assert_ptr_null(rhea_store_open(newer, &error));
    ck_assert_ptr_nonnull(strstr(error->message, "newer than this rhea"));
    g_clear_error(&error);
    ck_assert_ptr_null(rhea_store_open(foreign, &error));
    ck_assert_ptr_nonnull(strstr(error->message, "not rhea's"));
    g_clear_error(&error);
    ck_assert_int_eq(testutil_file_int(foreign, "SELECT count(*) FROM sqlite_master"), 1);
    /* neither was switched to WAL (header bytes 18-19: 1 rollback journal, 2 WAL): only a new,
     * empty file is switched before its schema is checked */
    const char *files[] = {newer, foreign};
    for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *bytes = NULL;
        gsize len = 0;
        ck_assert(g_file_get_contents(files[i], &bytes, &len, NULL));
        ck_assert_uint_ge(len, 20);
        ck_assert_int_eq(bytes[18], 1);
        ck_assert_int_eq(bytes[19], 1);
    }
    testutil_rmtree(dir);
}
END_TEST

START_TEST(read_only_location_fails_with_a_message)
{
    if (geteuid() == 0)
        return; /* root writes anywhere; the e2e test covers a read-only file system path */
    g_autofree char *dir = testutil_tmpdir();
    chmod(dir, 0555);
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    ck_assert_ptr_null(rhea_store_open(path, &error));
    ck_assert_ptr_nonnull(error);
    chmod(dir, 0755);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(change_kind_is_one_of_four_letters)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    sqlite3 *db = NULL; /* a second connection: the store hands out no SQL handle */
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(
        sqlite3_exec(db, "INSERT INTO paths(pid, path) VALUES(1,'a')", NULL, NULL, NULL),
        SQLITE_OK);
    const char *kinds[] = {"A", "M", "D", "T", "X", "a", "", "AM"};
    const int want[] = {SQLITE_OK,         SQLITE_OK,         SQLITE_OK,         SQLITE_OK,
                        SQLITE_CONSTRAINT, SQLITE_CONSTRAINT, SQLITE_CONSTRAINT, SQLITE_CONSTRAINT};
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        g_autofree char *sql = g_strdup_printf(
            "INSERT INTO changes(cid, pid, kind) VALUES(%zu, 1, '%s')", i + 1, kinds[i]);
        ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == want[i], "kind '%s'", kinds[i]);
    }
    sqlite3_close(db);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM changes"), 4);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

/* commits_by_sha is dropped for a bulk load and back when the database is next opened for
 * writing; changes_by_path, which versions up to 6 had and nothing reads now, is dropped by that
 * open (made here by hand, as such a database has it). */
START_TEST(open_restores_the_indexes_a_killed_bulk_load_left_out)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    const char *names = "SELECT ifnull(group_concat(name, ' '), '') FROM (SELECT name FROM"
                        " sqlite_master WHERE name IN ('changes_by_path', 'commits_by_sha')"
                        " ORDER BY name)";
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    g_autofree char *fresh = testutil_text(s, names);
    ck_assert_str_eq(fresh, "commits_by_sha");
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    g_autofree char *loading = testutil_text(s, names);
    ck_assert_str_eq(loading, "");
    ck_assert_int_eq(rhea_store_exec(s, "CREATE INDEX changes_by_path ON changes(pid)", &error), 0);
    rhea_store_close(s); /* as if killed before rhea_store_bulk_end */
    s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    g_autofree char *reopened = testutil_text(s, names);
    ck_assert_str_eq(reopened, "commits_by_sha");
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

static gint64 add_commit(RheaStore *s, const char *sha, GError **error)
{
    RheaCommitRow row = {.sha = sha,
                         .author_name = "A",
                         .author_email = "a@x",
                         .committer_name = "A",
                         .committer_email = "a@x",
                         .mailmap_name = "A",
                         .mailmap_email = "a@x",
                         .summary = "s"};
    return rhea_store_add_commit(s, "p", &row, NULL, 0, error);
}

/* A reader opens and reads while a large write transaction is open, spilled to the file: the
 * file stays in WAL for every write (a rollback journal, tried for first loads, locked readers
 * out from the first spill to the commit, and a kill left a journal they could not roll back). */
START_TEST(readers_read_during_a_spilled_write)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    RheaProduct p = {.id = "p", .repo_path = "/r", .ref = "HEAD"};
    ck_assert_int_eq(rhea_store_product_save(s, &p, &error), 0);
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_exec(s, "PRAGMA cache_size=10", &error), 0);
    for (int i = 0; i < 5000; i++) {
        char sha[16];
        g_snprintf(sha, sizeof sha, "%08x", i);
        ck_assert_int_gt(add_commit(s, sha, &error), 0);
    }
    RheaStore *reader = rhea_store_open_readonly(path, &error);
    ck_assert_msg(reader, "%s", error ? error->message : "");
    ck_assert_int_eq(testutil_int(reader, "SELECT count(*) FROM products"), 1);
    ck_assert_int_eq(testutil_int(reader, "SELECT count(*) FROM commits"), 0);
    rhea_store_close(reader);
    g_autofree char *mode = testutil_text(s, "PRAGMA journal_mode");
    ck_assert_str_eq(mode, "wal");
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

/* The unique index on (product, sha) is dropped during a bulk load: it must be back, unique, at
 * its end. */
START_TEST(commit_ids_stay_unique_through_a_bulk_load)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    const char *unique = "SELECT count(*) FROM pragma_index_list('commits') WHERE \"unique\" = 1";
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    RheaProduct p = {.id = "p", .repo_path = "/r", .ref = "HEAD"};
    ck_assert_int_eq(rhea_store_product_save(s, &p, &error), 0);
    ck_assert_int_eq(testutil_int(s, unique), 1);
    ck_assert_int_gt(add_commit(s, "aaaa", &error), 0);
    ck_assert_int_lt(add_commit(s, "aaaa", &error), 0);
    ck_assert_ptr_nonnull(strstr(error->message, "stored meanwhile by another rhea process"));
    g_clear_error(&error);
    /* (testutil reads through its own connection: it sees committed states) */
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_begin(s, &error), 0);
    ck_assert_int_gt(add_commit(s, "bbbb", &error), 0);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, unique), 0);
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_end(s, &error), 0);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, unique), 1);
    ck_assert_int_lt(add_commit(s, "bbbb", &error), 0);
    g_clear_error(&error);
    /* the lookup the incremental plan makes can use it (INDEXED BY fails to prepare if not) */
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM commits INDEXED BY commits_by_sha"
                                     " WHERE product = 'p' AND sha = 'bbbb'"),
                     1);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

/* The commits table as rhea wrote it before 1 December 2026: uniqueness as a table constraint,
 * which cannot be dropped; bulk loads must leave it alone and add no second index. */
START_TEST(an_older_database_keeps_its_unique_constraint)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "old.sqlite", NULL);
    sqlite3 *db;
    sqlite3_open(path, &db);
    ck_assert_int_eq(
        sqlite3_exec(db,
                     "CREATE TABLE products(id TEXT PRIMARY KEY, repo_path TEXT NOT NULL,"
                     " ref TEXT NOT NULL, tip TEXT, rules_path TEXT, rules_text TEXT,"
                     " line_stats INTEGER NOT NULL DEFAULT 0, shallow INTEGER NOT NULL DEFAULT 0,"
                     " ingested_at INTEGER);"
                     "CREATE TABLE commits(cid INTEGER PRIMARY KEY,"
                     " product TEXT NOT NULL REFERENCES products(id), sha TEXT NOT NULL,"
                     " author_name TEXT NOT NULL, author_email TEXT NOT NULL,"
                     " author_time INTEGER NOT NULL, author_offset INTEGER NOT NULL,"
                     " committer_name TEXT NOT NULL, committer_email TEXT NOT NULL,"
                     " committer_time INTEGER NOT NULL, committer_offset INTEGER NOT NULL,"
                     " mailmap_name TEXT NOT NULL, mailmap_email TEXT NOT NULL,"
                     " summary TEXT NOT NULL, parent_count INTEGER NOT NULL,"
                     " is_merge INTEGER NOT NULL, UNIQUE(product, sha));"
                     "CREATE INDEX commits_by_time ON commits(product, committer_time);"
                     "CREATE TABLE parents(cid INTEGER NOT NULL REFERENCES commits(cid),"
                     " idx INTEGER NOT NULL, parent_sha TEXT NOT NULL,"
                     " PRIMARY KEY(cid, idx)) WITHOUT ROWID;"
                     "CREATE TABLE paths(pid INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);"
                     "CREATE TABLE changes(cid INTEGER NOT NULL REFERENCES commits(cid),"
                     " pid INTEGER NOT NULL REFERENCES paths(pid), kind TEXT NOT NULL,"
                     " added INTEGER, removed INTEGER, PRIMARY KEY(cid, pid)) WITHOUT ROWID;"
                     "CREATE INDEX changes_by_path ON changes(pid);"
                     "PRAGMA user_version = 1;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    const char *indexes = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                          "WHERE type = 'index' AND tbl_name = 'commits' ORDER BY name)";
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    g_autofree char *before = testutil_text(s, indexes);
    ck_assert_str_eq(before, "commits_by_time sqlite_autoindex_commits_1");
    RheaProduct p = {.id = "p", .repo_path = "/r", .ref = "HEAD"};
    ck_assert_int_eq(rhea_store_product_save(s, &p, &error), 0);
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_begin(s, &error), 0);
    ck_assert_int_gt(add_commit(s, "cccc", &error), 0);
    ck_assert_int_lt(add_commit(s, "cccc", &error), 0); /* still refused inside the bulk load */
    g_clear_error(&error);
    ck_assert_int_eq(rhea_store_bulk_end(s, &error), 0);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    rhea_store_close(s);
    s = rhea_store_open(path, &error);
    g_autofree char *after = testutil_text(s, indexes);
    ck_assert_str_eq(after, "commits_by_time sqlite_autoindex_commits_1");
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

static gint64 add_with_changes(RheaStore *s, const char *sha, const RheaChangeRow *rows, guint n,
                               GError **error)
{
    RheaCommitRow row = {.sha = sha,
                         .author_name = "A",
                         .author_email = "a@x",
                         .committer_name = "A",
                         .committer_email = "a@x",
                         .mailmap_name = "A",
                         .mailmap_email = "a@x",
                         .summary = "s"};
    return rhea_store_add_commit(s, "p", &row, rows, n, error);
}

/* Change rows of consecutive commits share multi-row statements, so the last few wait: a commit
 * stores them all (70 rows of three commits: 64 in one statement, 6 at the commit), each commit's
 * rows one run of row ids in path-id order that its row records; a rollback drops the waiting
 * rows with the transaction (none turns up at the next commit, and the row ids go on from the
 * last stored); a bad kind or a path listed twice is refused before anything of that commit is
 * stored, the rows waiting before it still stored at the commit. */
START_TEST(changes_of_several_commits_share_statements)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    const char *count = "SELECT count(*) FROM changes";
    char names[70][8];
    RheaChangeRow rows[70];
    for (int i = 0; i < 70; i++) {
        g_snprintf(names[i], sizeof names[i], "f%02d", i);
        rows[i] = (RheaChangeRow){names[i], strlen(names[i]), "AMDT"[i % 4], i, i % 3 ? i : -1};
    }
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(add_with_changes(s, "c1", rows, 30, &error), 1);
    ck_assert_int_eq(add_with_changes(s, "c2", rows + 30, 30, &error), 2);
    ck_assert_int_eq(add_with_changes(s, "c3", rows + 60, 10, &error), 3);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, count), 70);
    /* every row as given: its commit, path, kind and line counts (NULL where < 0); paths were
     * interned in the order given, so f00 is path 1 and row 1 */
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM changes c JOIN paths p USING(pid)"
                                     " WHERE c.cid = 1 + (substr(p.path, 2) >= '30')"
                                     " + (substr(p.path, 2) >= '60')"
                                     " AND c.rid = c.pid AND c.pid = 1 + substr(p.path, 2)"
                                     " AND c.kind = substr('AMDT', 1 + substr(p.path, 2) % 4, 1)"
                                     " AND c.added = 0 + substr(p.path, 2)"
                                     " AND c.removed IS (CASE WHEN substr(p.path, 2) % 3 = 0"
                                     " THEN NULL ELSE 0 + substr(p.path, 2) END)"),
                     70);
    g_autofree char *ranges =
        testutil_text(s, "SELECT group_concat(first_change || '+' || change_count, ' ')"
                         " FROM (SELECT * FROM commits ORDER BY cid)");
    ck_assert_str_eq(ranges, "1+30 31+30 61+10");

    /* paths stored already, listed out of their id order: stored in id order */
    RheaChangeRow again[3] = {rows[5], rows[1], rows[3]};
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(add_with_changes(s, "c4", rows, 5, &error), 4);
    rhea_store_rollback(s);
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, count), 70);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM commits"), 3);

    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(add_with_changes(s, "c5", again, 3, &error), 4);
    RheaChangeRow bad[2] = {rows[0], {"f00", 3, 'X', -1, -1}};
    ck_assert_int_eq(add_with_changes(s, "c6", bad, 2, &error), -1);
    ck_assert_ptr_nonnull(strstr(error->message, "kind 0x58 of f00 is not A, M, D or T"));
    g_clear_error(&error);
    RheaChangeRow twice[3] = {rows[7], rows[2], rows[7]};
    ck_assert_int_eq(add_with_changes(s, "c7", twice, 3, &error), -1);
    ck_assert_ptr_nonnull(strstr(error->message, "commit c7 lists one path twice"));
    g_clear_error(&error);
    ck_assert_int_eq(add_with_changes(s, "c8", rows + 68, 2, &error), 5);
    ck_assert_int_eq(add_with_changes(s, "c9", NULL, 0, &error), 6);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, count), 75);
    g_autofree char *later =
        testutil_text(s, "SELECT group_concat(sha || ':' || first_change || '+' || change_count,"
                         " ' ') FROM (SELECT * FROM commits WHERE cid > 3 ORDER BY cid)");
    ck_assert_str_eq(later, "c5:71+3 c8:74+2 c9:0+0");
    g_autofree char *c5 = testutil_text(
        s, "SELECT group_concat(p.path, ' ') FROM (SELECT * FROM changes WHERE cid = 4"
           " ORDER BY rid) ch JOIN paths p USING(pid)");
    ck_assert_str_eq(c5, "f01 f03 f05");
    /* more rows than the insertion sort takes, in reverse id order */
    RheaChangeRow reversed[40];
    for (int i = 0; i < 40; i++)
        reversed[i] = rows[39 - i];
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(add_with_changes(s, "c10", reversed, 40, &error), 7);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM changes a JOIN changes b"
                                     " ON b.rid = a.rid + 1 WHERE a.cid = 7 AND b.cid = 7"
                                     " AND b.pid = a.pid + 1 AND a.pid = a.rid - 75"),
                     39);

    /* a row another program slipped in moves SQLite's row ids: the next statement's check sees it,
     * and the transaction is rolled back whole */
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    for (int i = 0; i < 64; i++) /* the 64th row's statement runs at once */
        ck_assert_int_eq(add_with_changes(s, names[i], rows + i, 1, &error), 8 + i);
    ck_assert_int_eq(
        rhea_store_exec(s, "INSERT INTO changes(cid, pid, kind) VALUES(8, 1, 'A')", &error), 0);
    ck_assert_int_eq(add_with_changes(s, "x", rows + 65, 1, &error), 72);
    ck_assert_int_eq(rhea_store_commit(s, &error), -1);
    ck_assert_ptr_nonnull(strstr(error->message, "where its commit recorded row 180"));
    g_clear_error(&error);
    rhea_store_rollback(s);
    ck_assert_int_eq(testutil_int(s, count), 115);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

/* While a bulk load's indexes are built, the frames its earlier transactions left in the WAL are
 * copied into the database file on another thread: the file holds the commits before the close
 * (a load of this size is far from SQLite's automatic checkpoint at 1000 pages). */
START_TEST(a_bulk_load_is_checkpointed_while_its_indexes_are_built)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    char names[200][8];
    RheaChangeRow rows[5] = {{"a", 1, 'M', 1, 1},
                             {"b", 1, 'M', 1, 1},
                             {"c", 1, 'M', 1, 1},
                             {"d", 1, 'M', 1, 1},
                             {"e", 1, 'M', 1, 1}};
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_begin(s, &error), 0);
    for (int i = 0; i < 200; i++) {
        g_snprintf(names[i], sizeof names[i], "c%03d", i);
        ck_assert_int_eq(add_with_changes(s, names[i], rows, 5, &error), i + 1);
    }
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    struct stat before, after;
    ck_assert_int_eq(stat(path, &before), 0);
    ck_assert_int_eq(testutil_file_int(path, "SELECT count(*) FROM commits"), 200);
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_end(s, &error), 0);
    rhea_store_checkpoint_wait(s);
    ck_assert_int_eq(stat(path, &after), 0);
    ck_assert_int_gt(after.st_size, before.st_size + 8 * 4096);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

/* A version 5 database's changes become runs of row ids in (commit, path id) order, each commit's
 * run recorded in its row (a commit without changes: an empty run at 0), every row kept; new
 * commits' runs go on from the last row. */
START_TEST(upgrades_a_version_5_database_into_runs_of_row_ids)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "v5.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    RheaChangeRow a[3] = {{"z", 1, 'A', 1, 0}, {"y", 1, 'A', 2, 0}, {"x", 1, 'A', -1, -1}};
    RheaChangeRow b[2] = {{"x", 1, 'M', 5, 5}, {"z", 1, 'D', 0, 1}};
    RheaChangeRow d[2] = {{"w", 1, 'A', 7, 0}, {"y", 1, 'T', 0, 0}};
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(add_with_changes(s, "a", a, 3, &error), 1);
    ck_assert_int_eq(add_with_changes(s, "b", b, 2, &error), 2);
    ck_assert_int_eq(add_with_changes(s, "c", NULL, 0, &error), 3);
    ck_assert_int_eq(add_with_changes(s, "d", d, 2, &error), 4);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    rhea_store_close(s);
    /* z, y, x, w are paths 1-4; each commit's rows in path-id order (worked out by hand) */
    const char *rows_sql = "SELECT group_concat(cid || ':' || pid || kind || ifnull(added, '-'),"
                           " ' ') FROM (SELECT * FROM changes ORDER BY rid)";
    const char *runs_sql = "SELECT group_concat(sha || ':' || first_change || '+' || change_count,"
                           " ' ') FROM (SELECT * FROM commits ORDER BY cid)";
    const char *rows = "1:1A1 1:2A2 1:3A- 2:1D0 2:3M5 4:2T0 4:4A7";
    const char *runs = "a:1+3 b:4+2 c:0+0 d:6+2";
    g_autofree char *written = testutil_text_file(path, rows_sql);
    g_autofree char *written_runs = testutil_text_file(path, runs_sql);
    ck_assert_str_eq(written, rows);
    ck_assert_str_eq(written_runs, runs);

    testutil_schema_v5(path, NULL);
    ck_assert_int_eq(testutil_file_int(path, "PRAGMA user_version"), 5);
    ck_assert_int_eq(testutil_file_int(path, "SELECT count(*) FROM pragma_table_info('commits')"
                                             " WHERE name = 'first_change'"),
                     0);
    s = rhea_store_open(path, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq(testutil_int(s, "PRAGMA user_version"), RHEA_SCHEMA_VERSION);
    g_autofree char *upgraded = testutil_text(s, rows_sql);
    g_autofree char *upgraded_runs = testutil_text(s, runs_sql);
    ck_assert_str_eq(upgraded, rows);
    ck_assert_str_eq(upgraded_runs, runs);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM sqlite_master"
                                     " WHERE name = 'changes_by_path'"),
                     0); /* version 5's index on path ids, which nothing reads now, is gone */
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(add_with_changes(s, "e", b, 2, &error), 5);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    g_autofree char *later = testutil_text(s, "SELECT first_change || '+' || change_count"
                                              " FROM commits WHERE sha = 'e'");
    ck_assert_str_eq(later, "8+2");
    rhea_store_close(s);
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("open");
    tcase_add_test(tc, creates_the_current_schema);
    tcase_add_test(tc, upgrades_a_version_1_database);
    tcase_add_test(tc, upgrades_a_version_3_database_keeping_its_data);
    tcase_add_test(tc, refuses_a_file_that_is_not_sqlite);
    tcase_add_test(tc, refuses_newer_schema_and_foreign_databases);
    tcase_add_test(tc, read_only_location_fails_with_a_message);
    tcase_add_test(tc, change_kind_is_one_of_four_letters);
    tcase_add_test(tc, changes_of_several_commits_share_statements);
    tcase_add_test(tc, upgrades_a_version_5_database_into_runs_of_row_ids);
    tcase_add_test(tc, a_bulk_load_is_checkpointed_while_its_indexes_are_built);
    tcase_add_test(tc, open_restores_the_indexes_a_killed_bulk_load_left_out);
    tcase_add_test(tc, commit_ids_stay_unique_through_a_bulk_load);
    tcase_add_test(tc, readers_read_during_a_spilled_write);
    tcase_add_test(tc, an_older_database_keeps_its_unique_constraint);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
