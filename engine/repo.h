/* repo.h: opening a repository and resolving a ref, with messages written for the user. */
#pragma once
#include <git2.h>
#include <glib.h>

/* Opens the repository at path (its top folder, or a bare repository) without searching parents. */
git_repository *rhea_repo_open(const char *path, GError **error);
/* Resolves ref (NULL: HEAD) to a commit id. Returns 0, 1 when the repository has no commits yet
 * (unborn HEAD: nothing to do), or -1 with *error set. */
int rhea_repo_resolve(git_repository *repo, const char *path, const char *ref, git_oid *out,
                      GError **error);
/* The default product id of a repository: the name of its top folder; for a bare repository its
 * folder's name without ".git", or the folder above when that is named "repo" or ".git". */
char *rhea_repo_default_name(git_repository *repo);
/* Sets libgit2's process-wide options for reading whole histories; call after git_libgit2_init. */
void rhea_repo_tune(void);
