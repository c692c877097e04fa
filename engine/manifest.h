/* manifest.h: a study manifest: a TSV whose header row names its columns. `id` and `repository`
 * are required; `name`, `genre` (mobile, desktop, web), `rules` (relative to the manifest), `ref`
 * and `skip` (why the repository may be absent, said when it is) are optional; every other column
 * is kept as metadata (samples/products.tsv is one). */
#pragma once
#include <glib.h>

typedef struct {
    guint line;                                         /* 1-based line in the file */
    char *id, *repository, *name, *genre, *rules, *ref; /* NULL when absent or empty */
    char *skip; /* why the repository may be missing (e.g. too large to fetch), or NULL */
    GPtrArray *meta_keys, *meta_values; /* the other columns, in file order */
} RheaManifestEntry;

typedef struct {
    char *path;
    char *dir;          /* the manifest's folder, for relative rules paths */
    GPtrArray *entries; /* RheaManifestEntry* */
} RheaManifest;

/* Errors are one line, "FILE:LINE: what is wrong". */
RheaManifest *rhea_manifest_load(const char *path, GError **error);
RheaManifest *rhea_manifest_parse(const char *text, gsize len, const char *path, GError **error);
void rhea_manifest_free(RheaManifest *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaManifest, rhea_manifest_free)

/* The absolute path of an entry's rules file, or NULL when it names none. */
char *rhea_manifest_rules_path(const RheaManifest *m, const RheaManifestEntry *e);
/* Finds the entry's repository: a path (absolute, or relative to the current folder), else for
 * owner/name: CLONES/owner+name, CLONES/owner+name/repo, CLONES/owner/name, CLONES/name (each also
 * with .git). Only a folder holding .git or a bare repository counts. NULL when none does. */
char *rhea_manifest_locate(const RheaManifestEntry *e, const char *clones);
