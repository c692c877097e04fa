/* test_history.c: the commit walk (engine/history.c) on a fixture graph worked by hand:
 *
 *   A --- B ------- M   (main; M merges C, first parent B)
 *    \             /
 *     `---- C ----'     (side)
 *
 * The walk emits each commit after its parents, the first parent's line first; stop commits are
 * not entered and are reported as reached; shallow commits are roots; an absent tip is an error
 * naming it. */
#include <check.h>
#include <string.h>

#include "engine/history.h"
#include "samples/fixture.h"
#include "tests/testutil.h"

#define T0 1672653600 /* 2023-01-02T10:00:00Z */

typedef struct {
    char *dir;
    git_repository *repo;
    git_oid a, b, c, m;
} Graph;

static Graph graph_open(void)
{
    Graph g = {0};
    git_libgit2_init(); /* held past the fixture's own shutdown, until graph_close */
    g.dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(g.dir, "g.git", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(path, TRUE, &error);
    ck_assert_ptr_nonnull(fx);
    int rc = 0;
    rc |= rhea_fixture_write(fx, "a", "1\n");
    rc |= rhea_fixture_commit(fx, "A", "a@x", T0, 0, "A", &g.a);
    rc |= rhea_fixture_checkout(fx, "side");
    rc |= rhea_fixture_write(fx, "c", "3\n");
    rc |= rhea_fixture_commit(fx, "A", "a@x", T0 + 2, 0, "C", &g.c);
    rc |= rhea_fixture_checkout(fx, "main");
    rc |= rhea_fixture_write(fx, "b", "2\n");
    rc |= rhea_fixture_commit(fx, "A", "a@x", T0 + 1, 0, "B", &g.b);
    rc |= rhea_fixture_merge(fx, "side", "A", "a@x", T0 + 3, 0, "M", &g.m);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(rhea_fixture_finish(fx, &error), 0);
    ck_assert_int_eq(git_repository_open(&g.repo, path), 0);
    return g;
}

static void graph_close(Graph *g)
{
    git_repository_free(g->repo);
    git_libgit2_shutdown();
    testutil_rmtree(g->dir);
    g_free(g->dir);
}

/* The walk's commits as their letters. */
static char *letters(const Graph *g, GArray *ids)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < ids->len; i++) {
        const git_oid *id = &g_array_index(ids, git_oid, i);
        g_string_append_c(s, git_oid_equal(id, &g->a)   ? 'A'
                             : git_oid_equal(id, &g->b) ? 'B'
                             : git_oid_equal(id, &g->c) ? 'C'
                             : git_oid_equal(id, &g->m) ? 'M'
                                                        : '?');
    }
    return g_string_free(s, FALSE);
}

static GHashTable *hex_set(const git_oid *id)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(set, g_strdup(git_oid_tostr_s(id)));
    return set;
}

START_TEST(parents_first_first_parent_line_first)
{
    Graph g = graph_open();
    GError *error = NULL;
    g_autoptr(GHashTable) shallow = rhea_history_shallow(g.repo);
    ck_assert_uint_eq(g_hash_table_size(shallow), 0);
    GHashTable *reached = NULL;
    g_autoptr(GArray) ids = rhea_history_walk(g.repo, &g.m, shallow, NULL, NULL, &reached, &error);
    ck_assert_ptr_nonnull(ids);
    g_autofree char *order = letters(&g, ids);
    /* M pushes C then B; B's line (B, A) is emitted first, then C, then M */
    ck_assert_str_eq(order, "ABCM");
    ck_assert_uint_eq(g_hash_table_size(reached), 0);
    g_hash_table_destroy(reached);
    /* from a tip inside the graph: only its ancestors */
    g_autoptr(GArray) from_c = rhea_history_walk(g.repo, &g.c, shallow, NULL, NULL, NULL, &error);
    g_autofree char *order_c = letters(&g, from_c);
    ck_assert_str_eq(order_c, "AC");
    graph_close(&g);
}
END_TEST

