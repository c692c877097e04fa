/* walk_ahead.c: commits' parents read ahead of the history walk (see the header for why).
 *
 * The thread lists the pack's commits (each entry's type is in its header: no inflating), sorted
 * by index position for the walk's lookups and by offset for its own order, publishes the list,
 * then reads from the highest offset down. Each commit has a state that changes once from FREE,
 * by compare-and-swap: to CLAIMED by whichever side comes first; the thread then fills the
 * parents and sets READ (or UNREAD when it could not), and the walk takes READ parents only.
 * GLib's atomic operations are full barriers, so parents written before READ are seen after it. */
#include "engine/walk_ahead.h"

#include <stdlib.h>
#include <string.h>

#include "engine/commit_header.h"
#include "engine/pack_files.h"
#include "engine/pack_reader.h"

#define PARENTS_MAX 2
/* How often the listing checks whether it should stop, in objects. */
#define LIST_CHECK 65536

enum { FREE, CLAIMED, READ, UNREAD };

typedef struct {
    guint32 pos; /* in the pack's index */
    gint state;  /* atomic */
    guint64 offset;
    guint n;
    git_oid parents[PARENTS_MAX];
} Slot;

struct RheaWalkAhead {
    RheaPackFiles *files;   /* the listing's, and the walk's lookups (read only) */
    RheaPackReader *reader; /* the thread's */
    guint pack;
    Slot *slots;    /* by index position */
    guint32 *order; /* slot numbers by offset */
    guint count;
    gint ready; /* atomic: slots, order and count are set */
    gint stop;  /* atomic */
    GThread *thread;
    guint read, taken;
};

/* The pack holding most objects, or -1. */
static gint largest_pack(const RheaPackFiles *files)
{
    gint best = -1;
    guint32 most = 0;
    for (guint p = 0; p < rhea_pack_files_packs(files); p++)
        if (rhea_pack_files_objects(files, p) > most) {
            most = rhea_pack_files_objects(files, p);
            best = (gint)p;
        }
    return best;
}

typedef struct {
    guint64 offset;
    guint32 slot;
} ByOffset;

static int by_offset(const void *a, const void *b)
{
    guint64 x = ((const ByOffset *)a)->offset, y = ((const ByOffset *)b)->offset;
    return (x > y) - (x < y);
}

/* Lists the pack's commits; FALSE when told to stop meanwhile. git writes a pack's commits
 * first, so only entries below the lowest offset found to hold another type whole are looked at:
 * that bound falls to the commits' end after a few entries (each new lowest of a random order), and
 * the pages of trees and blobs, most of a pack, are never touched (touching every entry's header
 * cost Audiveris' listing 126 k page faults of a 269 MB pack, longer than the walk). A commit
 * beyond the bound is left to the walk. */
static gboolean list_commits(RheaWalkAhead *a)
{
    guint32 objects = rhea_pack_files_objects(a->files, a->pack);
    GArray *slots = g_array_new(FALSE, TRUE, sizeof(Slot));
    guint64 bound = G_MAXUINT64;
    for (guint32 i = 0; i < objects; i++) {
        if (i % LIST_CHECK == 0 && g_atomic_int_get(&a->stop)) {
            g_array_free(slots, TRUE);
            return FALSE;
        }
        guint64 offset = 0;
        RheaPackEntry e;
        if (!rhea_pack_files_nth(a->files, a->pack, i, &offset) || offset >= bound ||
            rhea_pack_files_entry(a->files, a->pack, offset, &e) < 0)
            continue;
        if (e.type == RHEA_PACK_OFS_DELTA || e.type == RHEA_PACK_REF_DELTA)
            continue; /* of any type (git deltifies a few commits): left to the walk */
        if (e.type != RHEA_PACK_COMMIT) {
            bound = offset;
            continue;
        }
        Slot s = {.pos = i, .state = FREE, .offset = offset};
        g_array_append_val(slots, s);
    }
    a->count = slots->len;
    a->slots = (Slot *)(void *)g_array_free(slots, FALSE);
    ByOffset *sorted = g_new(ByOffset, a->count ? a->count : 1);
    for (guint k = 0; k < a->count; k++)
        sorted[k] = (ByOffset){a->slots[k].offset, k};
    qsort(sorted, a->count, sizeof *sorted, by_offset);
    a->order = g_new(guint32, a->count ? a->count : 1);
    for (guint k = 0; k < a->count; k++)
        a->order[k] = sorted[k].slot;
    g_free(sorted);
    return TRUE;
}

