/* test_evidence_rules.c: the verdict rules and reading rules added to raise agreement with the
 * readings of tests/validation (docs/evidence.md, "Verdicts" and "What is searched"). Each test
 * builds a fixture repository with libgit2 holding a case the rule must decide one way and a
 * near miss it must decide the other way; the expected values are worked out by hand in the
 * comment above each test. */
#include <check.h>
#include <string.h>

#include "classifiers/evidence.h"
#include "classifiers/notebook.h"
#include "metrics/evidence_verdicts.h"
#include "tests/evidence_fixture.h"
#include "tests/testutil.h"

static const RheaEvidenceHit *hit(const RheaEvidence *ev, const char *name, const char *path)
{
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        if (!strcmp(h->e->name, name) && !strcmp(h->path, path))
            return h;
    }
    return NULL;
}

/* The verdict of key, with its "decided by" in the failure message. */
#define ck_verdict(v, key, want)                                                                   \
    do {                                                                                           \
        const RheaEvidenceVerdict *x_ = rhea_evidence_verdicts_get(v, key);                        \
        ck_assert_ptr_nonnull(x_);                                                                 \
        ck_assert_msg(strcmp(x_->value, want) == 0, "%s: %s, want %s (%s)", key, x_->value, want,  \
                      x_->decided_by);                                                             \
    } while (0)

static RheaEvidenceVerdicts *verdicts(const RheaEvidence *ev)
{
    return rhea_evidence_verdicts_compute(ev, RHEA_TRAJECTORY_DEFAULT_DAYS, NULL);
}

/* Self-trained models count by the file that trains them. Must hit: nets/keras_net.py compiles a
 * Keras model with an optimizer and nets/torch_net.py builds a PyTorch optimizer: two files that
 * train, two models, multiple_models yes. Near miss: one file that trains (rnn/train_rnn.py), a
 * file with only an epoch loop over it (rnn/loop.py), a GUI action that starts it (rnn/gui.py)
 * and the model it writes next to it (rnn/rnn.h5): one model, multiple_models no. */
START_TEST(multiple_models_by_training_files)
{
    static const EvidenceFile HIT[] = {
        {"nets/keras_net.py", "from tensorflow import keras\n"
                              "model.compile(loss='mse', optimizer=sgd)\n"},
        {"nets/torch_net.py", "import torch\nopt = torch.optim.SGD(net.parameters(), lr=0.2)\n"},
        {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&e, "two nets", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "multiple_models", "yes");
    ck_verdict(v, "model_source", "self-trained");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v, "multiple_models")->decided_by, "2 distinct"));
    evidence_env_free(&e);

    static const EvidenceFile MISS[] = {
        {"rnn/train_rnn.py", "import torch\nopt = torch.optim.Adam(net.parameters())\n"
                             "loss.backward()\n"},
        {"rnn/loop.py", "for epoch in range(epochs):\n    step()\n"},
        {"rnn/gui.py", "import tkinter as tk\nb = tk.Button(command=start_training)\n"},
        {0}};
    EvidenceEnv n = evidence_env_new();
    ck_assert_int_eq(rhea_fixture_write_mode(n.fx, "rnn/rnn.h5", "\x89HDF\r\n\x1a\n", 8, 0), 0);
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&n, "one net", NULL, MISS);
    ck_assert_ptr_nonnull(hit(ev2, "Keras/HDF5 model", "rnn/rnn.h5"));
    ck_assert_ptr_nonnull(hit(ev2, "Epoch loop", "rnn/loop.py"));
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "multiple_models", "no");
    ck_verdict(v2, "model_source", "self-trained");
    evidence_env_free(&n);
}
END_TEST

/* Cloud counts hosted ML APIs. Must hit: ocr.py posts to Google Cloud Vision (an ml_api entry,
 * no cloud SDK): cloud yes, decided by the API. Near miss: the same URL only in a test file:
 * cloud no (a test calling a service is not the product using it). */
