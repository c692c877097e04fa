/* glob.c: gitignore(5) patterns (see glob.h).
 *
 * Compiling does what git's dir.c does to a .gitignore line: trailing spaces go unless escaped,
 * one trailing `/` becomes "folders only", a pattern without any other `/` matches basenames, and
 * the literal prefix before the first wildcard is compared with memcmp before the wildcard
 * matcher runs. Patterns that are a plain name or `*` + a plain suffix (most rules) never reach
 * the wildcard matcher at all.
 *
 * The wildcard matcher, wild(), has the semantics of git's wildmatch() with WM_PATHNAME: a
 * backtracking matcher whose `*` loop returns ABORT_ALL when the text runs out (no later split
 * can match either) and ABORT_TO_STARSTAR when a single `*` meets a `/` (only an enclosing `**`
 * may retry). Those two early exits keep it polynomial on hostile patterns such as `*a*a*a*b`.
 * Texts are (pointer, end) ranges so that a path's parent folders are matched without copies. */
#define _GNU_SOURCE /* memrchr */
#include "classifiers/glob.h"

#include <string.h>

#include "engine/error.h"

typedef unsigned char uchar;

enum { GLOB_DIR_ONLY = 1 << 8, GLOB_BASENAME = 1 << 9 };

typedef enum {
    KIND_LITERAL, /* no wildcard: equality */
    KIND_SUFFIX,  /* basename pattern `*` + plain suffix */
    KIND_WILD,    /* literal prefix, then wild() */
} GlobKind;

struct RheaGlob {
    char *source; /* as written, trailing spaces dropped */
    char *pat;    /* without its leading `/` (anchored) and trailing `/` (folders only) */
    gsize len;
    gsize prefix; /* bytes of pat before the first `*`, `?`, `[` or `\` */
    guint flags;
    GlobKind kind;
};

enum { WM_MATCH, WM_NOMATCH, WM_ABORT_ALL, WM_ABORT_TO_STARSTAR };

static gboolean is_special(uchar c)
{
    return c == '*' || c == '?' || c == '[' || c == '\\';
}

static int fold(int c, gboolean casefold)
{
    return casefold ? g_ascii_tolower(c) : c;
}

/* Which [:name:] class c belongs to: 1 yes, 0 no, -1 unknown name (the whole pattern fails). */
static int named_class(const uchar *name, int n, int c, gboolean casefold)
{
#define IS(s) (n == (int)sizeof(s) - 1 && memcmp(name, s, n) == 0)
    if (IS("alnum"))
        return g_ascii_isalnum(c);
    if (IS("alpha"))
        return g_ascii_isalpha(c);
    if (IS("blank"))
        return c == ' ' || c == '\t';
    if (IS("cntrl"))
        return g_ascii_iscntrl(c);
    if (IS("digit"))
        return g_ascii_isdigit(c);
    if (IS("graph"))
        return g_ascii_isgraph(c);
    if (IS("lower"))
        return g_ascii_islower(c);
    if (IS("print"))
        return g_ascii_isprint(c);
    if (IS("punct"))
        return g_ascii_ispunct(c);
    if (IS("space"))
        return g_ascii_isspace(c);
    if (IS("upper"))
        return g_ascii_isupper(c) || (casefold && g_ascii_islower(c));
    if (IS("xdigit"))
        return g_ascii_isxdigit(c);
    return -1;
#undef IS
}

/* A bracket expression at *pp (its `[`) against byte c: 1 matches, 0 does not, -1 the pattern is
 * malformed (unterminated), which fails the whole match as in git. Leaves *pp on the closing `]`.
 * The first byte after `[` or `[!` is always a member, so `[]]` and `[!]]` hold a `]`. */
static int bracket(const uchar **pp, int c, gboolean casefold)
{
    const uchar *p = *pp + 1;
    int pc = *p, prev = 0;
    gboolean negated = pc == '!' || pc == '^', matched = FALSE;
    if (negated)
        pc = *++p;
    do {
        if (!pc)
            return -1;
        if (pc == '\\') {
            pc = *++p;
            if (!pc)
                return -1;
            matched |= c == pc;
        } else if (pc == '-' && prev && p[1] && p[1] != ']') {
            pc = *++p;
            if (pc == '\\' && !(pc = *++p))
                return -1;
            if (c <= pc && c >= prev)
                matched = TRUE;
            else if (casefold && g_ascii_islower(c)) {
                int up = g_ascii_toupper(c);
                matched |= up <= pc && up >= prev;
            }
            pc = 0; /* a range cannot start a range */
        } else if (pc == '[' && p[1] == ':') {
            const uchar *name = p + 2, *q = name;
            while (*q && *q != ']')
                q++;
            if (!*q)
                return -1;
            if (q - name < 1 || q[-1] != ':') {
                matched |= c == '['; /* no ":]": a plain `[` member */
            } else {
                int r = named_class(name, (int)(q - name - 1), c, casefold);
                if (r < 0)
                    return -1;
                matched |= r;
                p = q;
                pc = 0;
            }
        } else {
            matched |= c == pc;
        }
        prev = pc;
        pc = *++p;
    } while (pc != ']');
    *pp = p;
    return matched != negated;
}

