/* multimatch.c: see multimatch.h.
 *
 * The automaton is a full DFA over a compressed alphabet: bytes are lowercased and mapped to
 * classes (one per byte that occurs in some literal, class 0 for every other byte), so the table is
 * states x classes rather than states x 256. Each state keeps the literals that end there and a
 * link to the nearest state on its failure chain that has some ("dictionary suffix link"). */
#include "classifiers/multimatch.h"

#include <string.h>

typedef struct {
    char *text;
    guint id;
} Literal;

struct RheaMultiMatch {
    GArray *literals; /* Literal */
    guint8 cls[256];
    guint nclasses;
    GArray *delta; /* guint32 [state * nclasses + class] */
    GArray *fail;  /* guint32 per state */
    GArray *dict;  /* guint32 per state: next state with outputs on the failure chain, 0 none */
    GArray *out;   /* gint32 per state: first output index in outs, -1 none */
    GArray *outs;  /* (guint id, gint32 next) pairs */
    guint nstates;
};

RheaMultiMatch *rhea_multimatch_new(void)
{
    RheaMultiMatch *m = g_new0(RheaMultiMatch, 1);
    m->literals = g_array_new(FALSE, FALSE, sizeof(Literal));
    return m;
}

void rhea_multimatch_free(RheaMultiMatch *m)
{
    if (!m)
        return;
    for (guint i = 0; i < m->literals->len; i++)
        g_free(g_array_index(m->literals, Literal, i).text);
    g_array_unref(m->literals);
    if (m->delta) {
        g_array_unref(m->delta);
        g_array_unref(m->fail);
        g_array_unref(m->dict);
        g_array_unref(m->out);
        g_array_unref(m->outs);
    }
    g_free(m);
}

void rhea_multimatch_add(RheaMultiMatch *m, const char *literal, guint id)
{
    g_return_if_fail(!m->delta && literal && *literal);
    Literal l = {.text = g_ascii_strdown(literal, -1), .id = id};
    g_array_append_val(m->literals, l);
}

#define DELTA(m, s, c) g_array_index((m)->delta, guint32, (gsize)(s) * (m)->nclasses + (c))

static guint32 new_state(RheaMultiMatch *m)
{
    guint32 s = m->nstates++;
    g_array_set_size(m->delta, (gsize)m->nstates * m->nclasses); /* zeroed: "no edge" */
    guint32 zero = 0;
    gint32 none = -1;
    g_array_append_val(m->fail, zero);
    g_array_append_val(m->dict, zero);
    g_array_append_val(m->out, none);
    return s;
}

typedef struct {
    guint id;
    gint32 next;
} Out;

void rhea_multimatch_compile(RheaMultiMatch *m)
{
    memset(m->cls, 0, sizeof m->cls);
    m->nclasses = 1;
    for (guint i = 0; i < m->literals->len; i++)
        for (const guint8 *p = (const guint8 *)g_array_index(m->literals, Literal, i).text; *p; p++)
            if (!m->cls[*p])
                m->cls[*p] = (guint8)m->nclasses++;
    for (int b = 0; b < 256; b++) /* uppercase bytes read as their lowercase class */
        if (b >= 'A' && b <= 'Z')
            m->cls[b] = m->cls[b - 'A' + 'a'];
    m->delta = g_array_new(FALSE, TRUE, sizeof(guint32));
    m->fail = g_array_new(FALSE, FALSE, sizeof(guint32));
    m->dict = g_array_new(FALSE, FALSE, sizeof(guint32));
    m->out = g_array_new(FALSE, FALSE, sizeof(gint32));
    m->outs = g_array_new(FALSE, FALSE, sizeof(Out));
    new_state(m); /* the root, state 0 */
    /* the trie; an edge to state 0 means "none" (no edge leads back to the root) */
    for (guint i = 0; i < m->literals->len; i++) {
        const Literal *l = &g_array_index(m->literals, Literal, i);
        guint32 s = 0;
        for (const guint8 *p = (const guint8 *)l->text; *p; p++) {
            guint c = m->cls[*p];
            if (!DELTA(m, s, c)) {
                guint32 t = new_state(m);
                DELTA(m, s, c) = t;
            }
            s = DELTA(m, s, c);
        }
        Out o = {.id = l->id, .next = g_array_index(m->out, gint32, s)};
        g_array_append_val(m->outs, o);
        g_array_index(m->out, gint32, s) = (gint32)m->outs->len - 1;
    }
    /* breadth first: failure links, dictionary links, and the missing edges of the DFA */
    g_autoptr(GArray) queue = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint c = 0; c < m->nclasses; c++) {
        guint32 t = DELTA(m, 0, c);
        if (t)
            g_array_append_val(queue, t); /* fail = 0 */
    }
    for (guint qi = 0; qi < queue->len; qi++) {
        guint32 s = g_array_index(queue, guint32, qi);
        guint32 f = g_array_index(m->fail, guint32, s);
        g_array_index(m->dict, guint32, s) =
            g_array_index(m->out, gint32, f) >= 0 ? f : g_array_index(m->dict, guint32, f);
        for (guint c = 0; c < m->nclasses; c++) {
            guint32 t = DELTA(m, s, c);
            if (t) {
                g_array_index(m->fail, guint32, t) = DELTA(m, f, c);
                g_array_append_val(queue, t);
            } else {
                DELTA(m, s, c) = DELTA(m, f, c);
            }
        }
    }
}