START_TEST(cloud_counts_hosted_ml_apis)
{
    static const EvidenceFile HIT[] = {
        {"ocr.py", "import requests\n"
                   "URL = \"https://vision.googleapis.com/v1/images:annotate\"\n"},
        {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&e, "ocr", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "cloud", "yes");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v, "cloud")->decided_by, "Google Cloud Vision API"));
    evidence_env_free(&e);

    static const EvidenceFile MISS[] = {
        {"tests/test_ocr.py", "URL = \"https://vision.googleapis.com/v1/images:annotate\"\n"}, {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&n, "test", NULL, MISS);
    ck_assert_ptr_nonnull(hit(ev2, "Google Cloud Vision API", "tests/test_ocr.py"));
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "cloud", "no");
    evidence_env_free(&n);
}
END_TEST

/* An assertion naming predictions is model evaluation in a test only. Near miss:
 * plugins/detect.py asserts the type of its predictions (a run-time check): model_eval no. Must
 * hit: tests/test_detect.py asserts what the model predicts: model_eval yes. */
START_TEST(prediction_asserts_count_in_tests_only)
{
    static const EvidenceFile MISS[] = {
        {"plugins/detect.py", "def run(batch):\n    assert isinstance(predictions, list)\n"}, {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&n, "plugin", NULL, MISS);
    ck_assert_ptr_nonnull(hit(ev, "Test asserting predictions", "plugins/detect.py"));
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "model_eval", "no");
    evidence_env_free(&n);

    static const EvidenceFile HIT[] = {
        {"plugins/detect.py", "def run(batch):\n    assert isinstance(predictions, list)\n"},
        {"tests/test_detect.py", "def test_cat():\n    assert model.predict(cat) == 'cat'\n"},
        {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&e, "plugin and test", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "model_eval", "yes");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v2, "model_eval")->decided_by, "tests/test_detect.py"));
    evidence_env_free(&e);
}
END_TEST

/* Data retrieval on its own, not a download inside a training script. Near miss: retrain.py
 * downloads with urlretrieve and builds a TF1 optimizer: pipeline manual steps. Must hit: the
 * same plus scripts/fetch_data.py, a data download script of its own: data retrieval only. */
START_TEST(data_retrieval_outside_training)
{
    static const char RETRAIN[] = "import urllib.request\nimport tensorflow as tf\n"
                                  "path, _ = urllib.request.urlretrieve(DATA_URL, dest)\n"
                                  "step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)\n";
    static const EvidenceFile MISS[] = {{"retrain.py", RETRAIN}, {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&n, "retrain", NULL, MISS);
    ck_assert_ptr_nonnull(hit(ev, "Dataset download in code", "retrain.py"));
    ck_assert_ptr_nonnull(hit(ev, "TensorFlow 1 optimizer", "retrain.py"));
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "pipeline", "manual steps");
    evidence_env_free(&n);

    static const EvidenceFile HIT[] = {
        {"retrain.py", RETRAIN}, {"scripts/fetch_data.py", "import requests\n"}, {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&e, "retrain and fetch", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "pipeline", "data retrieval only");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v2, "pipeline")->decided_by, "scripts/fetch_data.py"));
    evidence_env_free(&e);
}
END_TEST

/* A model file is evidence by its name even where the product's rules exclude it; nothing else
 * of an excluded file is. Rules `exclude assets/` and `exclude legacy/`: assets/detector.tflite
 * and assets/eng.traineddata are found by the model_file entries (model_source third-party, no
 * training; multiple_models yes, two files), while assets/helper.py (import torch) stays unread
 * and legacy/train.py is not a training script (a path entry of another kind); all four count as
 * skipped. */
START_TEST(excluded_model_files_count_by_name)
{
    static const EvidenceFile HIT[] = {
        {"assets/helper.py", "import torch\n"},
        {"legacy/train.py", "print(1)\n"},
        {"app/Main.java", "import org.tensorflow.lite.Interpreter;\n"},
        {0}};
    EvidenceEnv e = evidence_env_new();
    int rc = rhea_fixture_write_mode(e.fx, "assets/detector.tflite", "TFL3\x00\x01", 6, 0);
    rc |= rhea_fixture_write_mode(e.fx, "assets/eng.traineddata", "\x00\x01\x02", 3, 0);
    ck_assert_int_eq(rc, 0);
    g_autoptr(RheaEvidence) ev =
        evidence_env_one_commit(&e, "app", "exclude assets/\nexclude legacy/\n", HIT);
    ck_assert_ptr_nonnull(hit(ev, "TensorFlow Lite model", "assets/detector.tflite"));
    ck_assert_ptr_nonnull(hit(ev, "Tesseract language data", "assets/eng.traineddata"));
    ck_assert_ptr_null(hit(ev, "PyTorch", "assets/helper.py"));
    ck_assert_ptr_null(hit(ev, "Training script", "legacy/train.py"));
    ck_assert_uint_eq(ev->skipped_excluded, 4);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "model_source", "third-party");
    ck_verdict(v, "multiple_models", "yes");
    evidence_env_free(&e);
}
END_TEST

