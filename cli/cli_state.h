/* cli_state.h: how every reading command flags a product whose ingest is incomplete or in
 * progress: a warning on stderr, and a table "ingest" (product, state, what to do) in the output,
 * so every format carries it (text, md, csv, tex, json, html). */
#pragma once
#include "engine/store_ingest_state.h"
#include "reports/report.h"

/* The product's state; warns on stderr ("rhea CMD: warning: product P: ...") unless complete. */
RheaIngestState rhea_cli_ingest_check(RheaStore *store, const char *product, const char *command);
/* The warning alone. */
void rhea_cli_ingest_warn(const char *product, RheaIngestState state, const char *command);
/* Adds a row for product to *table (created on first use) unless state is complete. */
void rhea_cli_ingest_row(RheaTable **table, const char *product, RheaIngestState state);
