/* labeling.c: labeling a product's paths (see labeling.h).
 *
 * Every distinct path is labeled once, at construction; lookups are a hash from pid to an index in
 * an array sorted by path. Content signals read blobs from the tip recorded by the last complete
 * ingest, not the repository's current HEAD, so labels agree with the stored history. */
#include "classifiers/labeling.h"

#include <git2.h>
#include <string.h>

#include "classifiers/catalog.h"
#include "classifiers/default_labels.h"
#include "classifiers/user_labels.h"
#include "engine/error.h"
#include "engine/lines.h"
#include "engine/store_reads.h"

typedef struct {
    gint64 pid;
    char *path;
    RheaLabel label;
    const char *why;
} Entry;

struct RheaLabeling {
    GArray *entries;    /* of Entry, sorted by path */
    GHashTable *by_pid; /* pid (gint64 *) -> index + 1 */
    RheaRules *rules;
    GStringChunk *strings; /* "content:LIBRARY" */
};

static void clear_entry(gpointer p)
{
    g_free(((Entry *)p)->path);
}

void rhea_labeling_free(RheaLabeling *l)
{
    if (!l)
        return;
    g_array_unref(l->entries);
    g_hash_table_destroy(l->by_pid);
    rhea_rules_free(l->rules);
    g_string_chunk_free(l->strings);
    g_free(l);
}

static void add_path(gint64 pid, const char *path, gsize len, gpointer data)
{
    Entry e = {.pid = pid, .path = g_strndup(path, len)};
    g_array_append_val((GArray *)data, e);
}

/* rhea-metrics compiles this file again with RHEA_LEAN: without the content signals, and so
 * without libgit2; the launcher (cli/launcher.c) sends runs with --content-signals to
 * rhea-commands, so the error in rhea_labeling_new is a safety net. */
#ifndef RHEA_LEAN
/* Relabels as ML the entries whose text at the tip imports a catalog library; only entries the
 * defaults labeled non-ML are candidates (see labeling.h). */
static int apply_content_signals(RheaLabeling *l, const RheaProduct *prod, gboolean *user_matched,
                                 GError **error)
{
    int ret = -1;
    git_repository *repo = NULL;
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    g_autoptr(RheaCatalog) catalog = rhea_catalog_load_default(error);
    if (!catalog)
        return -1;
    if (!prod->tip) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "product '%s' has no completely ingested tip; run rhea analyze again before "
                    "using --content-signals",
                    prod->id);
        return -1;
    }
    git_oid oid;
    if (git_repository_open(&repo, prod->repo_path) < 0) {
        rhea_error_git(error, "%s: cannot open the repository of product '%s' for content signals",
                       prod->repo_path, prod->id);
        goto cleanup;
    }
    if (git_oid_fromstr(&oid, prod->tip) < 0 || git_commit_lookup(&commit, repo, &oid) < 0 ||
        git_commit_tree(&tree, commit) < 0) {
        rhea_error_git(error, "%s: cannot read the stored tip %s of product '%s'", prod->repo_path,
                       prod->tip, prod->id);
        goto cleanup;
    }
    for (guint i = 0; i < l->entries->len; i++) {
        Entry *e = &g_array_index(l->entries, Entry, i);
        if (user_matched[i] || e->label != RHEA_LABEL_NONML ||
            !rhea_catalog_covers(catalog, e->path))
            continue;
        git_tree_entry *te = NULL;
        if (git_tree_entry_bypath(&te, tree, e->path) < 0)
            continue; /* not at the tip: deleted or moved away */
        git_blob *blob = NULL;
        if (git_tree_entry_type(te) == GIT_OBJECT_BLOB &&
            git_blob_lookup(&blob, repo, git_tree_entry_id(te)) == 0) {
            const char *lib = rhea_catalog_scan(catalog, e->path, git_blob_rawcontent(blob),
                                                (gsize)git_blob_rawsize(blob));
            if (lib) {
                g_autofree char *why = g_strconcat("content:", lib, NULL);
                e->label = RHEA_LABEL_ML;
                e->why = g_string_chunk_insert_const(l->strings, why);
            }
            git_blob_free(blob);
        }
        git_tree_entry_free(te);
    }
    ret = 0;
