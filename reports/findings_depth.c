/* findings_depth.c: see findings_depth.h. Each row is k/N products with the products that pass;
 * a product whose figure is undefined counts in N and not in k. */
#include "reports/findings_depth.h"

#include <math.h>

#include "metrics/summary.h"

typedef gboolean (*Test)(const RheaProductSummary *s);

static void row(RheaTable *t, GPtrArray *summaries, const char *finding, const char *what,
                Test test, const char *paper)
{
    guint k = 0;
    GString *who = g_string_new(NULL);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        if (!test(s))
            continue;
        k++;
        g_string_append_printf(who, "%s%s", who->len ? ", " : "", s->product);
    }
    g_autofree char *ratio = g_strdup_printf("%u/%u", k, summaries->len);
    rhea_table_add_row(t);
    rhea_table_push_string(t, finding);
    rhea_table_push_string(t, what);
    rhea_table_push_string(t, ratio);
    rhea_table_push_string(t, paper);
    rhea_table_push_string(t, who->str);
    rhea_table_push_string(t, "measured");
    g_string_free(who, TRUE);
}

static gboolean silo_all(const RheaProductSummary *s)
{
    return isfinite(s->silo.all.p_value) && s->silo.all.p_value < 0.05;
}

static gboolean silo_core(const RheaProductSummary *s)
{
    return isfinite(s->silo.core.p_value) && s->silo.core.p_value < 0.05;
}

static gboolean ml_only_owner(const RheaProductSummary *s)
{
    return s->ownership && s->ownership->ml.exclusive_owners > 0;
}

static gboolean truck_factor_one(const RheaProductSummary *s)
{
    return s->truck_factor && s->truck_factor->files > 0 && s->truck_factor->truck_factor == 1;
}

static gboolean changes_side(const RheaProductSummary *s)
{
    return s->sensitivity && s->sensitivity->rci_changes_side;
}

void rhea_findings_depth_rows(RheaTable *t, GPtrArray *summaries)
{
    row(t, summaries, "2", "products with a truck factor of 1 (Avelino et al.)", truck_factor_one,
        "–");
    row(t, summaries, "3",
        "products with a silo: the author tells the side of a commit (NMI, permutation p < 0.05)",
        silo_all, "–");
    row(t, summaries, "3", "the same among core contributors only", silo_core, "–");
    row(t, summaries, "4", "products whose ML side has a main author who owns no non-ML file",
        ml_only_owner, "–");
    row(t, summaries, "5",
        "products whose RCI changes side of 1 under some analyst's choice (rhea sensitivity)",
        changes_side, "–");
}
