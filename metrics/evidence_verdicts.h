/* evidence_verdicts.h: one proposed verdict per finding of RQ2-RQ6 for a product, each with the
 * evidence that decided it, and a person's judgments over them (docs/evidence.md, "Verdicts"). */
#pragma once
#include <glib.h>

#include "classifiers/evidence.h"
#include "metrics/judgments.h"

/* Days between the first ML code and the first user-interface code within which the two count
 * as developed together (docs/metrics.md, "Trajectory"). */
#define RHEA_TRAJECTORY_DEFAULT_DAYS 30

typedef enum { RHEA_BASIS_HEURISTIC, RHEA_BASIS_JUDGED } RheaBasis;

typedef struct {
    const char *key; /* model_source, multiple_models, ... (static) */
    gboolean is_bool;
    char *value;      /* "yes"/"no" for booleans, else a value of the key */
    char *decided_by; /* the evidence (or its absence) behind the value */
    RheaBasis basis;
    char *note; /* a judgment's note, else NULL */
} RheaEvidenceVerdict;

typedef struct {
    char *product;
    GPtrArray *list; /* RheaEvidenceVerdict*, in the order of rhea_evidence_verdict_keys() */
    gint64 first_ml, first_ui; /* committer times; -1 when none */
    guint threshold_days;
} RheaEvidenceVerdicts;

/* The verdict keys, in order, NULL-terminated. */
const char *const *rhea_evidence_verdict_keys(void);
gboolean rhea_evidence_verdict_key_is_bool(const char *key);

/* Proposes the verdicts from the evidence, then applies the product's judgments (j may be NULL). */
RheaEvidenceVerdicts *rhea_evidence_verdicts_compute(const RheaEvidence *ev, guint threshold_days,
                                                     const RheaJudgments *j);
void rhea_evidence_verdicts_free(RheaEvidenceVerdicts *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaEvidenceVerdicts, rhea_evidence_verdicts_free)
const RheaEvidenceVerdict *rhea_evidence_verdicts_get(const RheaEvidenceVerdicts *v,
                                                      const char *key);
/* "YYYY-MM-DD" (UTC) of t, newly allocated; NULL for t < 0. */
char *rhea_evidence_verdicts_date(gint64 t);
