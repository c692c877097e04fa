/* ingest_writer.h: a thread that owns the store's writes during an ingest, fed commit by commit
 * through a bounded queue, so reading git and writing SQLite overlap on two cores. */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct RheaIngestWriter RheaIngestWriter;
/* One commit as the writer stores it: the commit row, its parents and its changed paths. Filled by
 * the reading thread between rhea_ingest_writer_slot and rhea_ingest_writer_push. */
typedef struct RheaCommitRecord RheaCommitRecord;

/* Starts the writer thread. The caller has begun a transaction on store and must not touch store
 * again until rhea_ingest_writer_finish returns. Every batch_size commits the writer commits the
 * transaction and begins the next, so a killed run leaves whole commits only. */
RheaIngestWriter *rhea_ingest_writer_start(RheaStore *store, const char *product, guint batch_size);

/* The next free record, emptied; waits while the queue is full. NULL when the writer has failed:
 * stop reading and call rhea_ingest_writer_finish for its error. */
RheaCommitRecord *rhea_ingest_writer_slot(RheaIngestWriter *w);
/* Copies row's strings; row->sha and the other strings need not outlive the call. */
void rhea_commit_record_set(RheaCommitRecord *rec, const RheaCommitRow *row);
void rhea_commit_record_add_parent(RheaCommitRecord *rec, const char *parent_sha);
void rhea_commit_record_add_change(RheaCommitRecord *rec, const char *path, size_t path_len,
                                   char kind, gint64 added, gint64 removed);
/* Blobs found missing while the record was filled (partial clones); counted into the run's stats.
 */
void rhea_commit_record_add_missing_blobs(RheaCommitRecord *rec, guint n);
guint rhea_commit_record_missing_blobs(const RheaCommitRecord *rec);
guint rhea_commit_record_change_count(const RheaCommitRecord *rec);
const char *rhea_commit_record_sha(const RheaCommitRecord *rec);

/* A record outside the queue, for a worker process that fills records and sends them over a pipe
 * (engine/ingest_worker.c). */
RheaCommitRecord *rhea_commit_record_new(void);
void rhea_commit_record_free(RheaCommitRecord *rec);
void rhea_commit_record_reset(RheaCommitRecord *rec);
/* Appends rec as bytes to out, for a process running the same binary. */
void rhea_commit_record_serialize(const RheaCommitRecord *rec, GString *out);
/* Fills rec (reset first) from len bytes written by rhea_commit_record_serialize. -1 when the
 * bytes are not a whole, consistent record. */
int rhea_commit_record_deserialize(RheaCommitRecord *rec, const char *bytes, gsize len);

/* Hands the record filled since rhea_ingest_writer_slot to the writer. */
void rhea_ingest_writer_push(RheaIngestWriter *w);

/* Waits until every pushed commit is written, stops the thread and frees w. The transaction stays
 * open (the caller commits it, or rolls it back on error). -1 with *error set (the first write
 * that failed; later commits were not written). */
int rhea_ingest_writer_finish(RheaIngestWriter *w, GError **error);
