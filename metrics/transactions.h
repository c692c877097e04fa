/* transactions.h: the coupling input (transactions over a universe of files) built from a
 * commit set (docs/metrics.md, "Window and transactions"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"
#include "metrics/coupling.h"

typedef struct {
    RheaCouplingInput input; /* points into the arrays below */
    GArray *pids;            /* universe index -> pid */
    GArray *is_ml;           /* gboolean per universe index */
    GArray *tx_start;        /* guint, n_tx + 1 */
    GArray *files;           /* guint universe indices */
    GArray *tx_commits;      /* guint index into the commit set, per transaction */
    guint dropped_large;     /* transactions dropped by max_files */
} RheaTransactions;

/* The transactions of set, dropping those with more than max_files files (0: keep all). */
RheaTransactions *rhea_transactions_build(const RheaCommitSet *set, guint max_files);
void rhea_transactions_free(RheaTransactions *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaTransactions, rhea_transactions_free)
