/* treediff.h: the paths that differ between two trees, as git log --name-only --no-renames lists
 * them. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef enum {
    RHEA_CHANGE_ADDED = 'A',
    RHEA_CHANGE_MODIFIED = 'M',
    RHEA_CHANGE_DELETED = 'D',
    RHEA_CHANGE_TYPE = 'T', /* regular file <-> symlink <-> gitlink */
} RheaChangeKind;

typedef struct {
    const char *path; /* full path from the root, valid only during the callback */
    size_t path_len;
    RheaChangeKind kind;
    const git_oid *old_id; /* NULL when added */
    const git_oid *new_id; /* NULL when deleted */
    git_filemode_t old_mode, new_mode;
} RheaChange;

/* Returns 0 to go on, non-zero to stop the walk (that value is returned by rhea_treediff_walk). */
typedef int (*RheaChangeFn)(const RheaChange *change, void *payload);

/* Calls fn for every path that differs between old_tree and new_tree (either may be NULL for the
 * empty tree), in git's path order. Subtrees whose ids are equal are skipped without loading them.
 * Returns 0, the callback's non-zero value, or -1 with *error set (a subtree could not be read). */
int rhea_treediff_walk(git_repository *repo, git_tree *old_tree, git_tree *new_tree,
                       RheaChangeFn fn, void *payload, GError **error);
