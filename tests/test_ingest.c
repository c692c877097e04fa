/* test_ingest.c: rhea_ingest_run on the sample product and on small fixtures, checked against the
 * history the generator wrote (samples/sample_product.c lists it commit by commit). */
#include <check.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/ingest.h"
#include "engine/ingest_worker.h"
#include "engine/repo.h"
#include "samples/fixture.h"
#include "samples/sample_product.h"
#include "tests/testutil.h"

typedef struct {
    char *dir, *repo_path, *db_path;
    RheaStore *store;
    git_repository *repo;
} Env;

static Env env_sample(void)
{
    Env e = {0};
    e.dir = testutil_tmpdir();
    e.repo_path = g_build_filename(e.dir, "wordwise", NULL);
    e.db_path = g_build_filename(e.dir, "r.sqlite", NULL);
    GError *error = NULL;
    ck_assert_int_eq(rhea_sample_product_build(e.repo_path, &error), 0);
    e.store = rhea_store_open(e.db_path, &error);
    ck_assert_ptr_nonnull(e.store);
    e.repo = rhea_repo_open(e.repo_path, &error);
    ck_assert_ptr_nonnull(e.repo);
    return e;
}

static void env_free(Env *e)
{
    git_repository_free(e->repo);
    rhea_store_close(e->store);
    testutil_rmtree(e->dir);
    g_free(e->dir);
    g_free(e->repo_path);
    g_free(e->db_path);
}

static int ingest(Env *e, const char *product, RheaIngestOptions *o, RheaIngestStats *st,
                  GError **error)
{
    RheaIngestOptions def = {0};
    if (!o)
        o = &def;
    o->product = product;
    o->repo_path = e->repo_path;
    return rhea_ingest_run(e->store, e->repo, o, st, error);
}

/* Every stored fact of a product, one line per (commit, path) and per commit, sorted. */
static char *dump(RheaStore *s, const char *product)
{
    g_autofree char *sql = g_strdup_printf(
        "SELECT line FROM ("
        " SELECT c.sha || '|' || c.author_email || '|' || c.mailmap_email || '|' ||"
        "  c.committer_time || '|' || c.committer_offset || '|' || c.parent_count || '|' ||"
        "  c.summary AS line FROM commits c WHERE c.product = '%s'"
        " UNION ALL"
        " SELECT c.sha || ' ' || ch.kind || ' ' || p.path || ' ' || ifnull(ch.added, '-') AS line"
        " FROM commits c JOIN changes ch USING(cid) JOIN paths p USING(pid)"
        " WHERE c.product = '%s'"
        " UNION ALL"
        " SELECT c.sha || ' parent ' || pa.idx || ' ' || pa.parent_sha FROM commits c"
        " JOIN parents pa USING(cid) WHERE c.product = '%s') ORDER BY line",
        product, product, product);
    return testutil_rows(s, sql);
}

