/* progress.c: the progress line. Redrawn at most five times a second so it costs nothing. */
#include "engine/progress.h"

#include <stdio.h>

struct RheaProgress {
    char *what;
    guint64 total;
    gboolean enabled;
    gint64 start, last;
};

RheaProgress *rhea_progress_new(const char *what, guint64 total, gboolean enabled)
{
    RheaProgress *p = g_new0(RheaProgress, 1);
    p->what = g_strdup(what);
    p->total = total;
    p->enabled = enabled;
    p->start = p->last = g_get_monotonic_time();
    return p;
}

void rhea_progress_update(RheaProgress *p, guint64 done)
{
    if (!p || !p->enabled)
        return;
    gint64 now = g_get_monotonic_time();
    if (now - p->last < 200000 && done < p->total)
        return;
    p->last = now;
    double secs = (double)(now - p->start) / 1e6;
    double rate = secs > 0 ? (double)done / secs : 0;
    double left = rate > 0 ? (double)(p->total - done) / rate : 0;
    fprintf(stderr,
            "\r%s: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " commits, %.0f/s, %.0fs left  ",
            p->what, done, p->total, rate, left);
    fflush(stderr);
}

void rhea_progress_free(RheaProgress *p)
{
    if (!p)
        return;
    if (p->enabled)
        fprintf(stderr, "\r\033[K");
    g_free(p->what);
    g_free(p);
}