void rhea_multimatch_scan(const RheaMultiMatch *m, const char *text, gsize len, guint8 *hit)
{
    g_return_if_fail(m->delta);
    const guint8 *p = (const guint8 *)text, *end = p + len;
    const guint32 *delta = (const guint32 *)(void *)m->delta->data;
    const gint32 *out = (const gint32 *)(void *)m->out->data;
    const guint32 *dict = (const guint32 *)(void *)m->dict->data;
    const Out *outs = (const Out *)(void *)m->outs->data;
    guint n = m->nclasses;
    guint32 s = 0;
    for (; p < end; p++) {
        s = delta[(gsize)s * n + m->cls[*p]];
        if (!s)
            continue;
        for (guint32 t = out[s] >= 0 ? s : dict[s]; t; t = dict[t])
            for (gint32 o = out[t]; o >= 0; o = outs[o].next)
                hit[outs[o].id] = 1;
    }
}

void rhea_multimatch_each(const RheaMultiMatch *m, const char *text, gsize len, RheaMultiMatchFn fn,
                          void *payload)
{
    g_return_if_fail(m->delta);
    const guint8 *base = (const guint8 *)text, *p = base, *end = p + len;
    const guint32 *delta = (const guint32 *)(void *)m->delta->data;
    const gint32 *out = (const gint32 *)(void *)m->out->data;
    const guint32 *dict = (const guint32 *)(void *)m->dict->data;
    const Out *outs = (const Out *)(void *)m->outs->data;
    guint n = m->nclasses;
    guint32 s = 0;
    for (; p < end; p++) {
        s = delta[(gsize)s * n + m->cls[*p]];
        if (!s)
            continue;
        for (guint32 t = out[s] >= 0 ? s : dict[s]; t; t = dict[t])
            for (gint32 o = out[t]; o >= 0; o = outs[o].next)
                fn(outs[o].id, (gsize)(p - base) + 1, payload);
    }
}

/* ---- literals of a pattern ---- */

/* The ')' that closes the group opening at p (p at '('), or NULL. */
static const char *skip_group(const char *p)
{
    int depth = 0;
    gboolean in_class = FALSE;
    for (; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (in_class) {
            if (*p == ']')
                in_class = FALSE;
            continue;
        }
        if (*p == '[') {
            in_class = TRUE;
            if (p[1] == ']' || (p[1] == '^' && p[2] == ']'))
                p += p[1] == '^' ? 2 : 1; /* a leading ] is a member */
            continue;
        }
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p;
    }
    return NULL;
}

static gboolean is_quantifier(const char *p)
{
    return *p == '?' || *p == '*' || *p == '{' || *p == '+';
}

static GPtrArray *alt_literals(const char *s, const char *end, gsize min_len);

static gsize set_score(const GPtrArray *set)
{
    gsize m = G_MAXSIZE;
    for (guint i = 0; i < set->len; i++)
        m = MIN(m, strlen(g_ptr_array_index(set, i)));
    return set->len ? m : 0;
}

/* Literals one of which every match of one alternative (s[0..end)) contains: its longest run of
 * plain characters, or the literals of a group inside it when they are longer; NULL when there
 * is none of at least min_len bytes. */
