/* cli_summaries.h: the report figures of many products for `rhea report`: read from the store
 * where they were stored under the same key (metrics/summary_cache.h), the rest computed on up to
 * `jobs` worker processes (engine/workers.h) and stored by this process, which alone writes the
 * database. */
#pragma once
#include <glib.h>

#include "cli/cli_options.h"
#include "engine/store.h"
#include "metrics/summary.h"

/* The summary options a command's parsed options give (the defaults where the command has no such
 * option): `rhea report` and `rhea study` must build the same key for the same choices. */
void rhea_cli_summary_options(const RheaCliOptions *o, GHashTable *backgrounds,
                              RheaSummaryOptions *out);

/* RheaProductSummary* of every product of ids, in the order of ids. keep: store what was computed
 * (a second, writable connection is opened at the first entry to store; a failure to store is one
 * warning line and the rest is not stored). A product whose figures cannot be computed fails the
 * whole call with its message. */
GPtrArray *rhea_cli_summaries(RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                              const RheaWindow *w, const RheaSummaryOptions *o, const char *command,
                              GError **error);
/* `rhea study`: computes and stores, through store itself, the figures of the products of ids
 * that have completely ingested tips and nothing stored for the key; they are not kept in memory.
 * A product that fails is a warning line. Returns -1 with *error set only when interrupted or
 * when no worker could be started. */
int rhea_cli_summaries_fill(RheaStore *store, guint jobs, GPtrArray *ids, const RheaWindow *w,
                            const RheaSummaryOptions *o, const char *command, GError **error);
