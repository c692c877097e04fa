/* test_walk_ahead.c: parents read ahead of the walk by a second thread (engine/walk_ahead.c),
 * against libgit2's reading of every commit, over a pack git wrote (`git repack`: commits first):
 * two branches merged back every tenth commit, 300 commits in all, and one octopus merge of three
 * parents, which the thread leaves to the walk. The whole walk, with the thread, gives the same
 * commits in the same order as a walk without it, run after run; parents taken while the thread
 * runs are right or not given. Needs git (to write the pack); without it, exits 77. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "engine/history.h"
#include "engine/walk_ahead.h"
#include "tests/testutil.h"

#define T0 1672653600 /* 2023-01-02T10:00:00Z */
#define ROUNDS 300

typedef struct {
    char *dir, *path;
    git_repository *repo;
    git_oid tip, octopus;
    GArray *all; /* every commit, of git_oid */
} Repo;

static git_oid commit(Repo *r, const char *message, const git_oid *parents, guint np)
{
    git_oid id = testutil_commit(r->repo, message, T0 + (git_time_t)r->all->len, parents, np);
    g_array_append_val(r->all, id);
    return id;
}

static void git_run(const char *path, const char *what, const char *arg)
{
    const char *argv[] = {"git", "--git-dir", path, what, arg, NULL};
    int status = -1;
    g_autofree char *err = NULL;
    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL,
                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                           &status, NULL));
    ck_assert_msg(g_spawn_check_wait_status(status, NULL), "git %s: %s", what, err);
}

/* main: a line of commits; side: a branch off it, merged back every tenth commit; near the end
 * an octopus merge of main, side and a root of its own, and one commit of side after it, never
 * merged (left loose). Packed by git, packed loose objects dropped. */
static Repo repo_open(void)
{
    Repo r = {0};
    r.dir = testutil_tmpdir();
    r.path = g_build_filename(r.dir, "w.git", NULL);
    r.all = g_array_new(FALSE, FALSE, sizeof(git_oid));
    ck_assert_int_eq(git_repository_init(&r.repo, r.path, 1), 0);
    git_oid main = commit(&r, "root", NULL, 0), side = main;
    for (int i = 1; i < ROUNDS; i++) {
        g_autofree char *m = g_strdup_printf("main %d", i);
        g_autofree char *s = g_strdup_printf("side %d", i);
        if (i % 10 == 0) {
            git_oid both[2] = {main, side};
            main = side = commit(&r, m, both, 2);
        } else if (i % 3 == 0) {
            side = commit(&r, s, &side, 1);
        } else if (i == ROUNDS - 5) {
            git_oid other = commit(&r, "another root", NULL, 0);
            git_oid three[3] = {main, side, other};
            main = side = r.octopus = commit(&r, m, three, 3);
        } else {
            main = commit(&r, m, &main, 1);
        }
    }
    r.tip = main;
    git_reference *ref = NULL;
    ck_assert_int_eq(git_reference_create(&ref, r.repo, "refs/heads/main", &main, 1, NULL), 0);
    git_reference_free(ref);
    git_run(r.path, "repack", "-adq");
    git_run(r.path, "prune-packed", "-q");
    return r;
}

static void repo_close(Repo *r)
{
    git_repository_free(r->repo);
    testutil_rmtree(r->dir);
    g_free(r->dir);
    g_free(r->path);
    g_array_free(r->all, TRUE);
}

/* libgit2's parents of id. */
static GArray *parents_of(Repo *r, const git_oid *id)
{
    git_commit *c = NULL;
    ck_assert_int_eq(git_commit_lookup(&c, r->repo, id), 0);
    GArray *p = g_array_new(FALSE, FALSE, sizeof(git_oid));
    for (unsigned i = 0; i < git_commit_parentcount(c); i++)
        g_array_append_val(p, *git_commit_parent_id(c, i));
    git_commit_free(c);
    return p;
}

static void assert_same(const GArray *a, const GArray *b)
{
    ck_assert_uint_eq(a->len, b->len);
    for (guint i = 0; i < a->len; i++)
        ck_assert(git_oid_equal(&g_array_index(a, git_oid, i), &g_array_index(b, git_oid, i)));
}

