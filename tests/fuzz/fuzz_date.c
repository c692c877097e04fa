/* fuzz_date.c: libFuzzer target: arbitrary bytes as --since/--until dates (rhea_window_parse_date,
 * rhea_window_init, rhea_window_describe). The input is split at its first NUL into the two
 * options. Checked on every input: an error is one line; a plain YYYY-MM-DD that parses is
 * midnight UTC of that day; a window that initializes has since < until. Built with RHEA_FUZZ=ON;
 * run by `make fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/window.h"

static void check_error(GError *error)
{
    if (!error || strchr(error->message, '\n'))
        abort();
    g_error_free(error);
}

static void parse_one(const char *text)
{
    GError *error = NULL;
    gint64 t = 0;
    if (rhea_window_parse_date(text, "--since", &t, &error) < 0) {
        check_error(error);
        return;
    }
    if (strlen(text) == 10) { /* YYYY-MM-DD: midnight UTC of that very day */
        GDateTime *dt = g_date_time_new_from_unix_utc(t);
        int y, m, d;
        if (!dt || sscanf(text, "%4d-%2d-%2d", &y, &m, &d) != 3)
            abort();
        int gy, gm, gd;
        g_date_time_get_ymd(dt, &gy, &gm, &gd);
        if (gy != y || gm != m || gd != d || g_date_time_get_hour(dt) ||
            g_date_time_get_minute(dt) || g_date_time_get_second(dt))
            abort();
        g_date_time_unref(dt);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = g_malloc(size + 2);
    memcpy(buf, data, size);
    buf[size] = buf[size + 1] = '\0';
    const char *since = buf, *until = buf + strlen(buf) + 1;
    if (until > buf + size)
        until = buf + size; /* no NUL in the input: until is "" */
    parse_one(since);
    parse_one(until);
    RheaWindow w;
    GError *error = NULL;
    if (rhea_window_init(&w, since, *until ? until : NULL, &error) < 0) {
        check_error(error);
    } else {
        if (w.has_since && w.has_until && w.since >= w.until)
            abort();
        g_free(rhea_window_describe(&w));
    }
    g_free(buf);
    return 0;
}
