/* test_store.c: opening databases: creation, and the refusals that protect a user's file. */
#include <check.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/store.h"
#include "tests/testutil.h"

START_TEST(creates_the_current_schema)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(testutil_int(s, "PRAGMA user_version"), RHEA_SCHEMA_VERSION);
    ck_assert_int_eq(testutil_int(s, "SELECT count(*) FROM sqlite_master WHERE type='table'"), 8);
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
    /* a version 1 database is today's minus the version 2 tables */
    GError *error = NULL;
    rhea_store_close(rhea_store_open(path, &error));
    sqlite3 *db;
    sqlite3_open(path, &db);
    ck_assert_int_eq(sqlite3_exec(db,
                                  "DROP TABLE product_meta; DROP TABLE settings;"
                                  "DROP TABLE product_counts;"
                                  "INSERT INTO products(id, repo_path, ref) VALUES('kept', '/r', "
                                  "'HEAD'); PRAGMA user_version = 1;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq(testutil_int(s, "PRAGMA user_version"), 3);
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

START_TEST(open_restores_the_index_a_killed_bulk_load_left_out)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "r.sqlite", NULL);
    const char *count = "SELECT count(*) FROM sqlite_master WHERE name = 'changes_by_path'";
    GError *error = NULL;
    RheaStore *s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(testutil_int(s, count), 1);
    ck_assert_int_eq(rhea_store_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_bulk_begin(s, &error), 0);
    ck_assert_int_eq(rhea_store_commit(s, &error), 0);
    ck_assert_int_eq(testutil_int(s, count), 0);
    rhea_store_close(s); /* as if killed before rhea_store_bulk_end */
    s = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(testutil_int(s, count), 1);
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
    tcase_add_test(tc, refuses_a_file_that_is_not_sqlite);
    tcase_add_test(tc, refuses_newer_schema_and_foreign_databases);
    tcase_add_test(tc, read_only_location_fails_with_a_message);
    tcase_add_test(tc, change_kind_is_one_of_four_letters);
    tcase_add_test(tc, open_restores_the_index_a_killed_bulk_load_left_out);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
