/* store_path.h: what `--db PATH` may name, and what a database failure means to the user.
 *
 * rhea keeps its data in one SQLite file, so PATH must be a file path: the empty string,
 * SQLite's ":memory:" and "file:" URIs (which store nothing, or somewhere else), folders,
 * devices, FIFOs and sockets are refused before SQLite sees them, each with the fix. A file whose
 * header promises more pages than it holds is reported as truncated. SQLite's own failures
 * (malformed, disk I/O error, read-only, full) are turned into one line saying what is wrong and
 * what to do. */
#pragma once
#include <glib.h>

/* Checks PATH before it is opened, for writing (analyze, study) or reading (the rest). */
int rhea_store_path_check(const char *path, gboolean writable, GError **error);
/* Sets *error to "PATH: WHAT: what is wrong; what to do" for SQLite result code CODE (primary or
 * extended) and SQLite's message DETAIL. Returns -1. */
int rhea_store_path_fail(GError **error, const char *path, const char *what, int code,
                         const char *detail);
