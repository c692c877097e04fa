/* ingest_writer.c: the writer thread of an ingest and the bounded queue that feeds it.
 *
 * The reading thread (libgit2: commits, trees, diffs) fills records in a ring of QUEUE_SLOTS slots
 * and the writer thread stores them in order through the store's prepared statements. Only one
 * thread at a time touches the SQLite connection: the caller until start, the writer until
 * finish, the caller again after. The ring bounds memory whatever the history's length; a slot
 * that grew for a huge commit is given back once written.
 *
 * Invariants kept from the single-threaded loop: commits are written in the order pushed (parents
 * before children), each whole inside one transaction, and a transaction ends every batch_size
 * commits. The first failed write stops the writer; the reader sees NULL from the next slot call
 * and collects the error from finish. */
#include "engine/ingest_writer.h"

#include <string.h>

#define QUEUE_SLOTS 256
#define KEEP_TEXT_BYTES (64 * 1024)
#define KEEP_CHANGES 2048

enum {
    S_SHA,
    S_AUTHOR_NAME,
    S_AUTHOR_EMAIL,
    S_COMMITTER_NAME,
    S_COMMITTER_EMAIL,
    S_MAILMAP_NAME,
    S_MAILMAP_EMAIL,
    S_SUMMARY,
    S_COUNT
};

typedef struct {
    gsize path_off, path_len;
    gint64 added, removed;
    char kind;
} Change;

struct RheaCommitRecord {
    RheaCommitRow row; /* numbers only; the strings are at off[] in text */
    gsize off[S_COUNT];
    GString *text;
    GArray *parents; /* gsize offsets of NUL-terminated hex ids in text */
    GArray *changes; /* Change */
    guint missing_blobs;
};

struct RheaIngestWriter {
    RheaStore *store;
    char *product;
    guint batch_size;
    GThread *thread;
    GMutex lock;
    GCond not_empty, not_full;
    RheaCommitRecord ring[QUEUE_SLOTS];
    guint head, tail, count;  /* under lock */
    gboolean closing, failed; /* under lock */
    GError *error;            /* written by the thread before failed is set */
    GArray *rows;             /* RheaChangeRow, the writer thread's scratch */
};

static gsize add_text(GString *text, const char *s, gssize len)
{
    gsize off = text->len;
    if (len < 0)
        g_string_append(text, s ? s : "");
    else
        g_string_append_len(text, s, len);
    g_string_append_c(text, '\0');
    return off;
}

void rhea_commit_record_set(RheaCommitRecord *rec, const RheaCommitRow *row)
{
    rec->row = *row;
    rec->off[S_SHA] = add_text(rec->text, row->sha, -1);
    rec->off[S_AUTHOR_NAME] = add_text(rec->text, row->author_name, -1);
    rec->off[S_AUTHOR_EMAIL] = add_text(rec->text, row->author_email, -1);
    rec->off[S_COMMITTER_NAME] = add_text(rec->text, row->committer_name, -1);
    rec->off[S_COMMITTER_EMAIL] = add_text(rec->text, row->committer_email, -1);
    rec->off[S_MAILMAP_NAME] = add_text(rec->text, row->mailmap_name, -1);
    rec->off[S_MAILMAP_EMAIL] = add_text(rec->text, row->mailmap_email, -1);
    rec->off[S_SUMMARY] = add_text(rec->text, row->summary, -1);
}

void rhea_commit_record_add_parent(RheaCommitRecord *rec, const char *parent_sha)
{
    gsize off = add_text(rec->text, parent_sha, -1);
    g_array_append_val(rec->parents, off);
}

void rhea_commit_record_add_change(RheaCommitRecord *rec, const char *path, size_t path_len,
                                   char kind, gint64 added, gint64 removed)
{
    Change c;
    memset(&c, 0, sizeof c); /* padding too: records may be sent to another process */
    c.path_off = add_text(rec->text, path, (gssize)path_len);
    c.path_len = path_len;
    c.added = added;
    c.removed = removed;
    c.kind = kind;
    g_array_append_val(rec->changes, c);
}

void rhea_commit_record_add_missing_blobs(RheaCommitRecord *rec, guint n)
{
    rec->missing_blobs += n;
}

guint rhea_commit_record_missing_blobs(const RheaCommitRecord *rec)
{
    return rec->missing_blobs;
}

guint rhea_commit_record_change_count(const RheaCommitRecord *rec)
{
    return rec->changes->len;
}

const char *rhea_commit_record_sha(const RheaCommitRecord *rec)
{
    return rec->text->len > rec->off[S_SHA] ? rec->text->str + rec->off[S_SHA] : "";
}

/* The fixed part of a serialized record; the text, the parent offsets and the changes follow. */
typedef struct {
    RheaCommitRow row; /* numbers only: the pointers are not meaningful in another process */
    gsize off[S_COUNT];
    gsize text_len, n_parents, n_changes;
    guint missing_blobs;
} Header;

