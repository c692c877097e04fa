/* fanout.c: lookups in git's fan-out tables of ids (see the header). */
#include "engine/fanout.h"

#include <string.h>

#include "engine/file_map.h"

gboolean rhea_fanout_ordered(const unsigned char *fan)
{
    for (int b = 1; b < 256; b++)
        if (rhea_be32(fan + 4 * b) < rhea_be32(fan + 4 * (b - 1)))
            return FALSE;
    return TRUE;
}

void rhea_fanout_range(const unsigned char *fan, guint8 first, guint32 *lo, guint32 *hi)
{
    *lo = first ? rhea_be32(fan + 4 * (first - 1)) : 0;
    *hi = rhea_be32(fan + 4 * first);
}

gint64 rhea_fanout_find(const unsigned char *fan, const unsigned char *ids, const unsigned char *id)
{
    guint32 lo, hi;
    rhea_fanout_range(fan, id[0], &lo, &hi);
    while (lo < hi) {
        guint32 mid = lo + (hi - lo) / 2;
        int cmp = memcmp(ids + (size_t)mid * 20, id, 20);
        if (cmp == 0)
            return mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}
