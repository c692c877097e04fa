/* evidence_fixture.c: see evidence_fixture.h. */
#include "tests/evidence_fixture.h"

#include <check.h>

#include "engine/ingest.h"
#include "engine/repo.h"
#include "tests/testutil.h"

EvidenceEnv evidence_env_new(void)
{
    EvidenceEnv e = {0};
    e.dir = testutil_tmpdir();
    e.repo_path = g_build_filename(e.dir, "repo", NULL);
    e.db_path = g_build_filename(e.dir, "r.sqlite", NULL);
    GError *error = NULL;
    e.catalog = rhea_evidence_catalog_load("classifiers/evidence.tsv", &error);
    ck_assert_msg(e.catalog != NULL, "%s", error ? error->message : "");
    e.fx = rhea_fixture_new(e.repo_path, FALSE, &error);
    ck_assert_msg(e.fx != NULL, "%s", error ? error->message : "");
    return e;
}

void evidence_env_ingest(EvidenceEnv *e, const char *rules_text)
{
    GError *error = NULL;
    ck_assert_int_eq(rhea_fixture_finish(e->fx, &error), 0);
    e->fx = NULL;
    e->store = rhea_store_open(e->db_path, &error);
    ck_assert_ptr_nonnull(e->store);
    git_repository *repo = rhea_repo_open(e->repo_path, &error);
    ck_assert_ptr_nonnull(repo);
    RheaIngestOptions o = {.product = "p", .repo_path = e->repo_path};
    if (rules_text) {
        o.rules_path = "p.rules";
        o.rules_text = rules_text;
    }
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(e->store, repo, &o, &st, &error), 0);
    git_repository_free(repo);
}

RheaEvidence *evidence_env_collect(EvidenceEnv *e, gint64 before, const char *commit)
{
    g_autoptr(GError) error = NULL;
    RheaEvidenceOptions o = {.before = before, .commit = commit};
    RheaEvidence *ev = rhea_evidence_collect(e->store, "p", e->catalog, &o, &error);
    ck_assert_msg(ev != NULL, "%s", error ? error->message : "");
    return ev;
}

RheaEvidence *evidence_env_one_commit(EvidenceEnv *e, const char *message, const char *rules_text,
                                      const EvidenceFile *files)
{
    int rc = 0;
    for (const EvidenceFile *f = files; f->path; f++)
        rc |= rhea_fixture_write(e->fx, f->path, f->text);
    rc |= rhea_fixture_commit(e->fx, AUTHOR, T2020, 0, message, NULL);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(e, rules_text);
    return evidence_env_collect(e, -1, NULL);
}

void evidence_env_free(EvidenceEnv *e)
{
    rhea_fixture_free(e->fx); /* a test that failed before ingesting */
    rhea_store_close(e->store);
    rhea_evidence_catalog_free(e->catalog);
    testutil_rmtree(e->dir);
    g_free(e->dir);
    g_free(e->repo_path);
    g_free(e->db_path);
}
