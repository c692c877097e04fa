/* scan_report.h: `rhea scan` output: one row per repository (sorted for manual inspection) and a
 * Table II-style summary (how many repositories pass each step, by genre and language), as
 * tables in every format, or as one JSON document:
 *   {"repositories": [{"path", "head", "language", "genre", "product", "ml", "product_hits",
 *     "ml_hits", "ml_by_kind", "keyword_hits", "priority", "error", "evidence": [...]}],
 *    "summary": {"repositories", "unreadable", "steps": [{"step", "count", "by_genre",
 *     "by_language"}]}} */
#pragma once
#include <glib.h>
#include <json-glib/json-glib.h>

#include "classifiers/scan.h"
#include "reports/report.h"

/* results: RheaScanResult *, already sorted; evidence: hits listed per repository. */
RheaReport *rhea_scan_report(GPtrArray *results, guint evidence, gboolean with_summary);
JsonNode *rhea_scan_json(GPtrArray *results, guint evidence);
