/* mt19937.h: GSL's gsl_rng_mt19937, gsl_rng_uniform_int and gsl_ran_shuffle, inlined.
 *
 * The coupling null model and bootstrap draw tens of millions of numbers; through GSL each draw
 * is two calls through function pointers and each swap of a shuffle a byte-wise memcpy. These
 * give the very same sequence as GSL for the same seed (tests/test_mt19937.c checks them against
 * GSL itself), so every p-value and interval stays what it was.
 *
 * Matsumoto and Nishimura's generator as GSL implements it: seeding as in their 2002 init_genrand
 * (a seed of 0 is 4357, as in GSL), 624 words of state. uniform_int(n) is GSL's rejection: with
 * scale = 0xffffffff / n, draw k = x / scale until k < n. shuffle is GSL's Fisher-Yates: for
 * i = n-1 down to 1, swap i with uniform_int(i + 1).
 *
 * Speed: the words are made in blocks (rhea_mt_refill regenerates the 624 words of state and
 * tempers them all, four at a time), so a draw is a load. The division by scale is a multiply
 * by a reciprocal worked out once per bound (RheaMtBound; a shuffle's bounds i + 1 are the same
 * for every shuffle of n items, so RheaMtShuffle holds them all; rhea_mt_key): Lemire, Kaser and
 * Kurz ("Faster remainder by direct computation", 2019, theorem 1) show that with c = ceil(2^64 /
 * d), floor(x / d) = floor(c x / 2^64) for every 32-bit x and d > 1, so the quotient is exact. */
#pragma once
#include <glib.h>

#define RHEA_MT_N 624

typedef struct {
    guint32 mt[RHEA_MT_N];  /* the state */
    guint32 out[RHEA_MT_N]; /* the state's words, tempered: what the draws return */
    guint mti;              /* the next word of out */
} RheaMt;

void rhea_mt_seed(RheaMt *r, unsigned long seed);
/* The state's next block of 624 words (GSL's regeneration step), tempered into out. */
void rhea_mt_refill(RheaMt *r);

static inline guint32 rhea_mt_next(RheaMt *r)
{
    if (G_UNLIKELY(r->mti >= RHEA_MT_N))
        rhea_mt_refill(r);
    return r->out[r->mti++];
}

/* A bound n of uniform_int (1 <= n <= G_MAXINT32, so GSL's scale is at least 2) with its divisor
 * key (rhea_mt_key). */
typedef struct {
    guint64 key;
    guint32 n;
} RheaMtBound;

/* What rhea_mt_div divides by for GSL's scale = 0xffffffff / n (n <= G_MAXINT32, scale >= 2):
 * ceil(2^64 / scale); without 128-bit integers, the scale itself. */
static inline guint64 rhea_mt_key(guint32 n)
{
    guint32 scale = 0xffffffffu / n;
#ifdef __SIZEOF_INT128__
    return G_MAXUINT64 / scale + 1;
#else
    return scale;
#endif
}

static inline RheaMtBound rhea_mt_bound(guint32 n)
{
    g_return_val_if_fail(n >= 1 && n <= G_MAXINT32, ((RheaMtBound){0, 0}));
    return (RheaMtBound){.key = rhea_mt_key(n), .n = n};
}

/* x / scale for the scale whose key is key (rhea_mt_key). */
static inline guint32 rhea_mt_div(guint32 x, guint64 key)
{
#ifdef __SIZEOF_INT128__
    return (guint32)(((unsigned __int128)key * x) >> 64);
#else
    return x / (guint32)key;
#endif
}

/* The words of the current block from *mti on (RHEA_MT_N - *mti of them, at least one), the next
 * block made first when this one is used up: loops drawing many numbers read them without checking
 * the block position per word, then add the words they used to *mti. */
static inline const guint32 *rhea_mt_block(RheaMt *r, guint *mti)
{
    if (*mti >= RHEA_MT_N) {
        rhea_mt_refill(r);
        *mti = 0;
    }
    return r->out + *mti;
}

/* A uniform integer in 0..b->n - 1, as gsl_rng_uniform_int(b->n). */
static inline guint32 rhea_mt_uniform_bound(RheaMt *r, const RheaMtBound *b)
{
    guint32 k;
    do
        k = rhea_mt_div(rhea_mt_next(r), b->key);
    while (k >= b->n);
    return k;
}

/* A uniform integer in 0..n-1 (n >= 1), as gsl_rng_uniform_int. */
static inline guint32 rhea_mt_uniform_int(RheaMt *r, guint32 n)
{
    guint32 scale = 0xffffffffu / n, k;
    do
        k = rhea_mt_next(r) / scale;
    while (k >= n);
    return k;
}

/* The divisor keys of the bounds of a shuffle of n items (n <= G_MAXINT32): key[i] for the draw
 * that swaps item i (bound i + 1). Made once, used by every shuffle of n items. */
