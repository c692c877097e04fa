/* evidence.h: the evidence of RQ2-RQ6 in one product's tree (docs/evidence.md, "Search").
 *
 * The tree is the product's at the end of the window: a commit given by id, else the last stored
 * commit before a date, else the product's stored tip. Every file the product's rules do not
 * exclude is matched against the catalog (documentation only for its docs entries, serialized
 * models only for their paths); binary files and files over a size cap are skipped and counted,
 * and a blob absent from a partial clone is counted, never fatal. Each hit is dated by the first
 * commit, oldest first among those that changed its file or the files it was moved from (a
 * commit that added it and deleted a file of the same name: Audiveris moved every source file in
 * 2024), whose version matches the entry (one indexed query per path). */
#pragma once
#include <glib.h>

#include "classifiers/evidence_catalog.h"
#include "engine/store.h"

typedef struct {
    guint entry; /* index in the catalog */
    const RheaEvidenceEntry *e;
    char *path;
    guint line;         /* 0 for a path entry */
    char *text;         /* the line (or path), trimmed and cut to 120 bytes, valid UTF-8 */
    char *first_commit; /* NULL when the history does not show it (a merge, a shallow clone) */
    gint64 first_time;  /* committer time; -1 when unknown */
} RheaEvidenceHit;

typedef struct {
    char *product;
    char *commit;    /* the tree's commit, hex */
    gint64 time;     /* its committer time */
    GPtrArray *hits; /* RheaEvidenceHit*, sorted by RQ, kind, name, path */
    guint files, files_read, skipped_large, skipped_binary, skipped_excluded, missing_blobs;
    GPtrArray *missing_ids; /* char *: the missing blobs' ids (hex), one per missing_blobs */
} RheaEvidence;

typedef struct {
    const char *commit;     /* a revision of the product's repository, or NULL */
    gint64 before;          /* the last commit before this time (Unix seconds), or -1 */
    gsize max_size;         /* files larger are skipped; 0: 1 MiB */
    const char *rules_path; /* override the product's recorded rules */
    const char *rules_text; /* that file's text as already read (then not read again), or NULL */
    gsize rules_len;
} RheaEvidenceOptions;

#define RHEA_EVIDENCE_DEFAULT_MAX_SIZE (1024 * 1024)

RheaEvidence *rhea_evidence_collect(RheaStore *store, const char *product,
                                    const RheaEvidenceCatalog *catalog,
                                    const RheaEvidenceOptions *o, GError **error);
/* The commit whose tree rhea_evidence_collect reads for these options (hex, newly allocated in
 * *commit) and its committer time; the repository is opened only to parse o->commit. */
int rhea_evidence_resolve(RheaStore *store, const RheaProduct *prod, const RheaEvidenceOptions *o,
                          char **commit, gint64 *time, GError **error);
/* Whether every blob of ids (hex) is still absent from the repository at repo_path; FALSE when
 * one is there now (a partial clone fetched it) or the repository cannot be read. */
gboolean rhea_evidence_blobs_still_missing(const char *repo_path, GPtrArray *ids);
void rhea_evidence_free(RheaEvidence *ev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaEvidence, rhea_evidence_free)
