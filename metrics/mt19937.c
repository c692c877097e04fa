/* mt19937.c: seeding and regeneration of the inlined GSL mt19937 (mt19937.h). */
#include "metrics/mt19937.h"

#define MT_M 397
#define UPPER 0x80000000u
#define LOWER 0x7fffffffu
#define MAGIC(y) (((y)&0x1u) ? 0x9908b0dfu : 0u)

void rhea_mt_seed(RheaMt *r, unsigned long seed)
{
    if (seed == 0)
        seed = 4357; /* GSL's choice for a zero seed */
    r->mt[0] = (guint32)(seed & 0xffffffffUL);
    for (guint i = 1; i < RHEA_MT_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + i;
    r->mti = RHEA_MT_N;
}

void rhea_mt_refill(RheaMt *r)
{
    guint32 *mt = r->mt;
    guint kk;
    for (kk = 0; kk < RHEA_MT_N - MT_M; kk++) {
        guint32 y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ MAGIC(y);
    }
    for (; kk < RHEA_MT_N - 1; kk++) {
        guint32 y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + MT_M - RHEA_MT_N] ^ (y >> 1) ^ MAGIC(y);
    }
    guint32 y = (mt[RHEA_MT_N - 1] & UPPER) | (mt[0] & LOWER);
    mt[RHEA_MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ MAGIC(y);
    r->mti = 0;
}
