/* test_evidence_cache.c: stored evidence (classifiers/evidence_cache.h, evidence_codec.h) on a
 * fixture repository built with libgit2. The reference is always rhea_evidence_collect run
 * directly on the same inputs: what comes back from the store must equal it field by field, and
 * an entry planted under a key (a "poisoned" one, whose first hit's text says POISON) proves which
 * lookups read the store: the same inputs must return it, and each changed input (rules,
 * catalog, window, size cap, tip) must not. */
#include <check.h>
#include <string.h>

#include "classifiers/evidence_cache.h"
#include "classifiers/evidence_codec.h"
#include "engine/build_id.h"
#include "engine/error.h"
#include "engine/ingest.h"
#include "engine/repo.h"
#include "engine/store_evidence_cache.h"
#include "samples/fixture.h"
#include "tests/testutil.h"

#define AUTHOR "Ann", "ann@example.com"
#define DAY 86400
#define T2020 1577836800 /* 2020-01-01T00:00:00Z */
#define CATALOG "classifiers/evidence.tsv"

typedef struct {
    char *dir, *repo_path, *db_path;
    RheaStore *store;
    RheaEvidenceCatalog *catalog;
    RheaFixture *fx;            /* a bare repository: evidence reads trees, not a work tree */
    char first[41], second[41]; /* the fixture's commits */
} Env;

static void ingest(Env *e)
{
    GError *error = NULL;
    git_repository *repo = rhea_repo_open(e->repo_path, &error);
    ck_assert_ptr_nonnull(repo);
    RheaIngestOptions o = {.product = "p", .repo_path = e->repo_path};
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(e->store, repo, &o, &st, &error), 0);
    git_repository_free(repo);
}

/* 2020-01-01 train.py (torch, an optimizer) and a file under a non-UTF-8 folder name;
 * 2020-06-01 gui.py (Tkinter) and a README with an Ethics heading. */
