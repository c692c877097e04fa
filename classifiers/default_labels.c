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
};

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
    return d;
}

void rhea_default_labels_free(RheaDefaultLabels *d)
{
    if (!d)
        return;
    g_hash_table_destroy(d->memo);
    g_array_free(d->sets, TRUE);
    g_free(d->acc);
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
    if (!at) {
        at = d->sets->len / d->words + 1;
        g_array_set_size(d->sets, d->sets->len + d->words);
        guint64 *set = &g_array_index(d->sets, guint64, (at - 1) * d->words);
        memset(set, 0, sizeof(guint64) * d->words);
        for (guint i = 0; i < d->n_rules; i++)
            if (rhea_glob_match_one(rhea_rules_default_glob(i), key + 1, len, is_dir))
                set[i / 64] |= G_GUINT64_CONSTANT(1) << (i % 64);
        g_hash_table_insert(d->memo, g_steal_pointer(&key), GUINT_TO_POINTER(at));
    }
    return &g_array_index(d->sets, guint64, (at - 1) * d->words);
}

RheaLabel rhea_default_labels_get(RheaDefaultLabels *d, const char *path, const char **why)
{
    if (!d->by_component || !*path)
        return rhea_rules_label_default(path, why);
    memset(d->acc, 0, sizeof(guint64) * d->words);
    for (const char *p = path;;) {
        const char *slash = strchr(p, '/');
        gsize len = slash ? (gsize)(slash - p) : strlen(p);
        /* an empty component (a//b, or a trailing /) is not a name: let the full matcher judge */
        if (len == 0)
            return rhea_rules_label_default(path, why);
        const guint64 *set = component_set(d, p, len, slash != NULL);
        for (guint w = 0; w < d->words; w++)
            d->acc[w] |= set[w];
        if (!slash)
            break;
        p = slash + 1;
    }
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
