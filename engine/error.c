/* error.c: the RHEA_ERROR domain and the libgit2 error bridge. */
#include "engine/error.h"

#include <git2.h>

G_DEFINE_QUARK(rhea - error - quark, rhea_error)

int rhea_error_git(GError **error, const char *what, ...)
{
    va_list ap;
    va_start(ap, what);
    g_autofree char *prefix = g_strdup_vprintf(what, ap);
    va_end(ap);
    const git_error *e = git_error_last();
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_GIT, "%s: %s", prefix,
                e && e->message ? e->message : "unknown libgit2 error");
    return -1;
}

char *rhea_error_quote(const char *text)
{
    enum { MAX_BYTES = 60 };
    GString *out = g_string_new(NULL);
    const char *p = text ? text : "";
    while (*p && out->len < MAX_BYTES) {
        guchar c = (guchar)*p;
        if (c >= 0x20 && c < 0x7f) {
            g_string_append_c(out, (char)c);
            p++;
            continue;
        }
        gunichar u = c >= 0x80 ? g_utf8_get_char_validated(p, -1) : (gunichar)-1;
        if (u != (gunichar)-1 && u != (gunichar)-2 && g_unichar_isprint(u)) {
            const char *next = g_utf8_next_char(p);
            g_string_append_len(out, p, next - p);
            p = next;
        } else {
            g_string_append_printf(out, "\\x%02x", c);
            p++;
        }
    }
    if (*p)
        g_string_append(out, "...");
    return g_string_free(out, FALSE);
}
