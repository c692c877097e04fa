/* window.c: parsing dates for --since/--until and testing commits against the window
 * (docs/metrics.md, "Window and transactions"). */
#include "metrics/window.h"

#include <stdlib.h>
#include <string.h>

#include "engine/error.h"

static gboolean all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
    return TRUE;
}

int rhea_window_parse_date(const char *text, const char *what, gint64 *out, GError **error)
{
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
    g_autoptr(GDateTime) dt = NULL;
    size_t len = text ? strlen(text) : 0;
    if (len == 10 && all_digits(text, 4) && text[4] == '-' && all_digits(text + 5, 2) &&
        text[7] == '-' && all_digits(text + 8, 2)) {
        int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
        if (g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
            dt = g_date_time_new(utc, y, m, d, 0, 0, 0);
    } else if (len > 10 && len < 64 && !strchr(text, '.')) {
        /* no fraction of a second: commit times are whole seconds and the fraction would be cut,
         * so 10:00:00.5 would not be honoured exactly */
        /* GLib wants the 'T'; accept a space too, as people write it */
        g_autofree char *copy = g_strdup(text);
        if (copy[10] == ' ')
            copy[10] = 'T';
        /* GLib wants seconds; HH:MM is common */
        if (len >= 16 && copy[13] == ':' && (len == 16 || strchr("Z+-", copy[16]))) {
            char *with_seconds = g_strdup_printf("%.16s:00%s", copy, copy + 16);
            g_free(copy);
            copy = with_seconds;
        }
        dt = g_date_time_new_from_iso8601(copy, utc);
    }
    if (!dt) {
        g_autofree char *quoted = rhea_error_quote(text);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                    "%s '%s': not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", what, quoted);
        return -1;
    }
    *out = g_date_time_to_unix(dt);
    return 0;
}

int rhea_window_init(RheaWindow *w, const char *since, const char *until, GError **error)
{
    memset(w, 0, sizeof *w);
    if (since) {
        if (rhea_window_parse_date(since, "--since", &w->since, error) < 0)
            return -1;
        w->has_since = TRUE;
    }
    if (until) {
        if (rhea_window_parse_date(until, "--until", &w->until, error) < 0)
            return -1;
        w->has_until = TRUE;
    }
    if (w->has_since && w->has_until && w->since >= w->until) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                    "--since %s is not before --until %s: the window is empty; swap them", since,
                    until);
        return -1;
    }
    return 0;
}

gboolean rhea_window_contains(const RheaWindow *w, gint64 t)
{
    return (!w->has_since || t >= w->since) && (!w->has_until || t < w->until);
}

static char *format_time(gint64 t)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    if (!dt)
        return g_strdup_printf("@%" G_GINT64_FORMAT, t);
    if (g_date_time_get_hour(dt) == 0 && g_date_time_get_minute(dt) == 0 &&
        g_date_time_get_second(dt) == 0)
        return g_date_time_format(dt, "%Y-%m-%d");
    return g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *rhea_window_describe(const RheaWindow *w)
{
    if (!w->has_since && !w->has_until)
        return g_strdup("all history");
    g_autofree char *s = w->has_since ? format_time(w->since) : NULL;
    g_autofree char *u = w->has_until ? format_time(w->until) : NULL;
    if (!w->has_since)
        return g_strdup_printf("before %s", u);
    if (!w->has_until)
        return g_strdup_printf("from %s", s);
    return g_strdup_printf("from %s to before %s", s, u);
}
