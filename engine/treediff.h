/* treediff.h: the paths that differ between two trees, as git log --name-only --no-renames lists
 * them. */
#pragma once
#include <git2.h>
#include <glib.h>

#include "engine/tree_reader.h"

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

/* Calls fn for every path that differs between the trees old_tree and new_tree (ids; either may be
 * NULL for the empty tree), in git's path order, reading trees through reader. Subtrees whose ids
 * are equal are skipped without loading them. Returns 0, the callback's non-zero value, or -1 with
 * *error set (a tree could not be read or is malformed). The ids in a RheaChange point into tree
 * bytes that stay valid until the second rhea_tree_reader_next_commit. */
int rhea_treediff_walk(RheaTreeReader *reader, const git_oid *old_tree, const git_oid *new_tree,
                       RheaChangeFn fn, void *payload, GError **error);
