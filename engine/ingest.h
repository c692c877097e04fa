/* ingest.h: reading a repository's history into the store, incrementally and resumably. */
#pragma once
#include <git2.h>
#include <glib.h>
#include <signal.h>

#include "engine/store.h"

typedef struct {
    const char *product;    /* product id (required) */
    const char *repo_path;  /* recorded with the product */
    const char *ref;        /* NULL: HEAD */
    gboolean line_stats;    /* lines added/removed per file */
    const char *rules_path; /* recorded with the product when non-NULL */
    const char *rules_text;
    gboolean progress; /* draw a progress line on stderr */
    guint batch_size;  /* commits per transaction; 0: 1000 */
    volatile sig_atomic_t
        *stop;          /* when it becomes non-zero, the run stops after the commit at hand */
    guint64 limit;      /* stop (as interrupted) after reading this many commits; 0: no limit */
    gboolean replace;   /* the product may be stored from another repository: drop it first */
    guint workers;      /* reading processes: 0 = 2 on a machine with 2 or more cores, else 1 */
    guint worker_chunk; /* commits per chunk claimed by the processes; 0: 64 */
    gboolean worker_alternate; /* chunks dealt alternately, the odd ones to the worker, not
                                * claimed (tests that need to know which process reads what) */
} RheaIngestOptions;

/* Wall time of each step of a run, in microseconds (rhea analyze --timings). */
typedef struct {
    gint64 walk;    /* the history walk and the plan, before anything is read */
    gint64 read;    /* reading and storing the commits: the reading processes and the writer */
    gint64 indexes; /* a bulk load's indexes built again, the tip and the counts stored */
    gint64 commit;  /* the last transaction's commit */
} RheaIngestTimes;

typedef struct {
    guint64 walked;        /* commits reachable and not hidden by the stored tip */
    guint64 read;          /* commits read and stored by this run */
    guint64 stored;        /* commits stored for the product after the run */
    guint64 changes;       /* changed paths stored by this run */
    guint64 missing_blobs; /* blobs absent from the repository (line stats left null) */
    gboolean rewritten;    /* the stored history was dropped: the old tip is not an ancestor */
    gboolean replaced;     /* the stored product was dropped (opts->replace) */
    gboolean shallow;
    gboolean bulk;       /* the indexes were dropped for the load and built again at its end */
    guint64 worker_read; /* commits read by the worker process (the rest by the caller) */
    RheaIngestTimes times;
} RheaIngestStats;

/* Stores every commit reachable from the ref and not yet stored. Returns 0; 1 when the repository
 * has no commits (nothing is stored); -1 with *error set. An interruption through opts->stop ends
 * with RHEA_ERROR_INTERRUPTED after committing what was read, so the next run resumes. */
int rhea_ingest_run(RheaStore *store, git_repository *repo, const RheaIngestOptions *opts,
                    RheaIngestStats *stats, GError **error);