cleanup:
    git_tree_free(tree);
    git_commit_free(commit);
    git_repository_free(repo);
    return ret;
}
#endif

int rhea_labeling_rules_text(const RheaProduct *prod, const char *rules_path, char **text,
                             gsize *len, GError **error)
{
    *text = NULL;
    *len = 0;
    if (rules_path)
        return rhea_lines_read_file(rules_path, RHEA_INPUT_MAX, "rules file", text, len, error);
    if (prod->rules_text) {
        *text = g_strdup(prod->rules_text);
        *len = strlen(prod->rules_text);
    }
    return 0;
}

char *rhea_labeling_rules_sha256(const char *text, gsize len)
{
    return text ? g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len)
                : g_strdup("none");
}

RheaLabeling *rhea_labeling_new(RheaStore *store, const char *product, const char *rules_path,
                                gboolean content_signals, GError **error)
{
    g_autoptr(RheaProduct) prod = NULL;
    g_autofree gboolean *user_matched = NULL;
    g_autoptr(RheaDefaultLabels) defaults = NULL;
    g_autoptr(RheaUserLabels) user = NULL;
    if (rhea_store_product_require(store, product, &prod, error) < 0)
        return NULL;
    RheaLabeling *l = g_new0(RheaLabeling, 1);
    l->entries = g_array_new(FALSE, TRUE, sizeof(Entry));
    g_array_set_clear_func(l->entries, clear_entry);
    l->by_pid = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    l->strings = g_string_chunk_new(128);
    if (rules_path) {
        if (!(l->rules = rhea_rules_load(rules_path, error)))
            goto fail;
    } else if (prod->rules_text) {
        l->rules = rhea_rules_parse(prod->rules_text, -1,
                                    prod->rules_path ? prod->rules_path : "recorded rules", error);
        if (!l->rules)
            goto fail;
    }
    if (rhea_store_each_product_path(store, product, add_path, l->entries, error) < 0)
        goto fail;
    user_matched = g_new0(gboolean, l->entries->len + 1);
    defaults = rhea_default_labels_new();
    user = rhea_user_labels_new(l->rules);
    for (guint i = 0; i < l->entries->len; i++) {
        Entry *e = &g_array_index(l->entries, Entry, i);
        user_matched[i] = rhea_user_labels_get(user, e->path, &e->label, &e->why);
        if (!user_matched[i])
            e->label = rhea_default_labels_get(defaults, e->path, &e->why);
        gint64 *key = g_new(gint64, 1);
        *key = e->pid;
        g_hash_table_insert(l->by_pid, key, GUINT_TO_POINTER(i + 1));
    }
#ifdef RHEA_LEAN
    if (content_signals) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "this program (rhea-metrics) reads no repository for --content-signals: run "
                    "the command through rhea, which hands it to rhea-commands");
        goto fail;
    }
#else
    if (content_signals && apply_content_signals(l, prod, user_matched, error) < 0)
        goto fail;
#endif
    return l;
fail:
    rhea_labeling_free(l);
    return NULL;
}

static const Entry *find(const RheaLabeling *l, gint64 pid)
{
    guint i = GPOINTER_TO_UINT(g_hash_table_lookup(l->by_pid, &pid));
    return i ? &g_array_index(l->entries, Entry, i - 1) : NULL;
}

RheaLabel rhea_labeling_get(const RheaLabeling *l, gint64 pid)
{
    const Entry *e = find(l, pid);
    return e ? e->label : RHEA_LABEL_EXCLUDE;
}

const char *rhea_labeling_why(const RheaLabeling *l, gint64 pid)
{
    const Entry *e = find(l, pid);
    return e ? e->why : NULL;
}

const char *rhea_labeling_path(const RheaLabeling *l, gint64 pid)
{
    const Entry *e = find(l, pid);
    return e ? e->path : NULL;
}

GArray *rhea_labeling_pids(const RheaLabeling *l)
{
    GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(gint64), l->entries->len);
    for (guint i = 0; i < l->entries->len; i++)
        g_array_append_val(out, g_array_index(l->entries, Entry, i).pid);
    return out;
}

const RheaRules *rhea_labeling_rules(const RheaLabeling *l)
{
    return l->rules;
}
