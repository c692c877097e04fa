/* repo.c: opening repositories and resolving refs for rhea's commands. */
#include "engine/repo.h"

#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/pack_backend.h"

static char *owner_name(uid_t uid)
{
    struct passwd *pw = getpwuid(uid);
    return pw ? g_strdup(pw->pw_name) : g_strdup_printf("uid %u", (unsigned)uid);
}

/* libgit2 (1.5) answers "not found" both for a folder that is no repository and for one it may
 * not read or does not trust; this says which, as git does. Returns FALSE when path is simply
 * no repository. */
static gboolean explain_unopenable(const char *path, GError **error)
{
    g_autofree char *dotgit = g_build_filename(path, ".git", NULL);
    g_autofree char *head = g_build_filename(path, "HEAD", NULL);
    struct stat sb;
    const char *gitdir = NULL;
    if (stat(dotgit, &sb) == 0)
        gitdir = dotgit;
    else if (errno == EACCES || access(path, R_OK | X_OK) != 0)
        gitdir = path; /* cannot even look inside */
    else if (stat(head, &sb) == 0 && stat(path, &sb) == 0)
        gitdir = path; /* a bare repository */
    if (!gitdir || stat(gitdir, &sb) != 0)
        sb.st_uid = geteuid();
    g_autofree char *owner = owner_name(sb.st_uid);
    if (gitdir && access(gitdir, R_OK | X_OK) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: permission denied (owned by %s); run rhea as a user who may read it",
                    gitdir, owner);
        return TRUE;
    }
    if (gitdir && sb.st_uid != geteuid()) {
        g_autofree char *abs = g_canonicalize_filename(path, NULL);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: owned by another user (%s), and git refuses such a repository (dubious "
                    "ownership); if you trust it: git config --global --add safe.directory %s",
                    path, owner, abs);
        return TRUE;
    }
    return FALSE;
}

git_repository *rhea_repo_open(const char *path, GError **error)
{
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == EACCES) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: permission denied (a folder on the way may not be searched); run rhea "
                    "as a user who may read it",
                    path);
        return NULL;
    }
    if (stat(path, &sb) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: no such directory; pass the path of a git repository", path);
        return NULL;
    }
    if (!S_ISDIR(sb.st_mode)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: not a directory; pass the path of a git repository", path);
        return NULL;
    }
    git_repository *repo = NULL;
    int rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
    if (rc == GIT_ENOTFOUND && explain_unopenable(path, error))
        return NULL;
    if (rc == GIT_ENOTFOUND) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: not a git repository; pass the repository's top folder (the one holding "
                    ".git)",
                    path);
        return NULL;
    }
    if (rc < 0) {
        rhea_error_git(error, "%s: cannot open the repository", path);
        return NULL;
    }
    /* objects from the packs through rhea's reader first; without it, libgit2's backends alone */
    if (rhea_pack_backend_add(repo) < 0)
        git_error_clear();
    return repo;
}

int rhea_repo_resolve(git_repository *repo, const char *path, const char *ref, git_oid *out,
                      GError **error)
{
    if (!ref || strcmp(ref, "HEAD") == 0) {
        int unborn = git_repository_head_unborn(repo);
        if (unborn == 1)
            return 1;
        if (unborn < 0)
            return rhea_error_git(error, "%s: cannot read HEAD", path);
        ref = "HEAD";
    }
    git_object *obj = NULL;
    int rc;
    /* HEAD is resolved by hand: git_revparse_single (libgit2 1.5.1) leaks the reference when the
     * commit it names cannot be parsed, and the id makes a better message. */
    git_oid head;
    if (strcmp(ref, "HEAD") == 0 && git_reference_name_to_id(&head, repo, "HEAD") == 0) {
        rc = git_object_lookup(&obj, repo, &head, GIT_OBJECT_ANY);
        if (rc < 0 && rc != GIT_ENOTFOUND) {
            char hex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(hex, sizeof hex, &head);
            return rhea_error_git(error, "%s: cannot read commit %s (HEAD)", path, hex);
        }
    } else {
        rc = git_revparse_single(&obj, repo, ref);
    }
    if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: no ref or commit named '%s'; list them with git -C %s branch -a", path,
                    ref, path);
        return -1;
    }
    if (rc < 0)
        return rhea_error_git(error, "%s: cannot resolve '%s'", path, ref);
    git_object *commit = NULL;
    rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
    git_object_free(obj);
    if (rc < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: '%s' does not name a commit; pass a branch, tag or commit id", path, ref);
        return -1;
    }
    git_oid_cpy(out, git_object_id(commit));
    git_object_free(commit);
    return 0;
}

char *rhea_repo_default_name(git_repository *repo)
{
    /* from where libgit2 found the repository, never from how its path was spelled: "x/.git",
     * "x/.", "x/" and ".." (inside x) all give x */
    const char *workdir = git_repository_workdir(repo);
    g_autofree char *dir =
        g_canonicalize_filename(workdir ? workdir : git_repository_path(repo), NULL);
    char *base = g_path_get_basename(dir);
    if (workdir)
        return base;
    /* bare: a mirror's owner+name/repo gives owner+name, x.git gives x, x/.git gives x */
    if (strcmp(base, "repo") == 0 || strcmp(base, ".git") == 0) {
        g_autofree char *above = g_path_get_dirname(dir);
        g_free(base);
        base = g_path_get_basename(above);
    } else if (g_str_has_suffix(base, ".git") && strlen(base) > 4) {
        base[strlen(base) - 4] = '\0';
    }
    return base;
}

/* Hash verification recomputes SHA-1 over every object read: a fifth of an ingest's instructions.
 * git log does not verify either, and pack data stays guarded by zlib's checksum. */
void rhea_repo_tune(void)
{
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    /* libgit2 caches trees only up to 4 KiB; a big product's root and top folders are larger and
     * were parsed again for every commit (once as the parent's, once as the commit's own). */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
    /* Each commit is parsed once by the ingest (a parent's tree comes from the commit stored
     * before it, history.c reads headers raw), so a cached commit is never read again: it only
     * held memory, about 0.4 KiB per commit in each reading process, up to the cache's 256 MiB. */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, (size_t)0);
}