/* A train command dispatched next to user-interface code is training started from the GUI. Must
 * hit: gui/wrapper.py runs the "train" command and gui/window.py (same folder) is Tkinter code:
 * pipeline training in the GUI, retraining run time, and the dispatcher is no second model
 * (train.py trains the one model: multiple_models no). Near miss: cli/main.py dispatches the
 * same command while the user interface lives in web/: pipeline manual steps, retraining none. */
START_TEST(train_command_dispatched_by_a_gui)
{
    static const EvidenceFile HIT[] = {{"gui/wrapper.py",
                                        "def run(self):\n    if self._command == \"train\":\n"
                                        "        self.busy = True\n"},
                                       {"gui/window.py", "import tkinter as tk\n"},
                                       {"train.py", "model.fit(x, y)\n"},
                                       {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&e, "gui", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "pipeline", "training in the GUI");
    ck_verdict(v, "retraining", "run time");
    ck_verdict(v, "multiple_models", "no");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v, "pipeline")->decided_by, "gui/wrapper.py:2"));
    evidence_env_free(&e);

    static const EvidenceFile MISS[] = {
        {"cli/main.py", "def main(args):\n    if args.command == 'train':\n        run()\n"},
        {"web/app.py", "from flask import Flask\n"},
        {"train.py", "model.fit(x, y)\n"},
        {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&n, "cli", NULL, MISS);
    ck_assert_ptr_nonnull(hit(ev2, "Training command dispatched", "cli/main.py"));
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "pipeline", "manual steps");
    ck_verdict(v2, "retraining", "none");
    evidence_env_free(&n);
}
END_TEST

/* Published networks shipped with the code, and a product that trains through a framework no
 * entry names (DeepFaceLab, P16). Must hit: facelib/detector.py and facelib/landmarks.py load
 * weights from files next to them (two shipped models, counted by file), mainscripts/trainer.py
 * trains (a training script by name only: one self-trained model, which was counted as none
 * before), and main.py has a `train` subcommand: model_source both, multiple_models yes with 3
 * models, retraining run time (the user trains by running the product), pipeline manual steps
 * (a command line is no GUI). Near miss: nets/unet.py loads weights next to nets/fit.py, which
 * trains (its own output, not a published network), and no train subcommand (`trainset` only):
 * model_source self-trained, multiple_models no (1 model), retraining none. */
START_TEST(shipped_weights_and_train_subcommand)
{
    static const EvidenceFile HIT[] = {
        {"facelib/detector.py", "from pathlib import Path\n"
                                "model_path = Path(__file__).parent / \"S3FD.npy\"\n"},
        {"facelib/landmarks.py", "import os\n"
                                 "p = os.path.join(os.path.dirname(__file__), '2DFAN.npy')\n"},
        {"mainscripts/trainer.py", "def main(model):\n    loop()\n"},
        {"main.py", "import argparse\n"
                    "p = subparsers.add_parser( \"train\", help=\"Trainer\")\n"},
        {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&e, "dfl", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "model_source", "both");
    ck_verdict(v, "multiple_models", "yes");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v, "multiple_models")->decided_by, "3 distinct"));
    ck_verdict(v, "retraining", "run time");
    ck_verdict(v, "pipeline", "manual steps");
    evidence_env_free(&e);

    static const EvidenceFile MISS[] = {
        {"nets/unet.py", "from pathlib import Path\n"
                         "model_path = Path(__file__).parent / \"unet.h5\"\n"},
        {"nets/fit.py", "model.fit(x, y)\n"},
        {"main.py", "p = subparsers.add_parser(\"trainset\", help=\"List samples\")\n"},
        {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&n, "own weights", NULL, MISS);
    ck_assert_ptr_nonnull(hit(ev2, "Weights shipped with the code", "nets/unet.py"));
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "model_source", "self-trained");
    ck_verdict(v2, "multiple_models", "no");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v2, "multiple_models")->decided_by, "1 distinct"));
    ck_verdict(v2, "retraining", "none");
    evidence_env_free(&n);
}
END_TEST

