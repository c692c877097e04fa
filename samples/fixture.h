/* fixture.h: writes git repositories with libgit2, with fixed authors and dates, for the sample
 * product and the tests. Each branch has its own in-memory index: writes go to the current branch's
 * index and a commit records its tree. Nothing is checked out until rhea_fixture_finish. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct RheaFixture RheaFixture;

#define RHEA_FIXTURE_ERROR (rhea_fixture_error_quark())
GQuark rhea_fixture_error_quark(void);

/* Creates a new repository at path (removing nothing: path must not hold a repository). */
RheaFixture *rhea_fixture_new(const char *path, gboolean bare, GError **error);
/* Checks out main into the work tree (non-bare) and frees the fixture. */
int rhea_fixture_finish(RheaFixture *fx, GError **error);
void rhea_fixture_free(RheaFixture *fx);
git_repository *rhea_fixture_repo(RheaFixture *fx);

/* Stages a file (mode 0: regular) on the current branch. */
int rhea_fixture_write(RheaFixture *fx, const char *path, const char *content);
int rhea_fixture_write_mode(RheaFixture *fx, const char *path, const char *content, size_t len,
                            git_filemode_t mode);
/* Stages a gitlink (submodule) at path pointing to commit hex. */
int rhea_fixture_gitlink(RheaFixture *fx, const char *path, const char *hex);
int rhea_fixture_remove(RheaFixture *fx, const char *path);

/* Commits the current branch's index. time is seconds since the epoch, offset minutes east of UTC.
 * The committer is the author unless set with rhea_fixture_committer. out may be NULL. */
int rhea_fixture_commit(RheaFixture *fx, const char *name, const char *email, gint64 time,
                        int offset, const char *message, git_oid *out);
void rhea_fixture_committer(RheaFixture *fx, const char *name, const char *email);
/* Switches to branch, creating it from the current branch's head when new. */
int rhea_fixture_checkout(RheaFixture *fx, const char *branch);
/* Merges branch into the current one (libgit2's merge of the two trees; must be clean). */
int rhea_fixture_merge(RheaFixture *fx, const char *branch, const char *name, const char *email,
                       gint64 time, int offset, const char *message, git_oid *out);
