/* parts_coupling.h: ECI and RCI between two parts of a product, and between every pair of parts,
 * with the same null model and interval as ML vs non-ML (docs/metrics.md, "Parts"). */
#pragma once
#include <glib.h>

#include "classifiers/labeling.h"
#include "classifiers/parts.h"
#include "metrics/coupling.h"
#include "metrics/transactions.h"

/* pid (gint64 *) -> 1 for files of part a, 2 for part b, for every path of the labeling. With
 * parts NULL, the parts are the labels: "ml" and "nonml". Newly allocated. */
GHashTable *rhea_parts_sides(const RheaLabeling *labels, const RheaParts *parts, const char *a,
                             const char *b);
/* The part names: those of parts, or "ml", "nonml" without a parts file. */
GPtrArray *rhea_parts_list(const RheaParts *parts);

typedef struct {
    const char *a, *b; /* owned by the parts (or static) */
    RheaCoupling coupling;
    guint transactions; /* transactions with a file of a or b */
} RheaPartPair;

/* Every pair (a before b in rhea_parts_list order): an array of RheaPartPair. base gives
 * max_files, logical_days and author_of; its sides are replaced per pair. */
GArray *rhea_parts_matrix(const RheaCommitSet *set, const RheaLabeling *labels,
                          const RheaParts *parts, const RheaTransactionOptions *base,
                          guint permutations, guint bootstrap, guint64 seed);
