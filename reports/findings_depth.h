/* findings_depth.h: the findings rows for issue 14's figures (silos, ownership, truck factor,
 * sensitivity), kept apart from study_report.c's own rows so the two grow independently. */
#pragma once
#include <glib.h>

#include "reports/table.h"

/* Appends rows to the findings table (columns finding, measure, count, paper, products,
 * basis);
 * summaries holds RheaProductSummary*. */
void rhea_findings_depth_rows(RheaTable *t, GPtrArray *summaries);
