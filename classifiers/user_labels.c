/* user_labels.c: the user rules' label with the folders' matches remembered (user_labels.h). */
#include "classifiers/user_labels.h"

#include <string.h>

#include "classifiers/glob.h"

typedef struct {
    gsize end; /* the folder is the path's first end bytes (the `/` at end follows it) */
    gint last; /* the last rule matching this folder or one above it; -1: none */
} Level;

struct RheaUserLabels {
    const RheaRules *rules;
    guint n;
    GString *prev; /* the previous path */
    GArray *stack; /* of Level: the previous path's folders, outermost first */
};

RheaUserLabels *rhea_user_labels_new(const RheaRules *rules)
{
    RheaUserLabels *u = g_new0(RheaUserLabels, 1);
    u->rules = rules;
    u->n = rhea_rules_count(rules);
    u->prev = g_string_new(NULL);
    u->stack = g_array_new(FALSE, FALSE, sizeof(Level));
    return u;
}

void rhea_user_labels_free(RheaUserLabels *u)
{
    if (!u)
        return;
    g_string_free(u->prev, TRUE);
    g_array_free(u->stack, TRUE);
    g_free(u);
}

/* The last rule after `after` matching path[0..len) (a folder when is_dir); after if none. */
static gint last_after(const RheaUserLabels *u, gint after, const char *path, gsize len,
                       gboolean is_dir)
{
    for (gint i = (gint)u->n - 1; i > after; i--)
        if (rhea_glob_match_one(rhea_rules_glob(u->rules, (guint)i), path, len, is_dir))
            return i;
    return after;
}

gboolean rhea_user_labels_get(RheaUserLabels *u, const char *path, RheaLabel *label,
                              const char **why)
{
    if (u->n == 0)
        return FALSE;
    gsize len = strlen(path), common = 0;
    while (common < len && common < u->prev->len && path[common] == u->prev->str[common])
        common++;
    /* a folder of the previous path ending before `common` is a folder of this one too */
    while (u->stack->len > 0 && g_array_index(u->stack, Level, u->stack->len - 1).end >= common)
        g_array_set_size(u->stack, u->stack->len - 1);
    gsize from = 1; /* as rhea_glob_match_file: a `/` at 0 ends no folder */
    gint last = -1;
    if (u->stack->len > 0) {
        const Level *top = &g_array_index(u->stack, Level, u->stack->len - 1);
        from = top->end + 1;
        last = top->last;
    }
    for (const char *s = from < len ? memchr(path + from, '/', len - from) : NULL; s;
         s = memchr(s + 1, '/', len - (gsize)(s + 1 - path))) {
        Level level = {.end = (gsize)(s - path)};
        level.last = last = last_after(u, last, path, level.end, TRUE);
        g_array_append_val(u->stack, level);
    }
    last = last_after(u, last, path, len, FALSE);
    g_string_assign(u->prev, path);
    if (last < 0)
        return FALSE;
    const RheaRuleMatch *m = rhea_rules_match(u->rules, (guint)last);
    if (label)
        *label = m->label;
    if (why)
        *why = m->why;
    return TRUE;
}
