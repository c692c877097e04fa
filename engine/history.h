/* history.h: the commits to read, parents before children. */
#pragma once
#include <git2.h>
#include <glib.h>

/* The boundary commits of a shallow clone (set of git_oid*), empty for a complete repository. git
 * shows them as root commits, and so does rhea. */
GHashTable *rhea_history_shallow(git_repository *repo);

/* Whether the walk stops at commit hex (already stored): 1 stop, 0 go on, -1 error (*error set). */
typedef int (*RheaHistoryStopFn)(const char *hex, void *ctx, GError **error);

/* A RheaHistoryStopFn for a set of hex ids (ctx: GHashTable of char*). */
int rhea_history_stop_in_set(const char *hex, void *ctx, GError **error);

/* Returns the ids (git_oid) of the commits reachable from tip, each after all of its parents, not
 * descending into commits where stop (may be NULL) says so; asked once per commit visited, so a
 * walk that stops early costs what it visits, not the history's length. When reached is non-NULL
 * it receives the set of stop commits the walk ran into. Commits in shallow (from
 * rhea_history_shallow) are treated as roots. Without stop, parents come from the repository's
 * commit-graph file when it has a valid one (engine/commit_graph.h), else in part from a second
 * thread reading the pack's commits from the other end (engine/walk_ahead.h), joined before this
 * returns. NULL with *error set when a commit cannot be read. */
GArray *rhea_history_walk(git_repository *repo, const git_oid *tip, GHashTable *shallow,
                          RheaHistoryStopFn stop, void *stop_ctx, GHashTable **reached,
                          GError **error);