/* Reads one claimed commit's parents into its slot and sets READ, or UNREAD. */
static void read_slot(RheaWalkAhead *a, Slot *s, GArray *parents)
{
    guint64 offset = 0;
    const unsigned char *raw = rhea_pack_files_nth(a->files, a->pack, s->pos, &offset);
    git_oid id;
    const char *text = NULL;
    size_t len = 0;
    g_array_set_size(parents, 0);
    gboolean ok = raw && git_oid_fromraw(&id, raw) == 0 &&
                  rhea_pack_reader_header(a->reader, &id, &text, &len) == 0 &&
                  rhea_commit_header_parents(text, len, parents) == 0 &&
                  parents->len <= PARENTS_MAX;
    if (ok) {
        s->n = parents->len;
        if (parents->len) /* a root's array has no data */
            memcpy(s->parents, parents->data, parents->len * sizeof(git_oid));
        a->read++;
    }
    g_atomic_int_set(&s->state, ok ? READ : UNREAD);
}

static gpointer run(gpointer data)
{
    RheaWalkAhead *a = data;
    if (!list_commits(a))
        return NULL;
    g_atomic_int_set(&a->ready, 1);
    g_autoptr(GArray) parents = g_array_new(FALSE, FALSE, sizeof(git_oid));
    for (guint k = a->count; k-- > 0;) {
        if (g_atomic_int_get(&a->stop))
            break;
        Slot *s = &a->slots[a->order[k]];
        if (!g_atomic_int_compare_and_exchange(&s->state, FREE, CLAIMED))
            continue;
        read_slot(a, s, parents);
    }
    return NULL;
}

static RheaWalkAhead *ahead_new(git_repository *repo)
{
    RheaPackFiles *files = rhea_pack_files_new(repo);
    gint pack = largest_pack(files);
    if (pack < 0) {
        rhea_pack_files_free(files);
        return NULL;
    }
    RheaWalkAhead *a = g_new0(RheaWalkAhead, 1);
    a->files = files;
    a->pack = (guint)pack;
    a->reader = rhea_pack_reader_new(repo);
    return a;
}

RheaWalkAhead *rhea_walk_ahead_start(git_repository *repo)
{
    if (g_get_num_processors() < 2)
        return NULL;
    RheaWalkAhead *a = ahead_new(repo);
    if (a)
        a->thread = g_thread_new("rhea-walk-ahead", run, a);
    return a;
}

RheaWalkAhead *rhea_walk_ahead_read_all(git_repository *repo)
{
    RheaWalkAhead *a = ahead_new(repo);
    if (a)
        run(a);
    return a;
}

static int by_pos(const void *key, const void *slot)
{
    guint32 x = *(const guint32 *)key, y = ((const Slot *)slot)->pos;
    return (x > y) - (x < y);
}

gboolean rhea_walk_ahead_parents(RheaWalkAhead *a, const git_oid *id, GArray *parents)
{
    if (!a || !g_atomic_int_get(&a->ready) || a->count == 0) /* no slots: NULL */
        return FALSE;
    gint64 pos = rhea_pack_files_position(a->files, a->pack, id->id);
    if (pos < 0)
        return FALSE;
    guint32 key = (guint32)pos;
    Slot *s = bsearch(&key, a->slots, a->count, sizeof *s, by_pos);
    if (!s)
        return FALSE;
    gint state = g_atomic_int_get(&s->state);
    if (state == FREE && g_atomic_int_compare_and_exchange(&s->state, FREE, CLAIMED))
        return FALSE; /* the walk's now: the thread skips it */
    if (g_atomic_int_get(&s->state) != READ)
        return FALSE;
    g_array_append_vals(parents, s->parents, s->n);
    a->taken++;
    return TRUE;
}

void rhea_walk_ahead_stop(RheaWalkAhead *a)
{
    if (!a)
        return;
    g_atomic_int_set(&a->stop, 1);
    if (a->thread)
        g_thread_join(a->thread);
    rhea_pack_reader_free(a->reader);
    rhea_pack_files_free(a->files);
    g_free(a->slots);
    g_free(a->order);
    g_free(a);
}

void rhea_walk_ahead_counts(const RheaWalkAhead *a, guint *read, guint *taken)
{
    *read = a ? a->read : 0;
    *taken = a ? a->taken : 0;
}
