/* truckfactor.h: the truck factor of Avelino et al. (ICPC 2016): degree of authorship per file
 * and author, then the fewest top authors whose leaving orphans more than half the files
 * (docs/metrics.md, "Truck factor"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"
#include "metrics/contributors.h"

#define RHEA_DOA_BASE 3.293
#define RHEA_DOA_FA 1.098
#define RHEA_DOA_DL 0.164
#define RHEA_DOA_AC 0.321
#define RHEA_DOA_NORMALIZED_MIN 0.75

typedef struct {
    guint files;           /* files alive at the end of the history (ML and non-ML) */
    guint orphan_at_start; /* files without any author before anyone leaves */
    guint truck_factor;    /* authors removed */
    GPtrArray *authors;    /* their names (char *), in the order removed */
    GArray *author_files;  /* guint: files each removed author was an author of */
    double coverage_after; /* share of files still with an author after the removals */
} RheaTruckFactor;

/* DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC). */
double rhea_doa(gboolean first_author, guint deliveries, guint others);

/* set: the product's history up to the end of the window (no start); c: its contributors over
 * the same set (bots are nobody's authors); kinds: rhea_store_change_kinds over the same history,
 * or NULL to take each change's kind from the set (RheaFileChange.kind, the same stored value).
 * A file counts when its last change is not a deletion. */
RheaTruckFactor *rhea_truckfactor_compute(const RheaCommitSet *set, const RheaContributors *c,
                                          const GArray *kinds);
void rhea_truckfactor_free(RheaTruckFactor *tf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaTruckFactor, rhea_truckfactor_free)
