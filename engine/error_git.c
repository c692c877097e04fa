/* error_git.c: libgit2's last error into a GError. A file of its own: a program that reads no
 * repository (rhea-metrics, cli/launcher.c) links error.c without linking libgit2. */
#include "engine/error.h"

#include <git2.h>

int rhea_error_git(GError **error, const char *what, ...)
{
    va_list ap;
    va_start(ap, what);
    g_autofree char *prefix = g_strdup_vprintf(what, ap);
    va_end(ap);
    const git_error *e = git_error_last();
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_GIT, "%s: %s", prefix,
                e && e->message ? e->message : "unknown libgit2 error");
    return -1;
}
