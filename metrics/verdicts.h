/* verdicts.h: people's verdicts on candidate repositories (the paper's step 5) read from a CSV:
 * a header `repository,RATER...`, then one line per repository with yes, no or unsure per rater.
 * Blank lines and lines starting with '#' are skipped; fields may be double-quoted (RFC 4180). */
#pragma once
#include <glib.h>

#include "metrics/agreement.h"

typedef enum { RHEA_VERDICT_YES, RHEA_VERDICT_NO, RHEA_VERDICT_UNSURE, RHEA_VERDICT_N } RheaVerdict;

typedef struct {
    GPtrArray *raters;       /* char*, in the header's order */
    GPtrArray *repositories; /* char*, in the file's order */
    GArray *ratings;         /* guint RheaVerdict, repositories x raters, row-major */
} RheaVerdicts;

const char *rhea_verdict_name(RheaVerdict v);
/* Fails with FILE:LINE errors: no header, fewer than two raters, a repeated rater or repository,
 * a wrong number of fields, an empty or unknown verdict, no repository at all. */
RheaVerdicts *rhea_verdicts_parse(const char *text, gsize len, const char *source, GError **error);
RheaVerdicts *rhea_verdicts_load(const char *path, GError **error);
void rhea_verdicts_free(RheaVerdicts *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaVerdicts, rhea_verdicts_free)

guint rhea_verdicts_n_raters(const RheaVerdicts *v);
guint rhea_verdicts_n_repositories(const RheaVerdicts *v);
RheaVerdict rhea_verdicts_get(const RheaVerdicts *v, guint repository, guint rater);
/* Cohen's kappa between raters a and b. */
void rhea_verdicts_cohen(const RheaVerdicts *v, guint a, guint b, RheaAgreement *out);
/* Fleiss' kappa over every rater. */
void rhea_verdicts_fleiss(const RheaVerdicts *v, RheaAgreement *out);