void rhea_commit_record_serialize(const RheaCommitRecord *rec, GString *out)
{
    Header h;
    memset(&h, 0, sizeof h); /* padding too: the bytes go to another process */
    h.row = rec->row;
    h.text_len = rec->text->len;
    h.n_parents = rec->parents->len;
    h.n_changes = rec->changes->len;
    h.missing_blobs = rec->missing_blobs;
    memcpy(h.off, rec->off, sizeof h.off);
    h.row.sha = h.row.author_name = h.row.author_email = h.row.committer_name = NULL;
    h.row.committer_email = h.row.mailmap_name = h.row.mailmap_email = h.row.summary = NULL;
    g_string_append_len(out, (const char *)&h, sizeof h);
    g_string_append_len(out, rec->text->str, (gssize)rec->text->len);
    g_string_append_len(out, rec->parents->data, (gssize)(rec->parents->len * sizeof(gsize)));
    g_string_append_len(out, rec->changes->data, (gssize)(rec->changes->len * sizeof(Change)));
}

int rhea_commit_record_deserialize(RheaCommitRecord *rec, const char *bytes, gsize len)
{
    Header h;
    rhea_commit_record_reset(rec);
    if (len < sizeof h)
        return -1;
    memcpy(&h, bytes, sizeof h);
    /* each count is bounded by len before the products are formed, so nothing overflows */
    if (h.text_len > len || h.n_parents > len || h.n_changes > len ||
        len != sizeof h + h.text_len + h.n_parents * sizeof(gsize) + h.n_changes * sizeof(Change))
        return -1;
    const char *p = bytes + sizeof h;
    /* every string must end inside the text, so that readers stop at its NUL */
    if (h.text_len == 0 || p[h.text_len - 1] != '\0')
        return -1;
    for (int i = 0; i < S_COUNT; i++)
        if (h.off[i] >= h.text_len)
            return -1;
    g_string_append_len(rec->text, p, (gssize)h.text_len);
    p += h.text_len;
    g_array_append_vals(rec->parents, p, (guint)h.n_parents);
    p += h.n_parents * sizeof(gsize);
    g_array_append_vals(rec->changes, p, (guint)h.n_changes);
    for (guint i = 0; i < rec->parents->len; i++)
        if (g_array_index(rec->parents, gsize, i) >= h.text_len)
            return -1;
    for (guint i = 0; i < rec->changes->len; i++) {
        const Change *c = &g_array_index(rec->changes, Change, i);
        if (c->path_off >= h.text_len || c->path_len >= h.text_len - c->path_off)
            return -1;
    }
    rec->row = h.row;
    memcpy(rec->off, h.off, sizeof h.off);
    rec->missing_blobs = h.missing_blobs;
    return 0;
}

static int write_record(RheaIngestWriter *w, RheaCommitRecord *rec, GError **error)
{
    const char *t = rec->text->str;
    RheaCommitRow row = rec->row;
    row.sha = t + rec->off[S_SHA];
    row.author_name = t + rec->off[S_AUTHOR_NAME];
    row.author_email = t + rec->off[S_AUTHOR_EMAIL];
    row.committer_name = t + rec->off[S_COMMITTER_NAME];
    row.committer_email = t + rec->off[S_COMMITTER_EMAIL];
    row.mailmap_name = t + rec->off[S_MAILMAP_NAME];
    row.mailmap_email = t + rec->off[S_MAILMAP_EMAIL];
    row.summary = t + rec->off[S_SUMMARY];
    /* the rows point into the record's text, which outlives the call */
    g_array_set_size(w->rows, rec->changes->len);
    for (guint i = 0; i < rec->changes->len; i++) {
        const Change *c = &g_array_index(rec->changes, Change, i);
        RheaChangeRow *r = &g_array_index(w->rows, RheaChangeRow, i);
        r->path = t + c->path_off;
        r->path_len = c->path_len;
        r->kind = c->kind;
        r->added = c->added;
        r->removed = c->removed;
    }
    gint64 cid = rhea_store_add_commit(
        w->store, w->product, &row, (const RheaChangeRow *)w->rows->data, rec->changes->len, error);
    if (cid < 0)
        return -1;
    for (guint i = 0; i < rec->parents->len; i++)
        if (rhea_store_add_parent(w->store, cid, i, t + g_array_index(rec->parents, gsize, i),
                                  error) < 0)
            return -1;
    return 0;
}

static void record_init(RheaCommitRecord *rec)
{
    rec->text = g_string_sized_new(512);
    rec->parents = g_array_new(FALSE, FALSE, sizeof(gsize));
    rec->changes = g_array_new(FALSE, FALSE, sizeof(Change));
}