START_TEST(every_commit_read_ahead_has_libgit2s_parents)
{
    Repo r = repo_open();
    RheaWalkAhead *a = rhea_walk_ahead_read_all(r.repo);
    ck_assert_ptr_nonnull(a);
    g_autoptr(GArray) got = g_array_new(FALSE, FALSE, sizeof(git_oid));
    guint given = 0;
    for (guint i = 0; i < r.all->len; i++) {
        const git_oid *id = &g_array_index(r.all, git_oid, i);
        g_array_set_size(got, 0);
        g_autoptr(GArray) want = parents_of(&r, id);
        if (git_oid_equal(id, &r.octopus)) { /* three parents: the walk's */
            ck_assert(!rhea_walk_ahead_parents(a, id, got));
            continue;
        }
        if (rhea_walk_ahead_parents(a, id, got)) {
            assert_same(got, want);
            given++;
        } else {
            ck_assert_uint_eq(got->len, 0);
        }
    }
    /* git stores a few commits as deltas, which the thread leaves to the walk; the others, all
     * before the first tree, are read */
    ck_assert_uint_ge(given, r.all->len * 9 / 10);
    guint read = 0, taken = 0;
    rhea_walk_ahead_counts(a, &read, &taken);
    ck_assert_uint_eq(read, given);
    ck_assert_uint_eq(taken, given);
    /* a commit taken once is taken again the same */
    g_array_set_size(got, 0);
    ck_assert(rhea_walk_ahead_parents(a, &r.tip, got));
    g_autoptr(GArray) tip_parents = parents_of(&r, &r.tip);
    assert_same(got, tip_parents);
    rhea_walk_ahead_stop(a);
    repo_close(&r);
}
END_TEST

/* Asked while the thread runs: the right parents or none, never others. */
START_TEST(parents_asked_while_the_thread_runs_are_right_or_not_given)
{
    Repo r = repo_open();
    g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (guint i = 0; i < r.all->len; i++)
        g_ptr_array_add(want, parents_of(&r, &g_array_index(r.all, git_oid, i)));
    g_autoptr(GArray) got = g_array_new(FALSE, FALSE, sizeof(git_oid));
    for (int round = 0; round < 20; round++) {
        RheaWalkAhead *a = rhea_walk_ahead_start(r.repo);
        if (!a) /* one processor: nothing to check */
            break;
        /* from the tip down, as the walk goes */
        for (guint i = r.all->len; i-- > 0;) {
            g_array_set_size(got, 0);
            if (rhea_walk_ahead_parents(a, &g_array_index(r.all, git_oid, i), got))
                assert_same(got, g_ptr_array_index(want, i));
        }
        rhea_walk_ahead_stop(a);
    }
    repo_close(&r);
}
END_TEST

/* The whole walk (with the thread) and a walk told to stop nowhere (without it) agree. */
START_TEST(the_walk_with_the_thread_is_the_walk_without_it)
{
    Repo r = repo_open();
    g_autoptr(GHashTable) shallow = rhea_history_shallow(r.repo);
    g_autoptr(GHashTable) nothing = g_hash_table_new(g_str_hash, g_str_equal);
    GError *error = NULL;
    g_autoptr(GArray) alone =
        rhea_history_walk(r.repo, &r.tip, shallow, rhea_history_stop_in_set, nothing, NULL, &error);
    ck_assert_ptr_nonnull(alone);
    ck_assert_uint_eq(alone->len,
                      r.all->len - 1); /* side's commit after the octopus is not merged */
    for (int round = 0; round < 20; round++) {
        g_autoptr(GArray) with =
            rhea_history_walk(r.repo, &r.tip, shallow, NULL, NULL, NULL, &error);
        ck_assert_ptr_nonnull(with);
        assert_same(with, alone);
    }
    repo_close(&r);
}
END_TEST

int main(void)
{
    g_autofree char *git = g_find_program_in_path("git");
    if (!git) {
        printf("SKIP: git is not installed (it writes the pack)\n");
        return 77;
    }
    return testutil_main("walk_ahead", 60, every_commit_read_ahead_has_libgit2s_parents,
                         parents_asked_while_the_thread_runs_are_right_or_not_given,
                         the_walk_with_the_thread_is_the_walk_without_it, NULL);
}