START_TEST(sample_history_is_stored_as_written)
{
    Env e = env_sample();
    RheaIngestStats st;
    GError *error = NULL;
    ck_assert_int_eq(ingest(&e, "wordwise", NULL, &st, &error), 0);
    RheaStore *db = e.store;
    ck_assert_uint_eq(st.read, 13);
    ck_assert_uint_eq(st.stored, 13);
    ck_assert_uint_eq(st.changes, 24);
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM commits"), 13);
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM commits WHERE is_merge"), 1);
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM changes"), 24);
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM paths"), 11);
    /* the merge has two parents and no changed paths */
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM parents p JOIN commits c USING(cid)"
                                      " WHERE c.summary = 'Merge branch ''theme'''"),
                     2);
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM changes JOIN commits USING(cid)"
                                      " WHERE is_merge"),
                     0);
    /* commit 10 changed exactly these three paths */
    g_autofree char *c10 = testutil_rows(
        db, "SELECT kind || ' ' || path FROM changes JOIN paths USING(pid) JOIN commits"
            " USING(cid) WHERE summary = 'Load the model at start-up' ORDER BY path");
    ck_assert_str_eq(c10, "M app/keyboard.js\nM app/main.js\nM model/predict.py");
    g_autofree char *c13 = testutil_rows(
        db, "SELECT kind || ' ' || path FROM changes JOIN paths USING(pid) JOIN commits"
            " USING(cid) WHERE summary = 'Fold vocab into training' ORDER BY path");
    ck_assert_str_eq(c13, "M model/train.py\nD model/vocab.py");
    /* the .mailmap joins alice@home.example to Alice Smith; the raw identity is kept */
    g_autofree char *mm = testutil_text(
        db, "SELECT author_name || ' <' || author_email || '> -> ' || mailmap_name || ' <' ||"
            " mailmap_email || '>' FROM commits WHERE summary = 'Show suggestions from the model'");
    ck_assert_str_eq(mm, "alice <alice@home.example> -> Alice Smith <alice@example.com>");
    /* times and offsets: Bob's third commit, day 6, New York (-300 minutes) */
    ck_assert_int_eq(testutil_int(db, "SELECT committer_time FROM commits"
                                      " WHERE summary = 'Explore the corpus'"),
                     RHEA_SAMPLE_T0 + 6 * RHEA_SAMPLE_DAY);
    ck_assert_int_eq(testutil_int(db, "SELECT author_offset FROM commits"
                                      " WHERE summary = 'Explore the corpus'"),
                     -300);
    /* the product remembers its repository, ref and tip */
    RheaProduct *p = NULL;
    ck_assert_int_eq(rhea_store_product_get(e.store, "wordwise", &p, &error), 0);
    ck_assert_str_eq(p->ref, "HEAD");
    ck_assert_str_eq(p->repo_path, e.repo_path);
    g_autofree char *last =
        testutil_text(db, "SELECT sha FROM commits WHERE summary = 'Fold vocab into training'");
    ck_assert_str_eq(p->tip, last);
    rhea_product_free(p);
    env_free(&e);
}
END_TEST

START_TEST(line_stats_count_lines_and_leave_binaries_null)
{
    Env e = env_sample();
    RheaIngestStats st;
    GError *error = NULL;
    RheaIngestOptions o = {.line_stats = TRUE};
    ck_assert_int_eq(ingest(&e, "wordwise", &o, &st, &error), 0);
    RheaStore *db = e.store;
    /* "def train(corpus):" became "def train(corpus, epochs=3):" */
    g_autofree char *c4 = testutil_text(
        db, "SELECT added || '/' || removed FROM changes JOIN paths USING(pid) JOIN commits"
            " USING(cid) WHERE summary = 'Add prediction' AND path = 'model/train.py'");
    ck_assert_str_eq(c4, "1/1");
    /* commit 13 deleted model/vocab.py, two lines */
    g_autofree char *c13 = testutil_text(
        db, "SELECT added || '/' || removed FROM changes JOIN paths USING(pid) JOIN commits"
            " USING(cid) WHERE summary = 'Fold vocab into training' AND path = 'model/vocab.py'");
    ck_assert_str_eq(c13, "0/2");
    ck_assert_int_eq(testutil_int(db, "SELECT count(*) FROM changes JOIN paths USING(pid)"
                                      " WHERE path = 'assets/logo.png' AND added IS NULL"),
                     1);
    env_free(&e);
}
END_TEST