static Env env_new(void)
{
    Env e = {0};
    GError *error = NULL;
    e.dir = testutil_tmpdir();
    e.repo_path = g_build_filename(e.dir, "repo", NULL);
    e.db_path = g_build_filename(e.dir, "r.sqlite", NULL);
    e.catalog = rhea_evidence_catalog_load(CATALOG, &error);
    ck_assert_msg(e.catalog != NULL, "%s", error ? error->message : "");
    RheaFixture *fx = e.fx = rhea_fixture_new(e.repo_path, TRUE, &error);
    ck_assert_ptr_nonnull(fx);
    git_oid c1, c2;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "train.py",
                             "import torch\n\nopt = torch.optim.Adam(net.parameters())\n");
    rc |= rhea_fixture_write(fx, "caf\xe9/model.py", "import sklearn\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "model", &c1);
    rc |= rhea_fixture_write(fx, "gui.py", "import tkinter as tk\nroot = tk.Tk()\n");
    rc |= rhea_fixture_write(fx, "README.md", "# Tool\n## Ethics\nBe kind.\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 152 * DAY, 0, "gui", &c2);
    ck_assert_int_eq(rc, 0);
    git_oid_tostr(e.first, sizeof e.first, &c1);
    git_oid_tostr(e.second, sizeof e.second, &c2);
    e.store = rhea_store_open(e.db_path, &error);
    ck_assert_ptr_nonnull(e.store);
    ingest(&e);
    return e;
}

static void env_free(Env *e)
{
    rhea_store_close(e->store);
    rhea_evidence_catalog_free(e->catalog);
    rhea_fixture_free(e->fx);
    testutil_rmtree(e->dir);
    g_free(e->dir);
    g_free(e->repo_path);
    g_free(e->db_path);
}

static void assert_same(const RheaEvidence *a, const RheaEvidence *b)
{
    ck_assert_str_eq(a->product, b->product);
    ck_assert_str_eq(a->commit, b->commit);
    ck_assert_int_eq(a->time, b->time);
    ck_assert_uint_eq(a->files, b->files);
    ck_assert_uint_eq(a->files_read, b->files_read);
    ck_assert_uint_eq(a->skipped_large, b->skipped_large);
    ck_assert_uint_eq(a->skipped_binary, b->skipped_binary);
    ck_assert_uint_eq(a->skipped_excluded, b->skipped_excluded);
    ck_assert_uint_eq(a->missing_blobs, b->missing_blobs);
    ck_assert_uint_eq(a->hits->len, b->hits->len);
    for (guint i = 0; i < a->hits->len; i++) {
        const RheaEvidenceHit *x = g_ptr_array_index(a->hits, i),
                              *y = g_ptr_array_index(b->hits, i);
        ck_assert_uint_eq(x->entry, y->entry);
        ck_assert_ptr_eq(x->e, y->e);
        ck_assert_str_eq(x->path, y->path);
        ck_assert_uint_eq(x->line, y->line);
        ck_assert_str_eq(x->text, y->text);
        ck_assert_pstr_eq(x->first_commit, y->first_commit);
        ck_assert_int_eq(x->first_time, y->first_time);
    }
}

static RheaEvidence *direct(Env *e, const RheaEvidenceCatalog *c, const RheaEvidenceOptions *o)
{
    g_autoptr(GError) error = NULL;
    RheaEvidence *ev = rhea_evidence_collect(e->store, "p", c, o, &error);
    ck_assert_msg(ev != NULL, "%s", error ? error->message : "");
    return ev;
}

static RheaEvidence *get(Env *e, const RheaEvidenceCatalog *c, const RheaEvidenceOptions *o)
{
    g_autoptr(GError) error = NULL, not_stored = NULL;
    RheaEvidence *ev = rhea_evidence_get(e->store, TRUE, "p", c, o, &not_stored, &error);
    ck_assert_msg(ev != NULL, "%s", error ? error->message : "");
    ck_assert_ptr_null(not_stored);
    return ev;
}

static gboolean poisoned(const RheaEvidence *ev)
{
    return ev->hits->len > 0 &&
           strcmp(((RheaEvidenceHit *)g_ptr_array_index(ev->hits, 0))->text, "POISON") == 0;
}

/* The request of product p for o; the test fails when there is none. */
static RheaEvidenceRequest *request(Env *e, const RheaEvidenceCatalog *c,
                                    const RheaEvidenceOptions *o)
{
    g_autoptr(GError) error = NULL;
    RheaEvidenceRequest *r = rhea_evidence_request_new(e->store, "p", c, o, &error);
    ck_assert_ptr_nonnull(r);
    return r;
}

/* The encoding of the evidence computed for o with its first hit's text set to POISON. */
static GBytes *poisoned_encoding(Env *e, const RheaEvidenceCatalog *c, const RheaEvidenceOptions *o)
{
    g_autoptr(RheaEvidence) ev = direct(e, c, o);
    ck_assert_uint_gt(ev->hits->len, 0);
    RheaEvidenceHit *h = g_ptr_array_index(ev->hits, 0);
    g_free(h->text);
    h->text = g_strdup("POISON");
    return rhea_evidence_encode(ev);
}

/* Stores it under o's key. */
static void poison(Env *e, const RheaEvidenceCatalog *c, const RheaEvidenceOptions *o)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceRequest) r = request(e, c, o);
    g_autoptr(GBytes) data = poisoned_encoding(e, c, o);
    ck_assert_int_eq(
        rhea_store_evidence_cache_put(e->store, rhea_evidence_request_key(r), data, &error), 0);
}

/* A lookup whose key differs from the planted entry's in one input: it must miss it, and what it
 * computes afresh must equal the direct reference. Returns it for the case's own checks. */
static RheaEvidence *expect_miss(Env *e, const RheaEvidenceCatalog *c, const RheaEvidenceOptions *o)
{
    RheaEvidence *got = get(e, c, o);
    g_autoptr(RheaEvidence) want = direct(e, c, o);
    ck_assert(!poisoned(got));
    assert_same(got, want);
    return got;
}

static gint64 entries(Env *e)
{
    g_autoptr(GError) error = NULL;
    return rhea_store_evidence_cache_count(e->store, "p", &error);
}

