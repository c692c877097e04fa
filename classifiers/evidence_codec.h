/* evidence_codec.h: a product's evidence as bytes and back, for the store's evidence cache and
 * for the worker processes that compute it (docs/evidence.md, "Stored evidence").
 *
 * The bytes are a GVariant of type RHEA_EVIDENCE_CODEC_TYPE in little-endian order: the commit,
 * its time, the six counts, and per hit the catalog entry's index, the path (bytes: a path need
 * not be UTF-8), the line, the text, the first commit and its time. Entry indices mean something
 * only with the catalog they were computed with, which the cache's key pins. Decoding checks
 * everything (normal form, entry indices in range) and refuses what does not fit: damaged bytes
 * are a miss to recompute, never a crash or a wrong answer. */
#pragma once
#include <glib.h>

#include "classifiers/evidence.h"

#define RHEA_EVIDENCE_CODEC_TYPE "(sxuuuuuua(uayusmsx)as)"

GBytes *rhea_evidence_encode(const RheaEvidence *ev);
/* The evidence of product encoded in data with catalog; NULL with *error set when the bytes are
 * not an encoding this catalog can hold. */
RheaEvidence *rhea_evidence_decode(GBytes *data, const char *product,
                                   const RheaEvidenceCatalog *catalog, GError **error);
