/* test_treediff.c: the tree walk against hand-listed changes (what git log --name-status prints).
 */
#include <check.h>
#include <string.h>

#include "engine/treediff.h"
#include "samples/fixture.h"
#include "tests/testutil.h"

static int collect(const RheaChange *c, void *payload)
{
    GString *out = payload;
    if (out->len)
        g_string_append_c(out, '\n');
    g_string_append_printf(out, "%c %.*s", (char)c->kind, (int)c->path_len, c->path);
    return 0;
}

/* The changes between the trees of commits a and b (a may be NULL: the empty tree). */
static char *diff(git_repository *repo, const git_oid *a, const git_oid *b)
{
    git_commit *ca = NULL, *cb = NULL;
    git_tree *ta = NULL, *tb = NULL;
    if (a) {
        ck_assert_int_eq(git_commit_lookup(&ca, repo, a), 0);
        ck_assert_int_eq(git_commit_tree(&ta, ca), 0);
    }
    ck_assert_int_eq(git_commit_lookup(&cb, repo, b), 0);
    ck_assert_int_eq(git_commit_tree(&tb, cb), 0);
    GString *out = g_string_new(NULL);
    GError *error = NULL;
    ck_assert_int_eq(rhea_treediff_walk(repo, ta, tb, collect, out, &error), 0);
    git_tree_free(ta);
    git_tree_free(tb);
    git_commit_free(ca);
    git_commit_free(cb);
    return g_string_free(out, FALSE);
}

typedef struct {
    char *dir;
    RheaFixture *fx;
    git_repository *repo;
} Repo;

static Repo repo_new(void)
{
    Repo r;
    r.dir = testutil_tmpdir();
    GError *error = NULL;
    r.fx = rhea_fixture_new(r.dir, TRUE, &error);
    ck_assert_ptr_nonnull(r.fx);
    r.repo = rhea_fixture_repo(r.fx);
    return r;
}

static void repo_free(Repo *r)
{
    rhea_fixture_free(r->fx);
    testutil_rmtree(r->dir);
    g_free(r->dir);
}

#define COMMIT(r, t, out)                                                                          \
    ck_assert_int_eq(rhea_fixture_commit((r).fx, "T", "t@x", t, 0, "m", out), 0)

START_TEST(root_commit_lists_every_file_in_git_order)
{
    Repo r = repo_new();
    git_oid c1;
    rhea_fixture_write(r.fx, "b.txt", "b");
    rhea_fixture_write(r.fx, "a/z.c", "z");
    rhea_fixture_write(r.fx, "a.c", "a");
    rhea_fixture_write(r.fx, "a-b/x", "x");
    COMMIT(r, 1000, &c1);
    /* git sorts "a-b/" < "a.c" < "a/" ('-' 0x2d < '.' 0x2e < '/' 0x2f) */
    g_autofree char *got = diff(r.repo, NULL, &c1);
    ck_assert_str_eq(got, "A a-b/x\nA a.c\nA a/z.c\nA b.txt");
    repo_free(&r);
}
END_TEST

START_TEST(unchanged_subtrees_are_skipped_and_changes_found_deep)
{
    Repo r = repo_new();
    git_oid c1, c2;
    rhea_fixture_write(r.fx, "src/ui/view.js", "v1");
    rhea_fixture_write(r.fx, "src/ml/model.py", "m1");
    rhea_fixture_write(r.fx, "src/ml/deep/net.py", "n1");
    rhea_fixture_write(r.fx, "top.txt", "t");
    COMMIT(r, 1000, &c1);
    rhea_fixture_write(r.fx, "src/ml/deep/net.py", "n2");
    rhea_fixture_remove(r.fx, "top.txt");
    rhea_fixture_write(r.fx, "src/ml/new.py", "new");
    COMMIT(r, 1001, &c2);
    g_autofree char *got = diff(r.repo, &c1, &c2);
    ck_assert_str_eq(got, "M src/ml/deep/net.py\nA src/ml/new.py\nD top.txt");
    repo_free(&r);
}
END_TEST

START_TEST(file_replaced_by_folder_is_a_deletion_and_an_addition)
{
    Repo r = repo_new();
    git_oid c1, c2;
    rhea_fixture_write(r.fx, "foo", "file");
    rhea_fixture_write(r.fx, "foo.c", "c");
    COMMIT(r, 1000, &c1);
    rhea_fixture_remove(r.fx, "foo");
    rhea_fixture_write(r.fx, "foo/bar", "now a folder");
    COMMIT(r, 1001, &c2);
    g_autofree char *got = diff(r.repo, &c1, &c2);
    /* "foo" (file) sorts before "foo.c", "foo/" (folder) after it */
    ck_assert_str_eq(got, "D foo\nA foo/bar");
    repo_free(&r);
}
END_TEST

