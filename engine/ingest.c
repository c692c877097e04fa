/* ingest.c: walks a history with libgit2 and writes commits and changed paths to the store.
 *
 * Order: the revwalk is topological and reversed, so a commit's parents are stored before it. The
 * commits of a run are written in transactions of batch_size commits, each commit whole, and the
 * product's tip is updated in the last transaction. A run killed at any point therefore leaves a
 * set of complete commits and the old tip; the next run walks again, skips the commits already
 * stored and finishes the job.
 *
 * Which commits a run reads, and whether the product's stored rows are dropped first (a rewritten
 * history, another repository under the same product id), is decided before anything is written,
 * by rhea_ingest_plan (engine/ingest_plan.c). Another repository under the same product id is
 * refused before that (engine/binding.h), unless opts->replace asks to drop the stored product.
 *
 * Threads and processes: this thread reads git (commits, trees, line counts) and hands each commit
 * as a record to the writer thread (engine/ingest_writer.c) through a bounded queue; the writer
 * owns the store for the length of the commit loop, so libgit2 and SQLite work overlap. On a
 * machine with two or more cores a forked worker (engine/ingest_worker.c) reads chunks of commits
 * at the same time, each process claiming the next chunk when it needs work, and this thread takes
 * the worker's records in order. */
#include "engine/ingest.h"

#include <string.h>

#include "engine/binding.h"
#include "engine/error.h"
#include "engine/history.h"
#include "engine/ingest_plan.h"
#include "engine/ingest_worker.h"
#include "engine/ingest_writer.h"
#include "engine/mailmap_size.h"
#include "engine/progress.h"
#include "engine/repo.h"
#include "engine/store_ingest_state.h"
#include "engine/treediff.h"

typedef struct {
    RheaStore *store;
    git_repository *repo;
    const RheaIngestOptions *opts;
    RheaIngestStats *stats;
    GHashTable *shallow;
    git_mailmap *tree_mailmap;
    git_mailmap *mailmap;
    RheaCommitRecord *rec; /* the commit at hand, on its way to the writer thread */
    RheaTreeReader *trees;
    git_oid last_commit, last_tree; /* the commit stored last: most often the next one's parent */
    gboolean have_last;
    GError **error;
} CommitCtx;

/* The tree of the first parent of commit, without parsing that parent again when it is the commit
 * stored just before (a linear history). */
static int parent_tree_id(CommitCtx *ctx, git_commit *commit, git_oid *out)
{
    const git_oid *pid = git_commit_parent_id(commit, 0);
    if (ctx->have_last && git_oid_equal(pid, &ctx->last_commit)) {
        git_oid_cpy(out, &ctx->last_tree);
        return 0;
    }
    git_commit *parent = NULL;
    if (git_commit_lookup(&parent, ctx->repo, pid) < 0)
        return -1;
    git_oid_cpy(out, git_commit_tree_id(parent));
    git_commit_free(parent);
    return 0;
}

/* Lines added and removed between two blobs; -1 for binary content or a missing blob. */
static void line_stats(CommitCtx *ctx, const RheaChange *c, gint64 *added, gint64 *removed)
{
    *added = *removed = -1;
    git_filemode_t mode = c->new_id ? c->new_mode : c->old_mode;
    if (mode == GIT_FILEMODE_COMMIT || (c->old_id && c->old_mode == GIT_FILEMODE_COMMIT))
        return;
    git_blob *old_blob = NULL, *new_blob = NULL;
    git_patch *patch = NULL;
    if ((c->old_id && git_blob_lookup(&old_blob, ctx->repo, c->old_id) < 0) ||
        (c->new_id && git_blob_lookup(&new_blob, ctx->repo, c->new_id) < 0)) {
        rhea_commit_record_add_missing_blobs(ctx->rec, 1);
        goto cleanup;
    }
    if (git_patch_from_blobs(&patch, old_blob, NULL, new_blob, NULL, NULL) < 0)
        goto cleanup;
    if (git_patch_get_delta(patch)->flags & GIT_DIFF_FLAG_BINARY)
        goto cleanup;
    size_t adds = 0, dels = 0;
    if (git_patch_line_stats(NULL, &adds, &dels, patch) == 0) {
        *added = (gint64)adds;
        *removed = (gint64)dels;
    }
cleanup:
    git_patch_free(patch);
    git_blob_free(new_blob);
    git_blob_free(old_blob);
}

static int on_change(const RheaChange *c, void *payload)
{
    CommitCtx *ctx = payload;
    gint64 added = -1, removed = -1;
    if (ctx->opts->line_stats)
        line_stats(ctx, c, &added, &removed);
    rhea_commit_record_add_change(ctx->rec, c->path, c->path_len, (char)c->kind, added, removed);
    return 0;
}

