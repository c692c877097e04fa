/* verdicts_report.h: the report of `rhea verdicts`: each rater's counts, the decisions (unanimous
 * or split), the agreement statistics (Cohen's kappa per pair of raters, Fleiss' kappa over all
 * of them when there are more than two) and the repositories the raters disagree on. */
#pragma once
#include "metrics/verdicts.h"
#include "reports/report.h"

RheaReport *rhea_verdicts_report(const RheaVerdicts *v, const char *source);