/* Matches pattern p (NUL-terminated; start is where a leading `**` counts as a whole component)
 * against text [t, end). */
static int wild(const uchar *p, const uchar *start, const uchar *t, const uchar *end,
                gboolean casefold)
{
    for (; *p; p++, t++) {
        int tc = t < end ? fold(*t, casefold) : 0;
        int pc = fold(*p, casefold);
        if (!tc && pc != '*')
            return WM_ABORT_ALL;
        switch (pc) {
        case '\\':
            /* a trailing backslash compares NUL, which no path byte equals */
            pc = fold(*++p, casefold);
            if (tc != pc)
                return WM_NOMATCH;
            continue;
        case '?':
            if (tc == '/')
                return WM_NOMATCH;
            continue;
        case '[': {
            int r = bracket(&p, tc, casefold);
            if (r < 0)
                return WM_ABORT_ALL;
            if (!r || tc == '/')
                return WM_NOMATCH;
            continue;
        }
        case '*':
            break;
        default:
            if (tc != pc)
                return WM_NOMATCH;
            continue;
        }

        /* A run of stars. `**` crosses `/` only when it is a whole component. */
        const uchar *first = p;
        while (p[1] == '*')
            p++;
        const uchar *rest = p + 1;
        gboolean cross = FALSE;
        if (p > first && (first == start || first[-1] == '/') &&
            (!*rest || *rest == '/' || (rest[0] == '\\' && rest[1] == '/'))) {
            /* `**` + `/` may match no folder at all: try the rest right here first */
            if (*rest == '/' && wild(rest + 1, start, t, end, casefold) == WM_MATCH)
                return WM_MATCH;
            cross = TRUE;
        }
        if (!*rest) {
            if (!cross && memchr(t, '/', end - t))
                return WM_NOMATCH;
            return WM_MATCH;
        }
        if (!cross && *rest == '/') {
            /* `*` + `/` eats the rest of this component; the loop then steps over both `/` */
            const uchar *slash = memchr(t, '/', end - t);
            if (!slash)
                return WM_NOMATCH;
            t = slash;
            p = rest;
            continue;
        }
        while (t < end) {
            if (!is_special(*rest)) {
                /* skip to the next byte that can start the rest */
                int want = fold(*rest, casefold);
                while (t < end && (cross || *t != '/') && fold(*t, casefold) != want)
                    t++;
                if (t >= end || fold(*t, casefold) != want)
                    return WM_NOMATCH;
            }
            int r = wild(rest, start, t, end, casefold);
            if (r != WM_NOMATCH) {
                if (!cross || r != WM_ABORT_TO_STARSTAR)
                    return r;
            } else if (!cross && *t == '/') {
                return WM_ABORT_TO_STARSTAR;
            }
            t++;
        }
        return WM_ABORT_ALL;
    }
    return t < end ? WM_NOMATCH : WM_MATCH;
}

/* The pattern's trailing spaces, unless escaped by a backslash, as git's trim_trailing_spaces. */
static gsize trimmed_length(const char *s)
{
    const char *last_space = NULL, *p;
    for (p = s; *p; p++) {
        if (*p == ' ') {
            if (!last_space)
                last_space = p;
            continue;
        }
        if (*p == '\\' && !*++p)
            return p - s;
        last_space = NULL;
    }
    return (last_space ? last_space : p) - s;
}

