/* test_commit_graph.c: parents from the commit-graph file git writes (engine/commit_graph.c),
 * against libgit2's reading of every commit, on a graph with a two-parent merge and an octopus
 * merge of four parents (the EDGE chunk):
 *
 *   A --- B ------- M ------- O   (O: parents M, D, E, F)
 *    \             /         /|\
 *     `---- C ----'     D --' | `-- F      (D, E, F: roots of their own)
 *                          E -'
 *
 * The walk with the file equals the walk without it; a commit written after the file is read
 * from the packs; a file with any single byte changed, or cut short, is not used. Needs git (to
 * write the file); without it, exits 77. */
#include <check.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "engine/commit_graph.h"
#include "engine/history.h"
#include "tests/testutil.h"

#define T0 1672653600 /* 2023-01-02T10:00:00Z */

typedef struct {
    char *dir, *path;
    git_repository *repo;
    git_oid ids[9]; /* A B C M D E F O, then N (after the file) */
    guint n;
} Repo;

static git_oid commit(Repo *r, const char *message, const git_oid *parents, guint np)
{
    git_oid id = testutil_commit(r->repo, message, T0 + r->n, parents, np);
    r->ids[r->n++] = id;
    return id;
}

/* `git commit-graph write --reachable` from tip, which becomes refs/heads/main. */
static void write_graph(Repo *r, const git_oid *tip)
{
    git_reference *ref = NULL;
    ck_assert_int_eq(git_reference_create(&ref, r->repo, "refs/heads/main", tip, 1, NULL), 0);
    git_reference_free(ref);
    const char *argv[] = {"git",   "--git-dir",   r->path, "commit-graph",
                          "write", "--reachable", NULL};
    int status = -1;
    g_autofree char *err = NULL;
    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL,
                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                           &status, NULL));
    ck_assert_msg(g_spawn_check_wait_status(status, NULL), "git commit-graph write: %s", err);
}

static Repo repo_open(void)
{
    Repo r = {0};
    r.dir = testutil_tmpdir();
    r.path = g_build_filename(r.dir, "g.git", NULL);
    ck_assert_int_eq(git_repository_init(&r.repo, r.path, 1), 0);
    git_oid a = commit(&r, "A", NULL, 0);
    git_oid b = commit(&r, "B", &a, 1);
    git_oid c = commit(&r, "C", &a, 1);
    git_oid m = commit(&r, "M", (git_oid[]){b, c}, 2);
    git_oid d = commit(&r, "D", NULL, 0);
    git_oid e = commit(&r, "E", NULL, 0);
    git_oid f = commit(&r, "F", NULL, 0);
    git_oid o = commit(&r, "O", (git_oid[]){m, d, e, f}, 4);
    write_graph(&r, &o);
    return r;
}

static void repo_close(Repo *r)
{
    git_repository_free(r->repo);
    testutil_rmtree(r->dir);
    g_free(r->path);
    g_free(r->dir);
}

static char *graph_path(const Repo *r)
{
    return g_build_filename(r->path, "objects", "info", "commit-graph", NULL);
}

/* Every commit's parents from the file equal libgit2's, in order. */
static void parents_match_libgit2(const Repo *r, const RheaCommitGraph *g, guint listed)
{
    g_autoptr(GArray) got = g_array_new(FALSE, FALSE, sizeof(git_oid));
    for (guint i = 0; i < listed; i++) {
        g_array_set_size(got, 0);
        ck_assert_int_eq(rhea_commit_graph_parents(g, &r->ids[i], got), 1);
        git_commit *c = NULL;
        ck_assert_int_eq(git_commit_lookup(&c, r->repo, &r->ids[i]), 0);
        ck_assert_uint_eq(got->len, git_commit_parentcount(c));
        for (guint k = 0; k < got->len; k++)
            ck_assert(git_oid_equal(&g_array_index(got, git_oid, k), git_commit_parent_id(c, k)));
        git_commit_free(c);
    }
}