START_TEST(second_run_reads_only_new_commits)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *repo_path = g_build_filename(dir, "r.git", NULL);
    g_autofree char *db_path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(repo_path, TRUE, &error);
    for (int i = 0; i < 3; i++) {
        g_autofree char *body = g_strdup_printf("v%d", i);
        rhea_fixture_write(fx, "f.txt", body);
        ck_assert_int_eq(rhea_fixture_commit(fx, "A", "a@x", 1000 + i, 0, body, NULL), 0);
    }
    RheaStore *store = rhea_store_open(db_path, &error);
    git_repository *repo = rhea_repo_open(repo_path, &error);
    RheaIngestOptions o = {.product = "p", .repo_path = repo_path};
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert_uint_eq(st.read, 3);
    ck_assert_uint_eq(st.walked, 3);
    /* nothing new: nothing walked */
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert_uint_eq(st.walked, 0);
    ck_assert_uint_eq(st.read, 0);
    for (int i = 3; i < 5; i++) {
        g_autofree char *body = g_strdup_printf("v%d", i);
        rhea_fixture_write(fx, "f.txt", body);
        ck_assert_int_eq(rhea_fixture_commit(fx, "A", "a@x", 1000 + i, 0, body, NULL), 0);
    }
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert_uint_eq(st.walked, 2);
    ck_assert_uint_eq(st.read, 2);
    ck_assert_uint_eq(st.stored, 5);
    ck_assert_int_eq(testutil_int(store, "SELECT count(*) FROM commits"), 5);
    git_repository_free(repo);
    rhea_store_close(store);
    rhea_fixture_free(fx);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(rewritten_history_is_read_again_from_scratch)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *repo_path = g_build_filename(dir, "r.git", NULL);
    g_autofree char *db_path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(repo_path, TRUE, &error);
    git_oid first;
    rhea_fixture_write(fx, "a", "1");
    rhea_fixture_commit(fx, "A", "a@x", 1000, 0, "one", &first);
    rhea_fixture_write(fx, "a", "2");
    rhea_fixture_commit(fx, "A", "a@x", 1001, 0, "two", NULL);
    rhea_fixture_write(fx, "a", "3");
    rhea_fixture_commit(fx, "A", "a@x", 1002, 0, "three", NULL);
    RheaStore *store = rhea_store_open(db_path, &error);
    git_repository *repo = rhea_repo_open(repo_path, &error);
    RheaIngestOptions o = {.product = "p", .repo_path = repo_path};
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert_uint_eq(st.stored, 3);
    /* reset main to the first commit and commit something else: "two" and "three" are gone */
    git_reference *ref = NULL;
    ck_assert_int_eq(git_reference_create(&ref, repo, "refs/heads/main", &first, 1, NULL), 0);
    git_reference_free(ref);
    git_repository_free(repo);
    rhea_fixture_free(fx);
    ck_assert_int_eq(git_repository_open(&repo, repo_path), 0);
    git_commit *c1 = NULL;
    git_tree *t1 = NULL;
    git_commit_lookup(&c1, repo, &first);
    git_commit_tree(&t1, c1);
    git_signature *sig = NULL;
    git_signature_new(&sig, "B", "b@x", 2000, 0);
    git_oid other;
    const git_commit *parents[1] = {c1};
    ck_assert_int_eq(git_commit_create(&other, repo, "refs/heads/main", sig, sig, NULL, "rewritten",
                                       t1, 1, parents),
                     0);
    git_signature_free(sig);
    git_tree_free(t1);
    git_commit_free(c1);
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert(st.rewritten);
    ck_assert_uint_eq(st.read, 2);
    ck_assert_uint_eq(st.stored, 2);
    g_autofree char *summaries =
        testutil_rows(store, "SELECT summary FROM commits ORDER BY summary");
    ck_assert_str_eq(summaries, "one\nrewritten");
    git_repository_free(repo);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

/* the indexes a bulk load drops and builds again at its end (changes_by_path is gone for good) */
#define INDEXES_SQL                                                                                \
    "SELECT ifnull(group_concat(name, ' '), '') FROM (SELECT name FROM sqlite_master"              \
    " WHERE name IN ('changes_by_path', 'commits_by_sha') ORDER BY name)"

START_TEST(interrupted_run_resumes_to_the_same_content)
{
    Env clean = env_sample();
    RheaIngestStats st;
    GError *error = NULL;
    ck_assert_int_eq(ingest(&clean, "wordwise", NULL, &st, &error), 0);
    g_autofree char *want = dump(clean.store, "wordwise");

    /* stop after 1, 2, ... 12 commits, resuming each time with small batches */
    for (guint64 stop = 1; stop < 13; stop++) {
        Env e = env_sample();
        /* odd stops go through a worker process reading chunks of one commit */
        RheaIngestOptions o = {
            .limit = stop, .batch_size = 2, .workers = stop % 2 ? 2 : 1, .worker_chunk = 1};
        ck_assert_int_eq(ingest(&e, "wordwise", &o, &st, &error), -1);
        ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_INTERRUPTED));
        g_clear_error(&error);
        ck_assert_uint_eq(st.read, stop);
        ck_assert_int_eq(testutil_int(e.store, "SELECT count(*) FROM commits"), (gint64)stop);
        /* 13 commits in batches of 2 is a bulk load: the index dropped for it is back */
        g_autofree char *indexes = testutil_text(e.store, INDEXES_SQL);
        ck_assert_str_eq(indexes, "commits_by_sha");
        /* and the file stayed in WAL, so readers can read it during the load and after a kill */
        g_autofree char *mode = testutil_text(e.store, "PRAGMA journal_mode");
        ck_assert_str_eq(mode, "wal");
        RheaProduct *p = NULL;
        rhea_store_product_get(e.store, "wordwise", &p, &error);
        ck_assert_ptr_null(p->tip);
        rhea_product_free(p);
        RheaIngestOptions again = {.batch_size = 2, .workers = 2, .worker_chunk = 1};
        ck_assert_int_eq(ingest(&e, "wordwise", &again, &st, &error), 0);
        ck_assert_uint_eq(st.read, 13 - stop);
        g_autofree char *resumed = testutil_text(e.store, INDEXES_SQL);
        ck_assert_str_eq(resumed, "commits_by_sha");
        g_autofree char *got = dump(e.store, "wordwise");
        ck_assert_str_eq(got, want);
        env_free(&e);
    }
    env_free(&clean);
}
END_TEST

