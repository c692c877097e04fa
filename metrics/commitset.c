/* commitset.c: the product's commits in the window, read once from the store
 * (rhea_store_each_commit, engine/store_reads.h); each changed path is labeled through the
 * product's labeling and excluded paths are dropped.
 *
 * Reading and labeling are two steps (rhea_commitset_read, rhea_commitset_label) so that the
 * labeling can be built while the commits are read (cli/cli_input.c): the read keeps every
 * change, the labeling pass drops the excluded ones in place and counts the sides. */
#include "metrics/commitset.h"

#include "engine/error.h"
#include "engine/store_reads.h"

void rhea_commitset_free(RheaCommitSet *set)
{
    if (!set)
        return;
    g_free(set->product);
    g_array_free(set->commits, TRUE);
    g_array_free(set->changes, TRUE);
    g_string_chunk_free(set->strings);
    g_free(set);
}

/* Appends one stored commit and all its files, not yet labeled. */
static int add_commit(const RheaStoredCommit *sc, const RheaStoredChange *changes, guint n,
                      gpointer data)
{
    RheaCommitSet *set = data;
    RheaCommitRec c = {
        .cid = sc->cid,
        .time = sc->time,
        .merge = sc->merge,
        .name = g_string_chunk_insert_const(set->strings, sc->name),
        .email = g_string_chunk_insert_const(set->strings, sc->email),
        .first = set->changes->len,
        .n = n,
    };
    guint at = set->changes->len;
    g_array_set_size(set->changes, at + n);
    RheaFileChange *out = &g_array_index(set->changes, RheaFileChange, at);
    for (guint i = 0; i < n; i++)
        out[i] = (RheaFileChange){
            .pid = changes[i].pid,
            .added = changes[i].added,
            .removed = changes[i].removed,
            .label = RHEA_LABEL_EXCLUDE,
            .kind = changes[i].kind,
        };
    g_array_append_val(set->commits, c);
    return 0;
}

RheaCommitSet *rhea_commitset_read(RheaStore *store, const char *product, const RheaWindow *window,
                                   GError **error)
{
    g_autoptr(RheaProduct) p = NULL;
    if (rhea_store_product_require(store, product, &p, error) < 0)
        return NULL;
    RheaCommitSet *set = g_new0(RheaCommitSet, 1);
    set->product = g_strdup(product);
    set->commits = g_array_new(FALSE, FALSE, sizeof(RheaCommitRec));
    set->changes = g_array_new(FALSE, FALSE, sizeof(RheaFileChange));
    set->strings = g_string_chunk_new(4096);
    set->line_stats = p->line_stats;
    if (rhea_store_each_commit(store, product, window->has_since ? window->since : G_MININT64,
                               window->has_until ? window->until : G_MAXINT64, add_commit, set,
                               error) != 0) {
        rhea_commitset_free(set);
        return NULL;
    }
    return set;
}

void rhea_commitset_label(RheaCommitSet *set, const RheaLabeling *labels)
{
    guint w = 0; /* changes kept so far; never ahead of the change being read */
    for (guint i = 0; i < set->commits->len; i++) {
        RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        guint first = c->first, n = c->n;
        c->first = w;
        c->n = c->n_ml = c->n_nonml = 0;
        for (guint k = first; k < first + n; k++) {
            RheaFileChange f = g_array_index(set->changes, RheaFileChange, k);
            f.label = rhea_labeling_get(labels, f.pid);
            if (f.label == RHEA_LABEL_EXCLUDE)
                continue;
            g_array_index(set->changes, RheaFileChange, w++) = f;
            c->n++;
            if (f.label == RHEA_LABEL_ML)
                c->n_ml++;
            else
                c->n_nonml++;
        }
    }
    g_array_set_size(set->changes, w);
}

RheaCommitSet *rhea_commitset_load(RheaStore *store, const char *product, const RheaWindow *window,
                                   const RheaLabeling *labels, GError **error)
{
    RheaCommitSet *set = rhea_commitset_read(store, product, window, error);
    if (set)
        rhea_commitset_label(set, labels);
    return set;
}

gboolean rhea_commit_is_transaction(const RheaCommitRec *c, guint max_files)
{
    return !c->merge && c->n > 0 && (max_files == 0 || c->n <= max_files);
}