/* The README saying the shipped model was trained on the authors' own data is self-training
 * done outside the repository (P30). Must hit: the README says so and src/pose.py imports
 * OpenPose: model_source both, model_docs yes, pipeline still none found (no training code).
 * Near miss: the README says the detector was trained on COCO (someone else's training):
 * model_source third-party. */
START_TEST(own_training_stated_in_docs)
{
    static const EvidenceFile HIT[] = {
        {"README.md", "## Detection model\n\nThe detector is Faster R-CNN; we train "
                      "it on our own dataset.\n"},
        {"src/pose.py", "import pyopenpose as op\n"},
        {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&e, "readme", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "model_source", "both");
    ck_verdict(v, "model_docs", "yes");
    ck_verdict(v, "pipeline", "none found");
    evidence_env_free(&e);

    static const EvidenceFile MISS[] = {
        {"README.md", "## Detection model\n\nThe detector was trained on the COCO "
                      "dataset.\n"},
        {"src/pose.py", "import pyopenpose as op\n"},
        {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&n, "readme", NULL, MISS);
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "model_source", "third-party");
    evidence_env_free(&n);
}
END_TEST

/* A bare "Model" heading is a model section only at the top two levels: deeper, it is a
 * subsection of a feature page (Audiveris's "### Model" of a music sign, P12). A qualified
 * heading counts at any level. Worked out from the entry's pattern. */
START_TEST(model_heading_levels)
{
    GError *error = NULL;
    g_autoptr(RheaEvidenceCatalog) c =
        rhea_evidence_catalog_load("classifiers/evidence.tsv", &error);
    ck_assert_ptr_nonnull(c);
    const RheaEvidenceEntry *m = NULL;
    for (guint i = 0; i < rhea_evidence_catalog_size(c); i++)
        if (!strcmp(rhea_evidence_catalog_entry(c, i)->name, "Model section"))
            m = rhea_evidence_catalog_entry(c, i);
    ck_assert_ptr_nonnull(m);
    static const struct {
        const char *line;
        gboolean hit;
    } CASES[] = {{"# Model", TRUE},
                 {"## Models", TRUE},
                 {"## The model", TRUE},
                 {"### Model architecture", TRUE},
                 {"#### Neural network", TRUE},
                 {"### Model", FALSE},
                 {"#### Models", FALSE},
                 {"## Model of a bar repeat", FALSE}};
    for (gsize i = 0; i < G_N_ELEMENTS(CASES); i++)
        ck_assert_msg(rhea_evidence_entry_matches(m, CASES[i].line, strlen(CASES[i].line)) ==
                          CASES[i].hit,
                      "%s", CASES[i].line);
}
END_TEST

/* A clustering estimator built in product code is fitted on the user's data each run (GridCal's
 * time-series clustering, P26): retraining run time; with user-interface code in the product
 * (gui/main.py, Qt), the analysis is started from the GUI: pipeline training in the GUI. Near
 * misses: the same line in a test file only: retraining none, pipeline none found; the same
 * clustering without user-interface code: pipeline manual steps, retraining still run time. */
START_TEST(clustering_refit_is_run_time_retraining)
{
    static const EvidenceFile HIT[] = {{"engine/clustering.py",
                                        "from sklearn.cluster import KMeans\n"
                                        "model = KMeans(n_clusters=n_points, n_init=10)\n"
                                        "model.fit(x_input)\n"},
                                       {"gui/main.py", "from PyQt5 import QtWidgets\n"},
                                       {0}};
    EvidenceEnv e = evidence_env_new();
    g_autoptr(RheaEvidence) ev = evidence_env_one_commit(&e, "clustering", NULL, HIT);
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "retraining", "run time");
    ck_assert_ptr_nonnull(
        strstr(rhea_evidence_verdicts_get(v, "retraining")->decided_by, "engine/clustering.py:2"));
    ck_verdict(v, "pipeline", "training in the GUI");
    evidence_env_free(&e);

    static const EvidenceFile MISS[] = {{"tests/test_clustering.py",
                                         "from sklearn.cluster import KMeans\n"
                                         "model = KMeans(n_clusters=2)\n"},
                                        {0}};
    EvidenceEnv n = evidence_env_new();
    g_autoptr(RheaEvidence) ev2 = evidence_env_one_commit(&n, "test", NULL, MISS);
    ck_assert_ptr_nonnull(
        hit(ev2, "Clustering fitted on the data at hand", "tests/test_clustering.py"));
    g_autoptr(RheaEvidenceVerdicts) v2 = verdicts(ev2);
    ck_verdict(v2, "retraining", "none");
    ck_verdict(v2, "pipeline", "none found");
    evidence_env_free(&n);

    static const EvidenceFile MISS2[] = {{"engine/clustering.py",
                                          "from sklearn.cluster import KMeans\n"
                                          "model = KMeans(n_clusters=n_points, n_init=10)\n"
                                          "model.fit(x_input)\n"},
                                         {0}};
    EvidenceEnv m = evidence_env_new();
    g_autoptr(RheaEvidence) ev3 = evidence_env_one_commit(&m, "clustering", NULL, MISS2);
    g_autoptr(RheaEvidenceVerdicts) v3 = verdicts(ev3);
    ck_verdict(v3, "pipeline", "manual steps");
    ck_verdict(v3, "retraining", "run time");
    evidence_env_free(&m);
}
END_TEST

