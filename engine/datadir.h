/* datadir.h: where rhea's data files (the catalogs shipped in classifiers/, installed into
 * PREFIX/share/rhea) are found at run time. No source path is compiled in, so an installed rhea
 * and a build tree both work, wherever they sit. The places, in order:
 *  1. $RHEA_DATA_DIR when set and not empty: an override, the only place then looked at;
 *  2. EXEDIR/RHEA_INSTALL_DATA_RELDIR (../../share/rhea), EXEDIR being the folder of the running
 *     executable: the layout `cmake --install` writes (libexec/rhea/rhea-commands, which
 *     bin/rhea runs, and share/rhea/ under the same prefix; cli/launcher.c);
 *  3. an uninstalled build: EXEDIR or its parent is a CMake build folder (holds CMakeCache.txt),
 *     whose rhea_SOURCE_DIR entry names the source tree; the file is looked for in its
 *     classifiers/ folder. */
#pragma once
#include <glib.h>

/* The path of data file name (a base name, "ml-libraries.tsv"). With $RHEA_DATA_DIR set, that
 * folder's file whether or not it exists (the reader reports it). NULL with *error set, naming
 * where it looked and RHEA_DATA_DIR, when no place holds it. */
char *rhea_datadir_find(const char *name, GError **error);
/* The same for an executable at exe (an absolute path), ignoring $RHEA_DATA_DIR; for tests. */
char *rhea_datadir_find_from(const char *exe, const char *name, GError **error);
