/* labeling.h: the label of every path in one product's history, computed once from its rules (and,
 * on request, content signals) for the metrics and the `classify` command. */
#pragma once
#include <glib.h>

#include "classifiers/rules.h"
#include "engine/store.h"

typedef struct RheaLabeling RheaLabeling;

/* Labels every path in the product's history (rhea_store_each_product_path). Rules: rules_path when
 * non-NULL, else the rules text recorded with the product (products.rules_text, named by
 * products.rules_path), else defaults only. content_signals: a source file whose text at the
 * product's stored tip imports a library of the catalog (catalog.h) is ML ("content:LIBRARY"),
 * unless a user rule matched it or the defaults exclude it (docs/rules.md, "Content signals"). */
RheaLabeling *rhea_labeling_new(RheaStore *store, const char *product, const char *rules_path,
                                gboolean content_signals, GError **error);
/* The rules text rhea_labeling_new uses for prod given rules_path: the file's text (read in
 * bounded memory), else the text recorded with the product, else NULL (defaults only); *len is
 * its length. Stored results name it in their keys (classifiers/evidence_cache.h,
 * metrics/summary_cache.h). */
int rhea_labeling_rules_text(const RheaProduct *prod, const char *rules_path, char **text,
                             gsize *len, GError **error);
/* The SHA-256 (hex) of such a text, or "none" for NULL. */
char *rhea_labeling_rules_sha256(const char *text, gsize len);
void rhea_labeling_free(RheaLabeling *l);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaLabeling, rhea_labeling_free)

/* pid not in history: RHEA_LABEL_EXCLUDE. */
RheaLabel rhea_labeling_get(const RheaLabeling *l, gint64 pid);
/* "FILE:LINE", "default:NAME" or "content:LIBRARY"; NULL for a pid not in history. */
const char *rhea_labeling_why(const RheaLabeling *l, gint64 pid);
/* NULL for a pid not in history. */
const char *rhea_labeling_path(const RheaLabeling *l, gint64 pid);
/* Every pid (gint64), sorted by path (bytewise). */
GArray *rhea_labeling_pids(const RheaLabeling *l);
/* The rules in force (NULL: defaults only); owned by l. */
const RheaRules *rhea_labeling_rules(const RheaLabeling *l);
