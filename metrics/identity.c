/* identity.c: a union-find over (name, email) pairs.
 *
 * Each distinct pair is a raw key. Two keys are joined when their emails are equal ignoring case,
 * or (unless merging by email only) their normalized names are equal; joining is transitive, so A
 * sharing an email with B and B sharing a name with C puts all three together. Empty emails and
 * empty names join nothing: they say nothing about who someone is. */
#include "metrics/identity.h"

#include <string.h>

typedef struct {
    char *name, *email_lower;
    guint count;  /* commits under this exact pair */
    guint parent; /* union-find */
    guint person;
} RawKey;

struct RheaIdentities {
    gboolean merge_by_name;
    GArray *keys;        /* RawKey */
    GHashTable *by_pair; /* "name\nemail" -> raw index + 1 */
    GPtrArray *names;    /* person -> most frequent name (borrowed from keys) */
    GPtrArray *emails;   /* person -> GPtrArray of emails */
    gboolean resolved;
};

RheaIdentities *rhea_identities_new(gboolean merge_by_name)
{
    RheaIdentities *ids = g_new0(RheaIdentities, 1);
    ids->merge_by_name = merge_by_name;
    ids->keys = g_array_new(FALSE, FALSE, sizeof(RawKey));
    ids->by_pair = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    ids->names = g_ptr_array_new();
    ids->emails = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    return ids;
}

void rhea_identities_free(RheaIdentities *ids)
{
    if (!ids)
        return;
    for (guint i = 0; i < ids->keys->len; i++) {
        RawKey *k = &g_array_index(ids->keys, RawKey, i);
        g_free(k->name);
        g_free(k->email_lower);
    }
    g_array_free(ids->keys, TRUE);
    g_hash_table_destroy(ids->by_pair);
    g_ptr_array_free(ids->names, TRUE);
    g_ptr_array_free(ids->emails, TRUE);
    g_free(ids);
}

char *rhea_identity_normalize_name(const char *name)
{
    GString *out = g_string_new(NULL);
    gboolean space = FALSE;
    for (const char *p = name ? name : ""; *p; p++) {
        if (g_ascii_isspace(*p)) {
            space = out->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(out, ' ');
        space = FALSE;
        g_string_append_c(out, *p);
    }
    /* Non-ASCII letters are lowered too when the name is valid UTF-8. */
    if (g_utf8_validate(out->str, (gssize)out->len, NULL)) {
        char *lower = g_utf8_strdown(out->str, (gssize)out->len);
        g_string_free(out, TRUE);
        return lower;
    }
    char *lower = g_ascii_strdown(out->str, (gssize)out->len);
    g_string_free(out, TRUE);
    return lower;
}

guint rhea_identities_add(RheaIdentities *ids, const char *name, const char *email)
{
    g_return_val_if_fail(!ids->resolved, 0);
    g_autofree char *pair = g_strconcat(name ? name : "", "\n", email ? email : "", NULL);
    gpointer v = g_hash_table_lookup(ids->by_pair, pair);
    if (v) {
        guint raw = GPOINTER_TO_UINT(v) - 1;
        g_array_index(ids->keys, RawKey, raw).count++;
        return raw;
    }
    RawKey k = {
        .name = g_strdup(name ? name : ""),
        .email_lower = g_ascii_strdown(email ? email : "", -1),
        .count = 1,
        .parent = ids->keys->len,
    };
    g_array_append_val(ids->keys, k);
    g_hash_table_insert(ids->by_pair, g_steal_pointer(&pair), GUINT_TO_POINTER(ids->keys->len));
    return ids->keys->len - 1;
}

static guint find(GArray *keys, guint i)
{
    while (g_array_index(keys, RawKey, i).parent != i) {
        RawKey *k = &g_array_index(keys, RawKey, i);
        k->parent = g_array_index(keys, RawKey, k->parent).parent; /* path halving */
        i = k->parent;
    }
    return i;
}

static void join(GArray *keys, guint a, guint b)
{
    a = find(keys, a);
    b = find(keys, b);
    if (a == b)
        return;
    /* the earlier key is the root, so people are numbered by first appearance */
    if (b < a) {
        guint t = a;
        a = b;
        b = t;
    }
    g_array_index(keys, RawKey, b).parent = a;
}

/* Joins every key to the first key that had the same value. */
static void join_on(RheaIdentities *ids, char *(*value)(const RawKey *))
{
    g_autoptr(GHashTable) first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < ids->keys->len; i++) {
        char *v = value(&g_array_index(ids->keys, RawKey, i));
        if (!v || !*v) {
            g_free(v);
            continue;
        }
        gpointer seen = g_hash_table_lookup(first, v);
        if (seen) {
            join(ids->keys, GPOINTER_TO_UINT(seen) - 1, i);
            g_free(v);
        } else {
            g_hash_table_insert(first, v, GUINT_TO_POINTER(i + 1));
        }
    }
}