/* Dating follows a file renamed and edited in one commit (git's rename detection), not only a
 * move that keeps the name. Must hit: commit 1 (2020-01-01) adds "Python Server/app/ClarifaiAI.py"
 * importing clarifai; commit 2 (2020-03-01) renames it to server/tagging/clarifai_tagging.py and
 * edits one of its twelve lines: the Clarifai hit dates from commit 1. Near miss: commit 2
 * deletes an unrelated old/notes.py and adds the same new file: nothing was renamed, the hit
 * dates from commit 2. */
START_TEST(dating_follows_renames)
{
    GString *body = g_string_new("from clarifai.rest import ClarifaiApp\n");
    for (int i = 0; i < 11; i++)
        g_string_append_printf(body, "tag_%d = app.tag(urls[%d], threshold=0.%d)\n", i, i, i);
    g_autofree char *v1 = g_strdup(body->str);
    g_string_append(body, "print('tagged')\n");
    g_autofree char *v2 = g_string_free(body, FALSE);

    EvidenceEnv e = evidence_env_new();
    git_oid c1, c2;
    int rc = rhea_fixture_write(e.fx, "Python Server/app/ClarifaiAI.py", v1);
    rc |= rhea_fixture_commit(e.fx, AUTHOR, T2020, 0, "tagging", &c1);
    rc |= rhea_fixture_remove(e.fx, "Python Server/app/ClarifaiAI.py");
    rc |= rhea_fixture_write(e.fx, "server/tagging/clarifai_tagging.py", v2);
    rc |= rhea_fixture_commit(e.fx, AUTHOR, T2020 + 60 * DAY, 0, "restructure", &c2);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, NULL);
    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    char h1[41];
    git_oid_tostr(h1, sizeof h1, &c1);
    const RheaEvidenceHit *cl = hit(ev, "Clarifai SDK", "server/tagging/clarifai_tagging.py");
    ck_assert_ptr_nonnull(cl);
    ck_assert_str_eq(cl->first_commit, h1);
    evidence_env_free(&e);

    EvidenceEnv n = evidence_env_new();
    GString *notes = g_string_new("");
    for (int i = 0; i < 12; i++)
        g_string_append_printf(notes, "note_%d = 'unrelated %d'\n", i, i * 7);
    rc = rhea_fixture_write(n.fx, "old/notes.py", notes->str);
    g_string_free(notes, TRUE);
    rc |= rhea_fixture_commit(n.fx, AUTHOR, T2020, 0, "notes", NULL);
    rc |= rhea_fixture_remove(n.fx, "old/notes.py");
    rc |= rhea_fixture_write(n.fx, "server/tagging/clarifai_tagging.py", v2);
    rc |= rhea_fixture_commit(n.fx, AUTHOR, T2020 + 60 * DAY, 0, "tagging", &c2);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&n, NULL);
    g_autoptr(RheaEvidence) ev2 = evidence_env_collect(&n, -1, NULL);
    char h2[41];
    git_oid_tostr(h2, sizeof h2, &c2);
    cl = hit(ev2, "Clarifai SDK", "server/tagging/clarifai_tagging.py");
    ck_assert_ptr_nonnull(cl);
    ck_assert_str_eq(cl->first_commit, h2);
    evidence_env_free(&n);
}
END_TEST

