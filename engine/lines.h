/* lines.h: the lines of a text file held in memory, as every rhea parser (rules, manifests,
 * catalogs, backgrounds) reads them: a UTF-8 byte order mark skipped, "\n" or "\r\n" line ends,
 * and a NUL byte an error naming its line. Lines are found with memchr: g_strsplit's strstr is
 * quadratic under ASan's interceptor for a file of a million lines. */
#pragma once
#include <glib.h>

/* The size limit of every input file rhea reads (rules, manifests, backgrounds, catalogs, a
 * repository's shallow list): 64 MiB, thousands of times the largest real one, and small enough
 * that /dev/zero or a wrong file stops at once (docs/reliability.md, "Bounded input"). */
#define RHEA_INPUT_MAX ((gsize)64 << 20)

/* Reads the file at PATH, at most limit bytes, into *text (NUL-terminated, *len without the NUL)
 * in bounded memory: a regular file larger than limit is refused before it is read, anything else
 * (a device, a FIFO) is read until limit + 1 bytes. Errors: "PATH: cannot read the WHAT (REASON)"
 * (RHEA_ERROR_NOT_FOUND when absent), "PATH: is a folder; ...", and "PATH: the WHAT is larger than
 * 64 MiB, rhea's limit; ..." (RHEA_ERROR_INVALID). */
int rhea_lines_read_file(const char *path, gsize limit, const char *what, char **text, gsize *len,
                         GError **error);

typedef struct {
    const char *p, *end;
    guint lineno; /* 1-based number of the line rhea_lines_next returned last */
    GString *line;
} RheaLines;

/* Fails with "SOURCE:N: NUL byte: WHAT" when text holds a NUL byte, N being its line. */
int rhea_lines_check_text(const char *text, gsize len, const char *source, const char *what,
                          GError **error);
void rhea_lines_init(RheaLines *it, const char *text, gsize len);
/* The next line without its end, NUL-terminated, owned by the iterator until the next call;
 * NULL after the last line. */
char *rhea_lines_next(RheaLines *it);
void rhea_lines_clear(RheaLines *it);
/* g_auto(RheaLines) lines = {0}; frees the line buffer on every way out. */
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RheaLines, rhea_lines_clear)
