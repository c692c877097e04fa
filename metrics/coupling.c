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
 * pairs are skipped. */
#include "metrics/coupling.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

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

/* Cross pairs under a labeling. */
static guint64 cross_pairs(const RheaCouplingInput *in, const gboolean *is_ml)
{
    guint64 cross = 0;
    for (guint t = 0; t < in->n_tx; t++) {
        guint64 km = 0, k = in->tx_start[t + 1] - in->tx_start[t];
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            km += is_ml[in->files[i]] ? 1 : 0;
        cross += km * (k - km);
    }
    return cross;
}

static void null_model(const RheaCouplingInput *in, guint permutations, gsl_rng *rng,
                       RheaCoupling *out)
{
    gboolean *labels = g_new(gboolean, in->n_files);
    memcpy(labels, in->is_ml, sizeof(gboolean) * in->n_files);
    guint ge = 0, le = 0;
    double *rci = g_new(double, permutations);
    for (guint p = 0; p < permutations; p++) {
        gsl_ran_shuffle(rng, labels, in->n_files, sizeof(gboolean));
        guint64 c = cross_pairs(in, labels);
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

static void bootstrap(const RheaCouplingInput *in, guint replicates, gsl_rng *rng,
                      RheaCoupling *out)
{
    /* per-transaction cross and pair counts, then resample indices */
    guint64 *cross = g_new(guint64, in->n_tx), *pairs = g_new(guint64, in->n_tx);
    for (guint t = 0; t < in->n_tx; t++) {
        guint64 km = 0, k = in->tx_start[t + 1] - in->tx_start[t];
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            km += in->is_ml[in->files[i]] ? 1 : 0;
        cross[t] = km * (k - km);
        pairs[t] = k * (k - 1) / 2;
    }
    double *rci = g_new(double, replicates);
    guint kept = 0;
    for (guint b = 0; b < replicates; b++) {
        guint64 c = 0, p = 0;
        for (guint i = 0; i < in->n_tx; i++) {
            guint t = (guint)gsl_rng_uniform_int(rng, in->n_tx);
            c += cross[t];
            p += pairs[t];
        }
        if (p > 0)
            rci[kept++] = ((double)c / (double)p) / out->expected_eci;
    }
    if (kept > 0) {
        gsl_sort(rci, 1, kept);
        out->ci_low = gsl_stats_quantile_from_sorted_data(rci, 1, kept, 0.025);
        out->ci_high = gsl_stats_quantile_from_sorted_data(rci, 1, kept, 0.975);
    }
    g_free(rci);
    g_free(pairs);
    g_free(cross);
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
    double expected_tx_sum = 0;
    for (guint t = 0; t < in->n_tx; t++) {
        guint k = in->tx_start[t + 1] - in->tx_start[t], km = 0;
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            km += in->is_ml[in->files[i]] ? 1 : 0;
        out->cross_pairs += (guint64)km * (k - km);
        out->pairs += (guint64)k * (k - 1) / 2;
        out->both += km > 0 && km < k;
        expected_tx_sum += rhea_coupling_p_both(m, n, k);
    }
    if (out->pairs > 0)
        out->eci = (double)out->cross_pairs / (double)out->pairs;
    if (N >= 2)
        out->expected_eci = 2.0 * m * n / ((double)N * (N - 1));
    if (in->n_tx > 0) {
        out->eci_tx = (double)out->both / in->n_tx;
        out->expected_eci_tx = expected_tx_sum / in->n_tx;
    }
    if (in->n_tx == 0)
        out->null_reason = "no transactions in the window";
    else if (m == 0)
        out->null_reason = "no ML files: random edits never cross (E = 0)";
    else if (n == 0)
        out->null_reason = "no non-ML files: random edits never cross (E = 0)";
    else if (out->pairs == 0)
        out->null_reason = "no co-changed pairs: every transaction changes one file";
    if (!out->null_reason) {
        out->rci = out->eci / out->expected_eci;
        if (out->expected_eci_tx > 0)
            out->rci_tx = out->eci_tx / out->expected_eci_tx;
        gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(rng, (unsigned long)seed);
        out->permutations = permutations;
        if (permutations > 0)
            null_model(in, permutations, rng, out);
        gsl_rng_set(rng, (unsigned long)seed + 1);
        out->bootstrap = boot;
        if (boot > 0)
            bootstrap(in, boot, rng, out);
        gsl_rng_free(rng);
    }
}

static gint cmp_pair(gconstpointer a, gconstpointer b)
{
    const RheaCoupledPair *x = a, *y = b;
    if (x->together != y->together)
        return x->together > y->together ? -1 : 1;
    if (x->ml_file != y->ml_file)
        return x->ml_file < y->ml_file ? -1 : 1;
    return x->nonml_file < y->nonml_file ? -1 : (x->nonml_file > y->nonml_file);
}

GArray *rhea_coupling_top_pairs(const RheaCouplingInput *in, guint k)
{
    g_autofree guint *changes = g_new0(guint, in->n_files);
    /* (ml file << 32 | non-ML file) -> index + 1 into pairs */
    g_autoptr(GHashTable) index = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    GArray *pairs = g_array_new(FALSE, FALSE, sizeof(RheaCoupledPair));
    for (guint t = 0; t < in->n_tx; t++) {
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++) {
            guint a = in->files[i];
            changes[a]++;
            if (!in->is_ml[a])
                continue;
            for (guint j = in->tx_start[t]; j < in->tx_start[t + 1]; j++) {
                guint b = in->files[j];
                if (in->is_ml[b])
                    continue;
                gint64 key = ((gint64)a << 32) | b;
                gpointer slot = g_hash_table_lookup(index, &key);
                if (slot) {
                    g_array_index(pairs, RheaCoupledPair, GPOINTER_TO_UINT(slot) - 1).together++;
                } else {
                    RheaCoupledPair p = {.ml_file = a, .nonml_file = b, .together = 1};
                    g_array_append_val(pairs, p);
                    g_hash_table_insert(index, g_memdup2(&key, sizeof key),
                                        GUINT_TO_POINTER(pairs->len));
                }
            }
        }
    }
    for (guint r = 0; r < pairs->len; r++) {
        RheaCoupledPair *p = &g_array_index(pairs, RheaCoupledPair, r);
        p->support = in->n_tx ? (double)p->together / in->n_tx : 0;
        p->confidence_ml = (double)p->together / changes[p->ml_file];
        p->confidence_nonml = (double)p->together / changes[p->nonml_file];
    }
    g_array_sort(pairs, cmp_pair);
    if (pairs->len > k)
        g_array_set_size(pairs, k);
    return pairs;
}
