/* build_id.c: see build_id.h. */
#include "engine/build_id.h"

#include <git2.h>
#include <glib.h>

#include "rhea_build_id.h"
#include "rhea_version.h"

const char *rhea_build_id(void)
{
    static char *id;
    if (g_once_init_enter(&id)) {
        int major = 0, minor = 0, rev = 0;
        git_libgit2_version(&major, &minor, &rev);
        char *made = g_strdup_printf("%s+%s libgit2 %d.%d.%d glib %u.%u.%u", RHEA_VERSION,
                                     RHEA_SOURCE_SHA256, major, minor, rev, glib_major_version,
                                     glib_minor_version, glib_micro_version);
        g_once_init_leave(&id, made);
    }
    return id;
}
