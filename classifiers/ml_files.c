/* ml_files.c: the tip's files and their ML evidence (see ml_files.h). One walk over the tree;
 * each blob is read once through the catalog's matcher. */
#include "classifiers/ml_files.h"

#include <git2.h>
#include <string.h>

#include "engine/error.h"

#define MAX_SIZE (1024 * 1024)
#define TEXT_MAX 80

/* The file kinds whose content can make the file itself ML. */
static const guint32 SOURCE_KINDS =
    1u << RHEA_FK_PYTHON | 1u << RHEA_FK_JAVASCRIPT | 1u << RHEA_FK_JAVA | 1u << RHEA_FK_KOTLIN |
    1u << RHEA_FK_CSHARP | 1u << RHEA_FK_SWIFT | 1u << RHEA_FK_OBJC | 1u << RHEA_FK_CPP |
    1u << RHEA_FK_GO | 1u << RHEA_FK_R;
/* Manifests: their ML entries are declarations. */
static const guint32 MANIFEST_KINDS = 1u << RHEA_FK_GRADLE | 1u << RHEA_FK_MAVEN |
                                      1u << RHEA_FK_NPM | 1u << RHEA_FK_PIP | 1u << RHEA_FK_NUGET |
                                      1u << RHEA_FK_COCOAPODS;

static gboolean ml_kind(const char *kind)
{
    return strcmp(kind, "ml_library") == 0 || strcmp(kind, "pretrained") == 0 ||
           strcmp(kind, "ml_api") == 0 || strcmp(kind, "training") == 0 ||
           strcmp(kind, "model_file") == 0;
}

static void file_free(gpointer p)
{
    RheaMlFile *f = p;
    g_free(f->path);
    g_free(f->evidence);
    g_free(f->declares);
    g_free(f);
}

void rhea_ml_files_free(RheaMlFiles *m)
{
    if (!m)
        return;
    g_free(m->commit);
    if (m->by_path)
        g_hash_table_unref(m->by_path);
    if (m->files)
        g_ptr_array_unref(m->files);
    g_free(m);
}

const RheaMlFile *rhea_ml_files_get(const RheaMlFiles *m, const char *path)
{
    return g_hash_table_lookup(m->by_path, path);
}

typedef struct {
    const RheaEvidenceCatalog *catalog;
    RheaMlFile *file;
    guint32 kinds;
    const char *text;   /* NULL for path matches */
    gboolean path_only; /* file->evidence is a path match */
} MatchCtx;

/* The matched line, trimmed, valid UTF-8, at most TEXT_MAX bytes. */
static char *line_text(const char *s, gsize n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    g_autofree char *valid = g_utf8_make_valid(s, (gssize)MIN(n, (gsize)TEXT_MAX));
    /* a cut may leave U+FFFD at the end: harmless */
    return g_strdup(valid);
}

static gboolean on_match(const RheaEvidenceMatch *m, void *payload)
{
    MatchCtx *c = payload;
    const RheaEvidenceEntry *e = rhea_evidence_catalog_entry(c->catalog, m->entry);
    if (!ml_kind(e->kind))
        return TRUE;
    if (!c->text) { /* a path entry: model files and training scripts */
        if (!c->file->evidence) {
            c->file->evidence = g_strdup_printf("%s (%s, path)", e->name, e->kind);
            c->path_only = TRUE; /* an import found later says more */
        }
        return TRUE;
    }
    if (c->kinds & SOURCE_KINDS && e->fk_mask & c->kinds & SOURCE_KINDS) {
        if (!c->file->evidence || c->path_only) {
            c->path_only = FALSE;
            g_free(c->file->evidence);
            g_autofree char *t = line_text(c->text + m->line_start, m->line_end - m->line_start);
            c->file->evidence =
                g_strdup_printf("%s (%s) line %u: %s", e->name, e->kind, m->line, t);
        }
    } else if (e->fk_mask & c->kinds & MANIFEST_KINDS && !c->file->declares)
        c->file->declares = g_strdup_printf("%s (%s)", e->name, e->kind);
    return TRUE;
}

