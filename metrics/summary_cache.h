/* summary_cache.h: a product's report figures (metrics/summary.h) read from the store when they
 * were computed before from the same inputs, else computed; the caller stores them
 * (docs/metrics.md, "Stored figures").
 *
 * The key is everything the figures depend on: the product, its stored history (tip, commit count
 * and the tip's row id: engine/store_summary_cache.h), the build (engine/build_id.h), and the
 * inputs as text: the window, the SHA-256 of the rules text in force (--rules, else the recorded
 * one), content signals with the SHA-256 of the ML library catalog and the repository's path, the
 * contributor options (threshold, merges, bots, names, the bot patterns, the backgrounds map), the
 * permutations, bootstrap resamples, size cap, seed and top pairs. Figures are never stored for a
 * product whose ingest is not complete. The manifest columns (meta) are read from the store each
 * time, not stored. */
#pragma once
#include <glib.h>

#include "engine/store.h"
#include "engine/store_summary_cache.h"
#include "metrics/summary.h"

typedef struct RheaSummaryRequest RheaSummaryRequest;

/* Resolves the key of product's figures for window w and options o; fails for an unknown product
 * or an unreadable rules file, as rhea_summary_compute would. */
RheaSummaryRequest *rhea_summary_request_new(RheaStore *store, const char *product,
                                             const RheaWindow *w, const RheaSummaryOptions *o,
                                             GError **error);
void rhea_summary_request_free(RheaSummaryRequest *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaSummaryRequest, rhea_summary_request_free)
/* The key, or NULL when such figures are never stored (an incomplete ingest). */
const RheaSummaryCacheKey *rhea_summary_request_key(const RheaSummaryRequest *r);

/* The stored figures with the product's meta, or NULL (no error) when none match the key or the
 * entry is damaged (a damaged entry is computed again and replaced). */
RheaProductSummary *rhea_summary_request_lookup(RheaStore *store, const RheaSummaryRequest *r,
                                                GError **error);
/* The figures computed for the request's product, window and options (rhea_summary_compute). */
RheaProductSummary *rhea_summary_request_compute(RheaStore *store, const RheaSummaryRequest *r,
                                                 GError **error);
/* Stores s, computed for r from reader's data, through writer: only when the key resolved again
 * now on reader is still r's (a rules file edited, or an ingest finished, while s was computed
 * would otherwise store figures under a key they do not belong to). *stored says whether it was. */
int rhea_summary_request_store(RheaStore *writer, RheaStore *reader, const RheaSummaryRequest *r,
                               const RheaProductSummary *s, gboolean *stored, GError **error);
