/* testutil.h: helpers the unit tests share: temporary folders and one-value SQL queries. */
#pragma once
#include <glib.h>
#include <check.h>
#include <sqlite3.h>

/* A new empty folder under the system's temporary folder; removed by testutil_rmtree. */
char *testutil_tmpdir(void);
void testutil_rmtree(const char *path);
/* The single integer a query returns (the test fails when it returns no row). */
gint64 testutil_int(sqlite3 *db, const char *sql);
/* The single text a query returns, newly allocated (NULL for SQL NULL). */
char *testutil_text(sqlite3 *db, const char *sql);
/* Every row of a one-column query, joined with '\n'. */
char *testutil_rows(sqlite3 *db, const char *sql);
/* Runs the suite and returns the number of failed tests (0: the test executable succeeds). */
int testutil_run(Suite *s);