/* A notebook's code cells are read as Python, line for line; markdown and outputs are not.
 * Commit 1 (2020-01-01): model.ipynb with a markdown cell naming model.fit and an output
 * printing "import torch". Commit 2 (2020-03-01): a code cell compiling a Keras model with an
 * optimizer (line 17) and fitting it with validation data (line 19). By hand: Keras optimizer at
 * line 17 and validation at line 19, both first in commit 2; no PyTorch hit and no fit-call hit
 * dated to commit 1; model_source self-trained, model_eval yes, pipeline manual steps. */
START_TEST(notebooks_read_as_code)
{
    static const char NB1[] = "{\n"                                        /* 1 */
                              " \"cells\": [\n"                            /* 2 */
                              "  {\n"                                      /* 3 */
                              "   \"cell_type\": \"markdown\",\n"          /* 4 */
                              "   \"metadata\": {},\n"                     /* 5 */
                              "   \"source\": [\n"                         /* 6 */
                              "    \"Call model.fit(x, y) to train\\n\"\n" /* 7 */
                              "   ]\n"                                     /* 8 */
                              "  },\n"                                     /* 9 */
                              "  {\n"                                      /* 10 */
                              "   \"cell_type\": \"code\",\n"              /* 11 */
                              "   \"outputs\": [\n"                        /* 12 */
                              "    {\"text\": [\n"                         /* 13 */
                              "     \"import torch\\n\"\n"                 /* 14 */
                              "    ]}\n"                                   /* 15 */
                              "   ],\n"                                    /* 16 */
                              "   \"source\": []\n"                        /* 17 */
                              "  }\n"                                      /* 18 */
                              " ]\n"                                       /* 19 */
                              "}\n";
    static const char NB2[] = "{\n"                                        /* 1 */
                              " \"cells\": [\n"                            /* 2 */
                              "  {\n"                                      /* 3 */
                              "   \"cell_type\": \"markdown\",\n"          /* 4 */
                              "   \"metadata\": {},\n"                     /* 5 */
                              "   \"source\": [\n"                         /* 6 */
                              "    \"Call model.fit(x, y) to train\\n\"\n" /* 7 */
                              "   ]\n"                                     /* 8 */
                              "  },\n"                                     /* 9 */
                              "  {\n"                                      /* 10 */
                              "   \"cell_type\": \"code\",\n"              /* 11 */
                              "   \"outputs\": [\n"                        /* 12 */
                              "    {\"text\": [\"import torch\\n\"]}\n"    /* 13 */
                              "   ],\n"                                    /* 14 */
                              "   \"source\": [\n"                         /* 15 */
                              "    \"# build\\n\",\n"                      /* 16 */
                              "    \"model.compile(loss=\\\"mse\\\", optimizer='adam')\\n\",\n"
                              "    \"model.fit(\\n\",\n"                  /* 18 */
                              "    \"    validation_data=ds_val,\\n\",\n" /* 19 */
                              "    \")\"\n"                               /* 20 */
                              "   ]\n"                                    /* 21 */
                              "  }\n"                                     /* 22 */
                              " ]\n"                                      /* 23 */
                              "}\n";
    EvidenceEnv e = evidence_env_new();
    git_oid c2;
    int rc = rhea_fixture_write(e.fx, "model.ipynb", NB1);
    rc |= rhea_fixture_commit(e.fx, AUTHOR, T2020, 0, "notes", NULL);
    rc |= rhea_fixture_write(e.fx, "model.ipynb", NB2);
    rc |= rhea_fixture_commit(e.fx, AUTHOR, T2020 + 60 * DAY, 0, "model", &c2);
    ck_assert_int_eq(rc, 0);
    evidence_env_ingest(&e, NULL);
    g_autoptr(RheaEvidence) ev = evidence_env_collect(&e, -1, NULL);
    char h2[41];
    git_oid_tostr(h2, sizeof h2, &c2);
    const RheaEvidenceHit *opt = hit(ev, "Keras optimizer", "model.ipynb");
    ck_assert_ptr_nonnull(opt);
    ck_assert_uint_eq(opt->line, 17);
    ck_assert_str_eq(opt->first_commit, h2);
    ck_assert_str_eq(opt->text, "model.compile(loss=\"mse\", optimizer='adam')");
    const RheaEvidenceHit *val = hit(ev, "Validation during training", "model.ipynb");
    ck_assert_ptr_nonnull(val);
    ck_assert_uint_eq(val->line, 19);
    ck_assert_str_eq(val->first_commit, h2);
    const RheaEvidenceHit *fit = hit(ev, "fit call", "model.ipynb");
    ck_assert_ptr_nonnull(fit);
    ck_assert_uint_eq(fit->line, 18); /* not the markdown on line 7 */
    ck_assert_str_eq(fit->first_commit, h2);
    ck_assert_ptr_null(hit(ev, "PyTorch", "model.ipynb"));
    g_autoptr(RheaEvidenceVerdicts) v = verdicts(ev);
    ck_verdict(v, "model_source", "self-trained");
    ck_verdict(v, "model_eval", "yes");
    ck_verdict(v, "pipeline", "manual steps");
    evidence_env_free(&e);
}
END_TEST

