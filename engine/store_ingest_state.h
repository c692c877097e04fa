/* store_ingest_state.h: whether a product's stored history is whole.
 *
 * An ingest marks the product in its first transaction (settings key "ingest:ID", value
 * "HOST PID") and clears the mark in the transaction that stores the tip. A reader that finds the
 * mark sees a run in progress (same host, that process alive) or one that was interrupted
 * (killed, Ctrl-C, failed): the stored commits are then part of a history. A product without a
 * tip (written by a rhea without marks and killed) is incomplete as well. */
#pragma once
#include "engine/store.h"

typedef enum {
    RHEA_INGEST_COMPLETE,
    RHEA_INGEST_INCOMPLETE,  /* interrupted before the tip was stored */
    RHEA_INGEST_IN_PROGRESS, /* another process is writing it now */
} RheaIngestState;

int rhea_store_ingest_mark(RheaStore *store, const char *product, GError **error);
int rhea_store_ingest_unmark(RheaStore *store, const char *product, GError **error);
RheaIngestState rhea_store_ingest_state(RheaStore *store, const char *product);
/* The mark ("HOST PID") of a live process other than this one storing the product now, or NULL. */
char *rhea_store_ingest_other_writer(RheaStore *store, const char *product);
/* The largest commit row id stored (0 when none): taken before a run plans, so that, under its
 * write lock, rhea_store_product_grew can tell whether another process stored commits meanwhile. */
int rhea_store_last_cid(RheaStore *store, gint64 *cid, GError **error);
/* 1 when a commit of the product has a row id above `cid`, 0 when not, -1 on error. */
int rhea_store_product_grew(RheaStore *store, const char *product, gint64 cid, GError **error);
/* "complete", "incomplete", "in progress" */
const char *rhea_ingest_state_name(RheaIngestState state);
/* What the state means and what to do, one sentence; NULL when complete. */
const char *rhea_ingest_state_advice(RheaIngestState state);