START_TEST(symlink_and_gitlink_and_mode_changes)
{
    Repo r = repo_new();
    git_oid c1, c2, c3;
    rhea_fixture_write(r.fx, "link", "target");
    rhea_fixture_write(r.fx, "run.sh", "echo");
    rhea_fixture_gitlink(r.fx, "lib/sub", "1111111111111111111111111111111111111111");
    COMMIT(r, 1000, &c1);
    /* same content, now a symlink: one type change; executable bit: a modification;
     * the submodule moves: a modification of its path */
    rhea_fixture_write_mode(r.fx, "link", "target", 6, GIT_FILEMODE_LINK);
    rhea_fixture_write_mode(r.fx, "run.sh", "echo", 4, GIT_FILEMODE_BLOB_EXECUTABLE);
    rhea_fixture_gitlink(r.fx, "lib/sub", "2222222222222222222222222222222222222222");
    COMMIT(r, 1001, &c2);
    g_autofree char *got = diff(r.repo, &c1, &c2);
    ck_assert_str_eq(got, "M lib/sub\nT link\nM run.sh");
    /* a gitlink replaced by a regular file is a type change too */
    rhea_fixture_remove(r.fx, "lib/sub");
    rhea_fixture_write(r.fx, "lib/sub", "plain");
    COMMIT(r, 1002, &c3);
    g_autofree char *got3 = diff(r.repo, &c2, &c3);
    ck_assert_str_eq(got3, "T lib/sub");
    repo_free(&r);
}
END_TEST

START_TEST(deleting_a_folder_lists_every_file_in_it)
{
    Repo r = repo_new();
    git_oid c1, c2;
    rhea_fixture_write(r.fx, "keep", "k");
    rhea_fixture_write(r.fx, "gone/a", "a");
    rhea_fixture_write(r.fx, "gone/sub/b", "b");
    COMMIT(r, 1000, &c1);
    rhea_fixture_remove(r.fx, "gone/a");
    rhea_fixture_remove(r.fx, "gone/sub/b");
    COMMIT(r, 1001, &c2);
    g_autofree char *got = diff(r.repo, &c1, &c2);
    ck_assert_str_eq(got, "D gone/a\nD gone/sub/b");
    g_autofree char *none = diff(r.repo, &c2, &c2);
    ck_assert_str_eq(none, "");
    repo_free(&r);
}
END_TEST

START_TEST(paths_with_spaces_newlines_and_non_utf8_bytes)
{
    Repo r = repo_new();
    git_oid c1;
    rhea_fixture_write(r.fx, "with space/a b.txt", "1");
    rhea_fixture_write(r.fx, "new\nline", "2");
    rhea_fixture_write(r.fx, "latin\xe9.txt", "3");
    COMMIT(r, 1000, &c1);
    g_autofree char *got = diff(r.repo, NULL, &c1);
    ck_assert_str_eq(got, "A latin\xe9.txt\nA new\nline\nA with space/a b.txt");
    repo_free(&r);
}
END_TEST

static int stop_at_second(const RheaChange *c, void *payload)
{
    int *n = payload;
    return ++*n == 2 ? 7 : 0;
}

START_TEST(callback_can_stop_the_walk)
{
    Repo r = repo_new();
    git_oid c1;
    rhea_fixture_write(r.fx, "a", "1");
    rhea_fixture_write(r.fx, "b", "2");
    rhea_fixture_write(r.fx, "c", "3");
    COMMIT(r, 1000, &c1);
    git_commit *c = NULL;
    git_tree *t = NULL;
    git_commit_lookup(&c, r.repo, &c1);
    git_commit_tree(&t, c);
    int n = 0;
    ck_assert_int_eq(rhea_treediff_walk(r.repo, NULL, t, stop_at_second, &n, NULL), 7);
    ck_assert_int_eq(n, 2);
    git_tree_free(t);
    git_commit_free(c);
    repo_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("treediff");
    TCase *tc = tcase_create("walk");
    tcase_add_test(tc, root_commit_lists_every_file_in_git_order);
    tcase_add_test(tc, unchanged_subtrees_are_skipped_and_changes_found_deep);
    tcase_add_test(tc, file_replaced_by_folder_is_a_deletion_and_an_addition);
    tcase_add_test(tc, symlink_and_gitlink_and_mode_changes);
    tcase_add_test(tc, deleting_a_folder_lists_every_file_in_it);
    tcase_add_test(tc, paths_with_spaces_newlines_and_non_utf8_bytes);
    tcase_add_test(tc, callback_can_stop_the_walk);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