static GArray *walk(const Repo *r, const git_oid *tip)
{
    g_autoptr(GHashTable) shallow = rhea_history_shallow(r->repo);
    GError *error = NULL;
    GArray *ids = rhea_history_walk(r->repo, tip, shallow, NULL, NULL, NULL, &error);
    ck_assert_msg(ids != NULL, "%s", error ? error->message : "");
    return ids;
}

static void assert_same_ids(GArray *a, GArray *b)
{
    ck_assert_uint_eq(a->len, b->len);
    ck_assert_int_eq(memcmp(a->data, b->data, a->len * sizeof(git_oid)), 0);
}

START_TEST(parents_equal_libgit2s_and_the_walk_is_the_same)
{
    Repo r = repo_open();
    RheaCommitGraph *g = rhea_commit_graph_open(r.repo);
    ck_assert_ptr_nonnull(g);
    parents_match_libgit2(&r, g, 8);
    /* the octopus merge's parents come from EDGE: four, in order */
    g_autoptr(GArray) o = g_array_new(FALSE, FALSE, sizeof(git_oid));
    ck_assert_int_eq(rhea_commit_graph_parents(g, &r.ids[7], o), 1);
    ck_assert_uint_eq(o->len, 4);
    rhea_commit_graph_free(g);

    g_autoptr(GArray) with = walk(&r, &r.ids[7]);
    ck_assert_uint_eq(with->len, 8);
    g_autofree char *path = graph_path(&r);
    g_autofree char *away = g_strconcat(path, ".away", NULL);
    ck_assert_int_eq(g_rename(path, away), 0);
    ck_assert_ptr_null(rhea_commit_graph_open(r.repo));
    g_autoptr(GArray) without = walk(&r, &r.ids[7]);
    assert_same_ids(with, without);
    repo_close(&r);
}
END_TEST

/* A commit written after the file is not in it: the walk reads it from the object database. */
START_TEST(a_commit_after_the_file_is_read_elsewhere)
{
    Repo r = repo_open();
    git_oid n = commit(&r, "N", &r.ids[7], 1);
    RheaCommitGraph *g = rhea_commit_graph_open(r.repo);
    ck_assert_ptr_nonnull(g);
    g_autoptr(GArray) none = g_array_new(FALSE, FALSE, sizeof(git_oid));
    ck_assert_int_eq(rhea_commit_graph_parents(g, &n, none), 0);
    ck_assert_uint_eq(none->len, 0);
    rhea_commit_graph_free(g);
    g_autoptr(GArray) with = walk(&r, &n);
    ck_assert_uint_eq(with->len, 9);
    ck_assert(git_oid_equal(&g_array_index(with, git_oid, 8), &n));
    g_autofree char *path = graph_path(&r);
    ck_assert_int_eq(g_remove(path), 0);
    g_autoptr(GArray) without = walk(&r, &n);
    assert_same_ids(with, without);
    repo_close(&r);
}
END_TEST

/* Every single byte changed in turn, and the file cut short anywhere: never used. */
START_TEST(a_damaged_file_is_not_used)
{
    Repo r = repo_open();
    g_autofree char *path = graph_path(&r);
    g_autofree char *good = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents(path, &good, &len, NULL));
    ck_assert_uint_gt(len, 100);
    g_autoptr(GArray) want = walk(&r, &r.ids[7]);
    for (gsize i = 0; i < len; i++) {
        good[i] ^= 0x01;
        ck_assert(g_file_set_contents(path, good, (gssize)len, NULL));
        RheaCommitGraph *g = rhea_commit_graph_open(r.repo);
        ck_assert_msg(g == NULL, "byte %" G_GSIZE_FORMAT " changed, the file was used", i);
        good[i] ^= 0x01;
    }
    for (gsize cut = 0; cut < len; cut += 7) {
        ck_assert(g_file_set_contents(path, good, (gssize)cut, NULL));
        ck_assert_ptr_null(rhea_commit_graph_open(r.repo));
    }
    /* the walk does not fail over a damaged file: it reads the commits */
    good[len / 2] ^= 0x01;
    ck_assert(g_file_set_contents(path, good, (gssize)len, NULL));
    g_autoptr(GArray) got = walk(&r, &r.ids[7]);
    assert_same_ids(got, want);
    /* and the file put back is used again */
    good[len / 2] ^= 0x01;
    ck_assert(g_file_set_contents(path, good, (gssize)len, NULL));
    RheaCommitGraph *g = rhea_commit_graph_open(r.repo);
    ck_assert_ptr_nonnull(g);
    rhea_commit_graph_free(g);
    repo_close(&r);
}
END_TEST

