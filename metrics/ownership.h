/* ownership.h: who owns each file (the share of its commits by its main author, as Code Maat's
 * main-dev by revisions) and, per side, whether the ML side has owners the non-ML side lacks
 * (docs/metrics.md, "Ownership"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"
#include "metrics/contributors.h"

typedef struct {
    gint64 pid;
    RheaLabel label;   /* ML or non-ML */
    guint commits;     /* counted commits changing the file */
    guint main_author; /* index into the contributors' all */
    guint main_commits;
    double ownership; /* main_commits / commits */
} RheaFileOwner;

typedef struct {
    guint files;
    double mean_ownership;  /* NAN without files */
    guint owners;           /* distinct main authors */
    guint exclusive_owners; /* main authors of a file here and of none on the other side */
    guint exclusive_files;  /* files here whose main author owns none on the other side */
} RheaSideOwnership;

typedef struct {
    GArray *files; /* RheaFileOwner, in order of first change */
    RheaSideOwnership ml, nonml;
} RheaOwnership;

/* Over the commits c counted (bots out), ML and non-ML files changed in the window. The main
 * author is the one with most commits to the file; ties go to the earlier in c->all. */
RheaOwnership *rhea_ownership_compute(const RheaCommitSet *set, const RheaContributors *c);
void rhea_ownership_free(RheaOwnership *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaOwnership, rhea_ownership_free)
