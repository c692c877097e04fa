/* cross_index.h: the cross-pair count of a labeling, visiting only the smaller side.
 *
 * The coupling null model (coupling.c) counts, for each of 1000 shuffles of the labels, the pairs
 * sum_t kM_t * (k_t - kM_t) over all transactions; read directly that visits every file of every
 * transaction per shuffle. Here the transactions of each file are indexed once (an inverted index:
 * file f's transactions are tx[start[f] .. start[f+1])), and a count visits only the files of the
 * smaller side (the ML files, usually a few percent), adding them up per transaction: kM_t for
 * the transactions they touch, while untouched transactions contribute 0 (kM_t = 0, or k_t - kM_t
 * = 0 when the larger side is visited, as kM (k - kM) is symmetric in the two sides). The result
 * is the same integer. */
#pragma once
#include <glib.h>

#include "metrics/coupling.h"

typedef struct RheaCrossIndex RheaCrossIndex;

RheaCrossIndex *rhea_cross_index_new(const RheaCouplingInput *in);
void rhea_cross_index_free(RheaCrossIndex *x);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaCrossIndex, rhea_cross_index_free)

/* sum over transactions of kM * (k - kM), kM the number of its files with label[f] = 1 (labels
 * are 0 or 1, one per file). No allocation. */
guint64 rhea_cross_index_count(RheaCrossIndex *x, const guint8 *label);