static void record_clear(RheaCommitRecord *rec)
{
    g_string_free(rec->text, TRUE);
    g_array_free(rec->parents, TRUE);
    g_array_free(rec->changes, TRUE);
}

RheaCommitRecord *rhea_commit_record_new(void)
{
    RheaCommitRecord *rec = g_new0(RheaCommitRecord, 1);
    record_init(rec);
    return rec;
}

void rhea_commit_record_free(RheaCommitRecord *rec)
{
    if (!rec)
        return;
    record_clear(rec);
    g_free(rec);
}

void rhea_commit_record_reset(RheaCommitRecord *rec)
{
    g_string_truncate(rec->text, 0);
    g_array_set_size(rec->parents, 0);
    g_array_set_size(rec->changes, 0);
    rec->missing_blobs = 0;
    memset(rec->off, 0, sizeof rec->off);
}

/* Gives back the memory a huge commit made the slot grow to. */
static void record_trim(RheaCommitRecord *rec)
{
    if (rec->text->allocated_len > KEEP_TEXT_BYTES || rec->changes->len > KEEP_CHANGES) {
        record_clear(rec);
        record_init(rec);
    }
}

static gpointer writer_main(gpointer data)
{
    RheaIngestWriter *w = data;
    guint in_batch = 0;
    for (;;) {
        g_mutex_lock(&w->lock);
        while (w->count == 0 && !w->closing)
            g_cond_wait(&w->not_empty, &w->lock);
        if (w->count == 0) { /* closing and drained */
            g_mutex_unlock(&w->lock);
            break;
        }
        RheaCommitRecord *rec = &w->ring[w->tail];
        g_mutex_unlock(&w->lock);

        int rc = write_record(w, rec, &w->error);
        if (rc == 0 && ++in_batch >= w->batch_size) {
            in_batch = 0;
            if (rhea_store_commit(w->store, &w->error) < 0 ||
                rhea_store_begin(w->store, &w->error) < 0)
                rc = -1;
        }
        record_trim(rec);

        g_mutex_lock(&w->lock);
        if (rc < 0) {
            w->failed = TRUE;
            g_cond_broadcast(&w->not_full);
            g_mutex_unlock(&w->lock);
            break;
        }
        w->tail = (w->tail + 1) % QUEUE_SLOTS;
        if (w->count-- == QUEUE_SLOTS) /* the reader waits only on a full ring */
            g_cond_signal(&w->not_full);
        g_mutex_unlock(&w->lock);
    }
    return NULL;
}

RheaIngestWriter *rhea_ingest_writer_start(RheaStore *store, const char *product, guint batch_size)
{
    RheaIngestWriter *w = g_new0(RheaIngestWriter, 1);
    w->store = store;
    w->product = g_strdup(product);
    w->batch_size = batch_size ? batch_size : 1;
    w->rows = g_array_new(FALSE, FALSE, sizeof(RheaChangeRow));
    g_mutex_init(&w->lock);
    g_cond_init(&w->not_empty);
    g_cond_init(&w->not_full);
    for (guint i = 0; i < QUEUE_SLOTS; i++)
        record_init(&w->ring[i]);
    w->thread = g_thread_new("rhea-writer", writer_main, w);
    return w;
}

RheaCommitRecord *rhea_ingest_writer_slot(RheaIngestWriter *w)
{
    g_mutex_lock(&w->lock);
    while (w->count == QUEUE_SLOTS && !w->failed)
        g_cond_wait(&w->not_full, &w->lock);
    RheaCommitRecord *rec = w->failed ? NULL : &w->ring[w->head];
    g_mutex_unlock(&w->lock);
    if (rec)
        rhea_commit_record_reset(rec);
    return rec;
}

void rhea_ingest_writer_push(RheaIngestWriter *w)
{
    g_mutex_lock(&w->lock);
    w->head = (w->head + 1) % QUEUE_SLOTS;
    if (w->count++ == 0) /* the writer waits only on an empty ring */
        g_cond_signal(&w->not_empty);
    g_mutex_unlock(&w->lock);
}

int rhea_ingest_writer_finish(RheaIngestWriter *w, GError **error)
{
    g_mutex_lock(&w->lock);
    w->closing = TRUE;
    g_cond_signal(&w->not_empty);
    g_mutex_unlock(&w->lock);
    g_thread_join(w->thread);
    int rc = 0;
    if (w->failed) {
        g_propagate_error(error, w->error);
        w->error = NULL;
        rc = -1;
    }
    for (guint i = 0; i < QUEUE_SLOTS; i++)
        record_clear(&w->ring[i]);
    g_clear_error(&w->error);
    g_cond_clear(&w->not_full);
    g_cond_clear(&w->not_empty);
    g_mutex_clear(&w->lock);
    g_array_free(w->rows, TRUE);
    g_free(w->product);
    g_free(w);
    return rc;
}
