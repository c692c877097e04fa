/* evidence_cache.h: a product's evidence read from the store when it was computed before from the
 * same inputs, else computed (classifiers/evidence.h) and stored (docs/evidence.md, "Stored
 * evidence").
 *
 * The key is everything the evidence depends on: the product, the commit whose tree is read (the
 * window's end, resolved first), the product's ingested tip and commit count (the history that
 * dates each hit), the repository's path, the SHA-256 of the catalog's text and of the rules'
 * text, the size cap, and the build (engine/build_id.h). Verdicts, judgments and the trajectory
 * threshold are applied after, so they are not part of it. Evidence is not stored when the
 * product's ingest is incomplete (no tip: its history is still moving). Where blobs were missing
 * (a partial clone), the entry keeps their ids and counts only while every one is still absent:
 * a later fetch makes it a miss. */
#pragma once
#include <glib.h>

#include "classifiers/evidence.h"
#include "engine/store.h"
#include "engine/store_evidence_cache.h"

typedef struct RheaEvidenceRequest RheaEvidenceRequest;

/* Resolves the key of product's evidence for options o (reading the rules file once); fails as
 * rhea_evidence_collect would for an unknown product, a date before the first commit, a bad
 * --commit or an unreadable rules file. */
RheaEvidenceRequest *rhea_evidence_request_new(RheaStore *store, const char *product,
                                               const RheaEvidenceCatalog *catalog,
                                               const RheaEvidenceOptions *o, GError **error);
void rhea_evidence_request_free(RheaEvidenceRequest *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaEvidenceRequest, rhea_evidence_request_free)
const char *rhea_evidence_request_product(const RheaEvidenceRequest *r);
/* The key, or NULL when such evidence is never stored (an incomplete ingest). */
const RheaEvidenceCacheKey *rhea_evidence_request_key(const RheaEvidenceRequest *r);

/* The stored evidence, or NULL (no error) when none matches the key or the entry is damaged. */
RheaEvidence *rhea_evidence_request_lookup(RheaStore *store, const RheaEvidenceRequest *r,
                                           const RheaEvidenceCatalog *catalog, GError **error);
/* Computes the evidence at the request's commit (rhea_evidence_collect). */
RheaEvidence *rhea_evidence_request_compute(RheaStore *store, const RheaEvidenceRequest *r,
                                            const RheaEvidenceCatalog *catalog, GError **error);
/* Stores ev under the request's key when it may be stored (*stored says whether it was). */
int rhea_evidence_request_store(RheaStore *store, const RheaEvidenceRequest *r,
                                const RheaEvidence *ev, gboolean *stored, GError **error);

/* Lookup, else compute and, when keep, store: what `rhea evidence` does for one product. The
 * evidence is returned even when storing it failed (a database locked for longer than the busy
 * timeout, a full disk): that failure is set in *not_stored (may be NULL). */
RheaEvidence *rhea_evidence_get(RheaStore *store, gboolean keep, const char *product,
                                const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                                GError **not_stored, GError **error);
