/* default_labels.c: the defaults' label by path component (default_labels.h). */
#include "classifiers/default_labels.h"

#include <string.h>

#include "classifiers/glob.h"
#include "classifiers/rules.h"

struct RheaDefaultLabels {
    guint n_rules, words;  /* the defaults, and 64-bit words per set of them */
    gboolean by_component; /* every default unanchored */
    GHashTable *memo;      /* "f" or "d" + component -> index + 1 into sets */
    GArray *sets;          /* of guint64, words per remembered component */
    guint64 *acc;          /* a path's union */
    /* File names are mostly distinct, so remembering them saves little; most defaults are
     * `*.EXT`, which match a name exactly when it ends with .EXT (ASCII case folded): those are
     * looked up by each of the name's dotted suffixes, and only the others are matched. */
    GHashTable *by_suffix; /* ".ext" lower case -> index + 1 into sets */
    GArray *others;        /* of guint: defaults not of that form */
    /* The previous path's folders, outermost first: where each ends in prev (the folder is
     * prev's first end bytes) and the union of the sets of it and the folders above it (words
     * each, in unions). Paths come sorted, so the next one mostly shares them: its folders
     * already there are neither looked up again nor their sets added (P3: 84 k lookups of 78 k
     * components, the defaults' largest cost). */
    GString *prev;
    GArray *ends;   /* of gsize */
    GArray *unions; /* of guint64 */
};

/* Whether pattern is `*.` + letters, digits, `_`, `+` or `-` only. */
static gboolean plain_suffix(const char *pattern)
{
    if (pattern[0] != '*' || pattern[1] != '.' || !pattern[2])
        return FALSE;
    for (const char *p = pattern + 2; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '+' && *p != '-')
            return FALSE;
    return TRUE;
}

/* A new zeroed set in sets; its index + 1. */
static guint new_set(RheaDefaultLabels *d)
{
    guint at = d->sets->len / d->words + 1;
    g_array_set_size(d->sets, d->sets->len + d->words);
    memset(&g_array_index(d->sets, guint64, (at - 1) * d->words), 0, sizeof(guint64) * d->words);
    return at;
}

#define SET(d, at) (&g_array_index((d)->sets, guint64, ((at)-1) * (d)->words))
#define ADD(set, i) ((set)[(i) / 64] |= G_GUINT64_CONSTANT(1) << ((i) % 64))

RheaDefaultLabels *rhea_default_labels_new(void)
{
    RheaDefaultLabels *d = g_new0(RheaDefaultLabels, 1);
    d->n_rules = rhea_rules_default_count();
    d->words = (d->n_rules + 63) / 64;
    d->by_component = TRUE;
    for (guint i = 0; i < d->n_rules; i++)
        d->by_component = d->by_component && rhea_glob_is_basename(rhea_rules_default_glob(i));
    d->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    d->sets = g_array_new(FALSE, FALSE, sizeof(guint64));
    d->acc = g_new(guint64, d->words);
    d->by_suffix = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    d->others = g_array_new(FALSE, FALSE, sizeof(guint));
    d->prev = g_string_new(NULL);
    d->ends = g_array_new(FALSE, FALSE, sizeof(gsize));
    d->unions = g_array_new(FALSE, FALSE, sizeof(guint64));
    for (guint i = 0; i < d->n_rules; i++) {
        const RheaGlob *glob = rhea_rules_default_glob(i);
        const char *pattern = rhea_glob_pattern(glob);
        if (!rhea_glob_is_basename(glob) || !plain_suffix(pattern)) {
            g_array_append_val(d->others, i);
            continue;
        }
        char *key = g_ascii_strdown(pattern + 1, -1);
        guint at = GPOINTER_TO_UINT(g_hash_table_lookup(d->by_suffix, key));
        if (!at) {
            at = new_set(d);
            g_hash_table_insert(d->by_suffix, key, GUINT_TO_POINTER(at));
        } else
            g_free(key);
        ADD(SET(d, at), i);
    }
    return d;
}

void rhea_default_labels_free(RheaDefaultLabels *d)
{
    if (!d)
        return;
    g_hash_table_destroy(d->memo);
    g_hash_table_destroy(d->by_suffix);
    g_array_free(d->others, TRUE);
    g_array_free(d->sets, TRUE);
    g_free(d->acc);
    g_string_free(d->prev, TRUE);
    g_array_free(d->ends, TRUE);
    g_array_free(d->unions, TRUE);
    g_free(d);
}