typedef struct {
    gsize n;
    guint64 key[];
} RheaMtShuffle;

RheaMtShuffle *rhea_mt_shuffle_new(gsize n);
void rhea_mt_shuffle_free(RheaMtShuffle *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaMtShuffle, rhea_mt_shuffle_free)

/* gsl_ran_shuffle of s->n items of type T at base, a block of words at a time: a block holds at
 * least as many words as the draws it serves (take), so no block position is checked per word. A
 * rejected word (j > i, rare) does not step: GSL draws again for the same i (the same words, the
 * same swaps). That test stays a branch: as arithmetic, each i would wait for the multiply before
 * it, where the predicted branch lets the next draw start at once (tried: 15% slower). */
#define RHEA_MT_SHUFFLE_WITH(T, r, s, base)                                                        \
    do {                                                                                           \
        guint mti_ = (r)->mti;                                                                     \
        gsize i_ = (s)->n ? (s)->n - 1 : 0;                                                        \
        while (i_ > 0) {                                                                           \
            const guint32 *w_ = rhea_mt_block(r, &mti_);                                           \
            gsize take_ = MIN(i_, (gsize)(RHEA_MT_N - mti_));                                      \
            for (gsize u_ = 0; u_ < take_; u_++) {                                                 \
                guint32 j_ = rhea_mt_div(w_[u_], (s)->key[i_]);                                    \
                if (G_LIKELY(j_ <= i_)) {                                                          \
                    T t_ = (base)[i_];                                                             \
                    (base)[i_] = (base)[j_];                                                       \
                    (base)[j_] = t_;                                                               \
                    i_--;                                                                          \
                }                                                                                  \
            }                                                                                      \
            mti_ += (guint)take_;                                                                  \
        }                                                                                          \
        (r)->mti = mti_;                                                                           \
    } while (0)

/* gsl_ran_shuffle of s->n one-byte items. */
static inline void rhea_mt_shuffle_u8_with(RheaMt *r, const RheaMtShuffle *s, guint8 *base)
{
    RHEA_MT_SHUFFLE_WITH(guint8, r, s, base);
}

/* gsl_ran_shuffle of s->n four-byte items. */
static inline void rhea_mt_shuffle_u32_with(RheaMt *r, const RheaMtShuffle *s, guint32 *base)
{
    RHEA_MT_SHUFFLE_WITH(guint32, r, s, base);
}

/* Two 64-bit counts side by side (GCC's vector extension): one vector add sums both. */
typedef guint64 RheaMtPair __attribute__((vector_size(16)));

/* The entries rhea_mt_sum_draws reads for bound b: b->n, then zeros up to the largest quotient a
 * word can give (0xffffffff / scale, at most 2 b->n). */
static inline gsize rhea_mt_table_size(const RheaMtBound *b)
{
    return (gsize)MAX(rhea_mt_div(G_MAXUINT32, b->key), b->n - 1) + 1;
}

/* The sum of table[k] over count draws k = rhea_mt_uniform_bound(r, b), a block of words at a
 * time: each word's quotient indexes the table directly, so a word GSL rejects (quotient >= n,
 * rare) adds a zero and is not counted as a draw, without a branch; a block holds at least as
 * many words as the draws it serves (take), so no block position is checked per word. table has
 * rhea_mt_table_size(b) entries. */
static inline RheaMtPair rhea_mt_sum_draws(RheaMt *r, const RheaMtBound *b, const RheaMtPair *table,
                                           gsize count)
{
    RheaMtPair sum = {0, 0};
    guint mti = r->mti;
    const guint64 key = b->key;
    const guint32 n = b->n;
    for (gsize done = 0; done < count;) {
        const guint32 *w = rhea_mt_block(r, &mti);
        gsize take = MIN(count - done, (gsize)(RHEA_MT_N - mti));
        for (gsize j = 0; j < take; j++) {
            guint32 k = rhea_mt_div(w[j], key);
            sum += table[k];
            done += k < n;
        }
        mti += (guint)take;
    }
    r->mti = mti;
    return sum;
}

/* gsl_ran_shuffle of n one-byte items. */
static inline void rhea_mt_shuffle_u8(RheaMt *r, guint8 *base, gsize n)
{
    for (gsize i = n ? n - 1 : 0; i > 0; i--) {
        guint32 j = rhea_mt_uniform_int(r, (guint32)(i + 1));
        guint8 t = base[i];
        base[i] = base[j];
        base[j] = t;
    }
}

/* gsl_ran_shuffle of n four-byte items. */
static inline void rhea_mt_shuffle_u32(RheaMt *r, guint32 *base, gsize n)
{
    for (gsize i = n ? n - 1 : 0; i > 0; i--) {
        guint32 j = rhea_mt_uniform_int(r, (guint32)(i + 1));
        guint32 t = base[i];
        base[i] = base[j];
        base[j] = t;
    }
}
