/* slice.h: the part of a commit set that falls in a time range, and calendar periods (month,
 * quarter, year) for trends (docs/metrics.md, "Trends"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"

/* The commits with since <= time < until, copied (a set of its own, freed by the caller). */
RheaCommitSet *rhea_commitset_slice(const RheaCommitSet *set, gint64 since, gint64 until);

typedef enum { RHEA_PERIOD_MONTH, RHEA_PERIOD_QUARTER, RHEA_PERIOD_YEAR } RheaPeriod;

gboolean rhea_period_parse(const char *name, RheaPeriod *out);
/* The start (UTC) of the period holding t, and of the next period. */
gint64 rhea_period_start(RheaPeriod p, gint64 t);
gint64 rhea_period_next(RheaPeriod p, gint64 start);
/* "2023-01", "2023-Q1", "2023". */
char *rhea_period_label(RheaPeriod p, gint64 start);
