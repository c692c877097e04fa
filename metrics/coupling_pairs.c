/* coupling_pairs.c: the ML/non-ML file pairs changed together most often (docs/metrics.md,
 * "Coupled pairs"), in time near-linear in the input.
 *
 * Counting every (ML, non-ML) pair of every transaction costs sum_t kM*kN: a commit of 1000 ML
 * and 1000 non-ML files alone is a million pairs, and most of them tie. Files changed by exactly
 * the same transactions are interchangeable here (same change count, same count with any other
 * file), so files are first grouped into classes by their transaction list (one pass over the
 * input to transpose it, a hash of each list, lists compared only on equal hashes). Pairs are
 * then counted between classes: a transaction holding C_M ML classes and C_N non-ML classes adds
 * C_M*C_N, each class pair counted once per transaction. Class pairs are sorted by count; within
 * one count the k smallest file pairs (a, b) are merged out of the classes' sorted file lists
 * with a binary heap. The work is O(input + sum_t C_M*C_N + P log P + k log P) for P class
 * pairs: linear in the input when files fall into few classes (the large commits that made the
 * pair count explode), and never more than the pair-by-pair count. */
#include "metrics/coupling.h"

#include <string.h>

typedef struct {
    const guint *tx; /* the transactions changing these files, ascending */
    guint n_tx;
    gboolean ml;
    guint64 hash;
} ClassKey;

typedef struct {
    guint cls_ml, cls_nonml, together;
} ClassPair;

static guint64 mix(guint64 x)
{
    /* splitmix64's finalizer: every input bit reaches every output bit */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static guint key_hash(gconstpointer p)
{
    return (guint)((const ClassKey *)p)->hash;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const ClassKey *x = a, *y = b;
    return x->hash == y->hash && x->ml == y->ml && x->n_tx == y->n_tx &&
           memcmp(x->tx, y->tx, sizeof(guint) * x->n_tx) == 0;
}

static guint pair_hash(gconstpointer p)
{
    return (guint)mix(*(const guint64 *)p);
}

static gboolean pair_equal(gconstpointer a, gconstpointer b)
{
    return *(const guint64 *)a == *(const guint64 *)b;
}

static gint cmp_class_pair(gconstpointer a, gconstpointer b)
{
    const ClassPair *x = a, *y = b;
    if (x->together != y->together)
        return x->together > y->together ? -1 : 1;
    return 0;
}

/* A cursor into one class pair's file pairs, in (ML file, non-ML file) order. */
typedef struct {
    const GArray *ml, *nonml; /* sorted file indices of the two classes */
    guint i, j;
} Cursor;

static gboolean cursor_less(const Cursor *x, const Cursor *y)
{
    guint xa = g_array_index(x->ml, guint, x->i), ya = g_array_index(y->ml, guint, y->i);
    if (xa != ya)
        return xa < ya;
    return g_array_index(x->nonml, guint, x->j) < g_array_index(y->nonml, guint, y->j);
}

static void sift_down(Cursor *h, guint n, guint i, guint64 *ops)
{
    for (;;) {
        guint l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && cursor_less(&h[l], &h[m]))
            m = l;
        if (r < n && cursor_less(&h[r], &h[m]))
            m = r;
        if (m == i)
            return;
        Cursor t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
        (*ops)++;
    }
}