/* A worker process reading chunks stores exactly what one process stores: chunks of 1, 2, 3 and 5
 * commits, claimed or dealt alternately, put the split at every place of the sample's branches
 * and merges. */
START_TEST(worker_process_stores_the_same_history)
{
    Env one = env_sample();
    RheaIngestStats st1, st;
    GError *error = NULL;
    RheaIngestOptions o1 = {.workers = 1, .line_stats = TRUE};
    ck_assert_int_eq(ingest(&one, "wordwise", &o1, &st1, &error), 0);
    ck_assert_uint_eq(st1.worker_read, 0);
    g_autofree char *want = dump(one.store, "wordwise");
    guint chunks[] = {1, 2, 3, 5, 1, 2, 3, 5};
    for (guint k = 0; k < G_N_ELEMENTS(chunks); k++) {
        Env e = env_sample();
        gboolean alternate = k >= 4;
        RheaIngestOptions o = {.workers = 2,
                               .worker_chunk = chunks[k],
                               .worker_alternate = alternate,
                               .line_stats = TRUE};
        ck_assert_int_eq(ingest(&e, "wordwise", &o, &st, &error), 0);
        g_autofree char *got = dump(e.store, "wordwise");
        ck_assert_str_eq(got, want);
        ck_assert_uint_eq(st.changes, st1.changes);
        ck_assert_uint_eq(st.read, 13);
        /* dealt: the odd chunks of 13 commits (chunks of 1: 6; of 2: 6, commits 2-3, 6-7, 10-11;
         * of 3: 6, commits 3-5, 9-11; of 5: 5, commits 5-9) */
        guint odd[] = {6, 6, 6, 5};
        if (alternate)
            ck_assert_uint_eq(st.worker_read, odd[k - 4]);
        else
            ck_assert_uint_le(st.worker_read, 13);
        env_free(&e);
    }
    env_free(&one);
}
END_TEST

/* Chunks claimed through the shared counter: the caller asks for 0, 1, 2... in order and reads a
 * chunk only when it claims that chunk itself; a claim past a chunk the worker took makes every
 * chunk up to it the worker's. */
START_TEST(chunks_are_claimed_in_order)
{
    guint claimed = 0;
    gint64 mine = -1;
    ck_assert(rhea_ingest_chunk_is_mine(&claimed, &mine, 0, 8)); /* the caller claims 0 */
    ck_assert_uint_eq(claimed, 1);
    claimed += 2;                                                 /* the worker claims 1 and 2 */
    ck_assert(!rhea_ingest_chunk_is_mine(&claimed, &mine, 1, 8)); /* the caller's claim: 3 */
    ck_assert_int_eq(mine, 3);
    ck_assert(!rhea_ingest_chunk_is_mine(&claimed, &mine, 2, 8)); /* no claim: 2 < 3 */
    ck_assert_uint_eq(claimed, 4);
    ck_assert(rhea_ingest_chunk_is_mine(&claimed, &mine, 3, 8));
    ck_assert_uint_eq(claimed, 4);
    ck_assert(rhea_ingest_chunk_is_mine(&claimed, &mine, 4, 8));  /* unclaimed: the caller's */
    claimed += 3;                                                 /* the worker claims 5, 6 and 7 */
    ck_assert(!rhea_ingest_chunk_is_mine(&claimed, &mine, 5, 8)); /* the caller's claim: 8, none */
    ck_assert_int_eq(mine, 8);
    ck_assert(!rhea_ingest_chunk_is_mine(&claimed, &mine, 6, 8));
    ck_assert(!rhea_ingest_chunk_is_mine(&claimed, &mine, 7, 8));
    ck_assert_uint_eq(claimed, 9);
}
END_TEST

