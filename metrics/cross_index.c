/* cross_index.c: the inverted index of transactions per file and the cross-pair count
 * (cross_index.h). */
#include "metrics/cross_index.h"

#include <string.h>

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

/* Labels are read eight at a time: a word of eight labels none of which is the visited side is
 * skipped whole (most words, the visited side being the smaller one). */
#define ONES G_GUINT64_CONSTANT(0x0101010101010101)

static inline guint64 word_at(const guint8 *p)
{
    guint64 w;
    memcpy(&w, p, sizeof w);
    return w;
}

static inline void visit(RheaCrossIndex *x, guint f, guint *n_touched)
{
    for (guint i = x->start[f]; i < x->start[f + 1]; i++) {
        guint t = x->tx[i];
        if (x->count[t]++ == 0)
            x->touched[(*n_touched)++] = t;
    }
}

guint64 rhea_cross_index_count(RheaCrossIndex *x, const guint8 *label)
{
    guint ones = 0, f = 0, words = x->n_files / 8 * 8;
    for (; f < words; f += 8)
        ones += (guint)((word_at(label + f) * ONES) >> 56); /* the sum of eight 0/1 bytes */
    for (; f < x->n_files; f++)
        ones += label[f];
    guint8 side = ones <= x->n_files - ones ? 1 : 0;
    guint64 skip = side ? 0 : ONES; /* a word without the side */
    guint n_touched = 0;
    for (f = 0; f < words; f += 8) {
        if (word_at(label + f) == skip)
            continue;
        for (guint b = f; b < f + 8; b++)
            if (label[b] == side)
                visit(x, b, &n_touched);
    }
    for (; f < x->n_files; f++)
        if (label[f] == side)
            visit(x, f, &n_touched);
    guint64 cross = 0;
    for (guint i = 0; i < n_touched; i++) {
        guint t = x->touched[i], c = x->count[t];
        cross += (guint64)c * (x->size[t] - c);
        x->count[t] = 0;
    }
    return cross;
}
