/* verdicts_report.c: builds the `rhea verdicts` report (verdicts_report.h). */
#include "reports/verdicts_report.h"

#include <math.h>

static void push_double_or_null(RheaTable *t, double v, int precision)
{
    if (isfinite(v))
        rhea_table_push_double(t, v, precision);
    else
        rhea_table_push_null(t);
}

static RheaTable *counts_table(const RheaVerdicts *v)
{
    RheaTable *t = rhea_table_new("ratings", "Verdicts per rater");
    rhea_table_add_column(t, "rater", "Rater", RHEA_ALIGN_LEFT);
    for (int c = 0; c < RHEA_VERDICT_N; c++)
        rhea_table_add_column(t, rhea_verdict_name(c), rhea_verdict_name(c), RHEA_ALIGN_RIGHT);
    for (guint r = 0; r < rhea_verdicts_n_raters(v); r++) {
        gint64 n[RHEA_VERDICT_N] = {0};
        for (guint i = 0; i < rhea_verdicts_n_repositories(v); i++)
            n[rhea_verdicts_get(v, i, r)]++;
        rhea_table_add_row(t);
        rhea_table_push_string(t, g_ptr_array_index(v->raters, r));
        for (int c = 0; c < RHEA_VERDICT_N; c++)
            rhea_table_push_int(t, n[c]);
    }
    return t;
}

/* The index of the verdict every rater gave repository i, or -1 when they differ. */
static int unanimous(const RheaVerdicts *v, guint i)
{
    RheaVerdict first = rhea_verdicts_get(v, i, 0);
    for (guint r = 1; r < rhea_verdicts_n_raters(v); r++)
        if (rhea_verdicts_get(v, i, r) != first)
            return -1;
    return first;
}

static RheaTable *decisions_table(const RheaVerdicts *v)
{
    gint64 n[RHEA_VERDICT_N + 1] = {0};
    for (guint i = 0; i < rhea_verdicts_n_repositories(v); i++) {
        int u = unanimous(v, i);
        n[u < 0 ? RHEA_VERDICT_N : u]++;
    }
    RheaTable *t = rhea_table_new("decisions", "Decisions");
    rhea_table_set_caption(t, "Unanimous verdicts are final; split ones are for the raters to "
                              "discuss (listed below).");
    rhea_table_add_column(t, "decision", "Decision", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "repositories", "Repositories", RHEA_ALIGN_RIGHT);
    for (int c = 0; c <= RHEA_VERDICT_N; c++) {
        g_autofree char *name = c < RHEA_VERDICT_N ? g_strdup_printf("all %s", rhea_verdict_name(c))
                                                   : g_strdup("split");
        rhea_table_add_row(t);
        rhea_table_push_string(t, name);
        rhea_table_push_int(t, n[c]);
    }
    return t;
}

static void agreement_row(RheaTable *t, const char *statistic, const char *raters,
                          const RheaAgreement *ag)
{
    rhea_table_add_row(t);
    rhea_table_push_string(t, statistic);
    rhea_table_push_string(t, raters);
    rhea_table_push_int(t, ag->items);
    push_double_or_null(t, ag->observed, 3);
    push_double_or_null(t, ag->expected, 3);
    push_double_or_null(t, ag->kappa, 3);
    push_double_or_null(t, ag->se, 3);
    push_double_or_null(t, ag->ci_low, 3);
    push_double_or_null(t, ag->ci_high, 3);
    push_double_or_null(t, ag->se0, 3);
    push_double_or_null(t, ag->z, 2);
    push_double_or_null(t, ag->p_value, 4);
    rhea_table_push_string(t, ag->undefined_reason);
}

static RheaTable *agreement_table(const RheaVerdicts *v)
{
    RheaTable *t = rhea_table_new("agreement", "Agreement between raters");
    rhea_table_set_caption(
        t, "kappa: agreement beyond chance (1 perfect, 0 chance). Cohen's se is the large-sample "
           "standard error (Cohen 1960) and gives the 95% interval; se0 is the standard error "
           "when kappa is 0 (Fleiss, Cohen and Everitt 1969; Fleiss, Nee and Landis 1979) and "
           "gives z and the two-sided p. Fleiss' kappa has only se0, so its interval uses it.");
    const char *cols[][2] = {{"statistic", "Statistic"},
                             {"raters", "Raters"},
                             {"items", "Items"},
                             {"observed", "Observed"},
                             {"expected", "Chance"},
                             {"kappa", "Kappa"},
                             {"se", "SE"},
                             {"ci_low", "95% low"},
                             {"ci_high", "95% high"},
                             {"se0", "SE0"},
                             {"z", "z"},
                             {"p_value", "p"},
                             {"note", "Note"}};
    for (size_t c = 0; c < G_N_ELEMENTS(cols); c++)
        rhea_table_add_column(t, cols[c][0], cols[c][1],
                              c < 2 || c == 12 ? RHEA_ALIGN_LEFT : RHEA_ALIGN_RIGHT);
    guint m = rhea_verdicts_n_raters(v);
    RheaAgreement ag;
    if (m > 2) {
        rhea_verdicts_fleiss(v, &ag);
        agreement_row(t, "Fleiss' kappa", "all", &ag);
    }
    for (guint a = 0; a < m; a++)
        for (guint b = a + 1; b < m; b++) {
            g_autofree char *pair =
                g_strdup_printf("%s, %s", (const char *)g_ptr_array_index(v->raters, a),
                                (const char *)g_ptr_array_index(v->raters, b));
            rhea_verdicts_cohen(v, a, b, &ag);
            agreement_row(t, "Cohen's kappa", pair, &ag);
        }
    return t;
}

static RheaTable *split_table(const RheaVerdicts *v)
{
    RheaTable *t = rhea_table_new("split", "Repositories the raters disagree on");
    rhea_table_add_column(t, "repository", "Repository", RHEA_ALIGN_LEFT);
    for (guint r = 0; r < rhea_verdicts_n_raters(v); r++) {
        const char *name = g_ptr_array_index(v->raters, r);
        rhea_table_add_column(t, name, name, RHEA_ALIGN_LEFT);
    }
    for (guint i = 0; i < rhea_verdicts_n_repositories(v); i++) {
        if (unanimous(v, i) >= 0)
            continue;
        rhea_table_add_row(t);
        rhea_table_push_string(t, g_ptr_array_index(v->repositories, i));
        for (guint r = 0; r < rhea_verdicts_n_raters(v); r++)
            rhea_table_push_string(t, rhea_verdict_name(rhea_verdicts_get(v, i, r)));
    }
    return t;
}

RheaReport *rhea_verdicts_report(const RheaVerdicts *v, const char *source)
{
    g_autofree char *title =
        g_strdup_printf("Verdicts of %u raters on %u repositories (%s)", rhea_verdicts_n_raters(v),
                        rhea_verdicts_n_repositories(v), source);
    RheaReport *report = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(report, NULL);
    rhea_section_add_table(s, counts_table(v));
    rhea_section_add_table(s, decisions_table(v));
    rhea_section_add_table(s, agreement_table(v));
    rhea_section_add_table(s, split_table(v));
    return report;
}
