/* ingest_worker.h: a second process that reads part of a history while this one reads the rest.
 *
 * libgit2 1.5 does not scale with threads (one cache and one pack-window lock per repository), but
 * two processes do: the worker is forked after the commits to read are known and before any
 * thread exists. Commits are split into chunks of `chunk` consecutive commits, and each process
 * claims the next unclaimed chunk whenever it needs work, through a counter both share: the
 * caller shares its core with the writer thread, so a fixed split left the worker idle at the
 * end while the caller still read its half. The worker fills the records of its chunks and sends
 * them through a pipe; the caller reads its own chunks and takes the worker's records in order,
 * so the writer still stores parents first. */
#pragma once
#include <git2.h>
#include <glib.h>

#include "engine/ingest_writer.h"

typedef struct RheaIngestWorker RheaIngestWorker;

/* Fills rec with commit id; 0, or -1 with *error set. Runs in the worker process. */
typedef int (*RheaRecordFillFn)(void *ctx, const git_oid *id, RheaCommitRecord *rec,
                                GError **error);

/* Whether the caller reads chunk k itself, the caller asking for chunks 0, 1, 2... in order.
 * *claimed counts the chunks claimed by either process (shared with the worker); *mine is the
 * caller's latest claim (-1 before its first). A chunk below *mine that is not the caller's was
 * claimed by the worker; otherwise the caller claims the next unclaimed chunk, which is k itself
 * when the worker has not taken k. Exposed for tests. */
gboolean rhea_ingest_chunk_is_mine(guint *claimed, gint64 *mine, guint k, guint chunks);

/* TRUE when the worker reads commit number i (in ids order). Called for i = 0, 1, 2... in
 * order: the first commit of a chunk claims it (rhea_ingest_chunk_is_mine). */
gboolean rhea_ingest_worker_owns(RheaIngestWorker *w, guint i);

/* How many commits the worker read so far (counted as its records arrive). */
guint rhea_ingest_worker_read(const RheaIngestWorker *w);

/* Forks the worker over ids (which it reads in its copy of this process's memory). With
 * alternate, chunks are dealt, not claimed: the odd ones to the worker (for tests that need to
 * know which process reads a commit). NULL with *error set when the pipe or the fork fails. */
RheaIngestWorker *rhea_ingest_worker_start(const GArray *ids, guint chunk, gboolean alternate,
                                           RheaRecordFillFn fill, void *ctx, GError **error);

/* The worker's next record, into rec. Its sha must be expect_sha (a worker out of step is an
 * error). 0, or -1 with *error set: the worker's own error, or why its output stopped. */
int rhea_ingest_worker_next(RheaIngestWorker *w, RheaCommitRecord *rec, const char *expect_sha,
                            GError **error);

/* Stops the worker (if still running), reaps it and frees w. */
void rhea_ingest_worker_stop(RheaIngestWorker *w);
