/* ingest_worker.h: a second process that reads part of a history while this one reads the rest.
 *
 * libgit2 1.5 does not scale with threads (one cache and one pack-window lock per repository), but
 * two processes do: the worker is forked after the commits to read are known and before any
 * thread exists. Commits are split into chunks of `chunk` consecutive commits; the worker fills
 * the records of the odd chunks and sends them through a pipe, the caller reads the even chunks
 * itself and takes the worker's records in order, so the writer still stores parents first. */
#pragma once
#include <git2.h>
#include <glib.h>

#include "engine/ingest_writer.h"

typedef struct RheaIngestWorker RheaIngestWorker;

/* Fills rec with commit id; 0, or -1 with *error set. Runs in the worker process. */
typedef int (*RheaRecordFillFn)(void *ctx, const git_oid *id, RheaCommitRecord *rec,
                                GError **error);

/* TRUE when commit number i (in ids order) belongs to the worker. */
gboolean rhea_ingest_worker_owns(guint i, guint chunk);

/* Forks the worker over ids (which it reads in its copy of this process's memory). NULL with
 * *error set when the pipe or the fork fails. */
RheaIngestWorker *rhea_ingest_worker_start(const GArray *ids, guint chunk, RheaRecordFillFn fill,
                                           void *ctx, GError **error);

/* The worker's next record, into rec. Its sha must be expect_sha (a worker out of step is an
 * error). 0, or -1 with *error set: the worker's own error, or why its output stopped. */
int rhea_ingest_worker_next(RheaIngestWorker *w, RheaCommitRecord *rec, const char *expect_sha,
                            GError **error);

/* Stops the worker (if still running), reaps it and frees w. */
void rhea_ingest_worker_stop(RheaIngestWorker *w);
