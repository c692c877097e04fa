/* fixture.c: the libgit2 repository writer behind the sample product and the test fixtures. */
#include "samples/fixture.h"

#include <string.h>

G_DEFINE_QUARK(rhea - fixture - error - quark, rhea_fixture_error)

struct RheaFixture {
    git_repository *repo;
    GHashTable *indexes; /* branch name -> git_index* */
    char *branch;
    char *committer_name, *committer_email;
};

static void index_free(gpointer p)
{
    git_index_free(p);
}

RheaFixture *rhea_fixture_new(const char *path, gboolean bare, GError **error)
{
    RheaFixture *fx = g_new0(RheaFixture, 1);
    git_libgit2_init();
    if (git_repository_init(&fx->repo, path, bare) < 0) {
        g_set_error(error, RHEA_FIXTURE_ERROR, 1, "%s: %s", path, git_error_last()->message);
        g_free(fx);
        git_libgit2_shutdown();
        return NULL;
    }
    fx->indexes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, index_free);
    git_index *idx = NULL;
    git_index_new(&idx);
    g_hash_table_insert(fx->indexes, g_strdup("main"), idx);
    fx->branch = g_strdup("main");
    git_repository_set_head(fx->repo, "refs/heads/main");
    return fx;
}

void rhea_fixture_free(RheaFixture *fx)
{
    if (!fx)
        return;
    g_hash_table_destroy(fx->indexes);
    git_repository_free(fx->repo);
    g_free(fx->branch);
    g_free(fx->committer_name);
    g_free(fx->committer_email);
    g_free(fx);
    git_libgit2_shutdown();
}

int rhea_fixture_finish(RheaFixture *fx, GError **error)
{
    int rc = 0;
    if (!git_repository_is_bare(fx->repo) &&
        git_repository_set_head(fx->repo, "refs/heads/main") == 0) {
        git_checkout_options opts;
        git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
        opts.checkout_strategy = GIT_CHECKOUT_FORCE;
        if (git_checkout_head(fx->repo, &opts) < 0) {
            g_set_error(error, RHEA_FIXTURE_ERROR, 1, "checkout: %s", git_error_last()->message);
            rc = -1;
        }
    }
    rhea_fixture_free(fx);
    return rc;
}

git_repository *rhea_fixture_repo(RheaFixture *fx)
{
    return fx->repo;
}

static git_index *current(RheaFixture *fx)
{
    return g_hash_table_lookup(fx->indexes, fx->branch);
}

int rhea_fixture_write_mode(RheaFixture *fx, const char *path, const char *content, size_t len,
                            git_filemode_t mode)
{
    /* The indexes are in memory, not the repository's, so blobs are written first. */
    git_index_entry e = {0};
    e.path = path;
    e.mode = mode ? mode : GIT_FILEMODE_BLOB;
    if (git_blob_create_from_buffer(&e.id, fx->repo, content, len) < 0)
        return -1;
    return git_index_add(current(fx), &e);
}

int rhea_fixture_write(RheaFixture *fx, const char *path, const char *content)
{
    return rhea_fixture_write_mode(fx, path, content, strlen(content), GIT_FILEMODE_BLOB);
}

int rhea_fixture_gitlink(RheaFixture *fx, const char *path, const char *hex)
{
    git_index_entry e = {0};
    e.path = path;
    e.mode = GIT_FILEMODE_COMMIT;
    if (git_oid_fromstr(&e.id, hex) < 0)
        return -1;
    return git_index_add(current(fx), &e);
}

int rhea_fixture_remove(RheaFixture *fx, const char *path)
{
    return git_index_remove(current(fx), path, 0);
}

void rhea_fixture_committer(RheaFixture *fx, const char *name, const char *email)
{
    g_free(fx->committer_name);
    g_free(fx->committer_email);
    fx->committer_name = g_strdup(name);
    fx->committer_email = g_strdup(email);
}

