/* truckfactor.c: see truckfactor.h and docs/metrics.md, "Truck factor".
 *
 * One pass over the history in commit order collects, per file, who created it (the first 'A'
 * change), each person's deliveries (commits changing it) and whether its last change deleted it.
 * Authorship follows the paper: d is an author of f when DOA(d, f) >= 3.293 and DOA(d, f) /
 * max_d' DOA(d', f) > 0.75. The greedy step follows the published tool (GreedyTruckFactor): while
 * at least half the files have an author, remove the author of the most files (ties: the earlier
 * in the contributors' order, more commits first), and count. No rename detection: a renamed file
 * is a new file created by the renamer. */
#include "metrics/truckfactor.h"

#include <math.h>

#include "engine/store_kinds.h"

double rhea_doa(gboolean first_author, guint deliveries, guint others)
{
    return RHEA_DOA_BASE + RHEA_DOA_FA * (first_author ? 1 : 0) + RHEA_DOA_DL * deliveries -
           RHEA_DOA_AC * log1p((double)others);
}

typedef struct {
    gint first_author; /* person index, -1: none counted */
    gboolean alive;
    GHashTable *deliveries; /* person + 1 -> count */
} FileState;

static void clear_file(gpointer p)
{
    FileState *f = p;
    if (f->deliveries)
        g_hash_table_destroy(f->deliveries);
}

void rhea_truckfactor_free(RheaTruckFactor *tf)
{
    if (!tf)
        return;
    g_ptr_array_unref(tf->authors);
    g_array_free(tf->author_files, TRUE);
    g_free(tf);
}

RheaTruckFactor *rhea_truckfactor_compute(const RheaCommitSet *set, const RheaContributors *c,
                                          const GArray *kinds)
{
    RheaTruckFactor *tf = g_new0(RheaTruckFactor, 1);
    tf->authors = g_ptr_array_new_with_free_func(g_free);
    tf->author_files = g_array_new(FALSE, FALSE, sizeof(guint));
    tf->coverage_after = NAN;
    g_autoptr(GHashTable) index = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GArray) files = g_array_new(FALSE, TRUE, sizeof(FileState));
    g_array_set_clear_func(files, clear_file);
    for (guint i = 0; i < set->commits->len; i++) {
        const RheaCommitRec *cm = &g_array_index(set->commits, RheaCommitRec, i);
        gint who = g_array_index(c->person_of, gint, i);
        for (guint k = cm->first; k < cm->first + cm->n; k++) {
            const RheaFileChange *ch = &g_array_index(set->changes, RheaFileChange, k);
            gpointer slot = g_hash_table_lookup(index, &ch->pid);
            FileState *f;
            if (slot) {
                f = &g_array_index(files, FileState, GPOINTER_TO_UINT(slot) - 1);
            } else {
                FileState fresh = {.first_author = -1,
                                   .deliveries = g_hash_table_new(g_direct_hash, g_direct_equal)};
                g_array_append_val(files, fresh);
                g_hash_table_insert(index, g_memdup2(&ch->pid, sizeof ch->pid),
                                    GUINT_TO_POINTER(files->len));
                f = &g_array_index(files, FileState, files->len - 1);
                /* the first change creates the file unless the history was cut (shallow) */
                f->first_author = -2;
            }
            char kind = kinds ? rhea_change_kind_find(kinds, cm->cid, ch->pid) : ch->kind;
            if (f->first_author == -2)
                f->first_author = kind == 'A' ? who : -1;
            f->alive = kind != 'D';
            if (who < 0)
                continue; /* a bot's change: it can delete a file, it authors nothing */
            gpointer key = GINT_TO_POINTER(who + 1);
            guint n = GPOINTER_TO_UINT(g_hash_table_lookup(f->deliveries, key));
            g_hash_table_insert(f->deliveries, key, GUINT_TO_POINTER(n + 1));
        }
    }
    /* authored[person] = files they are an author of; authors_of[file] = its authors */
    guint people = c->all->len;
    g_autofree guint *authored = g_new0(guint, people ? people : 1);
    g_autoptr(GPtrArray) authors_of = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (guint fi = 0; fi < files->len; fi++) {
        FileState *f = &g_array_index(files, FileState, fi);
        if (!f->alive)
            continue;
        tf->files++;
        guint total = 0;
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, f->deliveries);
        while (g_hash_table_iter_next(&it, &k, &v))
            total += GPOINTER_TO_UINT(v);
        double max = -INFINITY;
        g_hash_table_iter_init(&it, f->deliveries);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            gint who = GPOINTER_TO_INT(k) - 1;
            guint dl = GPOINTER_TO_UINT(v);
            double doa = rhea_doa(f->first_author == who, dl, total - dl);
            max = MAX(max, doa);
        }
        GArray *list = g_array_new(FALSE, FALSE, sizeof(guint));
        g_hash_table_iter_init(&it, f->deliveries);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            gint who = GPOINTER_TO_INT(k) - 1;
            guint dl = GPOINTER_TO_UINT(v);
            double doa = rhea_doa(f->first_author == who, dl, total - dl);
            if (doa >= RHEA_DOA_BASE - 1e-9 && doa / max > RHEA_DOA_NORMALIZED_MIN) {
                guint p = (guint)who;
                g_array_append_val(list, p);
                authored[p]++;
            }
        }
        if (list->len == 0)
            tf->orphan_at_start++;
        g_ptr_array_add(authors_of, list);
    }
    /* greedy: remove the author of the most files while at least half the files are covered */
    g_autofree gboolean *gone = g_new0(gboolean, people ? people : 1);
    for (;;) {
        guint covered = 0;
        for (guint fi = 0; fi < authors_of->len; fi++) {
            GArray *list = g_ptr_array_index(authors_of, fi);
            for (guint a = 0; a < list->len; a++)
                if (!gone[g_array_index(list, guint, a)]) {
                    covered++;
                    break;
                }
        }
        tf->coverage_after = tf->files ? (double)covered / tf->files : NAN;
        if (tf->files == 0 || 2 * covered < tf->files)
            break;
        gint best = -1;
        for (guint p = 0; p < people; p++)
            if (!gone[p] && authored[p] > 0 && (best < 0 || authored[p] > authored[best]))
                best = (gint)p;
        if (best < 0)
            break;
        gone[best] = TRUE;
        tf->truck_factor++;
        g_ptr_array_add(tf->authors, g_strdup(g_array_index(c->all, RheaContributor, best).name));
        g_array_append_val(tf->author_files, authored[best]);
    }
    return tf;
}
