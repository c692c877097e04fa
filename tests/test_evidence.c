/* test_evidence.c: evidence and verdicts on fixture repositories built with libgit2, whose files,
 * dates and expected verdicts are listed by hand in each test; judgments files and their errors. */
#include <check.h>
#include <string.h>

#include "classifiers/evidence.h"
#include "engine/error.h"
#include "metrics/judgments.h"
#include "metrics/evidence_verdicts.h"
#include "tests/evidence_fixture.h"
#include "tests/testutil.h"

/* The hit of entry name (kind/...) at path, or NULL. */
static const RheaEvidenceHit *hit(const RheaEvidence *ev, const char *name, const char *path)
{
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        if (!strcmp(h->e->name, name) && !strcmp(h->path, path))
            return h;
    }
    return NULL;
}

static const char *verdict(const RheaEvidenceVerdicts *v, const char *key)
{
    const RheaEvidenceVerdict *x = rhea_evidence_verdicts_get(v, key);
    ck_assert_ptr_nonnull(x);
    return x->value;
}

static void hex(const git_oid *oid, char out[41])
{
    git_oid_tostr(out, 41, oid);
}

/* Model first: 2020-01-01 a training script (torch, an optimizer); 2020-06-01 a Tkinter GUI;
 * 2020-07-01 a README with an Ethics heading and a sentence naming tensorflow, a vendored
 * tfjs import, and a test. By hand: trajectory model-first (152 days > 30), first ML 2020-01-01,
 * first UI 2020-06-01, model source self-trained (no pre-trained model, API or URL), pipeline
 * manual steps (training, no automation, no GUI action), responsible AI yes (the Ethics heading),
 * software tests yes, no TensorFlow hit (README prose, a vendored file). */
