/* evidence.c: searching a product's tree for the catalog's signals and dating them (see
 * evidence.h). One pass over the tree reads each blob once, whatever the number of entries (the
 * catalog's matcher); a second pass over the files with hits reads their history from the store
 * oldest first and stops, per file, once every entry found in it is dated. */
#include "classifiers/evidence.h"

#include <git2.h>
#include <string.h>

#include "classifiers/notebook.h"
#include "classifiers/rules.h"
#include "engine/error.h"
#include "engine/store_evidence.h"

#define TEXT_MAX 120

static void hit_free(gpointer p)
{
    RheaEvidenceHit *h = p;
    g_free(h->path);
    g_free(h->text);
    g_free(h->first_commit);
    g_free(h);
}

void rhea_evidence_free(RheaEvidence *ev)
{
    if (!ev)
        return;
    g_free(ev->product);
    g_free(ev->commit);
    if (ev->hits)
        g_ptr_array_unref(ev->hits);
    if (ev->missing_ids)
        g_ptr_array_unref(ev->missing_ids);
    g_free(ev);
}

/* A blob absent from a partial clone: counted, and its id kept, so that stored evidence can
 * tell when a later fetch brought it (rhea_evidence_blobs_still_missing). */
static void note_missing(RheaEvidence *ev, const git_oid *id)
{
    ev->missing_blobs++;
    g_ptr_array_add(ev->missing_ids, g_strdup(git_oid_tostr_s(id)));
}

gboolean rhea_evidence_blobs_still_missing(const char *repo_path, GPtrArray *ids)
{
    git_repository *repo = NULL;
    git_odb *odb = NULL;
    gboolean missing = TRUE;
    if (git_repository_open(&repo, repo_path) < 0 || git_repository_odb(&odb, repo) < 0) {
        git_error_clear();
        git_repository_free(repo);
        return FALSE; /* cannot tell: computing again says what is wrong */
    }
    for (guint i = 0; i < ids->len && missing; i++) {
        git_oid oid;
        if (git_oid_fromstr(&oid, g_ptr_array_index(ids, i)) < 0 || git_odb_exists(odb, &oid))
            missing = FALSE;
    }
    git_odb_free(odb);
    git_repository_free(repo);
    return missing;
}

/* The line trimmed, valid UTF-8, cut to TEXT_MAX bytes at a character boundary. */
static char *cut_text(const char *s, gsize n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    g_autofree char *valid = g_utf8_make_valid(s, (gssize)n);
    gsize len = strlen(valid);
    if (len <= TEXT_MAX)
        return g_steal_pointer(&valid);
    const char *end = g_utf8_find_prev_char(valid, valid + TEXT_MAX + 1);
    while (end && (gsize)(end - valid) > TEXT_MAX)
        end = g_utf8_find_prev_char(valid, end);
    g_autofree char *head = g_strndup(valid, end ? (gsize)(end - valid) : 0);
    return g_strconcat(head, "...", NULL);
}

typedef struct {
    RheaEvidence *ev;
    const RheaEvidenceCatalog *catalog;
    const char *path;
    const char *text;     /* NULL for path matches */
    gboolean models_only; /* keep model_file hits only */
} ScanCtx;

static gboolean on_match(const RheaEvidenceMatch *m, void *payload)
{
    ScanCtx *c = payload;
    if (c->models_only &&
        strcmp(rhea_evidence_catalog_entry(c->catalog, m->entry)->kind, "model_file") != 0)
        return TRUE;
    RheaEvidenceHit *h = g_new0(RheaEvidenceHit, 1);
    h->entry = m->entry;
    h->e = rhea_evidence_catalog_entry(c->catalog, m->entry);
    h->path = g_strdup(c->path);
    h->line = c->text ? m->line : 0;
    h->text = c->text ? cut_text(c->text + m->line_start, m->line_end - m->line_start)
                      : cut_text(c->path, strlen(c->path));
    h->first_time = -1;
    g_ptr_array_add(c->ev->hits, h);
    return TRUE;
}

