/* ml_files.h: the ML evidence of every file in a product's tree at its stored tip, file by file,
 * for `rhea classify --suggest` and `--audit` (docs/rules.md, "Suggesting and auditing rules").
 *
 * A file has ML evidence when the evidence catalog (classifiers/evidence_catalog.h) finds, in a
 * source file (python, javascript, java, kotlin, csharp, swift, objc, cpp, go, r), an entry of
 * kind ml_library, pretrained, ml_api or training (an import, a model load, an ML API call, a
 * training loop); when its path is a model file or a training script (path entries of kinds
 * model_file and training); or when it is a notebook (*.ipynb). A dependency declared in a
 * manifest (build.gradle, package.json, requirements.txt, ...) is product-level evidence: it is
 * kept apart (declares) and never makes the manifest itself ML. */
#pragma once
#include <glib.h>

#include "classifiers/evidence_catalog.h"
#include "engine/store.h"

typedef struct {
    char *path;
    char *evidence; /* "NAME (KIND) line N: TEXT", the first signal found; NULL: none */
    char *declares; /* a manifest's ML dependency, "NAME (KIND)"; NULL: none */
} RheaMlFile;

typedef struct {
    char *commit;        /* the tip, hex */
    GPtrArray *files;    /* RheaMlFile*, every blob of the tip's tree, sorted by path (bytewise) */
    GHashTable *by_path; /* path -> RheaMlFile* (owned by files) */
} RheaMlFiles;

/* Reads every file of the product's stored tip (rhea analyze's last completely ingested commit)
 * once; files over 1 MiB or binary are judged by their path alone. */
RheaMlFiles *rhea_ml_files_collect(RheaStore *store, const char *product,
                                   const RheaEvidenceCatalog *catalog, GError **error);
void rhea_ml_files_free(RheaMlFiles *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaMlFiles, rhea_ml_files_free)

/* The file at path, or NULL when the tip has none. */
const RheaMlFile *rhea_ml_files_get(const RheaMlFiles *m, const char *path);
