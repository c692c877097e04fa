/* ingest_plan.h: what an ingest run reads, decided before it writes anything: only the commits
 * after the stored tip, the rest of an interrupted run, or (the stored rows dropped) the whole
 * history again. */
#pragma once
#include <git2.h>
#include <glib.h>

#include "engine/ingest.h"
#include "engine/store.h"

typedef struct {
    GArray *ids;        /* git_oid, each after its parents: the commits this run reads */
    gboolean clear;     /* drop the product's stored commits before writing */
    gboolean rewritten; /* the stored tip is not an ancestor of the new one */
    guint kept;         /* stored commits the run keeps (0 when clear) */
} RheaIngestPlan;

/* Decides the run for opts->product at tip, given its stored row (NULL: a new product):
 * - a stored tip that the walk from tip runs into: read only the commits the store lacks;
 * - a stored tip the walk never reaches (a rewrite, or another repository under the same id):
 *   clear, and read the whole history; a line on stderr says so;
 * - opts->replace with a stored product: clear, and read the whole history;
 * - no stored tip (new product, or an interrupted first run): read the whole history, except
 *   the stored commits when every one of them is in it; when some are not, clear.
 * Returns 0 and fills plan (free with rhea_ingest_plan_clear), or -1 with *error set. */
int rhea_ingest_plan(RheaStore *store, git_repository *repo, const RheaIngestOptions *opts,
                     const RheaProduct *stored, const git_oid *tip, GHashTable *shallow,
                     RheaIngestPlan *plan, GError **error);
void rhea_ingest_plan_clear(RheaIngestPlan *plan);