/* What of a path is read, from its label: everything, its documentation entries only, its path
 * only, its path by the model_file entries only, or nothing (docs/evidence.md, "What is
 * searched"). */
typedef enum { READ_ALL, READ_DOCS, READ_PATH, READ_MODEL_PATH, READ_NONE } ReadScope;

static ReadScope scope_of(const RheaRules *rules, const char *path)
{
    const char *why = NULL;
    RheaLabel l = rhea_rules_label(rules, path, &why);
    if (l != RHEA_LABEL_EXCLUDE)
        return READ_ALL;
    /* the product's own rules exclude it: a model file is still evidence by its name (rules
     * exclude model folders and files to keep data out of the code counts, not to hide them) */
    if (!why || !g_str_has_prefix(why, "default:"))
        return READ_MODEL_PATH;
    if (strcmp(why, "default:documentation") == 0)
        return READ_DOCS;
    if (strcmp(why, "default:vendored") == 0)
        return READ_NONE;
    return READ_PATH; /* images, archives, serialized models, binaries: their names still count */
}

typedef struct {
    git_repository *repo;
    const RheaEvidenceCatalog *catalog;
    const RheaRules *rules;
    RheaEvidence *ev;
    gsize max_size;
} WalkCtx;

static int walk_cb(const char *root, const git_tree_entry *te, void *payload)
{
    WalkCtx *w = payload;
    if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
        return 0;
    if (git_tree_entry_filemode(te) == GIT_FILEMODE_LINK)
        return 0;
    g_autofree char *path = g_strconcat(root, git_tree_entry_name(te), NULL);
    w->ev->files++;
    ReadScope scope = scope_of(w->rules, path);
    if (scope == READ_NONE || scope == READ_MODEL_PATH)
        w->ev->skipped_excluded++; /* its content is not read */
    if (scope == READ_NONE)
        return 0;
    ScanCtx sc = {
        .ev = w->ev, .catalog = w->catalog, .path = path, .models_only = scope == READ_MODEL_PATH};
    rhea_evidence_catalog_scan_path(w->catalog, path, on_match, &sc);
    if (scope == READ_PATH || scope == READ_MODEL_PATH)
        return 0;
    gboolean notebook = rhea_notebook_is(path);
    guint32 kinds = notebook ? 1u << RHEA_FK_PYTHON : rhea_file_kinds(path);
    if (scope == READ_DOCS)
        kinds &= 1u << RHEA_FK_DOCS;
    if (!kinds || !rhea_evidence_catalog_reads(w->catalog, kinds))
        return 0;
    git_blob *blob = NULL;
    if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(te)) < 0) {
        note_missing(w->ev, git_tree_entry_id(te));
        git_error_clear();
        return 0;
    }
    gsize len = (gsize)git_blob_rawsize(blob);
    const char *text = git_blob_rawcontent(blob);
    if (len > w->max_size)
        w->ev->skipped_large++;
    else if (rhea_text_is_binary(text, len))
        w->ev->skipped_binary++;
    else if (notebook) {
        w->ev->files_read++;
        gsize code_len = 0;
        g_autofree char *code = rhea_notebook_code(text, len, &code_len);
        sc.text = code;
        rhea_evidence_catalog_scan(w->catalog, kinds, code, code_len, on_match, &sc);
    } else {
        w->ev->files_read++;
        sc.text = text;
        rhea_evidence_catalog_scan(w->catalog, kinds, text, len, on_match, &sc);
    }
    git_blob_free(blob);
    return 0;
}

