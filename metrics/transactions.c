/* transactions.c: numbers the files of the kept transactions 0..N-1 in order of first
 * appearance; the universe is exactly the files that appear in at least one transaction.
 *
 * Logical commits (docs/metrics.md, "Logical commits"): an author's commit joins their open change
 * set when it comes at most logical_days days after the set's first commit, else it opens a new
 * one; a change set's files are the union of its commits' files. The cap on large commits applies
 * to each commit before merging. Transactions come out in order of their first commit. */
#include "metrics/transactions.h"

RheaTransactions *rhea_transactions_build(const RheaCommitSet *set, guint max_files)
{
    RheaTransactionOptions o = {.max_files = max_files};
    return rhea_transactions_build_with(set, &o);
}

/* side of a file change: 1 first side (ML), 2 second, 0 left out */
static int side_of(const RheaTransactionOptions *o, const RheaFileChange *ch)
{
    if (!o->sides)
        return ch->label == RHEA_LABEL_ML ? 1 : 2;
    return GPOINTER_TO_INT(g_hash_table_lookup(o->sides, &ch->pid));
}

RheaTransactions *rhea_transactions_build_with(const RheaCommitSet *set,
                                               const RheaTransactionOptions *o)
{
    RheaTransactions *t = g_new0(RheaTransactions, 1);
    t->pids = g_array_new(FALSE, FALSE, sizeof(gint64));
    t->is_ml = g_array_new(FALSE, FALSE, sizeof(gboolean));
    t->tx_start = g_array_new(FALSE, FALSE, sizeof(guint));
    t->files = g_array_new(FALSE, FALSE, sizeof(guint));
    t->tx_commits = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GHashTable) index = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);

    /* group[i]: the change set commit i belongs to (G_MAXUINT: not a transaction) */
    guint n = set->commits->len;
    g_autofree guint *group = g_new(guint, n ? n : 1);
    g_autoptr(GHashTable) open = g_hash_table_new(g_direct_hash, g_direct_equal); /* author+1 ->
                                                                                     commit+1 */
    g_autoptr(GArray) firsts = g_array_new(FALSE, FALSE, sizeof(guint));
    gint64 span = (gint64)o->logical_days * 86400;
    for (guint i = 0; i < n; i++) {
        const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        group[i] = G_MAXUINT;
        if (!rhea_commit_is_transaction(c, 0))
            continue;
        if (o->max_files && c->n > o->max_files) {
            t->dropped_large++;
            continue;
        }
        gboolean any = FALSE;
        for (guint f = c->first; f < c->first + c->n && !any; f++)
            any = side_of(o, &g_array_index(set->changes, RheaFileChange, f)) != 0;
        if (!any)
            continue;
        gint author = o->logical_days && o->author_of ? g_array_index(o->author_of, gint, i) : -1;
        if (author >= 0) {
            gpointer key = GINT_TO_POINTER(author + 1);
            guint first = GPOINTER_TO_UINT(g_hash_table_lookup(open, key));
            if (first &&
                c->time - g_array_index(set->commits, RheaCommitRec, first - 1).time <= span) {
                group[i] = group[first - 1];
                t->merged++;
                continue;
            }
            g_hash_table_insert(open, key, GUINT_TO_POINTER(i + 1));
        }
        group[i] = firsts->len;
        g_array_append_val(firsts, i);
    }
    /* members of each group, in commit order */
    guint groups = firsts->len;
    g_autofree guint *count = g_new0(guint, groups + 1);
    for (guint i = 0; i < n; i++)
        if (group[i] != G_MAXUINT)
            count[group[i] + 1]++;
    for (guint g = 0; g < groups; g++)
        count[g + 1] += count[g];
    g_autofree guint *members = g_new(guint, count[groups] ? count[groups] : 1);
    g_autofree guint *fill = g_memdup2(count, sizeof(guint) * (groups + 1));
    for (guint i = 0; i < n; i++)
        if (group[i] != G_MAXUINT)
            members[fill[group[i]]++] = i;

    guint zero = 0;
    g_array_append_val(t->tx_start, zero);
    /* seen[u] = g + 1: file u is already in change set g (no set to clear per change set) */
    g_autoptr(GArray) seen = g_array_new(FALSE, TRUE, sizeof(guint));
    for (guint g = 0; g < groups; g++) {
        for (guint m = count[g]; m < count[g + 1]; m++) {
            const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, members[m]);
            for (guint f = c->first; f < c->first + c->n; f++) {
                const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, f);
                int side = side_of(o, ch);
                if (!side)
                    continue;
                gpointer slot = g_hash_table_lookup(index, &ch->pid);
                guint u;
                if (slot) {
                    u = GPOINTER_TO_UINT(slot) - 1;
                } else {
                    u = t->pids->len;
                    g_array_append_val(t->pids, ch->pid);
                    gboolean first_side = side == 1;
                    g_array_append_val(t->is_ml, first_side);
                    g_hash_table_insert(index, g_memdup2(&ch->pid, sizeof ch->pid),
                                        GUINT_TO_POINTER(u + 1));
                    g_array_set_size(seen, u + 1); /* zeroed: in no change set yet */
                }
                if (g_array_index(seen, guint, u) == g + 1)
                    continue; /* the same file in two commits of one change set */
                g_array_index(seen, guint, u) = g + 1;
                g_array_append_val(t->files, u);
            }
        }
        guint end = t->files->len;
        g_array_append_val(t->tx_start, end);
        g_array_append_val(t->tx_commits, g_array_index(firsts, guint, g));
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
