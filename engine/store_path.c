/* store_path.c: see store_path.h. The truncation check reads the 100-byte SQLite header
 * (https://www.sqlite.org/fileformat.html section 1.3): page size at offset 16, the in-header
 * database size in pages at 28, valid when the change counter at 24 equals the one at 92. */
#include "engine/store_path.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/file_map.h"

static int refuse(GError **error, const char *path, const char *why)
{
    g_autofree char *shown = rhea_error_quote(path);
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE, "--db '%s': %s", shown, why);
    return -1;
}

/* 0 when the header is absent (empty file) or consistent with the file's size. */
static int check_header(const char *path, goffset size, GError **error)
{
    if (size == 0)
        return 0; /* a database killed before its schema was written: created again */
    /* pages in a write-ahead log (a writer checkpointing now, or one killed mid-checkpoint) may
     * legitimately lie beyond the main file's end; SQLite replays them. A rollback journal means
     * a writer is committing (it writes page 1, with the new size, before the pages after the
     * old end) or was killed doing so; SQLite rolls that back. */
    g_autofree char *wal = g_strconcat(path, "-wal", NULL);
    g_autofree char *journal = g_strconcat(path, "-journal", NULL);
    struct stat ws;
    if ((stat(wal, &ws) == 0 && ws.st_size > 0) || (stat(journal, &ws) == 0 && ws.st_size > 0))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0; /* unreadable: SQLite says so with the same errno */
    unsigned char h[100];
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n < 16 || memcmp(h, "SQLite format 3", 16) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: not a SQLite database; pass --db with another path", path);
        return -1;
    }
    if (n < sizeof h) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: truncated database (%" G_GOFFSET_FORMAT
                    " bytes, shorter than its header); restore it from a backup, or move it "
                    "away and run rhea analyze again",
                    path, size);
        return -1;
    }
    guint32 page = (guint32)h[16] << 8 | h[17];
    if (page == 1)
        page = 65536;
    guint32 pages = rhea_be32(h + 28);
    if (rhea_be32(h + 24) != rhea_be32(h + 92) || pages == 0)
        return 0; /* size not recorded by this writer: SQLite checks the pages as it reads */
    guint64 want = (guint64)page * pages;
    if ((guint64)size < want) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: truncated database (%" G_GOFFSET_FORMAT " of %" G_GUINT64_FORMAT
                    " bytes); restore it from a backup, or move it away and run rhea analyze "
                    "again",
                    path, size, want);
        return -1;
    }
    return 0;
}

int rhea_store_path_check(const char *path, gboolean writable, GError **error)
{
    g_return_val_if_fail(path != NULL, -1);
    if (!*path)
        return refuse(error, path, "empty path; name a database file, e.g. --db rhea.sqlite");
    if (strcmp(path, ":memory:") == 0 || g_str_has_prefix(path, "file:"))
        return refuse(error, path,
                      "SQLite's in-memory and URI names store nothing rhea can read again; name a "
                      "database file (write ./file:... for a file so named)");
    struct stat st;
    if (stat(path, &st) < 0)
        return 0; /* absent: created by a writer, "no such database" for a reader */
    if (S_ISDIR(st.st_mode)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: is a directory, not a database file; pass --db with a file path", path);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        const char *what = S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                           : S_ISFIFO(st.st_mode)                     ? "a FIFO"
                           : S_ISSOCK(st.st_mode)                     ? "a socket"
                                                                      : "not a regular file";
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                    "%s: is %s, not a database file; pass --db with a regular file path", path,
                    what);
        return -1;
    }
    /* the mode bits, not access(): root may write a 0444 file, but its owner said read-only */
    if (writable && ((st.st_mode & 0222) == 0 || access(path, W_OK) < 0)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: the database file is read-only; make it writable (chmod u+w) or pass "
                    "--db with another path",
                    path);
        return -1;
    }
    /* A short file is taken for truncated only if it stays short: another process creating the
     * same database may have written the header of a commit whose later pages are still on
     * their way (and its journal may come and go between our looks). A truly truncated file
     * fails every look; 20 looks 10 ms apart bound the wait. */
    for (int look = 0;; look++) {
        GError *local = NULL;
        if (check_header(path, (goffset)st.st_size, &local) == 0)
            return 0;
        if (look == 19 || !g_error_matches(local, RHEA_ERROR, RHEA_ERROR_DATABASE) ||
            !strstr(local->message, "truncated database")) {
            g_propagate_error(error, local);
            return -1;
        }
        g_clear_error(&local);
        g_usleep(10000);
        if (stat(path, &st) < 0)
            return 0; /* gone meanwhile: SQLite creates it again */
    }
}

int rhea_store_path_fail(GError **error, const char *path, const char *what, int code,
                         const char *detail)
{
    const char *advice;
    switch (code & 0xff) {
    case SQLITE_CORRUPT:
        advice = "the database file is damaged; restore it from a backup, or move it away and "
                 "run rhea analyze again";
        break;
    case SQLITE_NOTADB:
        advice = "not a SQLite database; pass --db with another path";
        break;
    case SQLITE_IOERR:
        advice = "the file could not be read or written (truncated, on a failing or full disk, "
                 "or removed meanwhile); check `sqlite3 FILE 'PRAGMA integrity_check'` and the "
                 "disk, or pass --db with another path";
        break;
    case SQLITE_FULL:
        advice = "the disk is full; free some space and run again";
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        advice = "rhea may not write the database or its folder (it needs the -wal and -shm "
                 "files beside it); make them writable or pass --db with another path";
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        advice = "database is locked by another process; wait for it to finish and run again";
        break;
    default:
        advice = NULL;
    }
    if (advice)
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE, "%s: %s (%s): %s", path, what,
                    detail ? detail : sqlite3_errstr(code), advice);
    else
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE, "%s: %s: %s", path, what,
                    detail ? detail : sqlite3_errstr(code));
    return -1;
}
