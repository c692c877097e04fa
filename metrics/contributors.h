/* contributors.h: commits per person, core contributors (the shortest prefix reaching the
 * threshold share of commits), and who touches ML and non-ML code (docs/metrics.md,
 * "Contributors"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"

typedef struct {
    double threshold;        /* 0.8 in the paper */
    gboolean include_merges; /* count merge commits too */
    gboolean include_bots;   /* keep bots in every count */
    gboolean merge_by_name;  /* join identities by normalized name as well as email */
    GPtrArray *bot_patterns; /* extra GRegex* (case-insensitive) matched on name and email */
    GHashTable *backgrounds; /* lower-cased email -> background, or NULL (backgrounds.h) */
} RheaContributorOptions;

typedef struct {
    char *name;
    GPtrArray *emails; /* lower-cased, sorted */
    guint commits;
    double share;
    guint ml_commits, nonml_commits, both_commits;
    gint64 ml_lines, nonml_lines; /* lines added + removed; -1 without line stats */
    const char *background;       /* from the backgrounds file, or NULL */
    gboolean core;
    guint key; /* the identity resolver's number for this person (internal) */
} RheaContributor;

typedef struct {
    guint commits;     /* counted commits (bots left out unless included) */
    guint bot_commits; /* commits left out as bots */
    double threshold;
    guint core;        /* the first `core` entries of all are the core contributors */
    GArray *all;       /* RheaContributor, by commits descending, ties by name */
    GArray *person_of; /* gint per commit of the set: index into all, -1 when not counted */
    gboolean line_stats;
} RheaContributors;

void rhea_contributor_options_init(RheaContributorOptions *o);
RheaContributors *rhea_contributors_compute(const RheaCommitSet *set,
                                            const RheaContributorOptions *opts);
void rhea_contributors_free(RheaContributors *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaContributors, rhea_contributors_free)

/* Is this identity a bot (built-in patterns or extra)? */
gboolean rhea_contributor_is_bot(const char *name, const char *email, GPtrArray *extra);
/* Core count: the shortest prefix of counts (sorted descending) reaching threshold * total. */
guint rhea_contributors_core_size(const guint *sorted_counts, guint n, double threshold);
