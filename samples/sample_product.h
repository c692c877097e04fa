/* sample_product.h: the bundled sample ML product, "wordwise", a keyboard app with a next-word
 * model. Its history is fixed (authors, emails, dates), so every figure rhea computes on it can be
 * worked out by hand; docs/metrics.md and the tests do so. */
#pragma once
#include <glib.h>

/* 2023-01-02T10:00:00Z, the first commit's time; commit k is RHEA_SAMPLE_T0 + k days. */
#define RHEA_SAMPLE_T0 1672653600
#define RHEA_SAMPLE_DAY 86400

/* Writes the sample repository at path (a new folder). */
int rhea_sample_product_build(const char *path, GError **error);