/* The loose object file of id in the repository at path. */
static char *loose_path(const char *repo_path, gboolean bare, const git_oid *id)
{
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, id);
    char dir[3] = {hex[0], hex[1], '\0'};
    return g_build_filename(repo_path, bare ? "" : ".git", "objects", dir, hex + 2, NULL);
}

/* A tree missing in a commit the worker reads: the error names the commit and the folder, the
 * commits before it stay stored whole, and a run after the object is back completes the history. */
START_TEST(worker_read_error_names_the_commit_and_resumes)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *repo_path = g_build_filename(dir, "r", NULL);
    g_autofree char *db_path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(repo_path, FALSE, &error);
    ck_assert_ptr_nonnull(fx);
    git_oid c[4];
    for (int i = 0; i < 4; i++) {
        g_autofree char *path = g_strdup_printf("d%d/x", i);
        rhea_fixture_write(fx, path, path); /* distinct folders: distinct tree ids */
        ck_assert_int_eq(rhea_fixture_commit(fx, "T", "t@x", 1000 + i, 0, "m", &c[i]), 0);
    }
    git_repository *repo = rhea_fixture_repo(fx);
    /* commit 1 (the second, read by the worker with chunks of 1) adds folder d1 */
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    ck_assert_int_eq(git_commit_lookup(&commit, repo, &c[1]), 0);
    ck_assert_int_eq(git_commit_tree(&tree, commit), 0);
    const git_tree_entry *d1 = git_tree_entry_byname(tree, "d1");
    ck_assert_ptr_nonnull(d1);
    g_autofree char *object = loose_path(repo_path, FALSE, git_tree_entry_id(d1));
    git_tree_free(tree);
    git_commit_free(commit);
    g_autofree char *saved = NULL;
    gsize saved_len = 0;
    ck_assert(g_file_get_contents(object, &saved, &saved_len, NULL));
    ck_assert_int_eq(g_remove(object), 0);

    RheaStore *store = rhea_store_open(db_path, &error);
    git_repository *fresh = rhea_repo_open(repo_path, &error);
    ck_assert_ptr_nonnull(fresh);
    RheaIngestOptions o = {.product = "p",
                           .repo_path = repo_path,
                           .workers = 2,
                           .worker_chunk = 1,
                           .worker_alternate = TRUE,
                           .batch_size = 1};
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(store, fresh, &o, &st, &error), -1);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &c[1]);
    g_autofree char *want = g_strdup_printf("commit %s: cannot read tree ", hex);
    ck_assert_msg(strstr(error->message, want), "%s", error->message);
    ck_assert_ptr_nonnull(strstr(error->message, " at 'd1/'"));
    g_clear_error(&error);
    ck_assert_int_eq(testutil_int(store, "SELECT count(*) FROM commits"), 1);

    ck_assert(g_file_set_contents(object, saved, (gssize)saved_len, NULL));
    ck_assert_int_eq(rhea_ingest_run(store, fresh, &o, &st, &error), 0);
    ck_assert_uint_eq(st.read, 3);
    ck_assert_int_eq(testutil_int(store, "SELECT count(*) FROM changes"), 4);
    git_repository_free(fresh);
    rhea_store_close(store);
    rhea_fixture_free(fx);
    testutil_rmtree(dir);
}
END_TEST

/* A re-run costs the new commits: with every stored commit but the tip gone from the repository
 * (so any read of them fails), a run with two new commits still succeeds, and the store answers
 * which commits it holds. */
