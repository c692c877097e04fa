/* coupling.h: the evolutionary coupling index of ML and non-ML code, normalized against random
 * edits (relative coupling index), with a permutation null model and a bootstrap interval.
 * Formulas: docs/metrics.md, "Coupling". */
#pragma once
#include <glib.h>

/* Transactions over a universe of files 0..N-1. Transaction t's files are
 * files[tx_start[t] .. tx_start[t+1]) (tx_start has n_tx + 1 entries); is_ml[f] labels file f. */
typedef struct {
    guint n_files;
    const gboolean *is_ml;
    guint n_tx;
    const guint *tx_start;
    const guint *files;
} RheaCouplingInput;

typedef struct {
    guint transactions, ml_files, nonml_files;
    guint64 cross_pairs, pairs;
    double eci, expected_eci, rci;          /* NAN when undefined */
    guint both;                             /* transactions touching both sides */
    double eci_tx, expected_eci_tx, rci_tx; /* NAN when undefined */
    const char *null_reason;                /* why rci is undefined, else NULL */
    guint permutations, bootstrap;
    double p_value;   /* one-sided, in the direction of the observation (p_greater or p_less) */
    double p_greater; /* P(cross pairs >= observed) under shuffled labels */
    double p_less;    /* P(cross pairs <= observed) */
    double ci_low, ci_high; /* 95% percentile bootstrap interval of rci; NAN when undefined */
    /* 2.5% and 97.5% quantiles of rci under the label shuffles: the range random ML/non-ML splits
     * of the same files give over the same co-change structure; NAN without a null model. rci
     * outside it is what a two-sided p < 0.05 says (docs/metrics.md, "Interval and test"). */
    double null_low, null_high;
    guint64 seed;
} RheaCoupling;

#define RHEA_COUPLING_DEFAULT_SEED 20240414u

/* Computes every figure. permutations/bootstrap 0 skip the null model/interval (NAN). */
void rhea_coupling_compute(const RheaCouplingInput *in, guint permutations, guint bootstrap,
                           guint64 seed, RheaCoupling *out);

/* P(a random k-subset of N = m + n files holds files of both sides), computed in log space. */
double rhea_coupling_p_both(guint m, guint n, guint k);

typedef struct {
    guint ml_file, nonml_file;
    guint together;          /* transactions changing both */
    double support;          /* together / transactions */
    double confidence_ml;    /* together / transactions changing the ML file */
    double confidence_nonml; /* together / transactions changing the non-ML file */
} RheaCoupledPair;

/* The k ML/non-ML file pairs changed together most often (ties: by file indices), in
 * metrics/coupling_pairs.c. */
GArray *rhea_coupling_top_pairs(const RheaCouplingInput *in, guint k);
/* The same, adding to *ops the elementary steps taken (files visited, class pairs counted, heap
 * moves), for the tests that check the work grows linearly with the input. */
GArray *rhea_coupling_top_pairs_counted(const RheaCouplingInput *in, guint k, guint64 *ops);
