/* tempdb.c: temporary databases beside a database (tempdb.h). */
#include "engine/tempdb.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "engine/error.h"

char *rhea_tempdb_create(const char *db_path, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(db_path);
    g_autofree char *base = g_path_get_basename(db_path);
    char *tmpl = g_strdup_printf("%s/.%s.part-%ld-XXXXXX", dir, base, (long)getpid());
    int fd = g_mkstemp(tmpl);
    if (fd < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: cannot create a temporary database beside the database (%s); use a "
                    "writable folder for --db or run with -j 1",
                    dir, g_strerror(errno));
        g_free(tmpl);
        return NULL;
    }
    close(fd);
    return tmpl;
}

void rhea_tempdb_remove(const char *path)
{
    static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *aux = g_strconcat(path, suffixes[i], NULL);
        g_unlink(aux);
    }
    g_unlink(path);
}

/* The PID of NAME when it is "PREFIX<digits>-XXXXXX" with six characters of g_mkstemp, and
 * nothing after them but a -wal, -shm or -journal suffix; 0 otherwise. */
static long owner_of(const char *name, const char *prefix, gboolean *aux)
{
    size_t plen = strlen(prefix);
    if (strncmp(name, prefix, plen) != 0)
        return 0;
    const char *p = name + plen;
    long pid = 0;
    for (; *p >= '0' && *p <= '9' && pid < 100000000; p++)
        pid = pid * 10 + (*p - '0');
    if (p == name + plen || *p != '-')
        return 0;
    const char *rest = p + 1;
    if (strlen(rest) < 6)
        return 0;
    for (int i = 0; i < 6; i++)
        if (!g_ascii_isalnum(rest[i]))
            return 0;
    const char *tail = rest + 6;
    *aux = *tail != '\0';
    if (*aux && strcmp(tail, "-wal") != 0 && strcmp(tail, "-shm") != 0 &&
        strcmp(tail, "-journal") != 0)
        return 0;
    return pid;
}

guint rhea_tempdb_sweep(const char *db_path)
{
    g_autofree char *dir = g_path_get_dirname(db_path);
    g_autofree char *base = g_path_get_basename(db_path);
    g_autofree char *prefix = g_strdup_printf(".%s.part-", base);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return 0;
    guint removed = 0;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        gboolean aux = FALSE;
        long pid = owner_of(name, prefix, &aux);
        if (pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        g_autofree char *path = g_build_filename(dir, name, NULL);
        if (g_unlink(path) == 0 && !aux)
            removed++;
    }
    g_dir_close(d);
    return removed;
}
