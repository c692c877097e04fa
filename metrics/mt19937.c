/* mt19937.c: seeding and regeneration of the inlined GSL mt19937 (mt19937.h), and the divisor
 * tables of shuffles.
 *
 * The regeneration is GSL's loop, eight words at a time in GCC's vector extension (AVX2 where
 * the processor has it, chosen at load time by GCC's target_clones; else two SSE2 or NEON halves,
 * or scalar code): word kk becomes a function of the old words kk and kk + 1 and of word kk + 397
 * (kk < 227: old) or kk - 227 (new); the distances (1 ahead, 227 behind) are larger than a
 * vector, so eight consecutive words never depend on each other. The tempering of the new block
 * is a separate pass over it, also eight at a time. */
#include "metrics/mt19937.h"

#include <string.h>

#define MT_M 397
#define UPPER 0x80000000u
#define LOWER 0x7fffffffu
#define MATRIX 0x9908b0dfu

typedef guint32 V8 __attribute__((vector_size(32)));

#if defined(__GNUC__)
/* GCC and clang note that a 32-byte vector passed without AVX has another ABI: these helpers are
 * static and inlined, so no call of them crosses an ABI boundary */
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

static inline V8 load8(const guint32 *p)
{
    V8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void store8(guint32 *p, V8 v)
{
    memcpy(p, &v, sizeof v);
}

/* GSL: y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER); mt[kk] = far ^ (y >> 1) ^ MAGIC(y) */
static inline guint32 step1(guint32 cur, guint32 next, guint32 far)
{
    guint32 y = (cur & UPPER) | (next & LOWER);
    return far ^ (y >> 1) ^ ((0u - (y & 1u)) & MATRIX);
}

static inline V8 step8(V8 cur, V8 next, V8 far)
{
    V8 y = (cur & UPPER) | (next & LOWER);
    return far ^ (y >> 1) ^ ((0u - (y & 1u)) & MATRIX);
}

static inline V8 temper8(V8 k)
{
    k ^= k >> 11;
    k ^= (k << 7) & 0x9d2c5680u;
    k ^= (k << 15) & 0xefc60000u;
    k ^= k >> 18;
    return k;
}

void rhea_mt_seed(RheaMt *r, unsigned long seed)
{
    if (seed == 0)
        seed = 4357; /* GSL's choice for a zero seed */
    r->mt[0] = (guint32)(seed & 0xffffffffUL);
    for (guint i = 1; i < RHEA_MT_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + i;
    r->mti = RHEA_MT_N;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void rhea_mt_refill(RheaMt *r)
{
    guint32 *mt = r->mt;
    guint kk = 0;
    /* words 0..226 read word kk + 397, still old; 227 = 28 * 8 + 3 */
    for (; kk + 8 <= RHEA_MT_N - MT_M; kk += 8)
        store8(mt + kk, step8(load8(mt + kk), load8(mt + kk + 1), load8(mt + kk + MT_M)));
    for (; kk < RHEA_MT_N - MT_M; kk++)
        mt[kk] = step1(mt[kk], mt[kk + 1], mt[kk + MT_M]);
    /* words 227..622 read word kk - 227, already new; 396 = 49 * 8 + 4 */
    for (; kk + 8 <= RHEA_MT_N - 1; kk += 8)
        store8(mt + kk,
               step8(load8(mt + kk), load8(mt + kk + 1), load8(mt + kk + MT_M - RHEA_MT_N)));
    for (; kk < RHEA_MT_N - 1; kk++)
        mt[kk] = step1(mt[kk], mt[kk + 1], mt[kk + MT_M - RHEA_MT_N]);
    mt[RHEA_MT_N - 1] = step1(mt[RHEA_MT_N - 1], mt[0], mt[MT_M - 1]);
    for (guint i = 0; i < RHEA_MT_N; i += 8) /* 624 = 78 * 8 */
        store8(r->out + i, temper8(load8(mt + i)));
    r->mti = 0;
}

RheaMtShuffle *rhea_mt_shuffle_new(gsize n)
{
    g_return_val_if_fail(n <= G_MAXINT32, NULL);
    RheaMtShuffle *s = g_malloc(sizeof *s + sizeof(guint64) * (n ? n : 1));
    s->n = n;
    s->key[0] = 0; /* item 0 is never drawn for */
    for (gsize i = 1; i < n; i++)
        s->key[i] = rhea_mt_key((guint32)(i + 1));
    return s;
}

void rhea_mt_shuffle_free(RheaMtShuffle *s)
{
    g_free(s);
}