static gint by_path(gconstpointer a, gconstpointer b)
{
    const RheaEvidenceHit *x = *(RheaEvidenceHit *const *)a, *y = *(RheaEvidenceHit *const *)b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static gint by_signal(gconstpointer a, gconstpointer b)
{
    const RheaEvidenceHit *x = *(RheaEvidenceHit *const *)a, *y = *(RheaEvidenceHit *const *)b;
    if (x->e->rq != y->e->rq)
        return x->e->rq < y->e->rq ? -1 : 1;
    int c = strcmp(x->e->kind, y->e->kind);
    if (!c)
        c = strcmp(x->e->name, y->e->name);
    if (!c)
        c = strcmp(x->path, y->path);
    return c;
}

/* One commit that changed a candidate path of a file with hits. */
typedef struct {
    RheaPathCommit pc;
    const char *path;
} Candidate;

static gint by_time(gconstpointer a, gconstpointer b)
{
    const Candidate *x = a, *y = b;
    if (x->pc.time != y->pc.time)
        return x->pc.time < y->pc.time ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* Dates hits[from..to) (one file): the first commit, oldest first, in which the file, or a file of
 * the same name elsewhere (the same file before a move; at most SAME_NAME_MAX of them), matches
 * the entry. */
static void date_path(git_repository *repo, GPtrArray *hits, guint from, guint to, GArray *cands,
                      RheaEvidence *ev)
{
    guint left = to - from;
    for (guint k = 0; k < cands->len && left; k++) {
        const Candidate *cd = &g_array_index(cands, Candidate, k);
        if (cd->pc.kind == 'D')
            continue;
        git_oid oid;
        git_commit *commit = NULL;
        git_tree *tree = NULL;
        git_tree_entry *te = NULL;
        git_blob *blob = NULL;
        char *code = NULL; /* a notebook is matched as its code, as in the walk */
        if (git_oid_fromstr(&oid, cd->pc.sha) < 0 || git_commit_lookup(&commit, repo, &oid) < 0 ||
            git_commit_tree(&tree, commit) < 0 || git_tree_entry_bypath(&te, tree, cd->path) < 0)
            goto next;
        gboolean have_blob = git_tree_entry_type(te) == GIT_OBJECT_BLOB &&
                             git_blob_lookup(&blob, repo, git_tree_entry_id(te)) == 0;
        if (git_tree_entry_type(te) == GIT_OBJECT_BLOB && !have_blob)
            note_missing(ev, git_tree_entry_id(te));
        const char *text = have_blob ? git_blob_rawcontent(blob) : NULL;
        gsize len = have_blob ? (gsize)git_blob_rawsize(blob) : 0;
        if (have_blob && rhea_notebook_is(cd->path))
            text = code = rhea_notebook_code(text, len, &len);
        for (guint i = from; i < to; i++) {
            RheaEvidenceHit *h = g_ptr_array_index(hits, i);
            if (h->first_commit)
                continue;
            gboolean ok = h->line == 0; /* a path entry: present is enough */
            if (!ok && have_blob)
                ok = rhea_evidence_entry_matches(h->e, text, len);
            if (ok) {
                h->first_commit = g_strdup(cd->pc.sha);
                h->first_time = cd->pc.time;
                left--;
            }
        }
    next:
        git_error_clear();
        g_free(code);
        git_blob_free(blob);
        git_tree_entry_free(te);
        git_tree_free(tree);
        git_commit_free(commit);
    }
}

#define SAME_NAME_MAX 32

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The renames of a commit against its first parent, as git finds them (renamed files at least
 * 50% similar, exact moves first; git's rename limit bounds the work): new path -> old path, or
 * NULL when the commit deletes or adds nothing, or its trees or blobs cannot be read (a partial
 * clone). */
#define RENAME_PAIRS_MAX 10000

static GHashTable *commit_renames(git_repository *repo, const char *sha)
{
    GHashTable *out = NULL;
    git_oid oid;
    git_commit *commit = NULL, *parent = NULL;
    git_tree *tree = NULL, *ptree = NULL;
    git_diff *diff = NULL;
    if (git_oid_fromstr(&oid, sha) < 0 || git_commit_lookup(&commit, repo, &oid) < 0 ||
        git_commit_parentcount(commit) == 0 || git_commit_parent(&parent, commit, 0) < 0 ||
        git_commit_tree(&tree, commit) < 0 || git_commit_tree(&ptree, parent) < 0 ||
        git_diff_tree_to_tree(&diff, repo, ptree, tree, NULL) < 0)
        goto cleanup;
    size_t added = 0, deleted = 0;
    for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
        git_delta_t st = git_diff_get_delta(diff, i)->status;
        added += st == GIT_DELTA_ADDED;
        deleted += st == GIT_DELTA_DELETED;
    }
    if (!added || !deleted)
        goto cleanup;
    git_diff_find_options fo;
    if (git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION) < 0)
        goto cleanup;
    fo.flags = GIT_DIFF_FIND_RENAMES;
    /* comparing contents costs added x deleted: past RENAME_PAIRS_MAX pairs (a restructuring
     * commit) only exact moves are found, as git does past its rename limit */
    if (added * deleted > RENAME_PAIRS_MAX)
        fo.flags |= GIT_DIFF_FIND_EXACT_MATCH_ONLY;
    if (git_diff_find_similar(diff, &fo) < 0)
        goto cleanup;
    out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        if (d->status == GIT_DELTA_RENAMED)
            g_hash_table_insert(out, g_strdup(d->new_file.path), g_strdup(d->old_file.path));
    }
cleanup:
    git_error_clear();
    git_diff_free(diff);
    git_tree_free(ptree);
    git_tree_free(tree);
    git_commit_free(parent);
    git_commit_free(commit);
    return out;
}

