/* commitset.h: a product's commits in a window, with their labeled files, loaded once for the
 * metrics (docs/metrics.md, "Window and transactions"). */
#pragma once
#include <glib.h>

#include "classifiers/labeling.h"
#include "engine/store.h"
#include "metrics/window.h"

typedef struct {
    gint64 pid;
    RheaLabel label;       /* RHEA_LABEL_ML or RHEA_LABEL_NONML: excluded files are dropped */
    char kind;             /* 'A', 'M', 'D' or 'T' */
    gint64 added, removed; /* -1 without line stats */
} RheaFileChange;

typedef struct {
    gint64 cid;
    gint64 time; /* committer time, Unix seconds */
    gboolean merge;
    const char *name, *email; /* author after .mailmap */
    guint first, n;           /* this commit's files: changes[first .. first + n) */
    guint n_ml, n_nonml;
} RheaCommitRec;

typedef struct {
    char *product;
    GArray *commits; /* RheaCommitRec, by committer time */
    GArray *changes; /* RheaFileChange */
    GStringChunk *strings;
    gboolean line_stats;
} RheaCommitSet;

RheaCommitSet *rhea_commitset_load(RheaStore *store, const char *product, const RheaWindow *window,
                                   const RheaLabeling *labels, GError **error);
/* rhea_commitset_load in two steps: the read keeps every change (label RHEA_LABEL_EXCLUDE, commits'
 * n counting them all, n_ml and n_nonml 0); the labeling labels them, drops the excluded ones and
 * counts the sides. A set is used only once labeled. */
RheaCommitSet *rhea_commitset_read(RheaStore *store, const char *product, const RheaWindow *window,
                                   GError **error);
void rhea_commitset_label(RheaCommitSet *set, const RheaLabeling *labels);
void rhea_commitset_free(RheaCommitSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaCommitSet, rhea_commitset_free)

/* A transaction: a non-merge commit left with at least one file once excluded files are dropped,
 * and at most max_files files (0: no limit). */
gboolean rhea_commit_is_transaction(const RheaCommitRec *c, guint max_files);