START_TEST(stop_commits_are_reached_not_entered)
{
    Graph g = graph_open();
    GError *error = NULL;
    g_autoptr(GHashTable) shallow = rhea_history_shallow(g.repo);
    /* B stored (as after an earlier run of main): the walk takes C's line to A */
    g_autoptr(GHashTable) stop = hex_set(&g.b);
    GHashTable *reached = NULL;
    g_autoptr(GArray) ids =
        rhea_history_walk(g.repo, &g.m, shallow, rhea_history_stop_in_set, stop, &reached, &error);
    g_autofree char *order = letters(&g, ids);
    ck_assert_str_eq(order, "ACM");
    ck_assert_uint_eq(g_hash_table_size(reached), 1);
    ck_assert(g_hash_table_contains(reached, git_oid_tostr_s(&g.b)));
    g_hash_table_destroy(reached);
    /* A stored: neither line goes below it */
    g_autoptr(GHashTable) stop_a = hex_set(&g.a);
    g_autoptr(GArray) ids_a =
        rhea_history_walk(g.repo, &g.m, shallow, rhea_history_stop_in_set, stop_a, NULL, &error);
    g_autofree char *order_a = letters(&g, ids_a);
    ck_assert_str_eq(order_a, "BCM");
    /* the tip itself stored: nothing new */
    g_autoptr(GHashTable) stop_m = hex_set(&g.m);
    g_autoptr(GArray) none =
        rhea_history_walk(g.repo, &g.m, shallow, rhea_history_stop_in_set, stop_m, NULL, &error);
    ck_assert_uint_eq(none->len, 0);
    graph_close(&g);
}
END_TEST

START_TEST(shallow_boundary_is_a_root)
{
    Graph g = graph_open();
    GError *error = NULL;
    /* git writes the boundary commits one hex id a line; a line that is no id is ignored */
    g_autofree char *shallow_path = g_build_filename(git_repository_path(g.repo), "shallow", NULL);
    g_autofree char *text = g_strdup_printf("%s\nnot an id\n", git_oid_tostr_s(&g.b));
    ck_assert(g_file_set_contents(shallow_path, text, -1, NULL));
    g_autoptr(GHashTable) shallow = rhea_history_shallow(g.repo);
    ck_assert_uint_eq(g_hash_table_size(shallow), 1);
    ck_assert(g_hash_table_contains(shallow, &g.b));
    g_autoptr(GArray) ids = rhea_history_walk(g.repo, &g.m, shallow, NULL, NULL, NULL, &error);
    g_autofree char *order = letters(&g, ids);
    /* B has no parent now; A is still reached through C */
    ck_assert_str_eq(order, "BACM");
    graph_close(&g);
}
END_TEST

START_TEST(missing_commit_is_an_error_naming_it)
{
    Graph g = graph_open();
    GError *error = NULL;
    g_autoptr(GHashTable) shallow = rhea_history_shallow(g.repo);
    git_oid absent;
    ck_assert_int_eq(git_oid_fromstr(&absent, "0123456789abcdef0123456789abcdef01234567"), 0);
    GHashTable *reached = NULL;
    ck_assert_ptr_null(rhea_history_walk(g.repo, &absent, shallow, NULL, NULL, &reached, &error));
    ck_assert_ptr_null(reached);
    ck_assert_msg(g_str_has_prefix(error->message,
                                   "cannot read commit 0123456789abcdef0123456789abcdef01234567 "
                                   "(the repository is incomplete or corrupt)"),
                  "%s", error->message);
    g_clear_error(&error);
    graph_close(&g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("history");
    TCase *tc = tcase_create("history");
    tcase_add_test(tc, parents_first_first_parent_line_first);
    tcase_add_test(tc, stop_commits_are_reached_not_entered);
    tcase_add_test(tc, shallow_boundary_is_a_root);
    tcase_add_test(tc, missing_commit_is_an_error_naming_it);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