START_TEST(model_first_self_trained)
{
    EvidenceEnv e = evidence_env_new();
    RheaFixture *fx = e.fx;
    git_oid c1, c2;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "train.py",
                             "import torch\n\nopt = torch.optim.Adam(net.parameters())\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "model", &c1);
    rc |= rhea_fixture_write(fx, "gui.py", "# a window\nimport tkinter as tk\nroot = tk.Tk()\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 152 * DAY, 0, "gui", &c2);
    rc |= rhea_fixture_write(fx, "README.md",
                             "# Tool\nUses tensorflow.\nimport tensorflow\n"
                             "## Ethics\nBe kind.\n");
    rc |= rhea_fixture_write(fx, "node_modules/x/index.js",
                             "import * as tf from '@tensorflow/tfjs';\n");
    rc |=
        rhea_fixture_write(fx, "tests/test_train.py", "import pytest\n\ndef test_x():\n    pass\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 182 * DAY, 0, "docs", NULL);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, NULL);

    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    char h1[41], h2[41];
    hex(&c1, h1);
    hex(&c2, h2);
    const RheaEvidenceHit *torch = hit(ev, "PyTorch", "train.py");
    ck_assert_ptr_nonnull(torch);
    ck_assert_uint_eq(torch->line, 1);
    ck_assert_str_eq(torch->first_commit, h1);
    const RheaEvidenceHit *opt = hit(ev, "PyTorch optimizer", "train.py");
    ck_assert_ptr_nonnull(opt);
    ck_assert_uint_eq(opt->line, 3);
    const RheaEvidenceHit *tk = hit(ev, "Tkinter", "gui.py");
    ck_assert_ptr_nonnull(tk);
    ck_assert_uint_eq(tk->line, 2); /* the comment on line 1 is not an import */
    ck_assert_str_eq(tk->first_commit, h2);
    ck_assert_str_eq(tk->text, "import tkinter as tk");
    ck_assert_ptr_null(hit(ev, "TensorFlow", "README.md"));
    ck_assert_ptr_null(hit(ev, "TensorFlow.js", "node_modules/x/index.js"));
    ck_assert_ptr_nonnull(hit(ev, "Ethics section", "README.md"));
    ck_assert_uint_eq(ev->skipped_excluded, 1); /* node_modules */
    ck_assert_uint_eq(ev->files, 5);

    g_autoptr(RheaEvidenceVerdicts) v =
        rhea_evidence_verdicts_compute(ev, RHEA_TRAJECTORY_DEFAULT_DAYS, NULL);
    ck_assert_str_eq(verdict(v, "trajectory"), "model-first");
    g_autofree char *d1 = rhea_evidence_verdicts_date(v->first_ml),
                    *d2 = rhea_evidence_verdicts_date(v->first_ui);
    ck_assert_str_eq(d1, "2020-01-01");
    ck_assert_str_eq(d2, "2020-06-01");
    ck_assert_str_eq(verdict(v, "model_source"), "self-trained");
    ck_assert_str_eq(verdict(v, "pipeline"), "manual steps");
    ck_assert_str_eq(verdict(v, "responsible_ai"), "yes");
    ck_assert_str_eq(verdict(v, "software_tests"), "yes");
    ck_assert_str_eq(verdict(v, "multiple_models"), "no");
    ck_assert_str_eq(verdict(v, "telemetry"), "no");
    ck_assert_str_eq(verdict(v, "retraining"), "none");
    /* a threshold above the gap makes it "together" */
    g_autoptr(RheaEvidenceVerdicts) v200 = rhea_evidence_verdicts_compute(ev, 200, NULL);
    ck_assert_str_eq(verdict(v200, "trajectory"), "together");

    /* --at 2020-03-01: the tree of the first commit; no UI yet */
    g_autoptr(RheaEvidence) early = evidence_env_collect(&e, T2020 + 60 * DAY, NULL);
    ck_assert_str_eq(early->commit, h1);
    g_autoptr(RheaEvidenceVerdicts) ve = rhea_evidence_verdicts_compute(early, 30, NULL);
    ck_assert_str_eq(verdict(ve, "trajectory"), "unknown");
    /* --commit: the same */
    g_autoptr(RheaEvidence) byid = evidence_env_collect(&e, -1, h1);
    ck_assert_str_eq(byid->commit, h1);
    ck_assert_uint_eq(byid->hits->len, early->hits->len);
    evidence_env_free(&e);
}
END_TEST

/* Product first: 2020-01-01 a Flask app and an HTML page; 2020-09-01 the Flask app gains a
 * Transformers pipeline, and two model files arrive (an ONNX and a TFLite model). By hand:
 * product-first (UI 244 days before ML), third-party (model files, no training; Transformers is a
 * framework, ml_library, so it names no model), multiple models (2 model files), and the
 * Transformers hit in
 * app.py is dated by the third commit, where its line appeared, not by the file's creation. */
START_TEST(product_first_third_party)
{
    EvidenceEnv e = evidence_env_new();
    RheaFixture *fx = e.fx;
    git_oid c3;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "app.py", "from flask import Flask\napp = Flask(__name__)\n");
    rc |= rhea_fixture_write(fx, "web/index.html", "<!DOCTYPE html>\n<html><body></body></html>\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "web app", NULL);
    rc |=
        rhea_fixture_write(fx, "web/index.html", "<!DOCTYPE html>\n<html><body>hi</body></html>\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 10 * DAY, 0, "edit", NULL);
    rc |= rhea_fixture_write(fx, "app.py",
                             "from flask import Flask\nfrom transformers import "
                             "pipeline\napp = Flask(__name__)\n");
    rc |= rhea_fixture_write_mode(fx, "models/a.onnx", "\x08\x01\x00\x02", 4, 0);
    rc |= rhea_fixture_write_mode(fx, "models/b.tflite", "TFL3\x00\x01", 6, 0);
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 244 * DAY, 0, "ml", &c3);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, NULL);
    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    char h3[41];
    hex(&c3, h3);
    const RheaEvidenceHit *tr = hit(ev, "Hugging Face Transformers", "app.py");
    ck_assert_ptr_nonnull(tr);
    ck_assert_str_eq(tr->first_commit, h3);
    ck_assert_uint_eq(tr->line, 2);
    ck_assert_ptr_nonnull(hit(ev, "ONNX model", "models/a.onnx"));
    g_autoptr(RheaEvidenceVerdicts) v =
        rhea_evidence_verdicts_compute(ev, RHEA_TRAJECTORY_DEFAULT_DAYS, NULL);
    ck_assert_str_eq(verdict(v, "trajectory"), "product-first");
    ck_assert_str_eq(verdict(v, "model_source"), "third-party");
    ck_assert_str_eq(verdict(v, "multiple_models"), "yes");
    ck_assert_str_eq(verdict(v, "pipeline"), "none found");
    ck_assert_str_eq(verdict(v, "software_tests"), "no");
    ck_assert_msg(
        strstr(rhea_evidence_verdicts_get(v, "multiple_models")->decided_by, "2 distinct"), "%s",
        rhea_evidence_verdicts_get(v, "multiple_models")->decided_by);

    /* a judgment overrides a verdict and says so */
    const char *csv = "product,key,value,note\n"
                      "p,trajectory,model-first,\"read: the model, then the app\"\n"
                      "p,model_importance,core,paper Finding 7\n"
                      "other,trajectory,together,\n";
    g_autoptr(GError) jerr = NULL;
    g_autoptr(RheaJudgments) j = rhea_judgments_parse(csv, strlen(csv), "j.csv", &jerr);
    ck_assert_msg(j != NULL, "%s", jerr ? jerr->message : "");
    ck_assert_uint_eq(rhea_judgments_size(j), 3);
    g_autoptr(RheaEvidenceVerdicts) vj =
        rhea_evidence_verdicts_compute(ev, RHEA_TRAJECTORY_DEFAULT_DAYS, j);
    const RheaEvidenceVerdict *t = rhea_evidence_verdicts_get(vj, "trajectory");
    ck_assert_str_eq(t->value, "model-first");
    ck_assert_int_eq(t->basis, RHEA_BASIS_JUDGED);
    ck_assert_str_eq(t->note, "read: the model, then the app");
    ck_assert_ptr_nonnull(strstr(t->decided_by, "j.csv:2"));
    ck_assert_ptr_nonnull(strstr(t->decided_by, "product-first"));
    ck_assert_int_eq(rhea_evidence_verdicts_get(vj, "model_source")->basis, RHEA_BASIS_HEURISTIC);
    ck_assert_str_eq(rhea_judgments_get(j, "p", "model_importance")->value, "core");
    evidence_env_free(&e);
}
END_TEST

/* Android Studio's template tests (ExampleUnitTest, ExampleInstrumentedTest) and a test framework
 * only declared in build.gradle are not tests of the product: with only those, software_tests is
 * no; a test of the app's own code makes it yes. */
START_TEST(ide_template_tests_do_not_count)
{
    EvidenceEnv e = evidence_env_new();
    RheaFixture *fx = e.fx;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "app/src/test/java/a/ExampleUnitTest.java",
                             "package a;\nimport org.junit.Test;\nimport static "
                             "org.junit.Assert.*;\npublic class ExampleUnitTest {}\n");
    rc |= rhea_fixture_write(fx, "app/src/androidTest/java/a/ExampleInstrumentedTest.kt",
                             "package a\nimport androidx.test.ext.junit.runners.AndroidJUnit4\n");
    rc |= rhea_fixture_write(fx, "app/build.gradle",
                             "dependencies {\n    testImplementation 'junit:junit:4.13.2'\n}\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "new project", NULL);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, NULL);
    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    ck_assert_ptr_nonnull(hit(ev, "JUnit 4", "app/src/test/java/a/ExampleUnitTest.java"));
    g_autoptr(RheaEvidenceVerdicts) v =
        rhea_evidence_verdicts_compute(ev, RHEA_TRAJECTORY_DEFAULT_DAYS, NULL);
    ck_assert_str_eq(verdict(v, "software_tests"), "no");
    ck_assert_msg(
        strstr(rhea_evidence_verdicts_get(v, "software_tests")->decided_by, "template tests"), "%s",
        rhea_evidence_verdicts_get(v, "software_tests")->decided_by);
    evidence_env_free(&e);

    EvidenceEnv e2 = evidence_env_new();
    fx = e2.fx;
    rc = rhea_fixture_write(fx, "app/src/test/java/a/ExampleUnitTest.java",
                            "package a;\nimport org.junit.Test;\n");
    rc |= rhea_fixture_write(fx, "app/src/test/java/a/ParserTest.java",
                             "package a;\nimport org.junit.Test;\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "tests", NULL);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e2, NULL);
    g_autoptr(RheaEvidence) ev2 = evidence_env_collect(&e2, -1, NULL);
    g_autoptr(RheaEvidenceVerdicts) v2 =
        rhea_evidence_verdicts_compute(ev2, RHEA_TRAJECTORY_DEFAULT_DAYS, NULL);
    ck_assert_str_eq(verdict(v2, "software_tests"), "yes");
    ck_assert_msg(
        strstr(rhea_evidence_verdicts_get(v2, "software_tests")->decided_by, "ParserTest.java"),
        "%s", rhea_evidence_verdicts_get(v2, "software_tests")->decided_by);
    evidence_env_free(&e2);
}
END_TEST

/* Training started from the GUI, a scheduled CI job that trains, files the rules exclude, a
 * binary and an oversized file. By hand: pipeline automated (the CI job runs train.py, which
 * beats the GUI action), retraining run time (the GUI action), the excluded file (rules:
 * exclude legacy/) and the binary are skipped and counted. */
START_TEST(automation_and_skips)
{
    EvidenceEnv e = evidence_env_new();
    RheaFixture *fx = e.fx;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "gui.py",
                             "from PyQt5 import QtWidgets\n"
                             "self.train_button.clicked.connect(self.start_training)\n"
                             "model.fit(x, y)\n");
    rc |= rhea_fixture_write(fx, "train.py", "model.fit(x, y)\n");
    rc |= rhea_fixture_write(fx, ".github/workflows/train.yml",
                             "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  t:\n    steps:\n"
                             "      - run: python train.py\n");
    rc |= rhea_fixture_write(fx, "legacy/old.py", "import sentry_sdk\n");
    rc |= rhea_fixture_write_mode(fx, "blob.py", "import torch\0\x01", 14, 0);
    GString *big = g_string_new("import boto3\n");
    while (big->len < RHEA_EVIDENCE_DEFAULT_MAX_SIZE + 10)
        g_string_append(big, "x = 1\n");
    rc |= rhea_fixture_write(fx, "big.py", big->str);
    g_string_free(big, TRUE);
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "all", NULL);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, "exclude legacy/\n");
    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    ck_assert_uint_eq(ev->skipped_excluded, 1);
    ck_assert_uint_eq(ev->skipped_binary, 1);
    ck_assert_uint_eq(ev->skipped_large, 1);
    ck_assert_uint_eq(ev->missing_blobs, 0);
    ck_assert_ptr_null(hit(ev, "Sentry", "legacy/old.py"));
    ck_assert_ptr_null(hit(ev, "PyTorch", "blob.py"));
    ck_assert_ptr_null(hit(ev, "AWS SDK (boto3)", "big.py"));
    ck_assert_ptr_nonnull(hit(ev, "CI job runs training", ".github/workflows/train.yml"));
    g_autoptr(RheaEvidenceVerdicts) v = rhea_evidence_verdicts_compute(ev, 30, NULL);
    ck_assert_str_eq(verdict(v, "pipeline"), "automated");
    ck_assert_str_eq(verdict(v, "retraining"), "run time");
    ck_assert_str_eq(verdict(v, "model_source"), "self-trained");
    ck_assert_str_eq(verdict(v, "telemetry"), "no");
    ck_assert_str_eq(verdict(v, "cloud"), "no");
    evidence_env_free(&e);
}
END_TEST

