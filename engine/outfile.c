/* outfile.c: see outfile.h. The decision is taken once on stat(PATH) (symlinks followed); the
 * temporary file lives beside the file it replaces so that rename() stays in one file system. */
#include "engine/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"

static int fail(GError **error, const char *path, int err)
{
    const char *hint = err == ENOSPC || err == EFBIG || err == EDQUOT
                           ? "free some space or choose another output path"
                       : err == ENOENT ? "create its folder first or choose another output path"
                                       : "check the path and its folder's permissions";
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot write %s: %s; %s", path,
                g_strerror(err), hint);
    return -1;
}

static int write_all(int fd, const char *p, gsize len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (gsize)n;
    }
    return 0;
}

/* The shell's `>`: open (creating when absent), truncate, write. */
static int write_in_place(const char *path, const char *data, gsize len, GError **error)
{
    int fd;
    do
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return fail(error, path, errno);
    if (write_all(fd, data, len) < 0) {
        int err = errno;
        close(fd);
        return fail(error, path, err);
    }
    if (close(fd) < 0 && errno != EINTR)
        return fail(error, path, errno);
    return 0;
}

static mode_t current_umask(void)
{
    mode_t m = umask(022);
    umask(m);
    return m;
}

/* Writes a temporary file beside PATH with mode and owner, then renames it over PATH.
 * Returns 1 when the temporary file cannot be made as asked (the caller writes in place). */
static int write_replacing(const char *path, const char *shown, const char *data, gsize len,
                           mode_t mode, uid_t uid, gid_t gid, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.rhea-XXXXXX", dir, base);
    int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        return 1;
    if ((uid != getuid() || gid != getgid()) && fchown(fd, uid, gid) < 0) {
        close(fd);
        unlink(tmpl);
        return 1;
    }
    int err = 0;
    if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0)
        err = errno;
    if (close(fd) < 0 && !err && errno != EINTR)
        err = errno;
    if (!err && rename(tmpl, path) < 0)
        err = errno;
    if (err) {
        unlink(tmpl);
        return fail(error, shown, err);
    }
    return 0;
}

int rhea_outfile_write(const char *path, const void *data, gsize len, GError **error)
{
    g_return_val_if_fail(path && *path, -1);
    struct stat st;
    if (stat(path, &st) < 0) {
        if (errno != ENOENT)
            return fail(error, path, errno);
        struct stat lst;
        if (lstat(path, &lst) == 0) /* a dangling symlink: `>` creates its target */
            return write_in_place(path, data, len, error);
        int rc = write_replacing(path, path, data, len, 0666 & ~current_umask(), getuid(), getgid(),
                                 error);
        return rc > 0 ? write_in_place(path, data, len, error) : rc;
    }
    if (S_ISDIR(st.st_mode)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "cannot write %s: it is a folder; name a file inside it", path);
        return -1;
    }
    if (S_ISSOCK(st.st_mode)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "cannot write %s: it is a socket; name a file instead", path);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || st.st_nlink > 1)
        return write_in_place(path, data, len, error);
    /* rename() acts on the link itself: replace the file a symlink names, not the link */
    g_autofree char *target = realpath(path, NULL);
    if (!target)
        return fail(error, path, errno);
    if (access(target, W_OK) < 0) /* `>` refuses a file it may not write; so does rhea */
        return fail(error, path, errno);
    int rc =
        write_replacing(target, path, data, len, st.st_mode & 07777, st.st_uid, st.st_gid, error);
    return rc > 0 ? write_in_place(target, data, len, error) : rc;
}
