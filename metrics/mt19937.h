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
 * i = n-1 down to 1, swap i with uniform_int(i + 1). */
#pragma once
#include <glib.h>

#define RHEA_MT_N 624

typedef struct {
    guint32 mt[RHEA_MT_N];
    guint mti;
} RheaMt;

void rhea_mt_seed(RheaMt *r, unsigned long seed);
/* The state's next block of 624 words (GSL's regeneration step). */
void rhea_mt_refill(RheaMt *r);

static inline guint32 rhea_mt_next(RheaMt *r)
{
    if (G_UNLIKELY(r->mti >= RHEA_MT_N))
        rhea_mt_refill(r);
    guint32 k = r->mt[r->mti++];
    k ^= k >> 11;
    k ^= (k << 7) & 0x9d2c5680u;
    k ^= (k << 15) & 0xefc60000u;
    k ^= k >> 18;
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
