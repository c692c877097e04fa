/* testutil.c: see testutil.h. */
#include "tests/testutil.h"

#include "engine/ingest.h"
#include "engine/repo.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *testutil_tmpdir(void)
{
    GError *error = NULL;
    char *dir = g_dir_make_tmp("rhea-test-XXXXXX", &error);
    ck_assert_msg(dir != NULL, "tmpdir: %s", error ? error->message : "?");
    return dir;
}

void testutil_rmtree(const char *path)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", path);
    ck_assert_int_eq(system(cmd), 0);
}

static sqlite3 *open_reader(const char *path)
{
    sqlite3 *db = NULL;
    ck_assert_msg(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "%s: %s",
                  path, sqlite3_errmsg(db));
    return db;
}

gint64 testutil_int(RheaStore *store, const char *sql)
{
    return testutil_file_int(rhea_store_path(store), sql);
}

gint64 testutil_file_int(const char *path, const char *sql)
{
    sqlite3 *db = open_reader(path);
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no row: %s", sql);
    gint64 v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void testutil_schema_v5(const char *path, const char *more_sql)
{
    g_autofree char *sql = NULL;
    GError *error = NULL;
    ck_assert_msg(g_file_get_contents("tests/data/schema_v6_to_v5.sql", &sql, NULL, &error), "%s",
                  error ? error->message : "");
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
    ck_assert_msg(!more_sql || sqlite3_exec(db, more_sql, NULL, NULL, NULL) == SQLITE_OK, "%s",
                  sqlite3_errmsg(db));
    sqlite3_close(db);
}

char *testutil_text(RheaStore *store, const char *sql)
{
    return testutil_text_file(rhea_store_path(store), sql);
}

char *testutil_text_file(const char *path, const char *sql)
{
    sqlite3 *db = open_reader(path);
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no row: %s", sql);
    const unsigned char *t = sqlite3_column_text(st, 0);
    char *v = t ? g_strdup((const char *)t) : NULL;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

char *testutil_rows(RheaStore *store, const char *sql)
{
    sqlite3 *db = open_reader(rhea_store_path(store));
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(db));
    GString *out = g_string_new(NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (out->len)
            g_string_append_c(out, '\n');
        const unsigned char *t = sqlite3_column_text(st, 0);
        g_string_append(out, t ? (const char *)t : "NULL");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return g_string_free(out, FALSE);
}

int testutil_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

int testutil_main(const char *name, double timeout, const TTest *test, ...)
{
    git_libgit2_init();
    Suite *s = suite_create(name);
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, timeout);
    va_list ap;
    va_start(ap, test);
    for (const TTest *t = test; t; t = va_arg(ap, const TTest *))
        tcase_add_test(tc, t);
    va_end(ap);
    suite_add_tcase(s, tc);
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}

int testutil_exit_unless_tools(int rc, const char *tool, ...)
{
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, tool);
    for (const char *t = tool; t; t = va_arg(ap, const char *)) {
        g_autofree char *found = g_find_program_in_path(t);
        if (!found) {
            printf("SKIP: %s is not installed; the checks that need it did not run\n", t);
            rc = 77;
        }
    }
    va_end(ap);
    return rc;
}

RheaStore *testutil_ingest(const char *dir, const char *product,
                           int (*build)(const char *path, GError **error), const char *rules_text)
{
    GError *error = NULL;
    /* held until the repository is freed: the fixture's own shutdown must not tear libgit2 down
     * under the ingest (its caches would leak) */
    git_libgit2_init();
    g_autofree char *repo_path = g_build_filename(dir, product, NULL);
    g_autofree char *rules_path = g_strconcat(repo_path, ".rules", NULL);
    g_autofree char *db = g_build_filename(dir, "r.sqlite", NULL);
    ck_assert_msg(build(repo_path, &error) == 0, "build: %s", error ? error->message : "?");
    if (rules_text)
        ck_assert(g_file_set_contents(rules_path, rules_text, -1, NULL));
    RheaStore *store = rhea_store_open(db, &error);
    ck_assert_msg(store != NULL, "store: %s", error ? error->message : "?");
    git_repository *repo = rhea_repo_open(repo_path, &error);
    ck_assert_msg(repo != NULL, "repo: %s", error ? error->message : "?");
    RheaIngestOptions o = {.product = product,
                           .repo_path = repo_path,
                           .line_stats = TRUE,
                           .rules_path = rules_text ? rules_path : NULL,
                           .rules_text = rules_text};
    RheaIngestStats st;
    ck_assert_msg(rhea_ingest_run(store, repo, &o, &st, &error) == 0, "ingest: %s",
                  error ? error->message : "?");
    git_repository_free(repo);
    git_libgit2_shutdown();
    return store;
}

git_oid testutil_commit(git_repository *repo, const char *message, git_time_t when,
                        const git_oid *parents, guint np)
{
    git_signature *sig = NULL;
    ck_assert_int_eq(git_signature_new(&sig, "A", "a@x", when, 0), 0);
    git_treebuilder *tb = NULL;
    git_oid tree_id, blob_id, id;
    ck_assert_int_eq(git_blob_create_from_buffer(&blob_id, repo, message, strlen(message)), 0);
    ck_assert_int_eq(git_treebuilder_new(&tb, repo, NULL), 0);
    ck_assert_int_eq(git_treebuilder_insert(NULL, tb, "f", &blob_id, GIT_FILEMODE_BLOB), 0);
    ck_assert_int_eq(git_treebuilder_write(&tree_id, tb), 0);
    git_treebuilder_free(tb);
    git_tree *tree = NULL;
    ck_assert_int_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
    g_autofree const git_commit **pc = g_new0(const git_commit *, np ? np : 1);
    for (guint i = 0; i < np; i++)
        ck_assert_int_eq(git_commit_lookup((git_commit **)&pc[i], repo, &parents[i]), 0);
    ck_assert_int_eq(git_commit_create(&id, repo, NULL, sig, sig, NULL, message, tree, np, pc), 0);
    for (guint i = 0; i < np; i++)
        git_commit_free((git_commit *)pc[i]);
    git_tree_free(tree);
    git_signature_free(sig);
    return id;
}