/* The walk does read the file: one whose checksum is made right again over a changed parent (B's
 * first parent made C) puts B after C. A walk with a stop test (an incremental run) does not open
 * the file, whose check costs the whole history: it reads B's true parent, A. */
START_TEST(a_whole_walk_uses_the_file_an_incremental_one_does_not)
{
    Repo r = repo_open();
    g_autoptr(GArray) truth = walk(&r, &r.ids[7]);
    g_autofree char *path = graph_path(&r);
    g_autofree char *text = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents(path, &text, &len, NULL));
    unsigned char *m = (unsigned char *)text;
    /* CDAT: the chunk table entry whose id is "CDAT" gives its offset */
    guint64 cdat = 0;
    for (guint i = 0; i < m[6]; i++) {
        const unsigned char *e = m + 8 + i * 12;
        if (memcmp(e, "CDAT", 4) == 0)
            for (int k = 0; k < 8; k++)
                cdat = cdat << 8 | e[4 + k];
    }
    ck_assert_uint_gt(cdat, 0);
    /* positions in the file follow the ids' order; B's record, and C's position */
    guint32 pos_b = 0, pos_c = 0;
    for (guint i = 0; i < 8; i++) {
        if (git_oid_cmp(&r.ids[i], &r.ids[1]) < 0)
            pos_b++;
        if (git_oid_cmp(&r.ids[i], &r.ids[2]) < 0)
            pos_c++;
    }
    unsigned char *p1 = m + cdat + (gsize)pos_b * 36 + 20;
    p1[0] = (unsigned char)(pos_c >> 24);
    p1[1] = (unsigned char)(pos_c >> 16);
    p1[2] = (unsigned char)(pos_c >> 8);
    p1[3] = (unsigned char)pos_c;
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA1);
    g_checksum_update(sum, m, (gssize)(len - 20));
    gsize dlen = 20;
    g_checksum_get_digest(sum, m + len - 20, &dlen);
    ck_assert(g_file_set_contents(path, text, (gssize)len, NULL));

    /* the whole walk: B's parent is C, so C comes before B */
    g_autoptr(GArray) forged = walk(&r, &r.ids[7]);
    gint at_b = -1, at_c = -1;
    for (guint i = 0; i < forged->len; i++) {
        if (git_oid_equal(&g_array_index(forged, git_oid, i), &r.ids[1]))
            at_b = (gint)i;
        if (git_oid_equal(&g_array_index(forged, git_oid, i), &r.ids[2]))
            at_c = (gint)i;
    }
    ck_assert_int_ge(at_c, 0);
    ck_assert_int_gt(at_b, at_c);
    /* the truth has B before C (M's first parent's line first) */
    ck_assert(git_oid_equal(&g_array_index(truth, git_oid, 1), &r.ids[1]));

    /* with a stop test that stops nowhere: the commits' own parents */
    g_autoptr(GHashTable) nothing = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) shallow = rhea_history_shallow(r.repo);
    GError *error = NULL;
    g_autoptr(GArray) incremental = rhea_history_walk(
        r.repo, &r.ids[7], shallow, rhea_history_stop_in_set, nothing, NULL, &error);
    ck_assert_ptr_nonnull(incremental);
    assert_same_ids(incremental, truth);
    repo_close(&r);
}
END_TEST

int main(void)
{
    g_autofree char *git = g_find_program_in_path("git");
    if (!git) {
        printf("SKIP: git is not installed (it writes the commit-graph file)\n");
        return 77;
    }
    return testutil_main("commit_graph", 60, parents_equal_libgit2s_and_the_walk_is_the_same,
                         a_commit_after_the_file_is_read_elsewhere, a_damaged_file_is_not_used,
                         a_whole_walk_uses_the_file_an_incremental_one_does_not, NULL);
}
