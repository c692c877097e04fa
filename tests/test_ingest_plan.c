/* test_ingest_plan.c: the resume-or-rewrite decision (engine/ingest_plan.h) in each of its cases,
 * on a fixture history one -> two -> three and the states real runs leave in the store: a new
 * product, a complete run, an interrupted first run, a rewritten history, and an interrupted run
 * of another repository under the same product id. */
#include <check.h>

#include "engine/error.h"
#include "engine/history.h"
#include "engine/ingest_plan.h"
#include "samples/fixture.h"
#include "tests/testutil.h"

typedef struct {
    char *dir, *repo_path;
    RheaFixture *fx;
    RheaStore *store;
} Env;

static void commit(Env *e, const char *body, gint64 time)
{
    rhea_fixture_write(e->fx, "f.txt", body);
    ck_assert_int_eq(rhea_fixture_commit(e->fx, "A", "a@x", time, 0, body, NULL), 0);
}

static Env env_new(void)
{
    Env e = {.dir = testutil_tmpdir()};
    e.repo_path = g_build_filename(e.dir, "r.git", NULL);
    g_autofree char *db = g_build_filename(e.dir, "r.sqlite", NULL);
    GError *error = NULL;
    e.fx = rhea_fixture_new(e.repo_path, TRUE, &error);
    ck_assert_ptr_nonnull(e.fx);
    e.store = rhea_store_open(db, &error);
    ck_assert_ptr_nonnull(e.store);
    return e;
}

static void env_free(Env *e)
{
    rhea_store_close(e->store);
    rhea_fixture_free(e->fx);
    testutil_rmtree(e->dir);
    g_free(e->dir);
    g_free(e->repo_path);
}

/* Ingests the fixture's history as product p; limit > 0 interrupts after that many commits. */
static void ingest(Env *e, git_repository *repo, const char *repo_path, guint64 limit)
{
    RheaIngestOptions o = {.product = "p", .repo_path = repo_path, .limit = limit};
    RheaIngestStats st;
    GError *error = NULL;
    int rc = rhea_ingest_run(e->store, repo, &o, &st, &error);
    ck_assert_int_eq(rc, limit ? -1 : 0);
    g_clear_error(&error);
}

/* The plan at the fixture's HEAD, as "summaries | clear rewritten kept". */
static char *plan(Env *e)
{
    git_repository *repo = rhea_fixture_repo(e->fx);
    git_oid tip;
    ck_assert_int_eq(git_reference_name_to_id(&tip, repo, "HEAD"), 0);
    GError *error = NULL;
    g_autoptr(RheaProduct) stored = NULL;
    ck_assert_int_eq(rhea_store_product_get(e->store, "p", &stored, &error), 0);
    RheaIngestOptions o = {.product = "p", .repo_path = e->repo_path};
    g_autoptr(GHashTable) shallow = rhea_history_shallow(repo);
    RheaIngestPlan p;
    ck_assert_int_eq(rhea_ingest_plan(e->store, repo, &o, stored, &tip, shallow, &p, &error), 0);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < p.ids->len; i++) {
        git_commit *c = NULL;
        ck_assert_int_eq(git_commit_lookup(&c, repo, &g_array_index(p.ids, git_oid, i)), 0);
        g_string_append_printf(out, "%s ", git_commit_summary(c));
        git_commit_free(c);
    }
    g_string_append_printf(out, "| %d %d %u", p.clear, p.rewritten, p.kept);
    rhea_ingest_plan_clear(&p);
    ck_assert_ptr_null(p.ids);
    return g_string_free(out, FALSE);
}

START_TEST(new_complete_and_extended_histories)
{
    Env e = env_new();
    commit(&e, "one", 1000);
    commit(&e, "two", 1001);
    g_autofree char *fresh = plan(&e);
    ck_assert_str_eq(fresh, "one two | 0 0 0");
    ingest(&e, rhea_fixture_repo(e.fx), e.repo_path, 0);
    g_autofree char *same = plan(&e);
    ck_assert_str_eq(same, "| 0 0 2");
    commit(&e, "three", 1002);
    g_autofree char *more = plan(&e);
    ck_assert_str_eq(more, "three | 0 0 2");
    env_free(&e);
}
END_TEST

START_TEST(interrupted_first_run_keeps_what_it_stored)
{
    Env e = env_new();
    commit(&e, "one", 1000);
    commit(&e, "two", 1001);
    commit(&e, "three", 1002);
    ingest(&e, rhea_fixture_repo(e.fx), e.repo_path, 1);
    g_autofree char *rest = plan(&e);
    ck_assert_str_eq(rest, "two three | 0 0 1");
    env_free(&e);
}
END_TEST

START_TEST(rewritten_history_is_cleared)
{
    Env e = env_new();
    commit(&e, "one", 1000);
    rhea_fixture_checkout(e.fx, "side"); /* a branch from "one" that main never merges */
    commit(&e, "side", 1001);
    git_repository *repo = rhea_fixture_repo(e.fx);
    ck_assert_int_eq(git_repository_set_head(repo, "refs/heads/side"), 0);
    ingest(&e, repo, e.repo_path, 0); /* tip "side" stored */
    rhea_fixture_checkout(e.fx, "main");
    commit(&e, "two", 1002);
    ck_assert_int_eq(git_repository_set_head(repo, "refs/heads/main"), 0);
    g_autofree char *again = plan(&e);
    ck_assert_str_eq(again, "one two | 1 1 0");
    env_free(&e);
}
END_TEST

START_TEST(interrupted_run_of_another_repository_is_cleared)
{
    Env e = env_new();
    commit(&e, "one", 1000);
    commit(&e, "two", 1001);
    g_autofree char *other_path = g_build_filename(e.dir, "other.git", NULL);
    GError *error = NULL;
    RheaFixture *other = rhea_fixture_new(other_path, TRUE, &error);
    ck_assert_ptr_nonnull(other);
    rhea_fixture_write(other, "g.txt", "x");
    ck_assert_int_eq(rhea_fixture_commit(other, "B", "b@x", 500, 0, "elsewhere", NULL), 0);
    rhea_fixture_write(other, "g.txt", "y");
    ck_assert_int_eq(rhea_fixture_commit(other, "B", "b@x", 501, 0, "elsewhere 2", NULL), 0);
    ingest(&e, rhea_fixture_repo(other), other_path, 1); /* "elsewhere" stored, no tip */
    rhea_fixture_free(other);
    g_autofree char *fresh = plan(&e);
    ck_assert_str_eq(fresh, "one two | 1 0 0");
    env_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ingest_plan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, new_complete_and_extended_histories);
    tcase_add_test(tc, interrupted_first_run_keeps_what_it_stored);
    tcase_add_test(tc, rewritten_history_is_cleared);
    tcase_add_test(tc, interrupted_run_of_another_repository_is_cleared);
    suite_add_tcase(s, tc);
    return testutil_run(s) ? 1 : 0;
}
