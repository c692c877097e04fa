/* commit_graph.h: the parents of commits from the repository's commit-graph file, when it has
 * one, so that the history walk does not inflate every commit to learn them (git log does the
 * same; `git gc` writes the file).
 *
 * Format (git's Documentation/gitformat-commit-graph.txt, version 1, SHA-1): "CGPH", version 1,
 * hash version 1, the number of chunks, the number of base graphs (0 here: a split graph's chain
 * is not read); a table of (id, offset) per chunk and a terminating one; then the chunks OIDF
 * (256 cumulative counts by first byte), OIDL (the sorted ids), CDAT (per commit: its tree, its
 * first two parents as positions, a date and a generation) and EDGE (the third and later parents
 * of octopus merges); last the SHA-1 of everything before it.
 *
 * The file is checked whole when opened: its checksum, every chunk's place and size, the fan-out
 * and the order of the ids, every parent position. A file that fails any check is not used, and
 * the walk reads the packs as before. A commit the file does not list (written after it) is
 * read from the packs too. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct RheaCommitGraph RheaCommitGraph;

/* The repository's objects/info/commit-graph, mapped and checked; NULL when there is none, or
 * when it is a split graph's chain, or fails a check. */
RheaCommitGraph *rhea_commit_graph_open(git_repository *repo);
void rhea_commit_graph_free(RheaCommitGraph *graph);

/* Appends the parents of commit id to parents (of git_oid), in order: 1 when the file lists the
 * commit, 0 when it does not (parents unchanged). */
int rhea_commit_graph_parents(const RheaCommitGraph *graph, const git_oid *id, GArray *parents);
