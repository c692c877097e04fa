/* slice.c: see slice.h. Periods are calendar periods in UTC. */
#include "metrics/slice.h"

RheaCommitSet *rhea_commitset_slice(const RheaCommitSet *set, gint64 since, gint64 until)
{
    RheaCommitSet *out = g_new0(RheaCommitSet, 1);
    out->product = g_strdup(set->product);
    out->commits = g_array_new(FALSE, FALSE, sizeof(RheaCommitRec));
    out->changes = g_array_new(FALSE, FALSE, sizeof(RheaFileChange));
    out->strings = g_string_chunk_new(1024);
    out->line_stats = set->line_stats;
    /* commits are in committer-time order: the slice starts at the first commit at or after
     * since (binary search) and ends at the first at or after until, so a trend of P periods
     * costs O(P log n + n), not O(P n) */
    guint lo = 0, hi = set->commits->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(set->commits, RheaCommitRec, mid).time < since)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (guint i = lo; i < set->commits->len; i++) {
        RheaCommitRec c = g_array_index(set->commits, RheaCommitRec, i);
        if (c.time >= until)
            break;
        g_array_append_vals(out->changes, &g_array_index(set->changes, RheaFileChange, c.first),
                            c.n);
        c.first = out->changes->len - c.n;
        c.name = g_string_chunk_insert_const(out->strings, c.name);
        c.email = g_string_chunk_insert_const(out->strings, c.email);
        g_array_append_val(out->commits, c);
    }
    return out;
}

gboolean rhea_period_parse(const char *name, RheaPeriod *out)
{
    if (g_strcmp0(name, "month") == 0)
        *out = RHEA_PERIOD_MONTH;
    else if (g_strcmp0(name, "quarter") == 0)
        *out = RHEA_PERIOD_QUARTER;
    else if (g_strcmp0(name, "year") == 0)
        *out = RHEA_PERIOD_YEAR;
    else
        return FALSE;
    return TRUE;
}

gint64 rhea_period_start(RheaPeriod p, gint64 t)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    if (!dt)
        return t;
    int y = g_date_time_get_year(dt), m = g_date_time_get_month(dt);
    if (p == RHEA_PERIOD_QUARTER)
        m = (m - 1) / 3 * 3 + 1;
    else if (p == RHEA_PERIOD_YEAR)
        m = 1;
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
    g_autoptr(GDateTime) start = g_date_time_new(utc, y, m, 1, 0, 0, 0);
    return g_date_time_to_unix(start);
}

gint64 rhea_period_next(RheaPeriod p, gint64 start)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(start);
    if (!dt)
        return G_MAXINT64;
    int months = p == RHEA_PERIOD_MONTH ? 1 : p == RHEA_PERIOD_QUARTER ? 3 : 12;
    g_autoptr(GDateTime) next = g_date_time_add_months(dt, months);
    return next ? g_date_time_to_unix(next) : G_MAXINT64;
}

char *rhea_period_label(RheaPeriod p, gint64 start)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(start);
    if (!dt)
        return g_strdup("?");
    int y = g_date_time_get_year(dt), m = g_date_time_get_month(dt);
    if (p == RHEA_PERIOD_MONTH)
        return g_strdup_printf("%04d-%02d", y, m);
    if (p == RHEA_PERIOD_QUARTER)
        return g_strdup_printf("%04d-Q%d", y, (m - 1) / 3 + 1);
    return g_strdup_printf("%04d", y);
}
