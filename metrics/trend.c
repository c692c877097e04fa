/* trend.c: slices the commit set per period and runs the contributor and coupling metrics on each
 * slice, exactly as on a whole history. */
#include "metrics/trend.h"

#include <math.h>

#include "metrics/transactions.h"

GArray *rhea_trend_compute(const RheaCommitSet *set, const RheaTrendOptions *o)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(RheaTrendRow));
    if (!set->commits->len)
        return rows;
    gint64 first = g_array_index(set->commits, RheaCommitRec, 0).time;
    gint64 last = g_array_index(set->commits, RheaCommitRec, set->commits->len - 1).time;
    for (gint64 start = rhea_period_start(o->period, first); start <= last;
         start = rhea_period_next(o->period, start)) {
        RheaTrendRow row = {0};
        row.label = rhea_period_label(o->period, start);
        row.start = start;
        row.end = rhea_period_next(o->period, start);
        g_autoptr(RheaCommitSet) slice =
            rhea_commitset_slice(set, o->cumulative ? G_MININT64 : start, row.end);
        g_autoptr(RheaContributors) c = rhea_contributors_compute(slice, &o->contributors);
        row.commits = c->commits;
        row.contributors = c->all->len;
        row.core = c->core;
        g_autoptr(RheaTransactions) tx = rhea_transactions_build(slice, o->max_files);
        row.transactions = tx->input.n_tx;
        for (guint t = 0; t < tx->tx_commits->len; t++) {
            guint ci = g_array_index(tx->tx_commits, guint, t);
            row.ml_transactions += g_array_index(slice->commits, RheaCommitRec, ci).n_ml > 0;
        }
        row.ml_share = row.transactions ? (double)row.ml_transactions / row.transactions : NAN;
        rhea_coupling_compute(&tx->input, o->permutations, o->bootstrap, o->seed, &row.coupling);
        g_array_append_val(rows, row);
        if (row.end == G_MAXINT64)
            break;
    }
    return rows;
}

void rhea_trend_free(GArray *rows)
{
    if (!rows)
        return;
    for (guint i = 0; i < rows->len; i++)
        g_free(g_array_index(rows, RheaTrendRow, i).label);
    g_array_free(rows, TRUE);
}