static void renames_free(gpointer p)
{
    if (p) /* a commit without renames */
        g_hash_table_unref(p);
}

/* The path that commit sha renamed to path, or NULL; each commit's renames are found once
 * (renames: sha -> GHashTable or NULL, owning the returned string). */
static const char *renamed_from(git_repository *repo, GHashTable *renames, const char *sha,
                                const char *path)
{
    gpointer found = NULL;
    if (!g_hash_table_lookup_extended(renames, sha, NULL, &found)) {
        found = commit_renames(repo, sha);
        g_hash_table_insert(renames, g_strdup(sha), found);
    }
    return found ? g_hash_table_lookup(found, path) : NULL;
}

/* The commits of path and of the files it was moved from: a path whose first commit added it
 * while deleting a path of the same name elsewhere continues that path's history (among at most
 * SAME_NAME_MAX paths of that name); failing that, a path the commit renamed, as git detects
 * renames (a file renamed and edited, ClarifaiAI.py -> clarifai_tagging.py). Followed up to
 * MOVES_MAX moves back. */
#define MOVES_MAX 8

static int follow_moves(RheaPathHistory *ph, git_repository *repo, GHashTable *renames,
                        GHashTable *names, const char *path, gint64 until, GArray *hist,
                        GArray *cands, GError **error)
{
    GPtrArray *same = g_hash_table_lookup(names, base_name(path));
    gboolean others = same && same->len > 1 && same->len <= SAME_NAME_MAX;
    g_array_set_size(cands, 0);
    const char *cur = path;
    for (guint depth = 0; cur && depth <= MOVES_MAX; depth++) {
        if (rhea_store_path_history_get(ph, cur, until, hist, error) < 0)
            return -1;
        char added[41] = "";
        gint64 added_time = -1;
        for (guint m = 0; m < hist->len; m++) {
            const RheaPathCommit *pc = &g_array_index(hist, RheaPathCommit, m);
            Candidate cd = {.pc = *pc, .path = cur};
            g_array_append_val(cands, cd);
            if (!*added && pc->kind == 'A') {
                g_strlcpy(added, pc->sha, sizeof added);
                added_time = pc->time;
            }
        }
        const char *prev = NULL;
        for (guint k = 0; others && *added && !prev && k < same->len; k++) {
            const char *q = g_ptr_array_index(same, k);
            if (!strcmp(q, cur) || !strcmp(q, path))
                continue;
            g_autoptr(GArray) qh = g_array_new(FALSE, FALSE, sizeof(RheaPathCommit));
            if (rhea_store_path_history_get(ph, q, added_time, qh, error) < 0)
                return -1;
            for (guint m = 0; m < qh->len && !prev; m++) {
                const RheaPathCommit *pc = &g_array_index(qh, RheaPathCommit, m);
                if (pc->kind == 'D' && !strcmp(pc->sha, added))
                    prev = q;
            }
        }
        if (!prev && *added)
            prev = renamed_from(repo, renames, added, cur);
        cur = prev;
        until = added_time;
    }
    return 0;
}

