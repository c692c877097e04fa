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
static void tree_of(git_repository *repo, const git_oid *commit, git_oid *out)
{
    git_commit *c = NULL;
    ck_assert_int_eq(git_commit_lookup(&c, repo, commit), 0);
    git_oid_cpy(out, git_commit_tree_id(c));
    git_commit_free(c);
}

/* The changes between the trees of commits a and b (a may be NULL: the empty tree). */
static char *diff(git_repository *repo, const git_oid *a, const git_oid *b)
{
    git_oid ta, tb;
    if (a)
        tree_of(repo, a, &ta);
    tree_of(repo, b, &tb);
    RheaTreeReader *reader = rhea_tree_reader_new(repo);
    GString *out = g_string_new(NULL);
    GError *error = NULL;
    ck_assert_int_eq(rhea_treediff_walk(reader, a ? &ta : NULL, &tb, collect, out, &error), 0);
    rhea_tree_reader_free(reader);
    return g_string_free(out, FALSE);
}

/* The diff of two trees written byte for byte (raw tree bodies), and the error if it failed. */
static char *diff_raw(git_repository *repo, const char *old_body, size_t old_len,
                      const char *new_body, size_t new_len, char **message)
{
    git_odb *odb = NULL;
    git_oid a, b;
    ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
    if (old_body)
        ck_assert_int_eq(git_odb_write(&a, odb, old_body, old_len, GIT_OBJECT_TREE), 0);
    ck_assert_int_eq(git_odb_write(&b, odb, new_body, new_len, GIT_OBJECT_TREE), 0);
    git_odb_free(odb);
    RheaTreeReader *reader = rhea_tree_reader_new(repo);
    GString *out = g_string_new(NULL);
    GError *error = NULL;
    int rc = rhea_treediff_walk(reader, old_body ? &a : NULL, &b, collect, out, &error);
    *message = rc < 0 && error ? g_strdup(error->message) : NULL;
    ck_assert_int_eq(rc < 0, error != NULL);
    g_clear_error(&error);
    rhea_tree_reader_free(reader);
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
    git_oid t;
    tree_of(r.repo, &c1, &t);
    RheaTreeReader *reader = rhea_tree_reader_new(r.repo);
    int n = 0;
    ck_assert_int_eq(rhea_treediff_walk(reader, NULL, &t, stop_at_second, &n, NULL), 7);
    ck_assert_int_eq(n, 2);
    rhea_tree_reader_free(reader);
    repo_free(&r);
}
END_TEST

/* A raw tree entry: mode, name, and an id of twenty bytes of fill. */
static void entry(GString *t, const char *mode, const char *name, unsigned char fill)
{
    g_string_append_printf(t, "%s %s", mode, name);
    g_string_append_c(t, '\0');
    for (int i = 0; i < GIT_OID_RAWSZ; i++)
        g_string_append_c(t, (char)fill);
}

START_TEST(non_canonical_modes_are_normalized_as_git_does)
{
    /* Old tools wrote 100664 and 100755-like modes with other bits; git reads any mode with an
     * executable bit as 100755 and any other 10xxxx as 100644, so 100644 -> 100664 with the same
     * id is no change, and 100644 -> 100775 is a modification (the executable bit). */
    Repo r = repo_new();
    g_autoptr(GString) a = g_string_new(NULL), b = g_string_new(NULL);
    entry(a, "100644", "same", 1);
    entry(a, "100644", "x", 2);
    entry(b, "100664", "same", 1);
    entry(b, "100775", "x", 2);
    char *message = NULL;
    g_autofree char *got = diff_raw(r.repo, a->str, a->len, b->str, b->len, &message);
    ck_assert_ptr_null(message);
    ck_assert_str_eq(got, "M x");
    repo_free(&r);
}
END_TEST

START_TEST(malformed_and_wrong_type_trees_are_errors_naming_the_tree)
{
    Repo r = repo_new();
    char *message = NULL;
    /* no space after the mode */
    g_free(diff_raw(r.repo, NULL, 0, "100644x", 7, &message));
    ck_assert_ptr_nonnull(message);
    ck_assert_ptr_nonnull(strstr(message, "is malformed"));
    g_free(message);
    /* an id cut short after the name */
    g_free(diff_raw(r.repo, NULL, 0, "100644 a\0abc", 12, &message));
    ck_assert_ptr_nonnull(strstr(message, "is malformed"));
    g_free(message);
    /* a good first entry, then garbage: the first change is reported before the error */
    g_autoptr(GString) t = g_string_new(NULL);
    entry(t, "100644", "a", 3);
    g_string_append(t, "zz");
    g_autofree char *g3 = diff_raw(r.repo, NULL, 0, t->str, t->len, &message);
    ck_assert_str_eq(g3, "A a");
    ck_assert_ptr_nonnull(strstr(message, "is malformed"));
    g_free(message);
    /* a folder entry whose id is a blob */
    git_oid blob;
    ck_assert_int_eq(git_blob_create_from_buffer(&blob, r.repo, "data", 4), 0);
    g_autoptr(GString) u = g_string_new("40000 dir");
    g_string_append_c(u, '\0');
    g_string_append_len(u, (const char *)blob.id, GIT_OID_RAWSZ);
    g_free(diff_raw(r.repo, NULL, 0, u->str, u->len, &message));
    ck_assert_ptr_nonnull(strstr(message, "at 'dir/' should be a tree but is a blob"));
    g_free(message);
    /* a folder entry whose object is missing */
    g_autoptr(GString) v = g_string_new(NULL);
    entry(v, "40000", "gone", 0x5a);
    g_free(diff_raw(r.repo, NULL, 0, v->str, v->len, &message));
    ck_assert_ptr_nonnull(
        strstr(message, "cannot read tree 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a at 'gone/'"));
    g_free(message);
    repo_free(&r);
}
END_TEST