/* The set of defaults matching one component (len bytes at name) as a folder or a file. */
static const guint64 *component_set(RheaDefaultLabels *d, const char *name, gsize len,
                                    gboolean is_dir)
{
    g_autofree char *key = g_malloc(len + 2);
    key[0] = is_dir ? 'd' : 'f';
    memcpy(key + 1, name, len);
    key[len + 1] = '\0';
    guint at = GPOINTER_TO_UINT(g_hash_table_lookup(d->memo, key));
    if (at)
        return SET(d, at);
    at = new_set(d); /* sets may move: the suffix sets are read by index below */
    if (is_dir) {
        for (guint i = 0; i < d->n_rules; i++)
            if (rhea_glob_match_one(rhea_rules_default_glob(i), key + 1, len, TRUE))
                ADD(SET(d, at), i);
    } else {
        for (guint k = 0; k < d->others->len; k++) {
            guint i = g_array_index(d->others, guint, k);
            if (rhea_glob_match_one(rhea_rules_default_glob(i), key + 1, len, FALSE))
                ADD(SET(d, at), i);
        }
        for (const char *dot = memchr(key + 1, '.', len); dot;
             dot = memchr(dot + 1, '.', len - (gsize)(dot + 1 - (key + 1)))) {
            g_autofree char *suffix = g_ascii_strdown(dot, -1);
            guint from = GPOINTER_TO_UINT(g_hash_table_lookup(d->by_suffix, suffix));
            for (guint w = 0; from && w < d->words; w++)
                SET(d, at)[w] |= SET(d, from)[w];
        }
    }
    g_hash_table_insert(d->memo, g_steal_pointer(&key), GUINT_TO_POINTER(at));
    return SET(d, at);
}

/* Forgets the previous path's folders (after a path the full matcher judged). */
static void forget(RheaDefaultLabels *d)
{
    g_string_truncate(d->prev, 0);
    g_array_set_size(d->ends, 0);
    g_array_set_size(d->unions, 0);
}

RheaLabel rhea_default_labels_get(RheaDefaultLabels *d, const char *path, const char **why)
{
    if (!d->by_component || !*path)
        return rhea_rules_label_default(path, why);
    gsize len = strlen(path), common = 0;
    while (common < len && common < d->prev->len && path[common] == d->prev->str[common])
        common++;
    /* a folder of the previous path ending before `common` is a folder of this one too */
    guint depth = d->ends->len;
    while (depth > 0 && g_array_index(d->ends, gsize, depth - 1) >= common)
        depth--;
    g_array_set_size(d->ends, depth);
    g_array_set_size(d->unions, depth * d->words);
    if (depth > 0)
        memcpy(d->acc, &g_array_index(d->unions, guint64, (depth - 1) * d->words),
               sizeof(guint64) * d->words);
    else
        memset(d->acc, 0, sizeof(guint64) * d->words);
    for (const char *p = depth > 0 ? path + g_array_index(d->ends, gsize, depth - 1) + 1 : path;;) {
        const char *slash = memchr(p, '/', len - (gsize)(p - path));
        gsize n = slash ? (gsize)(slash - p) : len - (gsize)(p - path);
        /* an empty component (a//b, or a trailing /) is not a name: let the full matcher judge */
        if (n == 0) {
            forget(d);
            return rhea_rules_label_default(path, why);
        }
        const guint64 *set = component_set(d, p, n, slash != NULL);
        for (guint w = 0; w < d->words; w++)
            d->acc[w] |= set[w];
        if (!slash)
            break;
        gsize end = (gsize)(slash - path);
        g_array_append_val(d->ends, end);
        g_array_append_vals(d->unions, d->acc, d->words);
        p = slash + 1;
    }
    g_string_assign(d->prev, path);
    for (guint w = d->words; w-- > 0;)
        if (d->acc[w]) {
            guint i = w * 64 + 63 - (guint)__builtin_clzll(d->acc[w]);
            const RheaRuleMatch *m = rhea_rules_default_match(i);
            if (why)
                *why = m->why;
            return m->label;
        }
    return rhea_rules_label_default(path, why); /* no default matched: not reached ("**") */
}