START_TEST(rerun_reads_nothing_below_the_stored_tip)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *repo_path = g_build_filename(dir, "r.git", NULL);
    g_autofree char *db_path = g_build_filename(dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(repo_path, TRUE, &error);
    git_oid c[5];
    for (int i = 0; i < 5; i++) {
        g_autofree char *body = g_strdup_printf("v%d", i);
        rhea_fixture_write(fx, "f.txt", body);
        ck_assert_int_eq(rhea_fixture_commit(fx, "A", "a@x", 1000 + i, 0, body, &c[i]), 0);
        if (i == 2) {
            RheaStore *store = rhea_store_open(db_path, &error);
            git_repository *repo = rhea_repo_open(repo_path, &error);
            RheaIngestOptions o = {.product = "p", .repo_path = repo_path};
            RheaIngestStats st;
            ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
            git_repository_free(repo);
            rhea_store_close(store);
        }
    }
    for (int i = 0; i < 2; i++) {
        g_autofree char *object = loose_path(repo_path, TRUE, &c[i]);
        ck_assert_int_eq(g_remove(object), 0);
    }
    RheaStore *store = rhea_store_open(db_path, &error);
    git_repository *repo = rhea_repo_open(repo_path, &error);
    RheaIngestOptions o = {.product = "p", .repo_path = repo_path};
    RheaIngestStats st;
    ck_assert_msg(rhea_ingest_run(store, repo, &o, &st, &error) == 0, "%s",
                  error ? error->message : "");
    ck_assert_uint_eq(st.walked, 2);
    ck_assert_uint_eq(st.read, 2);
    ck_assert_uint_eq(st.stored, 5);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &c[0]);
    ck_assert_int_eq(rhea_store_has_commit(store, "p", hex, &error), 1);
    ck_assert_int_eq(rhea_store_has_commit(store, "other", hex, &error), 0);
    ck_assert_int_eq(rhea_store_has_commit(store, "p", "0123", &error), 0);
    ck_assert_int_eq(rhea_store_commit_count(store, "p", &error), 5);
    ck_assert_int_eq(rhea_store_commit_count(store, "other", &error), 0);
    /* the count is recorded with the tip, read back by the next run, and not used when it was
     * recorded for another tip */
    char tip[GIT_OID_HEXSZ + 1], old_tip[GIT_OID_HEXSZ + 1];
    git_oid_tostr(tip, sizeof tip, &c[4]);
    git_oid_tostr(old_tip, sizeof old_tip, &c[2]);
    ck_assert_int_eq(testutil_int(store, "SELECT commits FROM product_counts WHERE product = 'p'"),
                     5);
    ck_assert_int_eq(rhea_store_count_record(store, "p", tip, 7, &error), 0);
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert_uint_eq(st.stored, 7); /* taken as recorded: the stored commits are not counted */
    ck_assert_int_eq(rhea_store_count_record(store, "p", old_tip, 99, &error), 0);
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 0);
    ck_assert_uint_eq(st.stored, 5);
    git_repository_free(repo);
    rhea_store_close(store);
    rhea_fixture_free(fx);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(empty_repository_stores_nothing)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db_path = g_build_filename(dir, "r.sqlite", NULL);
    g_autofree char *repo_path = g_build_filename(dir, "empty", NULL);
    git_repository *repo = NULL;
    ck_assert_int_eq(git_repository_init(&repo, repo_path, 0), 0);
    GError *error = NULL;
    RheaStore *store = rhea_store_open(db_path, &error);
    RheaIngestOptions o = {.product = "p", .repo_path = repo_path};
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(store, repo, &o, &st, &error), 1);
    ck_assert_int_eq(testutil_int(store, "SELECT count(*) FROM products"), 0);
    git_repository_free(repo);
    rhea_store_close(store);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(products_share_one_database)
{
    Env e = env_sample();
    RheaIngestStats st;
    GError *error = NULL;
    ck_assert_int_eq(ingest(&e, "one", NULL, &st, &error), 0);
    /* a new connection, so the second product finds the paths in the table, not in the
     * connection's memory */
    rhea_store_close(e.store);
    e.store = rhea_store_open(e.db_path, &error);
    ck_assert_ptr_nonnull(e.store);
    ck_assert_int_eq(ingest(&e, "two", NULL, &st, &error), 0);
    ck_assert_uint_eq(st.read, 13);
    ck_assert_int_eq(testutil_int(e.store, "SELECT count(*) FROM commits"), 26);
    /* paths are shared, not duplicated, and the second product's changes name the same paths
     * (its rows reuse the first product's path ids) */
    ck_assert_int_eq(testutil_int(e.store, "SELECT count(*) FROM paths"), 11);
    const char *pairs = "SELECT c.sha || ' ' || ch.kind || ' ' || p.path FROM changes ch"
                        " JOIN commits c ON c.cid = ch.cid JOIN paths p ON p.pid = ch.pid"
                        " WHERE c.product = '%s' ORDER BY 1";
    g_autofree char *q1 = g_strdup_printf(pairs, "one");
    g_autofree char *q2 = g_strdup_printf(pairs, "two");
    g_autofree char *one = testutil_rows(e.store, q1);
    g_autofree char *two = testutil_rows(e.store, q2);
    ck_assert_uint_gt(strlen(one), 100);
    ck_assert_str_eq(one, two);
    GPtrArray *ids = rhea_store_product_list(e.store, &error);
    ck_assert_uint_eq(ids->len, 2);
    g_ptr_array_free(ids, TRUE);
    env_free(&e);
}
END_TEST

