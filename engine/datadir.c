/* datadir.c: see datadir.h. The build folder's CMakeCache.txt is read in bounded memory (a cache
 * larger than 4 MiB is not CMake's) with the one line reader. */
#include "engine/datadir.h"

#include <glib/gstdio.h>
#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"

#define CACHE_MAX (4 << 20)
#define SOURCE_KEY "rhea_SOURCE_DIR:STATIC="

/* The source tree named by build/CMakeCache.txt, or NULL. */
static char *source_dir_of_build(const char *build)
{
    g_autofree char *cache = g_build_filename(build, "CMakeCache.txt", NULL);
    GStatBuf st;
    if (g_stat(cache, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CACHE_MAX)
        return NULL;
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(cache, &text, &len, NULL))
        return NULL;
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    for (char *line; (line = rhea_lines_next(&lines));)
        if (g_str_has_prefix(line, SOURCE_KEY) && line[strlen(SOURCE_KEY)])
            return g_strdup(line + strlen(SOURCE_KEY));
    return NULL;
}

static char *existing(char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return path;
    g_free(path);
    return NULL;
}

char *rhea_datadir_find_from(const char *exe, const char *name, GError **error)
{
    g_autofree char *exedir = g_path_get_dirname(exe);
    /* lexically, so the message names P/share/rhea */
    g_autofree char *installed = g_canonicalize_filename(RHEA_INSTALL_DATA_RELDIR, exedir);
    char *path = existing(g_build_filename(installed, name, NULL));
    if (path)
        return path;
    g_autofree char *parent = g_path_get_dirname(exedir);
    const char *builds[] = {exedir, parent};
    for (size_t i = 0; i < G_N_ELEMENTS(builds); i++) {
        g_autofree char *src = source_dir_of_build(builds[i]);
        if (src && (path = existing(g_build_filename(src, "classifiers", name, NULL))))
            return path;
    }
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                "%s: rhea's data file is neither in %s nor in a source tree of this build; set "
                "RHEA_DATA_DIR to the folder holding it (share/rhea of the installation)",
                name, installed);
    return NULL;
}

char *rhea_datadir_find(const char *name, GError **error)
{
    const char *dir = g_getenv("RHEA_DATA_DIR");
    if (dir && *dir)
        return g_build_filename(dir, name, NULL);
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (!exe) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: cannot find rhea's data files (/proc/self/exe is unreadable); set "
                    "RHEA_DATA_DIR to the folder holding them (share/rhea of the installation)",
                    name);
        return NULL;
    }
    return rhea_datadir_find_from(exe, name, error);
}