static char *email_of(const RawKey *k)
{
    return g_strdup(k->email_lower);
}

static char *name_of(const RawKey *k)
{
    return rhea_identity_normalize_name(k->name);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void rhea_identities_resolve(RheaIdentities *ids)
{
    g_return_if_fail(!ids->resolved);
    ids->resolved = TRUE;
    join_on(ids, email_of);
    if (ids->merge_by_name)
        join_on(ids, name_of);
    g_autoptr(GHashTable) person_of_root = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GArray) name_counts = g_array_new(FALSE, TRUE, sizeof(guint));
    /* name counts per (person, name): summed over raw keys with the same exact name */
    g_autoptr(GHashTable) per_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    /* "person\nemail" already listed: a person with E addresses costs O(E), not O(E^2) */
    g_autoptr(GHashTable) listed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < ids->keys->len; i++) {
        guint root = find(ids->keys, i);
        gpointer p = g_hash_table_lookup(person_of_root, GUINT_TO_POINTER(root));
        guint person;
        if (!p) {
            person = ids->names->len;
            g_hash_table_insert(person_of_root, GUINT_TO_POINTER(root),
                                GUINT_TO_POINTER(person + 1));
            g_ptr_array_add(ids->names, NULL);
            g_ptr_array_add(ids->emails, g_ptr_array_new_with_free_func(g_free));
        } else {
            person = GPOINTER_TO_UINT(p) - 1;
        }
        RawKey *k = &g_array_index(ids->keys, RawKey, i);
        k->person = person;
        char *key = g_strdup_printf("%u\n%s", person, k->name);
        guint total = GPOINTER_TO_UINT(g_hash_table_lookup(per_name, key)) + k->count;
        g_hash_table_insert(per_name, key, GUINT_TO_POINTER(total));
        GPtrArray *emails = g_ptr_array_index(ids->emails, person);
        if (*k->email_lower &&
            g_hash_table_add(listed, g_strdup_printf("%u\n%s", person, k->email_lower)))
            g_ptr_array_add(emails, g_strdup(k->email_lower));
    }
    g_array_set_size(name_counts, ids->names->len);
    for (guint i = 0; i < ids->keys->len; i++) {
        RawKey *k = &g_array_index(ids->keys, RawKey, i);
        g_autofree char *key = g_strdup_printf("%u\n%s", k->person, k->name);
        guint total = GPOINTER_TO_UINT(g_hash_table_lookup(per_name, key));
        const char *best = g_ptr_array_index(ids->names, k->person);
        guint best_n = g_array_index(name_counts, guint, k->person);
        if (!best || total > best_n || (total == best_n && strcmp(k->name, best) < 0)) {
            ids->names->pdata[k->person] = k->name;
            g_array_index(name_counts, guint, k->person) = total;
        }
    }
    for (guint p = 0; p < ids->emails->len; p++)
        g_ptr_array_sort(g_ptr_array_index(ids->emails, p), cmp_str);
}

guint rhea_identities_count(const RheaIdentities *ids)
{
    return ids->names->len;
}

guint rhea_identities_person(const RheaIdentities *ids, guint raw)
{
    return g_array_index(ids->keys, RawKey, raw).person;
}

const char *rhea_identities_name(const RheaIdentities *ids, guint person)
{
    return g_ptr_array_index(ids->names, person);
}

GPtrArray *rhea_identities_emails(const RheaIdentities *ids, guint person)
{
    return g_ptr_array_index(ids->emails, person);
}
