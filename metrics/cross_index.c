/* cross_index.c: the inverted index of transactions per file and the cross-pair count
 * (cross_index.h). */
#include "metrics/cross_index.h"

struct RheaCrossIndex {
    guint n_files, n_tx;
    guint *start;   /* n_files + 1 offsets into tx */
    guint *tx;      /* the transactions of each file, ascending */
    guint *size;    /* k_t */
    guint *count;   /* per transaction, the visited side's files; all 0 between counts */
    guint *touched; /* transactions with count > 0 in this count */
};

RheaCrossIndex *rhea_cross_index_new(const RheaCouplingInput *in)
{
    RheaCrossIndex *x = g_new0(RheaCrossIndex, 1);
    x->n_files = in->n_files;
    x->n_tx = in->n_tx;
    guint entries = in->n_tx ? in->tx_start[in->n_tx] : 0;
    x->start = g_new0(guint, (gsize)in->n_files + 1);
    x->tx = g_new(guint, entries ? entries : 1);
    x->size = g_new(guint, in->n_tx ? in->n_tx : 1);
    x->count = g_new0(guint, in->n_tx ? in->n_tx : 1);
    x->touched = g_new(guint, in->n_tx ? in->n_tx : 1);
    for (guint i = 0; i < entries; i++)
        x->start[in->files[i] + 1]++;
    for (guint f = 0; f < in->n_files; f++)
        x->start[f + 1] += x->start[f];
    g_autofree guint *fill = g_memdup2(x->start, sizeof(guint) * ((gsize)in->n_files + 1));
    for (guint t = 0; t < in->n_tx; t++) {
        x->size[t] = in->tx_start[t + 1] - in->tx_start[t];
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++)
            x->tx[fill[in->files[i]]++] = t;
    }
    return x;
}

void rhea_cross_index_free(RheaCrossIndex *x)
{
    if (!x)
        return;
    g_free(x->start);
    g_free(x->tx);
    g_free(x->size);
    g_free(x->count);
    g_free(x->touched);
    g_free(x);
}

guint64 rhea_cross_index_count(RheaCrossIndex *x, const guint8 *label)
{
    guint ones = 0;
    for (guint f = 0; f < x->n_files; f++)
        ones += label[f];
    guint8 side = ones <= x->n_files - ones ? 1 : 0;
    guint n_touched = 0;
    for (guint f = 0; f < x->n_files; f++) {
        if (label[f] != side)
            continue;
        for (guint i = x->start[f]; i < x->start[f + 1]; i++) {
            guint t = x->tx[i];
            if (x->count[t]++ == 0)
                x->touched[n_touched++] = t;
        }
    }
    guint64 cross = 0;
    for (guint i = 0; i < n_touched; i++) {
        guint t = x->touched[i], c = x->count[t];
        cross += (guint64)c * (x->size[t] - c);
        x->count[t] = 0;
    }
    return cross;
}
