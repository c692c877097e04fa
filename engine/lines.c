/* lines.c: see lines.h. */
#include "engine/lines.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"

static int read_failed(GError **error, const char *path, const char *what, int err)
{
    g_set_error(error, RHEA_ERROR, err == ENOENT ? RHEA_ERROR_NOT_FOUND : RHEA_ERROR_FAILED,
                "%s: cannot read the %s (%s)", path, what,
                err == ENOENT ? "no such file" : g_strerror(err));
    return -1;
}

static int too_large(GError **error, const char *path, const char *what, gsize limit)
{
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                "%s: the %s is larger than %" G_GSIZE_FORMAT
                " MiB, rhea's limit for it; check that this is the right file, or split it",
                path, what, limit >> 20);
    return -1;
}

int rhea_lines_read_file(const char *path, gsize limit, const char *what, char **text, gsize *len,
                         GError **error)
{
    *text = NULL;
    *len = 0;
    int fd;
    do
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return read_failed(error, path, what, errno);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int err = errno;
        close(fd);
        return read_failed(error, path, what, err);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s: is a folder; give the path of a %s",
                    path, what);
        return -1;
    }
    if (S_ISREG(st.st_mode) && (guint64)st.st_size > limit) {
        close(fd);
        return too_large(error, path, what, limit);
    }
    GByteArray *buf = g_byte_array_sized_new(S_ISREG(st.st_mode) ? (guint)st.st_size + 1 : 65536);
    guint8 chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            g_byte_array_unref(buf);
            return read_failed(error, path, what, err);
        }
        if (n == 0)
            break;
        if (buf->len + (gsize)n > limit) { /* a device, a FIFO or a file grown meanwhile */
            close(fd);
            g_byte_array_unref(buf);
            return too_large(error, path, what, limit);
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fd);
    *len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *text = (char *)g_byte_array_free(buf, FALSE);
    return 0;
}

int rhea_lines_check_text(const char *text, gsize len, const char *source, const char *what,
                          GError **error)
{
    const char *nul = memchr(text, '\0', len);
    if (!nul)
        return 0;
    guint line = 1;
    for (const char *q = text; q < nul; q++)
        line += *q == '\n';
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: NUL byte: %s", source, line, what);
    return -1;
}

void rhea_lines_init(RheaLines *it, const char *text, gsize len)
{
    it->p = text;
    it->end = text + len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        it->p += 3; /* as Windows editors and spreadsheets write it */
    it->lineno = 0;
    it->line = g_string_new(NULL);
}

char *rhea_lines_next(RheaLines *it)
{
    if (it->p >= it->end)
        return NULL;
    const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
    const char *eol = nl ? nl : it->end;
    gsize n = (gsize)(eol - it->p);
    if (n && it->p[n - 1] == '\r')
        n--;
    g_string_truncate(it->line, 0);
    g_string_append_len(it->line, it->p, (gssize)n);
    it->p = nl ? nl + 1 : it->end;
    it->lineno++;
    return it->line->str;
}

void rhea_lines_clear(RheaLines *it)
{
    if (it->line)
        g_string_free(it->line, TRUE);
    it->line = NULL;
}