/* A load drops the indexes and builds them again at its end only when it brings at least as many
 * commits as the database holds: a small product folded into a large study inserts into them
 * instead of sorting every product's rows again. Either way the rows are the same. */
START_TEST(a_small_product_in_a_large_database_keeps_the_indexes)
{
    Env e = env_sample();
    RheaIngestStats st;
    GError *error = NULL;
    const char *names[] = {"one", "two", "three"};
    const gboolean bulk[] = {TRUE, TRUE, FALSE}; /* 13 >= 0, 13 >= 13, 13 < 26 */
    for (int i = 0; i < 3; i++) {
        RheaIngestOptions o = {.batch_size = 2};
        ck_assert_int_eq(ingest(&e, names[i], &o, &st, &error), 0);
        ck_assert_uint_eq(st.read, 13);
        ck_assert_int_eq(st.bulk, bulk[i]);
        g_autofree char *indexes = testutil_text(e.store, INDEXES_SQL);
        ck_assert_str_eq(indexes, "commits_by_sha");
    }
    g_autofree char *one = dump(e.store, "one");
    g_autofree char *three = dump(e.store, "three");
    ck_assert_str_eq(one, three);
    /* the index holds every product's commits, the third's too: a lookup through it finds them */
    ck_assert_int_eq(testutil_int(e.store, "SELECT count(*) FROM commits INDEXED BY commits_by_sha"
                                           " WHERE product = 'three'"),
                     13);
    env_free(&e);
}
END_TEST

/* A live process's ingest mark refuses a second writer of the same product before it plans (its
 * bulk load may have dropped the unique index); a dead process's mark is an interrupted run to
 * resume; another product is not held up. */
START_TEST(a_live_writer_of_the_product_is_refused)
{
    Env e = env_sample();
    RheaIngestStats st;
    GError *error = NULL;
    g_autofree char *live = g_strdup_printf("%s %ld", g_get_host_name(), (long)getppid());
    ck_assert_int_eq(rhea_store_setting_set(e.store, "ingest:p", live, &error), 0);
    ck_assert_int_eq(ingest(&e, "p", NULL, &st, &error), -1);
    ck_assert_ptr_nonnull(error);
    g_autofree char *want = g_strdup_printf("another rhea process (%s) is storing product", live);
    ck_assert_msg(strstr(error->message, want) != NULL, "%s", error->message);
    ck_assert_ptr_nonnull(strstr(error->message, "let it finish, then run again"));
    g_clear_error(&error);
    ck_assert_int_eq(testutil_int(e.store, "SELECT count(*) FROM commits"), 0);
    ck_assert_int_eq(ingest(&e, "q", NULL, &st, &error), 0);
    /* a child that has exited and been reaped: its id is free, so the mark is stale */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(child, NULL, 0), child);
    g_autofree char *dead = g_strdup_printf("%s %ld", g_get_host_name(), (long)child);
    ck_assert_int_eq(rhea_store_setting_set(e.store, "ingest:p", dead, &error), 0);
    ck_assert_int_eq(ingest(&e, "p", NULL, &st, &error), 0);
    ck_assert_uint_eq(st.read, 13);
    env_free(&e);
}
END_TEST

int main(void)
{
    git_libgit2_init();
    Suite *s = suite_create("ingest");
    TCase *tc = tcase_create("ingest");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, sample_history_is_stored_as_written);
    tcase_add_test(tc, worker_process_stores_the_same_history);
    tcase_add_test(tc, chunks_are_claimed_in_order);
    tcase_add_test(tc, worker_read_error_names_the_commit_and_resumes);
    tcase_add_test(tc, rerun_reads_nothing_below_the_stored_tip);
    tcase_add_test(tc, line_stats_count_lines_and_leave_binaries_null);
    tcase_add_test(tc, second_run_reads_only_new_commits);
    tcase_add_test(tc, rewritten_history_is_read_again_from_scratch);
    tcase_add_test(tc, interrupted_run_resumes_to_the_same_content);
    tcase_add_test(tc, empty_repository_stores_nothing);
    tcase_add_test(tc, products_share_one_database);
    tcase_add_test(tc, a_small_product_in_a_large_database_keeps_the_indexes);
    tcase_add_test(tc, a_live_writer_of_the_product_is_refused);
    suite_add_tcase(s, tc);
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