/* basename -> GPtrArray of the product's paths with that name, for the names of files with
 * hits only. */
static GHashTable *same_names(RheaStore *store, const char *product, GPtrArray *hits,
                              GError **error)
{
    g_autoptr(GPtrArray) all = rhea_store_evidence_paths(store, product, error);
    if (!all)
        return NULL;
    GHashTable *by_name =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(hits, i);
        const char *b = base_name(h->path);
        if (!g_hash_table_contains(by_name, b))
            g_hash_table_insert(by_name, g_strdup(b), g_ptr_array_new_with_free_func(g_free));
    }
    for (guint i = 0; i < all->len; i++) {
        const char *p = g_ptr_array_index(all, i);
        GPtrArray *list = g_hash_table_lookup(by_name, base_name(p));
        if (list)
            g_ptr_array_add(list, g_strdup(p));
    }
    return by_name;
}

static int resolve_commit(RheaStore *store, const RheaProduct *prod, git_repository *repo,
                          const RheaEvidenceOptions *o, git_oid *out, gint64 *time, GError **error)
{
    if (o->commit) {
        git_object *obj = NULL;
        if (git_revparse_single(&obj, repo, o->commit) < 0) {
            g_autofree char *q = rhea_error_quote(o->commit);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "--commit '%s' is not a commit of %s; give a commit id or ref of the "
                        "product's repository",
                        q, prod->repo_path);
            git_error_clear();
            return -1;
        }
        git_object *c = NULL;
        int rc = git_object_peel(&c, obj, GIT_OBJECT_COMMIT);
        git_object_free(obj);
        if (rc < 0) {
            g_autofree char *q = rhea_error_quote(o->commit);
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND, "--commit '%s' is not a commit",
                        q);
            git_error_clear();
            return -1;
        }
        git_oid_cpy(out, git_object_id(c));
        *time = git_commit_time((git_commit *)c);
        git_object_free(c);
        return 0;
    }
    /* an ingest that did not finish has no tip: its newest stored commit is what the figures
     * cover (they are flagged incomplete), so the evidence is read there too */
    if (o->before >= 0 || !prod->tip) {
        g_autofree char *sha = NULL;
        gint64 before = o->before >= 0 ? o->before : G_MAXINT64;
        if (rhea_store_evidence_commit_before(store, prod->id, before, &sha, time, error) < 0)
            return -1;
        if (!sha) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "product '%s' has no commit before the date; give a later --at", prod->id);
            return -1;
        }
        return git_oid_fromstr(out, sha) < 0 ? -1 : 0;
    }
    if (!prod->tip) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "product '%s' has no completely ingested tip; run rhea analyze again",
                    prod->id);
        return -1;
    }
    if (git_oid_fromstr(out, prod->tip) < 0)
        return -1;
    *time = rhea_store_evidence_commit_time(store, prod->id, prod->tip);
    return 0;
}

int rhea_evidence_resolve(RheaStore *store, const RheaProduct *prod, const RheaEvidenceOptions *o,
                          char **commit, gint64 *time, GError **error)
{
    git_repository *repo = NULL;
    git_oid oid;
    *commit = NULL;
    /* only a --commit needs the repository (a revision to parse); the rest is in the store */
    if (o->commit && git_repository_open(&repo, prod->repo_path) < 0)
        return rhea_error_git(error, "%s: cannot open the repository of product '%s'",
                              prod->repo_path, prod->id);
    int rc = resolve_commit(store, prod, repo, o, &oid, time, error);
    git_repository_free(repo);
    if (rc < 0)
        return -1;
    *commit = g_strdup(git_oid_tostr_s(&oid));
    return 0;
}

