/* ownership.c: see ownership.h and docs/metrics.md, "Ownership". Counts are per (file, person)
 * in one hash keyed by file index * people + person, so memory follows the pairs that occur. */
#include "metrics/ownership.h"

#include <math.h>

void rhea_ownership_free(RheaOwnership *o)
{
    if (!o)
        return;
    g_array_free(o->files, TRUE);
    g_free(o);
}

static void summarize(RheaOwnership *o, RheaLabel side, const gboolean *owns_ml,
                      const gboolean *owns_nonml, guint people, RheaSideOwnership *out)
{
    const gboolean *here = side == RHEA_LABEL_ML ? owns_ml : owns_nonml;
    const gboolean *other = side == RHEA_LABEL_ML ? owns_nonml : owns_ml;
    double sum = 0;
    for (guint i = 0; i < o->files->len; i++) {
        const RheaFileOwner *f = &g_array_index(o->files, RheaFileOwner, i);
        if (f->label != side)
            continue;
        out->files++;
        sum += f->ownership;
        out->exclusive_files += !other[f->main_author];
    }
    out->mean_ownership = out->files ? sum / out->files : NAN;
    for (guint p = 0; p < people; p++) {
        out->owners += here[p];
        out->exclusive_owners += here[p] && !other[p];
    }
}

RheaOwnership *rhea_ownership_compute(const RheaCommitSet *set, const RheaContributors *c)
{
    RheaOwnership *o = g_new0(RheaOwnership, 1);
    o->files = g_array_new(FALSE, TRUE, sizeof(RheaFileOwner));
    guint people = c->all->len;
    g_autoptr(GHashTable) index = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GHashTable) counts =
        g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    for (guint i = 0; i < set->commits->len; i++) {
        gint who = g_array_index(c->person_of, gint, i);
        if (who < 0)
            continue;
        const RheaCommitRec *cm = &g_array_index(set->commits, RheaCommitRec, i);
        for (guint k = cm->first; k < cm->first + cm->n; k++) {
            const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, k);
            gpointer slot = g_hash_table_lookup(index, &ch->pid);
            guint fi;
            if (slot) {
                fi = GPOINTER_TO_UINT(slot) - 1;
            } else {
                RheaFileOwner f = {.pid = ch->pid, .label = ch->label};
                g_array_append_val(o->files, f);
                fi = o->files->len - 1;
                g_hash_table_insert(index, g_memdup2(&ch->pid, sizeof ch->pid),
                                    GUINT_TO_POINTER(fi + 1));
            }
            RheaFileOwner *f = &g_array_index(o->files, RheaFileOwner, fi);
            f->commits++;
            gint64 key = (gint64)fi * people + who;
            guint *n = g_hash_table_lookup(counts, &key);
            if (!n) {
                n = g_new0(guint, 1);
                g_hash_table_insert(counts, g_memdup2(&key, sizeof key), n);
            }
            (*n)++;
            /* the earlier person in c->all wins a tie: who < main_author */
            if (*n > f->main_commits || (*n == f->main_commits && (guint)who < f->main_author)) {
                f->main_commits = *n;
                f->main_author = (guint)who;
            }
        }
    }
    g_autofree gboolean *owns_ml = g_new0(gboolean, people ? people : 1);
    g_autofree gboolean *owns_nonml = g_new0(gboolean, people ? people : 1);
    for (guint i = 0; i < o->files->len; i++) {
        RheaFileOwner *f = &g_array_index(o->files, RheaFileOwner, i);
        f->ownership = (double)f->main_commits / f->commits;
        if (f->label == RHEA_LABEL_ML)
            owns_ml[f->main_author] = TRUE;
        else
            owns_nonml[f->main_author] = TRUE;
    }
    summarize(o, RHEA_LABEL_ML, owns_ml, owns_nonml, people, &o->ml);
    summarize(o, RHEA_LABEL_NONML, owns_ml, owns_nonml, people, &o->nonml);
    return o;
}
