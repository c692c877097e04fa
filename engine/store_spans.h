/* store_spans.h: where a product's rows lie in the store (schema version 6 on): the range of its
 * commit ids and the range of row ids its changes' runs fill. Private to the store's reads
 * (engine/store_reads.c), which scan those ranges instead of joining row by row.
 *
 * The ranges rest on one rule of the store's writers (docs/schema.md, "Runs follow commit ids"):
 * a commit's run of change rows starts after the runs of every commit with a smaller id, since
 * both ids are the largest stored plus one when written (rhea_store_add_commit checks the row id;
 * a merge and an upgrade copy in commit order). So a product's changes lie between the first row
 * of its first commit with changes and the last row of its last. */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct {
    gint64 low, high; /* the product's smallest and largest commit id */
    gint64 n;         /* its commits; 0: none (low, high undefined) */
    /* bit cid - low set for the product's commits when others' lie between (NULL when the product
     * fills low..high, or when it is sparse) */
    guint64 *bits;
} RheaCidSpan;

/* The product's commits' ids, from the product's index (no commit row is read). The set is kept
 * as bits only when the product holds at least one id in four of low..high; *sparse is set
 * otherwise (the caller joins instead: scanning the ranges would read mostly others' rows). */
int rhea_store_cid_span(RheaStore *store, const char *product, RheaCidSpan *span, gboolean *sparse,
                        GError **error);
gboolean rhea_cid_span_has(const RheaCidSpan *span, gint64 cid);
void rhea_cid_span_clear(RheaCidSpan *span);

/* The row ids [*first, *end) the product's changes lie in: from the run of its first commit with
 * changes to the run of its last, each found by its commit's key (a few rows, not the product's
 * every commit row). *first == *end: the product has no change. */
int rhea_store_change_span(RheaStore *store, const RheaCidSpan *span, gint64 *first, gint64 *end,
                           GError **error);
