/* error.c: the RHEA_ERROR domain and the libgit2 error bridge. */
#include "engine/error.h"

#include <git2.h>

G_DEFINE_QUARK(rhea - error - quark, rhea_error)

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