/* Encoding then decoding gives back every field, a non-UTF-8 path's bytes included. */
START_TEST(codec_round_trip)
{
    Env e = env_new();
    RheaEvidenceOptions o = {.before = -1};
    g_autoptr(RheaEvidence) ev = direct(&e, e.catalog, &o);
    gboolean latin1 = FALSE;
    for (guint i = 0; i < ev->hits->len; i++)
        latin1 |=
            !strcmp(((RheaEvidenceHit *)g_ptr_array_index(ev->hits, i))->path, "caf\xe9/model.py");
    ck_assert(latin1); /* the fixture's scikit-learn import is a hit */
    ck_assert_uint_ge(ev->hits->len, 5);
    g_autoptr(GBytes) data = rhea_evidence_encode(ev);
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidence) back = rhea_evidence_decode(data, "p", e.catalog, &error);
    ck_assert_msg(back != NULL, "%s", error ? error->message : "");
    assert_same(ev, back);
    /* an entry index the catalog does not have: refused, not read out of bounds */
    const char *one = "2\tml_library\tPyTorch\tpython\t\\bimport torch\\b\tPyTorch imported\n";
    g_autoptr(RheaEvidenceCatalog) tiny =
        rhea_evidence_catalog_parse(one, strlen(one), "t", &error);
    ck_assert_msg(tiny != NULL, "%s", error ? error->message : "");
    g_clear_error(&error);
    ck_assert_ptr_null(rhea_evidence_decode(data, "p", tiny, &error));
    ck_assert_ptr_nonnull(strstr(error->message, "damaged"));
    g_clear_error(&error);
    /* bytes that are not an encoding at all */
    g_autoptr(GBytes) junk = g_bytes_new_static("not evidence", 12);
    ck_assert_ptr_null(rhea_evidence_decode(junk, "p", e.catalog, &error));
    env_free(&e);
}
END_TEST

/* The same inputs read the stored entry; each changed input is a miss that computes afresh. */
START_TEST(every_input_is_in_the_key)
{
    Env e = env_new();
    RheaEvidenceOptions o = {.before = -1};
    g_autoptr(RheaEvidence) first = get(&e, e.catalog, &o);
    g_autoptr(RheaEvidence) want = direct(&e, e.catalog, &o);
    assert_same(first, want);
    ck_assert_int_eq(entries(&e), 1);
    poison(&e, e.catalog, &o);
    ck_assert_int_eq(entries(&e), 1); /* replaced, same key */
    g_autoptr(RheaEvidence) same = get(&e, e.catalog, &o);
    ck_assert(poisoned(same));

    /* the rules file: another text (one that changes nothing found) is another key */
    g_autofree char *rules = g_build_filename(e.dir, "p.rules", NULL);
    ck_assert(g_file_set_contents(rules, "exclude nothing-here/**\n", -1, NULL));
    RheaEvidenceOptions ro = {.before = -1, .rules_path = rules};
    rhea_evidence_free(expect_miss(&e, e.catalog, &ro)); /* the miss is the check */
    ck_assert_int_eq(entries(&e), 2);

    /* the catalog: the same entries plus a comment line is another text, another key */
    g_autofree char *text = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents(CATALOG, &text, &len, NULL));
    g_autofree char *commented = g_strconcat(text, "# one more comment\n", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceCatalog) other =
        rhea_evidence_catalog_parse(commented, strlen(commented), "other", &error);
    ck_assert_ptr_nonnull(other);
    ck_assert_str_ne(rhea_evidence_catalog_sha256(other), rhea_evidence_catalog_sha256(e.catalog));
    rhea_evidence_free(expect_miss(&e, other, &o)); /* the miss is the check */

    /* the window: a date between the two commits reads the first commit's tree */
    RheaEvidenceOptions wo = {.before = T2020 + 60 * DAY};
    g_autoptr(RheaEvidence) by_window = expect_miss(&e, e.catalog, &wo);
    ck_assert_str_eq(by_window->commit, e.first);
    /* a date after the tip resolves to the tip's commit: the same key, the planted entry */
    RheaEvidenceOptions late = {.before = T2020 + 400 * DAY};
    g_autoptr(RheaEvidence) by_late = get(&e, e.catalog, &late);
    ck_assert(poisoned(by_late));
    /* --commit naming the tip: the same key too */
    RheaEvidenceOptions co = {.before = -1, .commit = e.second};
    g_autoptr(RheaEvidence) by_commit = get(&e, e.catalog, &co);
    ck_assert(poisoned(by_commit));

    /* the size cap */
    RheaEvidenceOptions so = {.before = -1, .max_size = 20};
    g_autoptr(RheaEvidence) by_size = expect_miss(&e, e.catalog, &so);
    ck_assert_uint_gt(by_size->skipped_large, 0);

    /* the tip: a new commit ingested; the window's end is still the old tip's commit when it
     * is given by date, yet the history that dates each hit changed, so it is a miss */
    ck_assert_int_eq(rhea_fixture_write(e.fx, "notes.txt", "later\n"), 0);
    ck_assert_int_eq(rhea_fixture_commit(e.fx, AUTHOR, T2020 + 500 * DAY, 0, "notes", NULL), 0);
    ingest(&e);
    g_autoptr(RheaEvidence) by_tip = expect_miss(&e, e.catalog, &late);
    ck_assert_str_eq(by_tip->commit, e.second);
    /* the entries of the old tip can never match again: storing dropped them */
    ck_assert_int_eq(entries(&e), 1);
    env_free(&e);
}
END_TEST