GArray *rhea_coupling_top_pairs_counted(const RheaCouplingInput *in, guint k, guint64 *ops)
{
    guint64 local_ops = 0;
    if (!ops)
        ops = &local_ops;
    GArray *out = g_array_new(FALSE, FALSE, sizeof(RheaCoupledPair));
    guint nf = in->n_files;
    guint total = in->n_tx ? in->tx_start[in->n_tx] : 0;
    /* transpose: the transactions of each file, ascending (CSR) */
    g_autofree guint *start = g_new0(guint, (gsize)nf + 1);
    g_autofree guint *fill = g_new0(guint, nf);
    g_autofree guint *txs = g_new(guint, MAX(total, 1));
    g_autofree guint64 *hash = g_new0(guint64, nf);
    for (guint i = 0; i < total; i++)
        start[in->files[i] + 1]++;
    for (guint f = 0; f < nf; f++)
        start[f + 1] += start[f];
    for (guint t = 0; t < in->n_tx; t++)
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++) {
            guint f = in->files[i];
            txs[start[f] + fill[f]++] = t;
            hash[f] = mix(hash[f] ^ (t + 1));
        }
    *ops += total;

    /* classes: files with the same label and the same transactions */
    g_autofree guint *cls = g_new(guint, nf);
    g_autofree ClassKey *keys = g_new(ClassKey, MAX(nf, 1)); /* at most one class per file */
    g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    {
        g_autoptr(GHashTable) index = g_hash_table_new(key_hash, key_equal);
        for (guint f = 0; f < nf; f++) {
            (*ops)++;
            if (fill[f] == 0) {
                cls[f] = G_MAXUINT; /* never changed: in no pair */
                continue;
            }
            ClassKey probe = {.tx = txs + start[f],
                              .n_tx = fill[f],
                              .ml = in->is_ml[f] ? TRUE : FALSE,
                              .hash = mix(hash[f] ^ ((guint64)fill[f] << 1 | (in->is_ml[f] != 0)))};
            gpointer found;
            if (g_hash_table_lookup_extended(index, &probe, NULL, &found)) {
                cls[f] = GPOINTER_TO_UINT(found);
            } else {
                cls[f] = members->len;
                keys[cls[f]] = probe;
                g_hash_table_insert(index, &keys[cls[f]], GUINT_TO_POINTER(cls[f]));
                g_ptr_array_add(members, g_array_new(FALSE, FALSE, sizeof(guint)));
            }
            g_array_append_val(g_ptr_array_index(members, cls[f]), f); /* ascending */
        }
    }

    /* class pairs counted once per transaction */
    guint nc = members->len;
    g_autofree guint *seen = g_new(guint, MAX(nc, 1));
    for (guint c = 0; c < nc; c++)
        seen[c] = G_MAXUINT;
    g_autoptr(GArray) ml_here = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GArray) nonml_here = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GHashTable) pair_index = g_hash_table_new_full(pair_hash, pair_equal, g_free, NULL);
    g_autoptr(GArray) cpairs = g_array_new(FALSE, FALSE, sizeof(ClassPair));
    for (guint t = 0; t < in->n_tx; t++) {
        g_array_set_size(ml_here, 0);
        g_array_set_size(nonml_here, 0);
        for (guint i = in->tx_start[t]; i < in->tx_start[t + 1]; i++) {
            guint c = cls[in->files[i]];
            (*ops)++;
            if (seen[c] == t)
                continue;
            seen[c] = t;
            g_array_append_val(keys[c].ml ? ml_here : nonml_here, c);
        }
        for (guint a = 0; a < ml_here->len; a++)
            for (guint b = 0; b < nonml_here->len; b++) {
                (*ops)++;
                guint64 key = (guint64)g_array_index(ml_here, guint, a) << 32 |
                              g_array_index(nonml_here, guint, b);
                gpointer slot = g_hash_table_lookup(pair_index, &key);
                if (slot) {
                    g_array_index(cpairs, ClassPair, GPOINTER_TO_UINT(slot) - 1).together++;
                } else {
                    ClassPair p = {g_array_index(ml_here, guint, a),
                                   g_array_index(nonml_here, guint, b), 1};
                    g_array_append_val(cpairs, p);
                    g_hash_table_insert(pair_index, g_memdup2(&key, sizeof key),
                                        GUINT_TO_POINTER(cpairs->len));
                }
            }
    }
    g_array_sort(cpairs, cmp_class_pair);
    *ops += cpairs->len; /* the sort, counted as its length (P log P) times the log below */
    for (guint n = cpairs->len; n > 1; n >>= 1)
        *ops += cpairs->len;

    /* level by level (one count), the smallest file pairs first, until k are out */
    g_autofree Cursor *heap = g_new(Cursor, MAX(cpairs->len, 1));
    for (guint lo = 0; lo < cpairs->len && out->len < k;) {
        guint together = g_array_index(cpairs, ClassPair, lo).together, hi = lo, n = 0;
        while (hi < cpairs->len && g_array_index(cpairs, ClassPair, hi).together == together) {
            const ClassPair *p = &g_array_index(cpairs, ClassPair, hi++);
            heap[n++] = (Cursor){.ml = g_ptr_array_index(members, p->cls_ml),
                                 .nonml = g_ptr_array_index(members, p->cls_nonml)};
        }
        for (guint i = n / 2; i-- > 0;)
            sift_down(heap, n, i, ops);
        while (n > 0 && out->len < k) {
            Cursor *c = &heap[0];
            guint a = g_array_index(c->ml, guint, c->i), b = g_array_index(c->nonml, guint, c->j);
            RheaCoupledPair p = {.ml_file = a, .nonml_file = b, .together = together};
            p.support = in->n_tx ? (double)together / in->n_tx : 0;
            p.confidence_ml = (double)together / fill[a];
            p.confidence_nonml = (double)together / fill[b];
            g_array_append_val(out, p);
            (*ops)++;
            if (++c->j == c->nonml->len) { /* next ML file of the class, first non-ML file */
                c->j = 0;
                if (++c->i == c->ml->len)
                    heap[0] = heap[--n];
            }
            sift_down(heap, n, 0, ops);
        }
        lo = hi;
    }
    return out;
}

GArray *rhea_coupling_top_pairs(const RheaCouplingInput *in, guint k)
{
    return rhea_coupling_top_pairs_counted(in, k, NULL);
}
