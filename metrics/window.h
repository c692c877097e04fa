/* window.h: the time window every metric takes (--since, --until), by committer time. */
#pragma once
#include <glib.h>

typedef struct {
    gboolean has_since, has_until;
    gint64 since, until; /* Unix seconds; a commit is in when since <= time < until */
} RheaWindow;

/* Parses an ISO 8601 date (YYYY-MM-DD: 00:00:00 UTC) or date-time (YYYY-MM-DDTHH:MM[:SS] with Z
 * or an offset; none: UTC; no fraction of a second). what names the option in the error message. */
int rhea_window_parse_date(const char *text, const char *what, gint64 *out, GError **error);
/* Fills a window from optional --since/--until texts; fails when since >= until. */
int rhea_window_init(RheaWindow *w, const char *since, const char *until, GError **error);
gboolean rhea_window_contains(const RheaWindow *w, gint64 t);
/* "2023-01-01 .. 2024-01-01", "all history", ... for report headers. */
char *rhea_window_describe(const RheaWindow *w);
