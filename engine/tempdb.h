/* tempdb.h: temporary databases beside a database, for work that is folded into it later (the
 * products a parallel `rhea study` ingests in child processes, engine/workers.h).
 *
 * A temporary database is named ".BASE.part-PID-XXXXXX" in the folder of BASE, PID being the
 * process that will fold it in: the name says whose it is, and a later run sweeps away those of
 * processes that are gone (a study killed with SIGKILL cannot remove its own). Nothing else is
 * ever removed: only names of that exact shape whose PID is not a running process. */
#pragma once
#include <glib.h>

/* Creates an empty file beside db_path (SQLite takes an empty file as a new database) and returns
 * its path, or NULL with *error set. */
char *rhea_tempdb_create(const char *db_path, GError **error);
/* Removes a database file and its -wal, -shm and -journal files; absent ones are fine. */
void rhea_tempdb_remove(const char *path);
/* Removes the temporary databases beside db_path left by processes that no longer run; returns
 * how many were removed. */
guint rhea_tempdb_sweep(const char *db_path);
