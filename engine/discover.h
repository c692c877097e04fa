/* discover.h: finding the git repositories under folders (rhea scan DIR...).
 *
 * A folder is a repository when it holds `.git` (a folder, or a file pointing elsewhere, as
 * worktrees and submodules have) or is itself a bare repository (HEAD, objects/ and refs/). A
 * repository's folder is not searched further (its objects, work tree and nested copies are the
 * repository's own). Symbolic links are never followed, so the search stays under the folders
 * given; unreadable folders are reported, never fatal. The walk is iterative (no recursion depth
 * limit) and the result sorted, so a scan's order does not depend on the file system's. */
#pragma once
#include <glib.h>

typedef struct {
    GPtrArray *repositories; /* char *, paths as found under the roots, sorted */
    GPtrArray *problems;     /* char *, "PATH: why", folders that could not be read */
} RheaDiscovery;

/* Fails only when a root itself is not a folder. */
RheaDiscovery *rhea_discover_repositories(const char *const *roots, guint n_roots, GError **error);
void rhea_discovery_free(RheaDiscovery *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaDiscovery, rhea_discovery_free)