/* Another build's entry (its id differs, as after any change to rhea's sources) is never read,
 * and storing this build's entry drops it. */
START_TEST(another_build_is_a_miss)
{
    Env e = env_new();
    RheaEvidenceOptions o = {.before = -1};
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceRequest) r = request(&e, e.catalog, &o);
    g_autoptr(GBytes) data = poisoned_encoding(&e, e.catalog, &o);
    RheaEvidenceCacheKey other = *rhea_evidence_request_key(r);
    g_autofree char *old_build = g_strconcat(other.build, " (an older build)", NULL);
    other.build = old_build;
    ck_assert_int_eq(rhea_store_evidence_cache_put(e.store, &other, data, &error), 0);
    ck_assert_int_eq(entries(&e), 1);
    rhea_evidence_free(expect_miss(&e, e.catalog, &o)); /* the miss is the check */
    ck_assert_int_eq(entries(&e), 1);                   /* the older build's entry is gone */
    env_free(&e);
}
END_TEST

/* A damaged entry is a miss: the evidence is computed and the entry replaced. */
START_TEST(damaged_entry_is_computed_again)
{
    Env e = env_new();
    RheaEvidenceOptions o = {.before = -1};
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceRequest) r = request(&e, e.catalog, &o);
    g_autoptr(GBytes) junk = g_bytes_new_static("\x01\x02garbage", 9);
    ck_assert_int_eq(
        rhea_store_evidence_cache_put(e.store, rhea_evidence_request_key(r), junk, &error), 0);
    ck_assert_ptr_null(rhea_evidence_request_lookup(e.store, r, e.catalog, &error));
    ck_assert_ptr_null(error);
    g_autoptr(RheaEvidence) got = get(&e, e.catalog, &o);
    g_autoptr(RheaEvidence) want = direct(&e, e.catalog, &o);
    assert_same(got, want);
    g_autoptr(RheaEvidence) again = rhea_evidence_request_lookup(e.store, r, e.catalog, &error);
    ck_assert_ptr_nonnull(again);
    assert_same(again, want);
    env_free(&e);
}
END_TEST

/* No tip (an ingest that did not finish): computed, never stored. Not kept: never stored. */
START_TEST(what_is_not_stored)
{
    Env e = env_new();
    RheaEvidenceOptions o = {.before = -1};
    g_autoptr(GError) error = NULL, not_stored = NULL;
    g_autoptr(RheaEvidence) unkept =
        rhea_evidence_get(e.store, FALSE, "p", e.catalog, &o, &not_stored, &error);
    ck_assert_ptr_nonnull(unkept);
    ck_assert_int_eq(entries(&e), 0);
    ck_assert_int_eq(rhea_store_product_set_tip(e.store, "p", NULL, &error), 0);
    g_autoptr(RheaEvidence) incomplete = get(&e, e.catalog, &o);
    g_autoptr(RheaEvidence) want = direct(&e, e.catalog, &o);
    assert_same(incomplete, want);
    ck_assert_int_eq(entries(&e), 0);
    g_autoptr(RheaEvidenceRequest) r =
        rhea_evidence_request_new(e.store, "p", e.catalog, &o, &error);
    ck_assert_ptr_null(rhea_evidence_request_key(r));
    env_free(&e);
}
END_TEST

/* The build id names the version, the sources' digest and the libraries. */
START_TEST(build_id_has_every_part)
{
    const char *id = rhea_build_id();
    g_auto(GStrv) parts = g_strsplit(id, " ", -1);
    ck_assert_uint_eq(g_strv_length(parts), 5);
    const char *plus = strchr(parts[0], '+');
    ck_assert_ptr_nonnull(plus);
    ck_assert_uint_eq(strlen(plus + 1), 64); /* SHA-256 in hex */
    ck_assert_str_eq(parts[1], "libgit2");
    ck_assert_str_eq(parts[3], "glib");
    ck_assert_ptr_eq(rhea_build_id(), id);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("evidence_cache");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, codec_round_trip);
    tcase_add_test(tc, every_input_is_in_the_key);
    tcase_add_test(tc, another_build_is_a_miss);
    tcase_add_test(tc, damaged_entry_is_computed_again);
    tcase_add_test(tc, what_is_not_stored);
    tcase_add_test(tc, build_id_has_every_part);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
