/* summary_codec.h: a product's report figures (metrics/summary.h) as bytes for the store's
 * summary_cache, and back (docs/schema.md, "summary_cache").
 *
 * Every field is kept except the manifest columns (meta), which the caller reads from the store
 * each time: a later `rhea study` may change them without changing the history. Bytes that do not
 * decode to a consistent summary (indices out of range, an unknown figure) are refused. */
#pragma once
#include <glib.h>

#include "metrics/summary.h"

/* GVariant type of an entry: contributors, coupling, top pairs, counts, months, silo, ownership,
 * truck factor, sensitivity. */
#define RHEA_SUMMARY_CODEC_TYPE                                                                    \
    "((uudub"                                                                                      \
    "a(sasuduuuxxmsbu)"                                                                            \
    "ai)"                                                                                          \
    "(uuuttdddudddmsuudddddddt)"                                                                   \
    "m(a(uuuddd)as)"                                                                               \
    "(uuuuuuuuxxxuuuu)"                                                                            \
    "a(xuu)"                                                                                       \
    "((uudddud)(uudddud)t)"                                                                        \
    "(a(xiuuud)(uduuu)(uduuu))"                                                                    \
    "(uuuasaud)"                                                                                   \
    "(a(ssd)ddbdd))"

GBytes *rhea_summary_encode(const RheaProductSummary *s);
/* A summary of product from data, with meta NULL; NULL with *error set when data is damaged. */
RheaProductSummary *rhea_summary_decode(GBytes *data, const char *product, GError **error);
