/* cli_ingest.h: one product's ingest as `rhea analyze` and `rhea study` run it: rules checked,
 * repository checked, and only then the database opened and written. */
#pragma once
#include <glib.h>

#include "engine/ingest.h"
#include "engine/store.h"

typedef struct {
    const char *command; /* for messages: "analyze", "study" */
    const char *repo_path;
    const char *product; /* NULL: derived from the repository (rhea_repo_default_name) */
    const char *ref;
    const char *rules_path;
    const char *db_path;  /* used when *store is NULL */
    const char *db_label; /* the database named in the summary line (NULL: the one written) */
    gboolean line_stats, quiet;
    gboolean replace; /* drop a product of that id read from another repository */
} RheaCliIngest;

/* Ingests and prints the one-line summary. *store is opened (from db_path) only after the rules
 * file and the repository passed their checks, when it is NULL on entry. Returns 0, 1 for a
 * repository without commits (said on stdout; nothing stored), -1 with *error set. */
int rhea_cli_ingest(const RheaCliIngest *req, RheaStore **store, RheaIngestStats *stats,
                    GError **error);
