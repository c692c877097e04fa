/* testutil.h: helpers the unit tests share: temporary folders and one-value SQL queries.
 *
 * The queries run on a connection of their own to the store's file, opened read-only for the one
 * query: the store hands out no SQL handle, and reading the file as another process would checks
 * what was committed, not what one connection sees. */
#pragma once
#include <glib.h>
#include <check.h>
#include <git2.h>
#include <sqlite3.h>

#include "engine/store.h"

/* A new empty folder under the system's temporary folder; removed by testutil_rmtree. */
char *testutil_tmpdir(void);
void testutil_rmtree(const char *path);
/* The single integer a query returns (the test fails when it returns no row). */
gint64 testutil_int(RheaStore *store, const char *sql);
/* The same on any SQLite file. */
gint64 testutil_file_int(const char *path, const char *sql);
/* Gives the database at path (closed) schema version 5's shape, its rows kept, with
 * tests/data/schema_v6_to_v5.sql (the tests run from the source folder), then runs more_sql
 * (NULL: none). The test fails when either fails. */
void testutil_schema_v5(const char *path, const char *more_sql);
/* The single text a query returns, newly allocated (NULL for SQL NULL). */
char *testutil_text(RheaStore *store, const char *sql);
/* The same on any SQLite file. */
char *testutil_text_file(const char *path, const char *sql);
/* Every row of a one-column query, joined with '\n'. */
char *testutil_rows(RheaStore *store, const char *sql);
/* Runs the suite and returns the number of failed tests (0: the test executable succeeds). */
int testutil_run(Suite *s);
/* The whole main() of a test of one suite with one case, both called name: the NULL-terminated
 * tests (START_TEST names), each given timeout seconds, run with libgit2 held initialised;
 * returns testutil_run's exit code. */
int testutil_main(const char *name, double timeout, const TTest *test, ...) G_GNUC_NULL_TERMINATED;
/* The exit code of a test some of whose checks need tools: rc when a check failed, else 77
 * (ctest's SKIP_RETURN_CODE: shown as skipped) when a tool of the NULL-terminated list is not on
 * PATH, else 0. */
int testutil_exit_unless_tools(int rc, const char *tool, ...) G_GNUC_NULL_TERMINATED;
/* A new store dir/r.sqlite holding the repository build writes at dir/NAME, ingested as product
 * with line stats and, when rules_text is not NULL, that rules file (written to dir/NAME.rules)
 * recorded with it. The test fails when any step does. */
RheaStore *testutil_ingest(const char *dir, const char *product,
                           int (*build)(const char *path, GError **error), const char *rules_text);
/* Writes a commit of repo with parents (np of them), at time when, by A <a@x>: one file "f"
 * holding message, which is also the commit's message. Returns its id; the test fails when a step
 * does. */
git_oid testutil_commit(git_repository *repo, const char *message, git_time_t when,
                        const git_oid *parents, guint np);