static GPtrArray *branch_literals(const char *s, const char *end, gsize min_len)
{
    GString *best = g_string_new(NULL), *run = g_string_new(NULL);
    GPtrArray *best_set = NULL;
#define BREAK_RUN()                                                                                \
    do {                                                                                           \
        if (run->len > best->len)                                                                  \
            g_string_assign(best, run->str);                                                       \
        g_string_truncate(run, 0);                                                                 \
    } while (0)
    for (const char *p = s; p < end;) {
        char ch = 0;
        if (*p == '[') { /* a class: skip to its closing ] */
            const char *q = p + 1;
            if (q < end && *q == '^')
                q++;
            if (q < end && *q == ']')
                q++;
            while (q < end && *q != ']') {
                if (*q == '\\' && q + 1 < end)
                    q++;
                q++;
            }
            p = q < end ? q + 1 : end;
            BREAK_RUN();
            if (p < end && is_quantifier(p))
                p++;
            continue;
        }
        if (*p == '(') {
            const char *q = skip_group(p);
            const char *after = q && q < end ? q + 1 : end;
            BREAK_RUN();
            /* a plain group that is not optional: its own literals count */
            const char *inner = g_str_has_prefix(p, "(?:") ? p + 3 : p[1] != '?' ? p + 1 : NULL;
            gboolean optional = after < end && (*after == '?' || *after == '*' || *after == '{');
            if (q && q < end && inner && !optional) {
                GPtrArray *set = alt_literals(inner, q, min_len);
                if (set && (!best_set || set_score(set) > set_score(best_set))) {
                    if (best_set)
                        g_ptr_array_unref(best_set);
                    best_set = set;
                } else if (set) {
                    g_ptr_array_unref(set);
                }
            }
            p = after;
            if (p < end && is_quantifier(p))
                p++;
            continue;
        }
        if (*p == '\\' && p + 1 < end) {
            if (g_ascii_isalnum(p[1])) { /* \s \w \b \d \n ...: not a plain character */
                p += 2;
                BREAK_RUN();
                if (p < end && is_quantifier(p))
                    p++;
                continue;
            }
            ch = p[1];
            p += 2;
        } else if (strchr(".^$|)", *p)) {
            p++;
            BREAK_RUN();
            continue;
        } else if (is_quantifier(p)) {
            p++;
            continue;
        } else {
            ch = *p++;
        }
        if (p < end && (*p == '?' || *p == '*' || *p == '{')) {
            BREAK_RUN(); /* the character is optional: the run ends before it */
            p++;
            continue;
        }
        g_string_append_c(run, g_ascii_tolower(ch));
        if (p < end && *p == '+') {
            BREAK_RUN();
            p++;
        }
    }
    BREAK_RUN();
#undef BREAK_RUN
    g_string_free(run, TRUE);
    GPtrArray *out = NULL;
    if (best->len >= min_len && (!best_set || best->len >= set_score(best_set))) {
        out = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(out, g_string_free(best, FALSE));
        if (best_set)
            g_ptr_array_unref(best_set);
        return out;
    }
    g_string_free(best, TRUE);
    return best_set;
}

/* The union of the literals of the alternatives of s[0..end); NULL when one has none. */
static GPtrArray *alt_literals(const char *s, const char *end, gsize min_len)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    const char *start = s;
    for (const char *q = s;; q++) {
        if (q < end && *q == '\\' && q + 1 < end) {
            q++;
            continue;
        }
        if (q < end && *q == '[') {
            q++;
            if (q < end && *q == '^')
                q++;
            if (q < end && *q == ']')
                q++;
            while (q < end && *q != ']') {
                if (*q == '\\' && q + 1 < end)
                    q++;
                q++;
            }
            if (q >= end)
                break;
            continue;
        }
        if (q < end && *q == '(') {
            const char *e = skip_group(q);
            if (!e || e >= end) {
                g_ptr_array_unref(out);
                return NULL; /* unbalanced: let the regex decide */
            }
            q = e;
            continue;
        }
        if (q >= end || *q == '|') {
            GPtrArray *set = branch_literals(start, q, min_len);
            if (!set) {
                g_ptr_array_unref(out);
                return NULL;
            }
            for (guint i = 0; i < set->len; i++)
                g_ptr_array_add(out, g_strdup(g_ptr_array_index(set, i)));
            g_ptr_array_unref(set);
            if (q >= end)
                break;
            start = q + 1;
        }
    }
    return out;
}

char **rhea_multimatch_literals(const char *pattern, gsize min_len)
{
    const char *p = pattern;
    if (g_str_has_prefix(p, "(?i)"))
        p += 4;
    GPtrArray *set = alt_literals(p, p + strlen(p), min_len);
    if (!set)
        return NULL;
    g_ptr_array_set_free_func(set, NULL);
    g_ptr_array_add(set, NULL);
    return (char **)g_ptr_array_free(set, FALSE);
}
