/* transactions.h: the coupling input (transactions over a universe of files) built from a
 * commit set (docs/metrics.md, "Window and transactions", "Logical commits", "Parts"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"
#include "metrics/coupling.h"

typedef struct {
    RheaCouplingInput input; /* points into the arrays below */
    GArray *pids;            /* universe index -> pid */
    GArray *is_ml;           /* gboolean per universe index (the first part, with parts) */
    GArray *tx_start;        /* guint, n_tx + 1 */
    GArray *files;           /* guint universe indices */
    GArray *tx_commits;  /* guint index into the commit set of each transaction's first commit */
    guint dropped_large; /* commits dropped by max_files */
    guint merged;        /* commits folded into an earlier commit's change set */
} RheaTransactions;

typedef struct {
    guint max_files;         /* drop commits with more than this many files (0: keep all) */
    guint logical_days;      /* merge one author's commits within this many days (0: none) */
    const GArray *author_of; /* gint per commit of the set (-1: unknown); needed for logical_days */
    GHashTable *sides;       /* NULL: ML vs non-ML. Else pid (gint64 *) -> 1 (first side) or 2
                                (second side); files of neither are left out */
} RheaTransactionOptions;

/* The transactions of set, dropping those with more than max_files files (0: keep all). */
RheaTransactions *rhea_transactions_build(const RheaCommitSet *set, guint max_files);
/* The same with every option. */
RheaTransactions *rhea_transactions_build_with(const RheaCommitSet *set,
                                               const RheaTransactionOptions *opts);
void rhea_transactions_free(RheaTransactions *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaTransactions, rhea_transactions_free)
