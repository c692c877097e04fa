/* cli_evidence.h: the evidence of many products for `rhea report` and `rhea study`: read from the
 * store where it was stored with the same key (classifiers/evidence_cache.h), the rest computed
 * on up to `jobs` worker processes (engine/workers.h) and stored by this process, which alone
 * writes the database. */
#pragma once
#include <glib.h>

#include "classifiers/evidence.h"
#include "cli/cli_options.h"
#include "engine/store.h"

/* Opens --db read-only for a command that stores evidence; *keep says whether it may store
 * (read_only is FALSE and the user can write the file and its folder): a second, writable
 * connection is then opened when there is something to store. */
RheaStore *rhea_cli_open_store_keep(const RheaCliOptions *o, gboolean read_only, gboolean *keep,
                                    GError **error);

/* The evidence of every product of ids (RheaEvidence*, in the order of ids). A product whose
 * evidence cannot be computed fails the whole call with its message. */
GPtrArray *rhea_cli_evidence_many(RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                                  const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                                  const char *command, GError **error);
/* `rhea study`: computes and stores the evidence of the products of ids that have completely
 * ingested tips and nothing stored for the key; a product that fails is a warning line. Returns
 * -1 with *error set only when interrupted or when no worker could be started. */
int rhea_cli_evidence_fill(RheaStore *store, guint jobs, GPtrArray *ids,
                           const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                           const char *command, GError **error);
