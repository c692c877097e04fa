/* evidence_fixture.h: the fixture of the evidence tests (test_evidence, test_evidence_rules): a
 * repository written with libgit2 (samples/fixture.h) in a temporary folder, ingested as product
 * "p" into a store beside it, and the shipped catalog (classifiers/evidence.tsv) to read it. */
#pragma once
#include <glib.h>

#include "classifiers/evidence.h"
#include "engine/store.h"
#include "samples/fixture.h"

#define AUTHOR "Ann", "ann@example.com"
#define DAY 86400
#define T2020 1577836800 /* 2020-01-01T00:00:00Z */

typedef struct {
    char *dir, *repo_path, *db_path;
    RheaStore *store; /* once ingested */
    RheaEvidenceCatalog *catalog;
    RheaFixture *fx; /* the repository being written; NULL once ingested */
} EvidenceEnv;

/* A text file of a one-commit repository; a list of them ends with {0}. */
typedef struct {
    const char *path, *text;
} EvidenceFile;

/* A new folder with an empty repository to write and the catalog; the test fails when any step
 * does, here as in the rest. */
EvidenceEnv evidence_env_new(void);
/* Checks out what was committed and ingests it with the rules (NULL: none). */
void evidence_env_ingest(EvidenceEnv *e, const char *rules_text);
/* The evidence of the ingested product: RheaEvidenceOptions' before and commit. */
RheaEvidence *evidence_env_collect(EvidenceEnv *e, gint64 before, const char *commit);
/* files, with what the test wrote on e->fx before (a binary file), committed by AUTHOR at T2020
 * with message and ingested with the rules: the evidence at the tip. */
RheaEvidence *evidence_env_one_commit(EvidenceEnv *e, const char *message, const char *rules_text,
                                      const EvidenceFile *files);
void evidence_env_free(EvidenceEnv *e);