RheaGlob *rhea_glob_new(const char *pattern, RheaGlobFlags flags, GError **error)
{
    g_return_val_if_fail(pattern != NULL, NULL);
    gsize len = trimmed_length(pattern);
    RheaGlob *g = g_new0(RheaGlob, 1);
    g->source = g_strndup(pattern, len);
    g->flags = flags;
    const char *body = g->source;
    if (len && body[len - 1] == '/') {
        g->flags |= GLOB_DIR_ONLY;
        len--;
    }
    /* `**` + `/` before a pattern without `/` matches in every folder, as a pattern without `/`
     * does (gitignore(5): "**" "/foo matches file or directory foo anywhere, the same as pattern
     * foo"); matched as one, only the path's name is tried, not every place in the path: P3's
     * rules (`**` + `/StartListening*` and the like) took 250 M instructions the other way */
    while (len > 3 && memcmp(body, "**/", 3) == 0 && !memchr(body + 3, '/', len - 3)) {
        body += 3;
        len -= 3;
    }
    if (!memchr(body, '/', len))
        g->flags |= GLOB_BASENAME;
    else if (body[0] == '/') {
        body++;
        len--;
    }
    if (len == 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "pattern '%s' matches nothing",
                    g->source);
        rhea_glob_free(g);
        return NULL;
    }
    g->pat = g_strndup(body, len);
    /* `**` + `/` twice in a row means what it means once, but costs the backtracker a factor of
     * the path's depth per repeat; collapse the repeats (git does not, and is that slow) */
    for (char *r; (r = strstr(g->pat, "/**/**/")) || g_str_has_prefix(g->pat, "**/**/");) {
        r = r ? r + 1 : g->pat;
        memmove(r, r + 3, strlen(r + 3) + 1);
    }
    g->len = len = strlen(g->pat);
    while (g->prefix < len && !is_special(g->pat[g->prefix]))
        g->prefix++;
    if (g->prefix == len)
        g->kind = KIND_LITERAL;
    else if ((g->flags & GLOB_BASENAME) && g->pat[0] == '*' && len > 1) {
        g->kind = KIND_SUFFIX;
        for (gsize i = 1; i < len; i++)
            if (is_special(g->pat[i]))
                g->kind = KIND_WILD;
    } else {
        g->kind = KIND_WILD;
    }
    return g;
}

void rhea_glob_free(RheaGlob *glob)
{
    if (!glob)
        return;
    g_free(glob->source);
    g_free(glob->pat);
    g_free(glob);
}

const char *rhea_glob_pattern(const RheaGlob *glob)
{
    return glob->source;
}

static gboolean same(const char *a, const char *b, gsize n, gboolean casefold)
{
    return casefold ? g_ascii_strncasecmp(a, b, n) == 0 : memcmp(a, b, n) == 0;
}

gboolean rhea_glob_is_basename(const RheaGlob *g)
{
    return (g->flags & GLOB_BASENAME) != 0;
}

gboolean rhea_glob_match_one(const RheaGlob *g, const char *path, gsize len, gboolean is_dir)
{
    gboolean casefold = (g->flags & RHEA_GLOB_CASEFOLD) != 0;
    if ((g->flags & GLOB_DIR_ONLY) && !is_dir)
        return FALSE;
    const char *text = path;
    if (g->flags & GLOB_BASENAME) {
        /* memrchr: a path's rules each look for its name, byte by byte this was a third of P3's
         * labeling */
        const char *slash = memrchr(path, '/', len);
        if (slash) {
            text = slash + 1;
            len -= (gsize)(text - path);
        }
        if (g->kind == KIND_SUFFIX)
            return len >= g->len - 1 &&
                   same(text + len - (g->len - 1), g->pat + 1, g->len - 1, casefold);
    }
    if (len < g->prefix || !same(text, g->pat, g->prefix, casefold))
        return FALSE;
    if (g->kind == KIND_LITERAL)
        return len == g->prefix;
    const uchar *end = (const uchar *)text + len;
    /* git's match_basename hands wildmatch the whole pattern; its match_pathname only what follows
     * the literal prefix, so there `**` right after the prefix counts as a whole component even in
     * `a/b**` + `/c` */
    if (g->flags & GLOB_BASENAME)
        return wild((const uchar *)g->pat, (const uchar *)g->pat, (const uchar *)text, end,
                    casefold) == WM_MATCH;
    const uchar *p = (const uchar *)g->pat + g->prefix;
    return wild(p, p, (const uchar *)text + g->prefix, end, casefold) == WM_MATCH;
}

gboolean rhea_glob_match_file(const RheaGlob *glob, const char *path)
{
    gsize len = strlen(path);
    if (rhea_glob_match_one(glob, path, len, FALSE))
        return TRUE;
    for (const char *s = memchr(path, '/', len); s; s = memchr(s + 1, '/', len - (s + 1 - path)))
        if (s > path && rhea_glob_match_one(glob, path, s - path, TRUE))
            return TRUE;
    return FALSE;
}