/* The notebook reader on its own: line count kept, escapes decoded, a one-string source, a
 * notebook in another layout (one line of JSON) yields only empty lines, and a truncated escape
 * at the end of the text stays in bounds. */
START_TEST(notebook_code_lines)
{
    static const char NB[] = "{\"cells\": [{\n"
                             "\"cell_type\": \"code\",\n"
                             "\"source\": [\n"
                             "\"x = \\\"a\\\\tb\\\"\\t# \\u00e9\\n\",\n"
                             "\"y = 1\"\n"
                             "]},\n"
                             "{\"cell_type\": \"code\",\n"
                             "\"source\": \"import torch\"\n"
                             "}]}";
    gsize len = 0;
    g_autofree char *code = rhea_notebook_code(NB, strlen(NB), &len);
    ck_assert_uint_eq(len, strlen(code));
    g_auto(GStrv) lines = g_strsplit(code, "\n", -1);
    ck_assert_uint_eq(g_strv_length(lines), 9);
    ck_assert_str_eq(lines[0], "");
    ck_assert_str_eq(lines[3], "x = \"a\\tb\"\t# ? ");
    ck_assert_str_eq(lines[4], "y = 1");
    ck_assert_str_eq(lines[5], "");
    ck_assert_str_eq(lines[7], "import torch");
    ck_assert(rhea_notebook_is("a/b.ipynb"));
    ck_assert(!rhea_notebook_is("a/b.py"));

    static const char ONE[] = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"import "
                              "torch\"]}]}\n";
    g_autofree char *one = rhea_notebook_code(ONE, strlen(ONE), &len);
    ck_assert_str_eq(one, "\n");

    static const char CUT[] = "\"cell_type\": \"code\",\n\"source\": [\n\"ab\\u0";
    g_autofree char *cut = rhea_notebook_code(CUT, strlen(CUT), &len);
    ck_assert_str_eq(cut, "\n\nab?");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("evidence_rules");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, multiple_models_by_training_files);
    tcase_add_test(tc, cloud_counts_hosted_ml_apis);
    tcase_add_test(tc, prediction_asserts_count_in_tests_only);
    tcase_add_test(tc, data_retrieval_outside_training);
    tcase_add_test(tc, excluded_model_files_count_by_name);
    tcase_add_test(tc, train_command_dispatched_by_a_gui);
    tcase_add_test(tc, shipped_weights_and_train_subcommand);
    tcase_add_test(tc, own_training_stated_in_docs);
    tcase_add_test(tc, model_heading_levels);
    tcase_add_test(tc, clustering_refit_is_run_time_retraining);
    tcase_add_test(tc, dating_follows_renames);
    tcase_add_test(tc, notebooks_read_as_code);
    tcase_add_test(tc, notebook_code_lines);
    suite_add_tcase(s, tc);
    git_libgit2_init();
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
