/* agreement.c: Cohen's and Fleiss' kappa with their standard errors (docs/metrics.md, "Agreement
 * between raters").
 *
 * Cohen (1960): kappa = (Po - Pe) / (1 - Pe); se = sqrt(Po (1 - Po) / (n (1 - Pe)^2)); the null
 * standard error is Fleiss, Cohen and Everitt's (1969):
 *   se0 = sqrt((Pe + Pe^2 - sum_j a_j b_j (a_j + b_j)) / (n (1 - Pe)^2)),
 * a_j and b_j being the two raters' shares of category j.
 * Fleiss (1971): P_i = (sum_j n_ij^2 - m) / (m (m - 1)), P-bar their mean, p_j the share of all
 * ratings in category j, Pe = sum_j p_j^2; the null standard error is Fleiss, Nee and Landis's
 * (1979): se0 = sqrt(2) / (sum_j p_j q_j sqrt(n m (m - 1))) *
 *               sqrt((sum_j p_j q_j)^2 - sum_j p_j q_j (q_j - p_j)), with q_j = 1 - p_j.
 * Fleiss' kappa has no simple non-null standard error; se is set to se0, which is what R's
 * irr::kappam.fleiss and most papers report, and the interval uses it. */
#include "metrics/agreement.h"

#include <math.h>

static const char *ONE_CATEGORY =
    "every rating is in one category, so chance agreement is 1 and kappa is undefined";

static void agreement_finish(RheaAgreement *out)
{
    if (out->expected >= 1.0 - 1e-12) {
        out->kappa = out->se = out->se0 = out->z = out->p_value = NAN;
        out->ci_low = out->ci_high = NAN;
        out->undefined_reason = ONE_CATEGORY;
        return;
    }
    out->kappa = (out->observed - out->expected) / (1.0 - out->expected);
    out->ci_low = out->kappa - 1.96 * out->se;
    out->ci_high = out->kappa + 1.96 * out->se;
    if (out->se0 > 0) {
        out->z = out->kappa / out->se0;
        out->p_value = erfc(fabs(out->z) / sqrt(2.0));
    } else {
        out->z = out->p_value = NAN;
    }
}

void rhea_agreement_cohen(const guint *a, const guint *b, guint n, guint k, RheaAgreement *out)
{
    g_return_if_fail(n > 0 && k > 0);
    *out = (RheaAgreement){.items = n, .raters = 2, .categories = k};
    g_autofree double *pa = g_new0(double, k);
    g_autofree double *pb = g_new0(double, k);
    guint agree = 0;
    for (guint i = 0; i < n; i++) {
        g_return_if_fail(a[i] < k && b[i] < k);
        pa[a[i]] += 1.0 / n;
        pb[b[i]] += 1.0 / n;
        agree += a[i] == b[i];
    }
    double po = (double)agree / n, pe = 0, cross = 0;
    for (guint j = 0; j < k; j++) {
        pe += pa[j] * pb[j];
        cross += pa[j] * pb[j] * (pa[j] + pb[j]);
    }
    out->observed = po;
    out->expected = pe;
    double denom = n * (1 - pe) * (1 - pe);
    if (denom > 0) {
        out->se = sqrt(po * (1 - po) / denom);
        double v0 = (pe + pe * pe - cross) / denom;
        out->se0 = v0 > 0 ? sqrt(v0) : 0;
    }
    agreement_finish(out);
}

void rhea_agreement_fleiss(const guint *counts, guint n, guint k, guint m, RheaAgreement *out)
{
    g_return_if_fail(n > 0 && k > 0 && m >= 2);
    *out = (RheaAgreement){.items = n, .raters = m, .categories = k};
    g_autofree double *p = g_new0(double, k);
    double pbar = 0;
    for (guint i = 0; i < n; i++) {
        double sq = 0;
        for (guint j = 0; j < k; j++) {
            double c = counts[(gsize)i * k + j];
            sq += c * c;
            p[j] += c / ((double)n * m);
        }
        pbar += (sq - m) / ((double)m * (m - 1)) / n;
    }
    double pe = 0, pq = 0, pqqp = 0;
    for (guint j = 0; j < k; j++) {
        double q = 1 - p[j];
        pe += p[j] * p[j];
        pq += p[j] * q;
        pqqp += p[j] * q * (q - p[j]);
    }
    out->observed = pbar;
    out->expected = pe;
    if (pq > 0) {
        double v = pq * pq - pqqp;
        out->se0 = sqrt(2.0) / (pq * sqrt((double)n * m * (m - 1))) * (v > 0 ? sqrt(v) : 0);
        out->se = out->se0;
    }
    agreement_finish(out);
}
