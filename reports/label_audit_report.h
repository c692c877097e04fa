/* label_audit_report.h: `rhea classify --audit` as a report (text, md, csv, tex, html, json
 * through reports/format.h): the counts per kind, then every flagged file with its label, the
 * rule that decided it and its evidence. */
#pragma once
#include <glib.h>

#include "classifiers/label_audit.h"
#include "reports/report.h"

/* rows: RheaAuditRow, as rhea_label_audit returns them; commit: the tip read. */
RheaReport *rhea_label_audit_report(const char *product, const char *commit, GArray *rows,
                                    const guint counts[RHEA_AUDIT_KIND_COUNT]);
