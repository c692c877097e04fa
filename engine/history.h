/* history.h: the commits to read, parents before children. */
#pragma once
#include <git2.h>
#include <glib.h>

/* The boundary commits of a shallow clone (set of git_oid*), empty for a complete repository. git
 * shows them as root commits, and so does rhea. */
GHashTable *rhea_history_shallow(git_repository *repo);

/* Returns the ids (git_oid) of the commits reachable from tip, each after all of its parents, not
 * descending into commits whose hex id is in stop (may be NULL). When reached is non-NULL it
 * receives the set of stop commits the walk ran into. Commits in shallow (from
 * rhea_history_shallow) are treated as roots. NULL with *error set when a commit cannot be read. */
GArray *rhea_history_walk(git_repository *repo, const git_oid *tip, GHashTable *shallow,
                          GHashTable *stop, GHashTable **reached, GError **error);