/* Moves: 2020-01-01 src/train.py (import torch) and docs/index.html; 2020-06-01 src/train.py
 * moves to app/train.py (deleted and added in one commit); 2020-07-01 web/index.html appears while
 * docs/index.html stays. By hand: the PyTorch hit in app/train.py dates from the first commit (the
 * move is followed); the HTML page in web/index.html from the third (a file of the same name that
 * was not deleted is another file). */
START_TEST(dating_follows_moves)
{
    EvidenceEnv e = evidence_env_new();
    RheaFixture *fx = e.fx;
    git_oid c1, c3;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "src/train.py", "import torch\n");
    rc |= rhea_fixture_write(fx, "docs/index.html", "<!DOCTYPE html>\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020, 0, "start", &c1);
    rc |= rhea_fixture_remove(fx, "src/train.py");
    rc |= rhea_fixture_write(fx, "app/train.py", "import torch\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 152 * DAY, 0, "move", NULL);
    rc |= rhea_fixture_write(fx, "web/index.html", "<!DOCTYPE html>\n<button>go</button>\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T2020 + 182 * DAY, 0, "web", &c3);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, NULL);
    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    char h1[41], h3[41];
    hex(&c1, h1);
    hex(&c3, h3);
    const RheaEvidenceHit *t = hit(ev, "PyTorch", "app/train.py");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->first_commit, h1);
    const RheaEvidenceHit *w = hit(ev, "HTML page", "web/index.html");
    ck_assert_ptr_nonnull(w);
    ck_assert_str_eq(w->first_commit, h3);
    evidence_env_free(&e);
}
END_TEST

static void judgment_error(const char *text, const char *want)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaJudgments) j = rhea_judgments_parse(text, strlen(text), "j.csv", &error);
    ck_assert_ptr_null(j);
    ck_assert_ptr_nonnull(error);
    ck_assert_msg(strstr(error->message, want) != NULL, "'%s' lacks '%s'", error->message, want);
}

