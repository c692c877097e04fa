/* silo.h: how much knowing a commit's author tells about the side it touches (ML only, non-ML
 * only, both): normalized mutual information with a permutation null in which authors are
 * shuffled across commits (docs/metrics.md, "Silos"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"
#include "metrics/contributors.h"

typedef enum { RHEA_SIDE_ML = 0, RHEA_SIDE_NONML = 1, RHEA_SIDE_BOTH = 2 } RheaSide;
#define RHEA_SIDE_COUNT 3

typedef struct {
    guint commits; /* commits with a side (touching ML or non-ML code) */
    guint people;  /* distinct authors among them */
    double mi;     /* mutual information I(author; side), nats */
    double h_side; /* entropy of the side, nats */
    double nmi;    /* mi / h_side; NAN when h_side = 0 (every commit on one side) or one person */
    guint permutations; /* author shuffles run (0: none) */
    double p_value;     /* (1 + #{nmi' >= nmi}) / (1 + permutations); NAN without a null */
} RheaSiloFigure;

typedef struct {
    RheaSiloFigure all;  /* every counted commit */
    RheaSiloFigure core; /* commits by core contributors only */
    guint64 seed;
} RheaSilo;

/* The commit's side, or -1 when it touches neither side. */
int rhea_silo_side(const RheaCommitRec *c);

/* The figure over n commits: person[i] < n_people and side[i] < RHEA_SIDE_COUNT. The null model
 * shuffles person[] (a copy) with GSL's MT19937 seeded with seed. */
void rhea_silo_measure(const guint *person, const guint *side, guint n, guint n_people,
                       guint permutations, guint64 seed, RheaSiloFigure *out);

/* Both figures for a product: commits the contributors counted (c->person_of), with a side. */
void rhea_silo_compute(const RheaCommitSet *set, const RheaContributors *c, guint permutations,
                       guint64 seed, RheaSilo *out);
