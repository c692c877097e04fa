/* walk_ahead.h: commits' parents read ahead of the history walk, by a second thread.
 *
 * The walk (engine/history.c) needs a commit's parents before it can go on, and without a
 * commit-graph that means inflating every commit, one after another: 85 M of the 103 M
 * instructions of Audiveris' walk (6,031 commits), while the second core waits for the worker
 * process, which is forked after the walk. git writes a pack's commits first, newest first; a
 * thread reads them from the last one back, and whichever of the two comes to a commit first
 * claims it: the walk takes the thread's parents when the thread was there first, and the thread
 * skips the commits the walk has claimed. (The walk goes down first parents to the root before it
 * turns to the branches, so it meets the thread early; the two then share what is left.) On
 * Audiveris the thread reads about half the commits and the walk takes 22 ms instead of 29 ms.
 *
 * Only the pack holding most objects is read ahead, and only its commits stored whole before the
 * first tree or blob stored whole: a pack written by libgit2, which mixes commits with their
 * trees, gives the thread little to do. The parents come from the same stored header the walk
 * reads (engine/commit_header.h), so the walk's result is the same either way. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct RheaWalkAhead RheaWalkAhead;

/* Starts the thread; NULL when there is no second processor or no pack. */
RheaWalkAhead *rhea_walk_ahead_start(git_repository *repo);

/* For tests: every commit of the pack read on the calling thread before this returns (NULL when
 * there is no pack). */
RheaWalkAhead *rhea_walk_ahead_read_all(git_repository *repo);

/* TRUE with the parents of commit id appended to parents when the thread has read them. FALSE
 * when it has not, or not yet, or cannot (more than two parents, a commit it could not parse):
 * the caller reads them itself, and the thread will not. */
gboolean rhea_walk_ahead_parents(RheaWalkAhead *ahead, const git_oid *id, GArray *parents);

/* Stops the thread, waits for it and frees everything; NULL is fine. */
void rhea_walk_ahead_stop(RheaWalkAhead *ahead);

/* For tests and profiles: the commits whose parents the thread read, and how many of them the
 * walk took. Read after the walk. */
void rhea_walk_ahead_counts(const RheaWalkAhead *ahead, guint *read, guint *taken);