RheaEvidence *rhea_evidence_collect(RheaStore *store, const char *product,
                                    const RheaEvidenceCatalog *catalog,
                                    const RheaEvidenceOptions *o, GError **error)
{
    RheaEvidence *ev = NULL;
    g_autoptr(RheaProduct) prod = NULL;
    g_autoptr(RheaRules) rules = NULL;
    g_autoptr(RheaPathHistory) ph = NULL;
    g_autoptr(GArray) hist = NULL;
    g_autoptr(GArray) cands = NULL;
    g_autoptr(GHashTable) names = NULL;
    g_autoptr(GHashTable) renames =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, renames_free);
    git_repository *repo = NULL;
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    if (rhea_store_product_require(store, product, &prod, error) < 0)
        return NULL;
    if (o->rules_text) {
        if (!(rules = rhea_rules_parse(o->rules_text, (gssize)o->rules_len,
                                       o->rules_path ? o->rules_path : "rules", error)))
            return NULL;
    } else if (o->rules_path) {
        if (!(rules = rhea_rules_load(o->rules_path, error)))
            return NULL;
    } else if (prod->rules_text) {
        rules = rhea_rules_parse(prod->rules_text, -1,
                                 prod->rules_path ? prod->rules_path : "recorded rules", error);
        if (!rules)
            return NULL;
    }
    if (git_repository_open(&repo, prod->repo_path) < 0) {
        rhea_error_git(error, "%s: cannot open the repository of product '%s'", prod->repo_path,
                       prod->id);
        return NULL;
    }
    ev = g_new0(RheaEvidence, 1);
    ev->product = g_strdup(product);
    ev->hits = g_ptr_array_new_with_free_func(hit_free);
    ev->missing_ids = g_ptr_array_new_with_free_func(g_free);
    git_oid oid;
    if (resolve_commit(store, prod, repo, o, &oid, &ev->time, error) < 0)
        goto fail;
    if (git_commit_lookup(&commit, repo, &oid) < 0 || git_commit_tree(&tree, commit) < 0) {
        rhea_error_git(error, "%s: cannot read the tree of commit %s", prod->repo_path,
                       git_oid_tostr_s(&oid));
        goto fail;
    }
    ev->commit = g_strdup(git_oid_tostr_s(&oid));
    if (ev->time < 0)
        ev->time = git_commit_time(commit);
    WalkCtx w = {.repo = repo,
                 .catalog = catalog,
                 .rules = rules,
                 .ev = ev,
                 .max_size = o->max_size ? o->max_size : RHEA_EVIDENCE_DEFAULT_MAX_SIZE};
    if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0) {
        rhea_error_git(error, "%s: cannot walk the tree of commit %s", prod->repo_path, ev->commit);
        goto fail;
    }
    /* date the hits, one file at a time */
    g_ptr_array_sort(ev->hits, by_path);
    if (!(ph = rhea_store_path_history_new(store, product, error)) ||
        !(names = same_names(store, product, ev->hits, error)))
        goto fail;
    hist = g_array_new(FALSE, FALSE, sizeof(RheaPathCommit));
    cands = g_array_new(FALSE, FALSE, sizeof(Candidate));
    for (guint i = 0; i < ev->hits->len;) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        guint j = i + 1;
        while (j < ev->hits->len &&
               strcmp(((RheaEvidenceHit *)g_ptr_array_index(ev->hits, j))->path, h->path) == 0)
            j++;
        if (follow_moves(ph, repo, renames, names, h->path, ev->time, hist, cands, error) < 0)
            goto fail;
        g_array_sort(cands, by_time);
        date_path(repo, ev->hits, i, j, cands, ev);
        i = j;
    }
    g_ptr_array_sort(ev->hits, by_signal);
    git_tree_free(tree);
    git_commit_free(commit);
    git_repository_free(repo);
    return ev;
fail:
    git_tree_free(tree);
    git_commit_free(commit);
    git_repository_free(repo);
    rhea_evidence_free(ev);
    return NULL;
}
