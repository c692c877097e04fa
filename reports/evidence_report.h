/* evidence_report.h: `rhea evidence` output: the signals, the verdicts with what decided them,
 * and the judged findings, as a report (text, md, csv, html) or the JSON document of
 * docs/evidence.md ("Output"). */
#pragma once
#include <glib.h>
#include <json-glib/json-glib.h>

#include "classifiers/evidence.h"
#include "metrics/judgments.h"
#include "metrics/evidence_verdicts.h"
#include "reports/report.h"
#include "reports/table.h"

/* The RQ a verdict key answers (2..6). */
guint rhea_evidence_verdict_rq(const char *key);
/* rq: 0 for all, else only that RQ's signals and verdicts. */
RheaReport *rhea_evidence_report_build(const RheaEvidence *ev, const RheaEvidenceVerdicts *v,
                                       const RheaJudgments *j, guint rq);
JsonNode *rhea_evidence_json(const RheaEvidence *ev, const RheaEvidenceVerdicts *v,
                             const RheaJudgments *j, guint rq);