/* Writes a commit of tree `tree_id` with the given parents on the current branch. */
static int write_commit(RheaFixture *fx, const git_oid *tree_id, const git_commit **parents,
                        size_t nparents, const char *name, const char *email, gint64 time,
                        int offset, const char *message, git_oid *out)
{
    git_signature *author = NULL, *committer = NULL;
    git_tree *tree = NULL;
    git_oid id;
    g_autofree char *ref = g_strdup_printf("refs/heads/%s", fx->branch);
    int rc = -1;
    if (git_signature_new(&author, name, email, time, offset) < 0 ||
        git_signature_new(&committer, fx->committer_name ? fx->committer_name : name,
                          fx->committer_email ? fx->committer_email : email, time, offset) < 0 ||
        git_tree_lookup(&tree, fx->repo, tree_id) < 0)
        goto cleanup;
    if (git_commit_create(&id, fx->repo, NULL, author, committer, NULL, message, tree, nparents,
                          parents) < 0)
        goto cleanup;
    git_reference *r = NULL;
    if (git_reference_create(&r, fx->repo, ref, &id, 1, NULL) < 0)
        goto cleanup;
    git_reference_free(r);
    if (out)
        git_oid_cpy(out, &id);
    rc = 0;
cleanup:
    git_tree_free(tree);
    git_signature_free(committer);
    git_signature_free(author);
    return rc;
}

static git_commit *branch_head(RheaFixture *fx, const char *branch)
{
    g_autofree char *ref = g_strdup_printf("refs/heads/%s", branch);
    git_oid id;
    git_commit *c = NULL;
    if (git_reference_name_to_id(&id, fx->repo, ref) < 0)
        return NULL;
    git_commit_lookup(&c, fx->repo, &id);
    return c;
}

int rhea_fixture_commit(RheaFixture *fx, const char *name, const char *email, gint64 time,
                        int offset, const char *message, git_oid *out)
{
    git_oid tree_id;
    if (git_index_write_tree_to(&tree_id, current(fx), fx->repo) < 0)
        return -1;
    git_commit *parent = branch_head(fx, fx->branch);
    const git_commit *parents[1] = {parent};
    int rc = write_commit(fx, &tree_id, parents, parent ? 1 : 0, name, email, time, offset, message,
                          out);
    git_commit_free(parent);
    return rc;
}

int rhea_fixture_checkout(RheaFixture *fx, const char *branch)
{
    if (!g_hash_table_contains(fx->indexes, branch)) {
        git_index *idx = NULL;
        git_commit *head = branch_head(fx, fx->branch);
        git_tree *tree = NULL;
        git_reference *r = NULL;
        git_index_new(&idx);
        if (head) {
            g_autofree char *ref = g_strdup_printf("refs/heads/%s", branch);
            if (git_commit_tree(&tree, head) < 0 || git_index_read_tree(idx, tree) < 0 ||
                git_reference_create(&r, fx->repo, ref, git_commit_id(head), 0, NULL) < 0) {
                git_index_free(idx);
                git_tree_free(tree);
                git_commit_free(head);
                return -1;
            }
        }
        git_reference_free(r);
        git_tree_free(tree);
        git_commit_free(head);
        g_hash_table_insert(fx->indexes, g_strdup(branch), idx);
    }
    g_free(fx->branch);
    fx->branch = g_strdup(branch);
    return 0;
}

int rhea_fixture_merge(RheaFixture *fx, const char *branch, const char *name, const char *email,
                       gint64 time, int offset, const char *message, git_oid *out)
{
    git_commit *ours = branch_head(fx, fx->branch), *theirs = branch_head(fx, branch);
    git_index *merged = NULL;
    git_oid tree_id;
    int rc = -1;
    if (!ours || !theirs || git_merge_commits(&merged, fx->repo, ours, theirs, NULL) < 0 ||
        git_index_has_conflicts(merged) || git_index_write_tree_to(&tree_id, merged, fx->repo) < 0)
        goto cleanup;
    const git_commit *parents[2] = {ours, theirs};
    if (write_commit(fx, &tree_id, parents, 2, name, email, time, offset, message, out) < 0)
        goto cleanup;
    /* The current branch's index now holds the merged tree. */
    git_tree *tree = NULL;
    if (git_tree_lookup(&tree, fx->repo, &tree_id) < 0)
        goto cleanup;
    rc = git_index_read_tree(current(fx), tree);
    git_tree_free(tree);
cleanup:
    git_index_free(merged);
    git_commit_free(theirs);
    git_commit_free(ours);
    return rc;
}
