/* mailmap_size.c: see mailmap_size.h. */
#include "engine/mailmap_size.h"

#include <sys/stat.h>

#include "engine/error.h"
#include "engine/lines.h"

static int too_large(GError **error, const char *repo_path, const char *where, guint64 size)
{
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                "%s:%s: the mailmap is larger than %" G_GSIZE_FORMAT " MiB (%" G_GUINT64_FORMAT
                " bytes), rhea's limit for it; shorten it",
                repo_path, where, RHEA_INPUT_MAX >> 20, size);
    return -1;
}

/* The size of COMMIT's .mailmap blob, 0 when there is none. */
static guint64 tree_mailmap_size(git_repository *repo, const git_oid *commit_id)
{
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    git_tree_entry *entry = NULL;
    git_odb *odb = NULL;
    size_t size = 0;
    git_object_t type;
    if (git_commit_lookup(&commit, repo, commit_id) == 0 && git_commit_tree(&tree, commit) == 0 &&
        git_tree_entry_bypath(&entry, tree, ".mailmap") == 0 &&
        git_tree_entry_type(entry) == GIT_OBJECT_BLOB && git_repository_odb(&odb, repo) == 0 &&
        git_odb_read_header(&size, &type, odb, git_tree_entry_id(entry)) < 0)
        size = 0;
    git_error_clear();
    git_odb_free(odb);
    git_tree_entry_free(entry);
    git_tree_free(tree);
    git_commit_free(commit);
    return size;
}

int rhea_mailmap_check_size(git_repository *repo, const git_oid *tip, const char *repo_path,
                            GError **error)
{
    guint64 size = tree_mailmap_size(repo, tip);
    if (size > RHEA_INPUT_MAX)
        return too_large(error, repo_path, ".mailmap", size);
    git_oid head;
    if (git_reference_name_to_id(&head, repo, "HEAD") == 0 && !git_oid_equal(&head, tip) &&
        (size = tree_mailmap_size(repo, &head)) > RHEA_INPUT_MAX)
        return too_large(error, repo_path, "HEAD:.mailmap", size);
    git_error_clear();
    const char *workdir = git_repository_workdir(repo);
    if (workdir) {
        g_autofree char *path = g_build_filename(workdir, ".mailmap", NULL);
        struct stat st;
        if (stat(path, &st) == 0 && (guint64)st.st_size > RHEA_INPUT_MAX)
            return too_large(error, repo_path, ".mailmap (work tree)", (guint64)st.st_size);
    }
    return 0;
}