static int read_commit(CommitCtx *ctx, const git_oid *id)
{
    git_commit *commit = NULL;
    char sha[GIT_OID_HEXSZ + 1], psha[GIT_OID_HEXSZ + 1];
    int rc = -1;
    git_oid_tostr(sha, sizeof sha, id);
    if (git_commit_lookup(&commit, ctx->repo, id) < 0) {
        rhea_error_git(ctx->error,
                       "cannot read commit %s (the repository is incomplete or corrupt)", sha);
        goto cleanup;
    }
    const git_signature *author = git_commit_author(commit);
    const git_signature *committer = git_commit_committer(commit);
    const char *name = NULL, *email = NULL;
    if ((ctx->tree_mailmap &&
         git_mailmap_resolve(&name, &email, ctx->tree_mailmap, author->name, author->email) < 0) ||
        git_mailmap_resolve(&name, &email, ctx->mailmap, ctx->tree_mailmap ? name : author->name,
                            ctx->tree_mailmap ? email : author->email) < 0) {
        rhea_error_git(ctx->error, "cannot apply .mailmap to commit %s", sha);
        goto cleanup;
    }
    const char *summary = git_commit_summary(commit);
    /* a shallow clone's boundary commits are roots, as git shows them */
    unsigned nparents =
        g_hash_table_contains(ctx->shallow, id) ? 0 : git_commit_parentcount(commit);
    RheaCommitRow row = {
        .sha = sha,
        .author_name = author->name,
        .author_email = author->email,
        .author_time = author->when.time,
        .author_offset = author->when.offset,
        .committer_name = committer->name,
        .committer_email = committer->email,
        .committer_time = committer->when.time,
        .committer_offset = committer->when.offset,
        .mailmap_name = name,
        .mailmap_email = email,
        .summary = summary ? summary : "",
        .parent_count = nparents,
    };
    rhea_commit_record_set(ctx->rec, &row);
    for (unsigned i = 0; i < nparents; i++) {
        git_oid_tostr(psha, sizeof psha, git_commit_parent_id(commit, i));
        rhea_commit_record_add_parent(ctx->rec, psha);
    }
    const git_oid *tree = git_commit_tree_id(commit);
    git_oid parent_tree;
    if (nparents > 1) { /* merges: no changed paths, as git log --no-merges */
        rc = 0;
        goto cleanup;
    }
    if (nparents == 1 && parent_tree_id(ctx, commit, &parent_tree) < 0) {
        rhea_error_git(ctx->error, "cannot read the parent of commit %s", sha);
        goto cleanup;
    }
    if (rhea_treediff_walk(ctx->trees, nparents == 1 ? &parent_tree : NULL, tree, on_change, ctx,
                           ctx->error) != 0) {
        if (ctx->error && !*ctx->error)
            g_set_error(ctx->error, RHEA_ERROR, RHEA_ERROR_FAILED, "commit %s: tree walk failed",
                        sha);
        g_prefix_error(ctx->error, "commit %s: ", sha);
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (rc == 0) {
        git_oid_cpy(&ctx->last_commit, id);
        git_oid_cpy(&ctx->last_tree, git_commit_tree_id(commit));
        ctx->have_last = TRUE;
        rhea_tree_reader_next_commit(ctx->trees);
    }
    git_commit_free(commit);
    return rc;
}

/* read_commit for the worker process (engine/ingest_worker.h). */
static int fill_record(void *payload, const git_oid *id, RheaCommitRecord *rec, GError **error)
{
    CommitCtx *ctx = payload;
    ctx->rec = rec;
    ctx->error = error;
    return read_commit(ctx, id);
}

/* Commits per chunk claimed by a reading process: small enough that neither process waits long
 * for the other at the end (256 left FlorisBoard's worker idle for a tenth of the run), large
 * enough that claims and pipe writes stay rare. */
#define WORKER_CHUNK 64
/* Fewer commits are read by one process: a fork costs more than it saves. */
#define WORKER_LEAST_COMMITS 256

/* How many reading processes: a worker pays off only with a second core and enough commits. */
static guint reading_processes(const RheaIngestOptions *opts, guint commits, guint chunk)
{
    guint n = opts->workers ? opts->workers : (g_get_num_processors() >= 2 ? 2 : 1);
    guint least = opts->worker_chunk ? chunk : WORKER_LEAST_COMMITS;
    return n >= 2 && commits > least ? 2 : 1;
}

/* The .mailmap in the analyzed commit's tree. git (and libgit2) read HEAD:.mailmap only for bare
 * repositories and the work tree's file otherwise, so a work tree without a checkout, or a --ref
 * other than HEAD, would lose the mapping; applying the analyzed tree's own .mailmap first keeps
 * the result a function of the history. NULL when the tree has none. */
static git_mailmap *tree_mailmap(git_repository *repo, const git_oid *tip)
{
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    git_tree_entry *entry = NULL;
    git_blob *blob = NULL;
    git_mailmap *mm = NULL;
    if (git_commit_lookup(&commit, repo, tip) == 0 && git_commit_tree(&tree, commit) == 0 &&
        git_tree_entry_bypath(&entry, tree, ".mailmap") == 0 &&
        git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
        git_blob_lookup(&blob, repo, git_tree_entry_id(entry)) == 0 &&
        git_mailmap_from_buffer(&mm, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob)) < 0)
        mm = NULL;
    git_error_clear(); /* no .mailmap in the tree is not an error */
    git_blob_free(blob);
    git_tree_entry_free(entry);
    git_tree_free(tree);
    git_commit_free(commit);
    return mm;
}

