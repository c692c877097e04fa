/* label_audit.h: a product's labels against the ML evidence of its tip (classifiers/ml_files.h),
 * for `rhea classify --audit` and `--suggest` (docs/rules.md, "Suggesting and auditing rules"). */
#pragma once
#include <glib.h>

#include "classifiers/labeling.h"
#include "classifiers/ml_files.h"

typedef enum {
    RHEA_AUDIT_NONML_WITH_EVIDENCE = 0, /* labeled nonml, imports an ML library or loads a model */
    RHEA_AUDIT_ML_WITHOUT_EVIDENCE = 1, /* labeled ml, no ML evidence in the file */
} RheaAuditKind;
#define RHEA_AUDIT_KIND_COUNT 2

/* "nonml-with-evidence", "ml-without-evidence". */
const char *rhea_audit_kind_name(RheaAuditKind k);

typedef struct {
    RheaAuditKind kind;
    const char *path, *label, *rule; /* rule: what decided the label (FILE:LINE, default:NAME) */
    const char *evidence;            /* NULL for ml-without-evidence */
} RheaAuditRow;

/* The flagged files among the paths of the product's history present at the tip, sorted by kind
 * then path; counts[kind] gets each kind's number. Strings are owned by l and m. */
GArray *rhea_label_audit(const RheaLabeling *l, const RheaMlFiles *m,
                         guint counts[RHEA_AUDIT_KIND_COUNT]);

/* A draft rules file (see docs/rules.md): base_text (the current rules' text, may be NULL)
 * unchanged, then one `ml` rule per folder of the tip whose code files (files not excluded now)
 * all have ML evidence (at least two of them; the highest such folder) and one per other file
 * with evidence not labeled ml, each after a `# why` comment naming its evidence and the number
 * of history paths whose label it changes. *n_rules and *n_changed (either may be NULL) get the
 * number of suggested rules and of changed paths. */
char *rhea_label_suggest(const char *product, const RheaLabeling *l, const RheaMlFiles *m,
                         const char *base_text, guint *n_rules, guint *n_changed);
