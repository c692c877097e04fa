/* sensitivity.h: how RCI and the core count move when one analyst's choice at a time departs
 * from the defaults: the large-commit cap, the core threshold, bots, name merging and logical
 * commits (docs/metrics.md, "Sensitivity"). */
#pragma once
#include <glib.h>

#include "metrics/commitset.h"

typedef struct {
    const char *figure; /* "rci" or "core" (static) */
    char *choice;       /* "baseline", "max-files=100", "bots=out", ... */
    double value;       /* NAN when undefined */
} RheaSensitivityRow;

typedef struct {
    GArray *rows;              /* RheaSensitivityRow, rci rows then core rows */
    double rci_min, rci_max;   /* over the defined rci rows; NAN when none */
    gboolean rci_changes_side; /* some defined rci > 1 and some < 1 */
    double core_min, core_max;
} RheaSensitivity;

/* bot_patterns: extra GRegex* for bots (may be NULL). */
RheaSensitivity *rhea_sensitivity_compute(const RheaCommitSet *set, GPtrArray *bot_patterns);
void rhea_sensitivity_free(RheaSensitivity *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaSensitivity, rhea_sensitivity_free)
