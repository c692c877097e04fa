/* lines.c: see lines.h. */
#include "engine/lines.h"

#include <string.h>

#include "engine/error.h"

int rhea_lines_check_text(const char *text, gsize len, const char *source, const char *what,
                          GError **error)
{
    const char *nul = memchr(text, '\0', len);
    if (!nul)
        return 0;
    guint line = 1;
    for (const char *q = text; q < nul; q++)
        line += *q == '\n';
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: NUL byte: %s", source, line, what);
    return -1;
}

void rhea_lines_init(RheaLines *it, const char *text, gsize len)
{
    it->p = text;
    it->end = text + len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        it->p += 3; /* as Windows editors and spreadsheets write it */
    it->lineno = 0;
    it->line = g_string_new(NULL);
}

char *rhea_lines_next(RheaLines *it)
{
    if (it->p >= it->end)
        return NULL;
    const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
    const char *eol = nl ? nl : it->end;
    gsize n = (gsize)(eol - it->p);
    if (n && it->p[n - 1] == '\r')
        n--;
    g_string_truncate(it->line, 0);
    g_string_append_len(it->line, it->p, (gssize)n);
    it->p = nl ? nl + 1 : it->end;
    it->lineno++;
    return it->line->str;
}

void rhea_lines_clear(RheaLines *it)
{
    if (it->line)
        g_string_free(it->line, TRUE);
    it->line = NULL;
}
