/* scan.h: the paper's dataset filters (section IV, steps 3 and 4) on one repository's HEAD tree,
 * read through libgit2 without a checkout (docs/evidence.md, "Scanning candidate repositories").
 *
 * - Product filter: user-interface evidence (the RQ3 `ui` entries of the evidence catalog).
 * - ML filter: ML libraries and APIs imported or declared, pre-trained model use, training code
 *   and serialized model files (the RQ2 `ml_library`, `ml_api`, `pretrained`, `training` and
 *   `model_file` entries).
 * - The paper's noisy last resort, ML words in READMEs and documentation, is counted apart and
 *   decides the ML filter only where nothing else was found (ml_basis "keywords only").
 * - A user-interface framework only declared in a dependency manifest (requirements.txt,
 *   package.json, build.gradle, ...) is listed but does not pass the product filter: a product
 *   has user-interface code or markup.
 * Evidence in example, sample, tutorial, test, documentation and vendored folders counts for
 * neither filter (it is listed, marked): a library's examples and a tutorial's demo app do not
 * make a product. */
#pragma once
#include <glib.h>

#include "classifiers/evidence_catalog.h"

typedef enum { RHEA_SCAN_PRODUCT, RHEA_SCAN_ML, RHEA_SCAN_KEYWORD, RHEA_SCAN_OTHER } RheaScanRole;

typedef struct {
    RheaScanRole role;
    const char *kind, *name; /* the catalog entry's (owned by the catalog); keyword: "keyword" */
    char *path;
    guint line;
    char *text;
    gboolean counted; /* FALSE in example, test, documentation and vendored folders */
} RheaScanHit;

typedef struct {
    char *path;
    char *error; /* set when the repository could not be read: the rest is empty */
    char *head;
    char *language; /* the most frequent source language by file count, whole tree; NULL if none */
    char *genre;    /* mobile, desktop or web from the UI evidence; NULL without any */
    gboolean product, ml;
    const char *ml_basis; /* "code", "keywords only" or NULL */
    guint product_hits, ml_hits, keyword_hits;
    GHashTable *ml_by_kind; /* kind -> count (GUINT_TO_POINTER) of counted ML hits */
    GPtrArray *evidence;    /* RheaScanHit *, counted ones first, then by role and path */
    guint distinct_ml, distinct_ui;
    gboolean model_files;
    double priority;
    guint files, files_read, skipped_large, skipped_binary, missing_blobs;
} RheaScanResult;

/* Scans path's HEAD tree, or with before >= 0 the tree of the last commit before that time on
 * HEAD's first-parent line. Never fails: a repository that cannot be read gets error set. */
RheaScanResult *rhea_scan_repository(const char *path, const RheaEvidenceCatalog *catalog,
                                     gint64 before);
void rhea_scan_result_free(RheaScanResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaScanResult, rhea_scan_result_free)

/* Whether path lies in an example, sample, tutorial, test, documentation or vendored folder. */
gboolean rhea_scan_path_is_incidental(const char *path);
/* Orders results for manual inspection: product and ML first, then priority, then path. */
gint rhea_scan_result_compare(gconstpointer a, gconstpointer b);
