/* error.c: the RHEA_ERROR domain and quoting of untrusted text in messages. */
#include "engine/error.h"

G_DEFINE_QUARK(rhea - error - quark, rhea_error)

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
