/* coupling.c: ECI and RCI in pair and transaction form, the null model and the bootstrap
 * (docs/metrics.md, "Coupling").
 *
 * Pair form: ECI = sum_t kM*kN / sum_t C(k,2); random edits cross with E = 2mn / (N(N-1)).
 * Transaction form: ECI_tx = share of transactions touching both sides; its expectation is the mean
 * over transactions of P(a random k-subset of the N files holds both sides) (hypergeometric).
 *
 * The null model shuffles the labels over the universe (m stays fixed) with GSL's generator; the
 * total number of pairs does not change under a shuffle, so the cross-pair count is the statistic.
 * p-values count the observation itself as one draw: (1 + hits) / (1 + permutations). The bootstrap
 * resamples transactions with replacement and keeps E of the observed universe; replicates without
 * pairs are skipped.
 *
 * Speed: the generator is GSL's mt19937 inlined (metrics/mt19937.h: the same numbers, so the same
 * results for a seed), the labels a shuffle permutes are one byte each, a shuffle's cross pairs
 * are counted from the smaller side's files only (metrics/cross_index.h), and the loops touch only
 * flat arrays allocated once: 1000 shuffles and 1000 resamples of a 10,000-transaction
 * history are a few tens of milliseconds (docs/performance.md). */
#include "metrics/coupling.h"

#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

#include "metrics/cross_index.h"
#include "metrics/mt19937.h"

static double ln_choose(guint n, guint k)
{
    return k > n ? -INFINITY : gsl_sf_lnchoose(n, k);
}

double rhea_coupling_p_both(guint m, guint n, guint k)
{
    guint N = m + n;
    if (k == 0 || k > N)
        return 0.0;
    double all = ln_choose(N, k);
    double only_n = exp(ln_choose(n, k) - all); /* exp(-inf) = 0 when k > n */
    double only_m = exp(ln_choose(m, k) - all);
    double p = 1.0 - only_n - only_m;
    return p < 0 ? 0.0 : p;
}

static void null_model(const RheaCouplingInput *in, guint permutations, RheaMt *rng,
                       RheaCoupling *out)
{
    guint8 *labels = g_new(guint8, in->n_files);
    for (guint f = 0; f < in->n_files; f++)
        labels[f] = in->is_ml[f] ? 1 : 0;
    g_autoptr(RheaCrossIndex) index = rhea_cross_index_new(in);
    g_autoptr(RheaMtShuffle) shuffle = rhea_mt_shuffle_new(in->n_files);
    guint ge = 0, le = 0;
    double *rci = g_new(double, permutations);
    for (guint p = 0; p < permutations; p++) {
        rhea_mt_shuffle_u8_with(rng, shuffle, labels);
        guint64 c = rhea_cross_index_count(index, labels);
        ge += c >= out->cross_pairs;
        le += c <= out->cross_pairs;
        rci[p] = ((double)c / (double)out->pairs) / out->expected_eci;
    }
    g_free(labels);
    gsl_sort(rci, 1, permutations);
    out->null_low = gsl_stats_quantile_from_sorted_data(rci, 1, permutations, 0.025);
    out->null_high = gsl_stats_quantile_from_sorted_data(rci, 1, permutations, 0.975);
    g_free(rci);
    out->p_greater = (1.0 + ge) / (1.0 + permutations);
    out->p_less = (1.0 + le) / (1.0 + permutations);
    out->p_value = out->rci >= 1.0 ? out->p_greater : out->p_less;
}

/* Each replicate draws n_tx transactions with GSL's uniform_int(n_tx) and sums their cross and
 * pair counts, kept side by side (rhea_mt_sum_draws: a block of the generator's words at a time,
 * without a branch per draw; docs/performance.md, change 34). */
static void bootstrap(const RheaCouplingInput *in, guint replicates, RheaMt *rng, RheaCoupling *out)
{
    const guint n_tx = in->n_tx;
    const RheaMtBound bound = rhea_mt_bound(n_tx);
    RheaMtPair *counts = g_new0(RheaMtPair, rhea_mt_table_size(&bound)); /* cross, pairs */
    for (guint t = 0; t < n_tx; t++) {
        guint64 km = 0, k = in->tx_start[t + 1] - in->tx_start[t];
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            km += in->is_ml[in->files[i]] ? 1 : 0;
        counts[t] = (RheaMtPair){km * (k - km), k * (k - 1) / 2};
    }
    double *rci = g_new(double, replicates);
    guint kept = 0;
    for (guint b = 0; b < replicates; b++) {
        RheaMtPair sum = rhea_mt_sum_draws(rng, &bound, counts, n_tx);
        if (sum[1] > 0)
            rci[kept++] = ((double)sum[0] / (double)sum[1]) / out->expected_eci;
    }
    if (kept > 0) {
        gsl_sort(rci, 1, kept);
        out->ci_low = gsl_stats_quantile_from_sorted_data(rci, 1, kept, 0.025);
        out->ci_high = gsl_stats_quantile_from_sorted_data(rci, 1, kept, 0.975);
    }
    g_free(rci);
    g_free(counts);
}