int rhea_ingest_run(RheaStore *store, git_repository *repo, const RheaIngestOptions *opts,
                    RheaIngestStats *stats, GError **error)
{
    g_return_val_if_fail(store && repo && opts && opts->product && stats, -1);
    memset(stats, 0, sizeof *stats);
    g_autoptr(RheaProduct) stored = NULL;
    g_autoptr(GHashTable) shallow = rhea_history_shallow(repo);
    RheaIngestPlan plan = {0};
    git_mailmap *mailmap = NULL, *tree_map = NULL;
    RheaProgress *progress = NULL;
    RheaTreeReader *trees = NULL;
    gboolean in_txn = FALSE;
    int rc = -1;
    git_oid tip;
    char tip_hex[GIT_OID_HEXSZ + 1];

    int resolved = rhea_repo_resolve(repo, opts->repo_path, opts->ref, &tip, error);
    if (resolved != 0)
        return resolved;
    git_oid_tostr(tip_hex, sizeof tip_hex, &tip);
    stats->shallow = git_repository_is_shallow(repo) == 1;
    if (rhea_mailmap_check_size(repo, &tip, opts->repo_path, error) < 0)
        return -1;
    if (git_mailmap_from_repository(&mailmap, repo) < 0)
        return rhea_error_git(error, "%s: cannot read .mailmap", opts->repo_path);
    tree_map = tree_mailmap(repo, &tip);

    /* Another live process storing this product: its bulk load may have dropped the index that
     * would catch a commit stored twice, so refuse before planning (and under the write lock,
     * rhea_store_product_grew catches one that started meanwhile). */
    g_autofree char *other = rhea_store_ingest_other_writer(store, opts->product);
    if (other) {
        g_autofree char *qid = rhea_error_quote(opts->product);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: another rhea process (%s) is storing product %s now; let it finish, then "
                    "run again",
                    rhea_store_path(store), other, qid);
        goto cleanup;
    }
    gint64 last_cid = 0;
    if (rhea_store_last_cid(store, &last_cid, error) < 0 ||
        rhea_store_product_get(store, opts->product, &stored, error) < 0)
        goto cleanup;
    if (stored && !opts->replace &&
        rhea_binding_check(store, repo, stored, opts->repo_path, error) < 0)
        goto cleanup;
    stats->replaced = stored && opts->replace;
    gint64 t = g_get_monotonic_time();
    int planned = rhea_ingest_plan(store, repo, opts, stored, &tip, shallow, &plan, error);
    stats->rewritten = plan.rewritten;
    if (planned < 0)
        goto cleanup;
    GArray *ids = plan.ids;
    stats->walked = ids->len;
    stats->times.walk = g_get_monotonic_time() - t;

    guint batch = opts->batch_size ? opts->batch_size : 1000;
    /* More than one transaction's worth, and at least as many commits as the database holds
     * already: building the indexes again at the end, by sorting, is cheaper than inserting into
     * them one row at a time. Not for a small product folded into a large study, where the
     * rebuild would sort every product's rows again. */
    gboolean bulk = ids->len > batch && (gint64)ids->len >= last_cid;
    stats->bulk = bulk;
    if (rhea_store_begin(store, error) < 0)
        goto cleanup;
    in_txn = TRUE;
    /* The plan was made before the write lock: commits of this product stored since then by
     * another process would be stored twice. */
    int grew = rhea_store_product_grew(store, opts->product, last_cid, error);
    if (grew < 0)
        goto cleanup;
    if (grew) {
        g_autofree char *qid = rhea_error_quote(opts->product);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: commits of product %s were stored meanwhile by another rhea process; let "
                    "it finish, then run again",
                    rhea_store_path(store), qid);
        goto cleanup;
    }
    RheaProduct p = {
        .id = (char *)opts->product,
        .repo_path = (char *)opts->repo_path,
        .ref = (char *)(opts->ref ? opts->ref : "HEAD"),
        .rules_path =
            (char *)(opts->rules_path ? opts->rules_path : (stored ? stored->rules_path : NULL)),
        .rules_text =
            (char *)(opts->rules_path ? opts->rules_text : (stored ? stored->rules_text : NULL)),
        .line_stats = opts->line_stats,
        .shallow = stats->shallow,
    };
    /* marked until the tip is stored: readers flag the product meanwhile and after a kill
     * (engine/store_ingest_state.h) */
    if (rhea_store_product_save(store, &p, error) < 0 ||
        rhea_store_ingest_mark(store, opts->product, error) < 0)
        goto cleanup;
    if (plan.clear && rhea_store_product_clear(store, opts->product, error) < 0)
        goto cleanup;

    if (bulk && rhea_store_bulk_begin(store, error) < 0)
        goto cleanup;
    guint64 todo = ids->len, done = 0;
    progress = rhea_progress_new(opts->product, todo, opts->progress);
    if (!(trees = rhea_tree_reader_new(repo))) {
        rhea_error_git(error, "%s: cannot open the object database", opts->repo_path);
        goto cleanup;
    }
    /* From rhea_ingest_writer_start until rhea_ingest_writer_finish, the writer thread alone
     * uses the store. */
    guint chunk = opts->worker_chunk ? opts->worker_chunk : WORKER_CHUNK;
    CommitCtx ctx = {.store = store,
                     .repo = repo,
                     .opts = opts,
                     .stats = stats,
                     .shallow = shallow,
                     .tree_mailmap = tree_map,
                     .mailmap = mailmap,
                     .trees = trees,
                     .error = error};
    gboolean interrupted = FALSE, read_failed = FALSE;
    /* forked before the writer thread exists: a child of a threaded process may find a lock
     * taken by a thread that is not there */
    RheaIngestWorker *worker = NULL;
    t = g_get_monotonic_time();
    if (reading_processes(opts, ids->len, chunk) == 2 &&
        !(worker = rhea_ingest_worker_start(ids, chunk, opts->worker_alternate, fill_record, &ctx,
                                            error)))
        goto cleanup;
    RheaIngestWriter *writer = rhea_ingest_writer_start(store, opts->product, batch);
    for (guint i = 0; i < ids->len; i++) {
        const git_oid *id = &g_array_index(ids, git_oid, i);
        done++;
        if ((opts->stop && *opts->stop) || (opts->limit && stats->read >= opts->limit)) {
            interrupted = TRUE;
            break;
        }
        if (!(ctx.rec = rhea_ingest_writer_slot(writer)))
            break; /* the writer failed: finish reports why */
        int got;
        if (worker && rhea_ingest_worker_owns(worker, i)) {
            char hex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(hex, sizeof hex, id);
            got = rhea_ingest_worker_next(worker, ctx.rec, hex, error);
        } else {
            got = read_commit(&ctx, id);
        }
        if (got < 0) {
            read_failed = TRUE;
            break;
        }
        stats->changes += rhea_commit_record_change_count(ctx.rec);
        stats->missing_blobs += rhea_commit_record_missing_blobs(ctx.rec);
        rhea_ingest_writer_push(writer);
        stats->read++;
        rhea_progress_update(progress, done);
    }
    stats->worker_read = rhea_ingest_worker_read(worker);
    rhea_ingest_worker_stop(worker);
    /* A read error is the one to report; the writer's own, if any, is dropped with it. */
    if (rhea_ingest_writer_finish(writer, read_failed ? NULL : error) < 0 || read_failed)
        goto cleanup;
    if (interrupted) {
        if ((bulk && rhea_store_bulk_end(store, error) < 0) || rhea_store_commit(store, error) < 0)
            goto cleanup;
        in_txn = FALSE;
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INTERRUPTED,
                    "interrupted: %" G_GUINT64_FORMAT
                    " new commits stored for %s; run the same command again to resume",
                    stats->read, opts->product);
        goto cleanup;
    }
    stats->times.read = g_get_monotonic_time() - t;
    t = g_get_monotonic_time();
    if ((bulk && rhea_store_bulk_end(store, error) < 0) ||
        rhea_store_product_set_tip(store, opts->product, tip_hex, error) < 0 ||
        rhea_store_count_record(store, opts->product, tip_hex, (gint64)(plan.kept + stats->read),
                                error) < 0 ||
        rhea_store_ingest_unmark(store, opts->product, error) < 0)
        goto cleanup;
    stats->times.indexes = g_get_monotonic_time() - t;
    t = g_get_monotonic_time();
    if (rhea_store_commit(store, error) < 0)
        goto cleanup;
    stats->times.commit = g_get_monotonic_time() - t;
    in_txn = FALSE;
    stats->stored = plan.kept + stats->read;
    rc = 0;
cleanup:
    if (in_txn)
        rhea_store_rollback(store);
    rhea_progress_free(progress);
    rhea_tree_reader_free(trees);
    rhea_ingest_plan_clear(&plan);
    git_mailmap_free(tree_map);
    git_mailmap_free(mailmap);
    return rc;
}
