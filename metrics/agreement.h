/* agreement.h: agreement between people who rated the same items (the paper's step 5: two or more
 * raters decide for each candidate repository whether it is an ML product).
 *
 * The input is a count matrix: counts[i * k + j] = how many raters put item i in category j, every
 * item rated by the same number of raters m. Cohen's kappa needs the two raters' own labels, so it
 * takes them directly. Formulas and a worked example: docs/metrics.md, "Agreement between raters".
 *
 * Undefined values (expected agreement 1: every rating in one category) are NAN with a reason. */
#pragma once
#include <glib.h>

typedef struct {
    guint items, raters, categories;
    double observed;              /* Po (Cohen) or P-bar (Fleiss) */
    double expected;              /* Pe */
    double kappa;                 /* NAN when undefined */
    double se;                    /* standard error of kappa (Cohen 1960; Fleiss: see se0) */
    double se0;                   /* standard error under the null hypothesis kappa = 0 */
    double z, p_value;            /* kappa / se0 and its two-sided normal p-value */
    double ci_low, ci_high;       /* kappa -/+ 1.96 se */
    const char *undefined_reason; /* static text, NULL when kappa is defined */
} RheaAgreement;

/* Cohen's kappa for two raters: a[i] and b[i] are the categories (0..k-1) they gave item i. */
void rhea_agreement_cohen(const guint *a, const guint *b, guint n, guint k, RheaAgreement *out);
/* Fleiss' kappa for m >= 2 raters: counts is n x k, each row summing to m. */
void rhea_agreement_fleiss(const guint *counts, guint n, guint k, guint m, RheaAgreement *out);
