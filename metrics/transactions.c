/* transactions.c: numbers the files of the kept transactions 0..N-1 in order of first
 * appearance; the universe is exactly the files that appear in at least one transaction. */
#include "metrics/transactions.h"

RheaTransactions *rhea_transactions_build(const RheaCommitSet *set, guint max_files)
{
    RheaTransactions *t = g_new0(RheaTransactions, 1);
    t->pids = g_array_new(FALSE, FALSE, sizeof(gint64));
    t->is_ml = g_array_new(FALSE, FALSE, sizeof(gboolean));
    t->tx_start = g_array_new(FALSE, FALSE, sizeof(guint));
    t->files = g_array_new(FALSE, FALSE, sizeof(guint));
    t->tx_commits = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GHashTable) index = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    guint zero = 0;
    g_array_append_val(t->tx_start, zero);
    for (guint i = 0; i < set->commits->len; i++) {
        const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        if (!rhea_commit_is_transaction(c, 0))
            continue;
        if (max_files && c->n > max_files) {
            t->dropped_large++;
            continue;
        }
        for (guint f = c->first; f < c->first + c->n; f++) {
            const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, f);
            gpointer slot = g_hash_table_lookup(index, &ch->pid);
            guint u;
            if (slot) {
                u = GPOINTER_TO_UINT(slot) - 1;
            } else {
                u = t->pids->len;
                g_array_append_val(t->pids, ch->pid);
                gboolean ml = ch->label == RHEA_LABEL_ML;
                g_array_append_val(t->is_ml, ml);
                g_hash_table_insert(index, g_memdup2(&ch->pid, sizeof ch->pid),
                                    GUINT_TO_POINTER(u + 1));
            }
            g_array_append_val(t->files, u);
        }
        guint end = t->files->len;
        g_array_append_val(t->tx_start, end);
        g_array_append_val(t->tx_commits, i);
    }
    t->input.n_files = t->pids->len;
    t->input.is_ml = (const gboolean *)t->is_ml->data;
    t->input.n_tx = t->tx_commits->len;
    t->input.tx_start = (const guint *)t->tx_start->data;
    t->input.files = (const guint *)t->files->data;
    return t;
}

void rhea_transactions_free(RheaTransactions *t)
{
    if (!t)
        return;
    g_array_free(t->pids, TRUE);
    g_array_free(t->is_ml, TRUE);
    g_array_free(t->tx_start, TRUE);
    g_array_free(t->files, TRUE);
    g_array_free(t->tx_commits, TRUE);
    g_free(t);
}