typedef struct {
    git_repository *repo;
    const RheaEvidenceCatalog *catalog;
    RheaMlFiles *m;
} WalkCtx;

static int walk_cb(const char *root, const git_tree_entry *te, void *payload)
{
    WalkCtx *w = payload;
    if (git_tree_entry_type(te) != GIT_OBJECT_BLOB ||
        git_tree_entry_filemode(te) == GIT_FILEMODE_LINK)
        return 0;
    RheaMlFile *f = g_new0(RheaMlFile, 1);
    f->path = g_strconcat(root, git_tree_entry_name(te), NULL);
    g_ptr_array_add(w->m->files, f);
    MatchCtx c = {.catalog = w->catalog, .file = f};
    if (g_str_has_suffix(f->path, ".ipynb")) {
        f->evidence = g_strdup("notebook (path)");
        c.path_only = TRUE;
    }
    rhea_evidence_catalog_scan_path(w->catalog, f->path, on_match, &c);
    c.kinds = rhea_file_kinds(f->path) & (SOURCE_KINDS | MANIFEST_KINDS);
    if (!c.kinds)
        return 0;
    git_blob *blob = NULL;
    if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(te)) < 0) {
        git_error_clear(); /* a partial clone: judged by its path */
        return 0;
    }
    gsize len = (gsize)git_blob_rawsize(blob);
    const char *text = git_blob_rawcontent(blob);
    if (len <= MAX_SIZE && !rhea_text_is_binary(text, len)) {
        c.text = text;
        rhea_evidence_catalog_scan(w->catalog, c.kinds, text, len, on_match, &c);
    }
    git_blob_free(blob);
    return 0;
}

static gint by_path(gconstpointer a, gconstpointer b)
{
    return strcmp((*(RheaMlFile *const *)a)->path, (*(RheaMlFile *const *)b)->path);
}

RheaMlFiles *rhea_ml_files_collect(RheaStore *store, const char *product,
                                   const RheaEvidenceCatalog *catalog, GError **error)
{
    g_autoptr(RheaProduct) prod = NULL;
    git_repository *repo = NULL;
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    RheaMlFiles *m = NULL;
    git_oid oid;
    if (rhea_store_product_require(store, product, &prod, error) < 0)
        return NULL;
    if (!prod->tip || git_oid_fromstr(&oid, prod->tip) < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "product '%s' has no completely ingested tip; run rhea analyze again", product);
        return NULL;
    }
    if (git_repository_open(&repo, prod->repo_path) < 0) {
        rhea_error_git(error, "%s: cannot open the repository of product '%s'", prod->repo_path,
                       product);
        return NULL;
    }
    if (git_commit_lookup(&commit, repo, &oid) < 0 || git_commit_tree(&tree, commit) < 0) {
        rhea_error_git(error, "%s: cannot read the tree of commit %s", prod->repo_path, prod->tip);
        goto cleanup;
    }
    m = g_new0(RheaMlFiles, 1);
    m->commit = g_strdup(prod->tip);
    m->files = g_ptr_array_new_with_free_func(file_free);
    WalkCtx w = {.repo = repo, .catalog = catalog, .m = m};
    if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0) {
        rhea_error_git(error, "%s: cannot walk the tree of commit %s", prod->repo_path, prod->tip);
        g_clear_pointer(&m, rhea_ml_files_free);
        goto cleanup;
    }
    g_ptr_array_sort(m->files, by_path);
    m->by_path = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < m->files->len; i++) {
        RheaMlFile *f = m->files->pdata[i];
        g_hash_table_insert(m->by_path, f->path, f);
    }
cleanup:
    git_tree_free(tree);
    git_commit_free(commit);
    git_repository_free(repo);
    return m;
}