/* Runs of entries alike in both trees are skipped by their bytes: in a folder of 300 files, a
 * file modified, one deleted, one added, an executable bit set on the same id, a non-canonical
 * mode on the same id (no change) and an unchanged subfolder are found as git finds them
 * (listed by hand); after a run, an entry cut short in the new tree is still an error. */
START_TEST(long_runs_of_equal_entries_are_skipped_and_changes_found)
{
    Repo r = repo_new();
    git_oid sub;
    git_odb *odb = NULL;
    ck_assert_int_eq(git_repository_odb(&odb, r.repo), 0);
    g_autoptr(GString) st = g_string_new(NULL);
    entry(st, "100644", "inner", 9);
    ck_assert_int_eq(git_odb_write(&sub, odb, st->str, st->len, GIT_OBJECT_TREE), 0);
    git_odb_free(odb);
    g_autoptr(GString) a = g_string_new(NULL), b = g_string_new(NULL);
    for (int i = 0; i < 300; i++) {
        char name[8];
        g_snprintf(name, sizeof name, "f%03d", i);
        unsigned char fill = (unsigned char)(i % 200 + 1);
        entry(a, "100644", name, fill);
        if (i == 100)
            continue; /* deleted */
        entry(b,
              i == 200   ? "100755"
              : i == 250 ? "100664"
                         : "100644",
              name, i == 50 ? (unsigned char)0xee : fill);
        if (i == 150)
            entry(b, "100644", "f150a", 0xdd); /* added, sorted after f150 */
    }
    for (GString **t = (GString *[]){a, b, NULL}; *t; t++) {
        g_string_append(*t, "40000 sub");
        g_string_append_c(*t, '\0');
        g_string_append_len(*t, (const char *)sub.id, GIT_OID_RAWSZ);
    }
    char *message = NULL;
    g_autofree char *got = diff_raw(r.repo, a->str, a->len, b->str, b->len, &message);
    ck_assert_ptr_null(message);
    ck_assert_str_eq(got, "M f050\nD f100\nA f150a\nM f200");
    /* the new tree: the old one's first 120 entries, then an entry cut short */
    g_autoptr(GString) c = g_string_new(NULL);
    for (int i = 0; i < 120; i++) {
        char name[8];
        g_snprintf(name, sizeof name, "f%03d", i);
        entry(c, "100644", name, (unsigned char)(i % 200 + 1));
    }
    g_string_append(c, "100644 f120");
    g_string_append_c(c, '\0');
    g_string_append(c, "short");
    g_autofree char *cut = diff_raw(r.repo, a->str, a->len, c->str, c->len, &message);
    ck_assert_str_eq(cut, ""); /* nothing differs before the cut */
    ck_assert_ptr_nonnull(message);
    ck_assert_ptr_nonnull(strstr(message, "is malformed"));
    g_free(message);
    repo_free(&r);
}
END_TEST

static int count_changes(const RheaChange *c, void *payload)
{
    (void)c;
    ++*(int *)payload;
    return 0;
}

START_TEST(a_linear_history_reads_each_tree_once)
{
    /* commits 2..4 each change one file in a/b/; the trees read are: c1's root, a, a/b (3), then
     * for each later commit its new root, a and a/b (3 each); the parent's are still held. */
    Repo r = repo_new();
    git_oid c[4], t[4];
    rhea_fixture_write(r.fx, "a/b/f", "0");
    rhea_fixture_write(r.fx, "z/keep", "k");
    for (int i = 0; i < 4; i++) {
        char content[8];
        g_snprintf(content, sizeof content, "%d", i + 1);
        if (i > 0)
            rhea_fixture_write(r.fx, "a/b/f", content);
        COMMIT(r, 1000 + i, &c[i]);
        tree_of(r.repo, &c[i], &t[i]);
    }
    RheaTreeReader *reader = rhea_tree_reader_new(r.repo);
    int n = 0;
    ck_assert_int_eq(rhea_treediff_walk(reader, NULL, &t[0], count_changes, &n, NULL), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_uint_eq(rhea_tree_reader_reads(reader), 4); /* root, a, a/b, z */
    for (int i = 1; i < 4; i++) {
        rhea_tree_reader_next_commit(reader);
        n = 0;
        ck_assert_int_eq(rhea_treediff_walk(reader, &t[i - 1], &t[i], count_changes, &n, NULL), 0);
        ck_assert_int_eq(n, 1);
    }
    ck_assert_uint_eq(rhea_tree_reader_reads(reader), 4 + 3 * 3);
    /* two commits on, the first commit's trees are gone and are read again */
    rhea_tree_reader_next_commit(reader);
    rhea_tree_reader_next_commit(reader);
    n = 0;
    ck_assert_int_eq(rhea_treediff_walk(reader, &t[0], &t[1], count_changes, &n, NULL), 0);
    ck_assert_uint_eq(rhea_tree_reader_reads(reader), 13 + 6);
    rhea_tree_reader_free(reader);
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
    tcase_add_test(tc, non_canonical_modes_are_normalized_as_git_does);
    tcase_add_test(tc, malformed_and_wrong_type_trees_are_errors_naming_the_tree);
    tcase_add_test(tc, long_runs_of_equal_entries_are_skipped_and_changes_found);
    tcase_add_test(tc, a_linear_history_reads_each_tree_once);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