/* ECI_tx and its expectation (docs/metrics.md, "Coupling", transaction form). */
static void transaction_form(const RheaCouplingInput *in, guint m, guint n, RheaCoupling *out)
{
    double expected_tx_sum = 0;
    for (guint t = 0; t < in->n_tx; t++)
        expected_tx_sum += rhea_coupling_p_both(m, n, in->tx_start[t + 1] - in->tx_start[t]);
    if (in->n_tx > 0) {
        out->eci_tx = (double)out->both / in->n_tx;
        out->expected_eci_tx = expected_tx_sum / in->n_tx;
    }
}

typedef struct {
    const RheaCouplingInput *in;
    guint m, n, permutations;
    RheaCoupling *out;
    RheaMt rng;
    gint form_taken; /* the transaction form's claim: whichever thread is done first */
} NullJob;

/* The transaction form, once: by the thread that claims it first. */
static void claim_transaction_form(NullJob *job)
{
    if (!g_atomic_int_compare_and_exchange(&job->form_taken, 0, 1))
        return;
    transaction_form(job->in, job->m, job->n, job->out);
    if (job->out->expected_eci_tx > 0)
        job->out->rci_tx = job->out->eci_tx / job->out->expected_eci_tx;
}

/* The null model, then the transaction form if the bootstrap has not taken it. */
static gpointer null_job(gpointer data)
{
    NullJob *job = data;
    if (job->permutations > 0)
        null_model(job->in, job->permutations, &job->rng, job->out);
    claim_transaction_form(job);
    return NULL;
}

void rhea_coupling_compute(const RheaCouplingInput *in, guint permutations, guint boot,
                           guint64 seed, RheaCoupling *out)
{
    memset(out, 0, sizeof *out);
    out->eci = out->expected_eci = out->rci = NAN;
    out->eci_tx = out->expected_eci_tx = out->rci_tx = NAN;
    out->p_value = out->p_greater = out->p_less = NAN;
    out->ci_low = out->ci_high = NAN;
    out->null_low = out->null_high = NAN;
    out->seed = seed;
    out->transactions = in->n_tx;
    for (guint f = 0; f < in->n_files; f++) {
        if (in->is_ml[f])
            out->ml_files++;
        else
            out->nonml_files++;
    }
    guint m = out->ml_files, n = out->nonml_files, N = m + n;
    for (guint t = 0; t < in->n_tx; t++) {
        guint k = in->tx_start[t + 1] - in->tx_start[t], km = 0;
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            km += in->is_ml[in->files[i]] ? 1 : 0;
        out->cross_pairs += (guint64)km * (k - km);
        out->pairs += (guint64)k * (k - 1) / 2;
        out->both += km > 0 && km < k;
    }
    if (out->pairs > 0)
        out->eci = (double)out->cross_pairs / (double)out->pairs;
    if (N >= 2)
        out->expected_eci = 2.0 * m * n / ((double)N * (N - 1));
    if (in->n_tx == 0)
        out->null_reason = "no transactions in the window";
    else if (m == 0)
        out->null_reason = "no ML files: random edits never cross (E = 0)";
    else if (n == 0)
        out->null_reason = "no non-ML files: random edits never cross (E = 0)";
    else if (out->pairs == 0)
        out->null_reason = "no co-changed pairs: every transaction changes one file";
    if (out->null_reason) {
        transaction_form(in, m, n, out);
        return;
    }
    out->rci = out->eci / out->expected_eci;
    /* The null model (seed) and the bootstrap (seed + 1) draw from generators of their own and
     * write disjoint fields of out, so they run on two threads with the same results; the
     * transaction form (hypergeometric terms per transaction, fields of its own) goes to whichever
     * is done first: which one is shorter depends on the product (transactions against files). */
    NullJob job = {.in = in, .m = m, .n = n, .permutations = permutations, .out = out};
    rhea_mt_seed(&job.rng, (unsigned long)seed);
    out->permutations = permutations;
    out->bootstrap = boot;
    GThread *thread = NULL;
    if (permutations > 0 && boot > 0)
        thread = g_thread_try_new("coupling-null", null_job, &job, NULL);
    if (!thread)
        null_job(&job);
    RheaMt *rng = g_new(RheaMt, 1);
    rhea_mt_seed(rng, (unsigned long)seed + 1);
    if (boot > 0)
        bootstrap(in, boot, rng, out);
    g_free(rng);
    claim_transaction_form(&job);
    if (thread)
        g_thread_join(thread);
}