START_TEST(judgment_errors)
{
    judgment_error("p,trajectory,model-first\n", "j.csv:1: expected four fields");
    judgment_error("# c\np,colour,blue,\n", "j.csv:2: unknown key 'colour'");
    judgment_error("p,trajectory,sideways,\n", "j.csv:1: key trajectory takes model-first|");
    judgment_error("p,telemetry,maybe,\n", "key telemetry takes yes|no, not 'maybe'");
    judgment_error("p,cloud,yes,\np,cloud,no,\n",
                   "j.csv:2: p cloud is judged twice (first at j.csv:1)");
    judgment_error(",cloud,yes,\n", "j.csv:1: empty product id");
    judgment_error("p,cloud,yes,\"open\n", "j.csv:1: unterminated quote");
    static const char nul[] = "p,cloud,yes,\0\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaJudgments) j = rhea_judgments_parse(nul, sizeof nul - 1, "j.csv", &error);
    ck_assert_ptr_null(j);
    ck_assert_ptr_nonnull(strstr(error->message, "NUL byte"));
    /* the shipped file loads */
    g_autoptr(GError) e2 = NULL;
    g_autoptr(RheaJudgments) t1 = rhea_judgments_load("samples/judgments/table1.csv", &e2);
    ck_assert_msg(t1 != NULL, "%s", e2 ? e2->message : "");
    ck_assert_str_eq(rhea_judgments_get(t1, "P17", "prediction_use")->value, "prompt");
    ck_assert_str_eq(rhea_judgments_get(t1, "P27", "prediction_use")->value, "automate");
    ck_assert_str_eq(rhea_judgments_get(t1, "P2", "post_processing")->value, "two-phase");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("evidence");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, model_first_self_trained);
    tcase_add_test(tc, product_first_third_party);
    tcase_add_test(tc, ide_template_tests_do_not_count);
    tcase_add_test(tc, automation_and_skips);
    tcase_add_test(tc, judgment_errors);
    tcase_add_test(tc, dating_follows_moves);
    suite_add_tcase(s, tc);
    git_libgit2_init();
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
