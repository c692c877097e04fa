/* test_labeling.c: labeling a stored product, from recorded and overriding rules and with content
 * signals, on a fixture repository whose files and imports are listed below by hand. */
#include <check.h>
#include <string.h>

#include "classifiers/catalog.h"
#include "classifiers/labeling.h"
#include "engine/error.h"
#include "engine/ingest.h"
#include "engine/repo.h"
#include "samples/fixture.h"
#include "tests/testutil.h"

#define AUTHOR "Ann", "ann@example.com"
#define T0 1700000000

typedef struct {
    char *dir, *repo_path, *db_path;
    RheaStore *store;
} Env;

/* The fixture: commit 1 adds every file; commit 2 deletes src/old.py and rewrites src/later.py
 * without its torch import. So at the tip:
 *   src/net.py        import torch                   -> ml content:PyTorch
 *   src/util.py       import os                      -> nonml default:other
 *   src/old.py        (deleted; imported tensorflow) -> nonml default:other
 *   src/later.py      import os (torch before)       -> nonml default:other
 *   src/ui.py         from tensorflow import keras   -> nonml, user rule beats content
 *   web/app.js        @tensorflow/tfjs import        -> ml content:TensorFlow.js
 *   app/Main.java     import org.tensorflow.lite...  -> ml content:TensorFlow
 *   app/Cam.kt        import com.google.mlkit...     -> ml content:ML Kit
 *   ios/Model.swift   import CoreML                  -> ml content:Core ML
 *   Predict.cs        using Microsoft.ML;            -> ml content:ML.NET
 *   docs/example.py   import torch                   -> exclude default:documentation
 *   package.json      "@tensorflow/tfjs" dependency  -> nonml (not a source file)
 *   README.md         mentions import torch          -> exclude default:documentation
 *   model/w.h5        binary                         -> exclude default:serialized-model */
static Env env_new(const char *rules_text)
{
    Env e = {0};
    e.dir = testutil_tmpdir();
    e.repo_path = g_build_filename(e.dir, "repo", NULL);
    e.db_path = g_build_filename(e.dir, "r.sqlite", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(e.repo_path, FALSE, &error);
    ck_assert_ptr_nonnull(fx);
    int rc = 0;
    rc |= rhea_fixture_write(fx, "src/net.py", "import torch\nnet = torch.nn.Linear(2, 2)\n");
    rc |= rhea_fixture_write(fx, "src/util.py", "import os\n");
    rc |= rhea_fixture_write(fx, "src/old.py", "import tensorflow as tf\n");
    rc |= rhea_fixture_write(fx, "src/later.py", "import torch\n");
    rc |= rhea_fixture_write(fx, "src/ui.py", "from tensorflow import keras\n");
    rc |= rhea_fixture_write(fx, "web/app.js", "import * as tf from '@tensorflow/tfjs';\n");
    rc |= rhea_fixture_write(fx, "app/Main.java", "import org.tensorflow.lite.Interpreter;\n");
    rc |= rhea_fixture_write(fx, "app/Cam.kt", "import com.google.mlkit.vision.face.Face\n");
    rc |= rhea_fixture_write(fx, "ios/Model.swift", "import UIKit\nimport CoreML\n");
    rc |= rhea_fixture_write(fx, "Predict.cs", "using System;\nusing Microsoft.ML;\n");
    rc |= rhea_fixture_write(fx, "docs/example.py", "import torch\n");
    rc |= rhea_fixture_write(fx, "package.json",
                             "{\"dependencies\": {\"@tensorflow/tfjs\": \"4\"}}\n");
    rc |= rhea_fixture_write(fx, "README.md", "Run `import torch` first.\n");
    rc |= rhea_fixture_write_mode(fx, "model/w.h5", "\x89HDF\r\n\x1a\n\0import torch", 20, 0);
    rc |= rhea_fixture_commit(fx, AUTHOR, T0, 0, "Start", NULL);
    rc |= rhea_fixture_remove(fx, "src/old.py");
    rc |= rhea_fixture_write(fx, "src/later.py", "import os\n");
    rc |= rhea_fixture_commit(fx, AUTHOR, T0 + 60, 0, "Drop torch from later.py", NULL);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(rhea_fixture_finish(fx, &error), 0);

    e.store = rhea_store_open(e.db_path, &error);
    ck_assert_ptr_nonnull(e.store);
    git_repository *repo = rhea_repo_open(e.repo_path, &error);
    ck_assert_ptr_nonnull(repo);
    RheaIngestOptions o = {.product = "p", .repo_path = e.repo_path};
    if (rules_text) {
        o.rules_path = "recorded.rules";
        o.rules_text = rules_text;
    }
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(e.store, repo, &o, &st, &error), 0);
    git_repository_free(repo);
    return e;
}

static void env_free(Env *e)
{
    rhea_store_close(e->store);
    testutil_rmtree(e->dir);
    g_free(e->dir);
    g_free(e->repo_path);
    g_free(e->db_path);
}

/* "path label why" for every pid, in the labeling's order. */
static char *dump(const RheaLabeling *l)
{
    g_autoptr(GArray) pids = rhea_labeling_pids(l);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        g_string_append_printf(out, "%s %s %s\n", rhea_labeling_path(l, pid),
                               rhea_label_name(rhea_labeling_get(l, pid)),
                               rhea_labeling_why(l, pid));
    }
    return g_string_free(out, FALSE);
}

static RheaLabeling *labeling(Env *e, const char *rules_path, gboolean content)
{
    g_autoptr(GError) error = NULL;
    RheaLabeling *l = rhea_labeling_new(e->store, "p", rules_path, content, &error);
    ck_assert_msg(l != NULL, "%s", error ? error->message : "");
    return l;
}

START_TEST(recorded_rules_and_defaults)
{
    Env e = env_new("nonml src/ui.py\nml src/\n");
    g_autoptr(RheaLabeling) l = labeling(&e, NULL, FALSE);
    g_autofree char *got = dump(l);
    ck_assert_str_eq(got, "Predict.cs nonml default:other\n"
                          "README.md exclude default:documentation\n"
                          "app/Cam.kt nonml default:other\n"
                          "app/Main.java nonml default:other\n"
                          "docs/example.py exclude default:documentation\n"
                          "ios/Model.swift nonml default:other\n"
                          "model/w.h5 exclude default:serialized-model\n"
                          "package.json nonml default:other\n"
                          "src/later.py ml recorded.rules:2\n"
                          "src/net.py ml recorded.rules:2\n"
                          "src/old.py ml recorded.rules:2\n"
                          "src/ui.py ml recorded.rules:2\n" /* the later rule wins */
                          "src/util.py ml recorded.rules:2\n"
                          "web/app.js nonml default:other\n");
    /* a pid outside the history */
    ck_assert_int_eq(rhea_labeling_get(l, 999999), RHEA_LABEL_EXCLUDE);
    ck_assert_ptr_null(rhea_labeling_why(l, 999999));
    ck_assert_ptr_null(rhea_labeling_path(l, 999999));
    /* pids are the store's */
    RheaStore *db = e.store;
    gint64 pid = testutil_int(db, "SELECT pid FROM paths WHERE path = 'src/net.py'");
    ck_assert_str_eq(rhea_labeling_path(l, pid), "src/net.py");
    env_free(&e);
}
END_TEST

START_TEST(rules_path_overrides_recorded_rules)
{
    Env e = env_new("ml src/\n");
    g_autofree char *path = g_build_filename(e.dir, "other.rules", NULL);
    ck_assert(g_file_set_contents(path, "exclude src/\n", -1, NULL));
    g_autoptr(RheaLabeling) l = labeling(&e, path, FALSE);
    RheaStore *db = e.store;
    gint64 pid = testutil_int(db, "SELECT pid FROM paths WHERE path = 'src/util.py'");
    ck_assert_int_eq(rhea_labeling_get(l, pid), RHEA_LABEL_EXCLUDE);
    g_autofree char *want = g_strdup_printf("%s:1", path);
    ck_assert_str_eq(rhea_labeling_why(l, pid), want);

    /* a bad override file fails with its line */
    ck_assert(g_file_set_contents(path, "\nfoo src/\n", -1, NULL));
    g_autoptr(GError) error = NULL;
    ck_assert_ptr_null(rhea_labeling_new(e.store, "p", path, FALSE, &error));
    g_autofree char *want_err = g_strdup_printf("%s:2: unknown label 'foo'", path);
    ck_assert(g_str_has_prefix(error->message, want_err));
    env_free(&e);
}
END_TEST

START_TEST(content_signals)
{
    Env e = env_new("nonml src/ui.py\n");
    g_autoptr(RheaLabeling) l = labeling(&e, NULL, TRUE);
    g_autofree char *got = dump(l);
    ck_assert_str_eq(got, "Predict.cs ml content:ML.NET\n"
                          "README.md exclude default:documentation\n"
                          "app/Cam.kt ml content:ML Kit\n"
                          "app/Main.java ml content:TensorFlow\n"
                          "docs/example.py exclude default:documentation\n"
                          "ios/Model.swift ml content:Core ML\n"
                          "model/w.h5 exclude default:serialized-model\n"
                          "package.json nonml default:other\n"
                          "src/later.py nonml default:other\n"
                          "src/net.py ml content:PyTorch\n"
                          "src/old.py nonml default:other\n"
                          "src/ui.py nonml recorded.rules:1\n"
                          "src/util.py nonml default:other\n"
                          "web/app.js ml content:TensorFlow.js\n");
    env_free(&e);
}
END_TEST

START_TEST(defaults_only_and_missing_product)
{
    Env e = env_new(NULL);
    g_autoptr(RheaLabeling) l = labeling(&e, NULL, FALSE);
    g_autoptr(GArray) pids = rhea_labeling_pids(l);
    ck_assert_uint_eq(pids->len, 14);
    ck_assert_ptr_null(rhea_labeling_rules(l));
    g_autoptr(GError) error = NULL;
    ck_assert_ptr_null(rhea_labeling_new(e.store, "nope", NULL, FALSE, &error));
    ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND));
    ck_assert(strstr(error->message, "no product 'nope'") != NULL);
    env_free(&e);
}
END_TEST

START_TEST(catalog_file)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaCatalog) c = rhea_catalog_load_default(&error);
    ck_assert_msg(c != NULL, "%s", error ? error->message : "");
    ck_assert_uint_gt(rhea_catalog_size(c), 50);
    ck_assert(rhea_catalog_covers(c, "a/b.py"));
    ck_assert(!rhea_catalog_covers(c, "a/b.json"));
    ck_assert(!rhea_catalog_covers(c, "py"));
    const char text[] = "x = 1\0 from sklearn.svm import SVC";
    ck_assert_str_eq(rhea_catalog_scan(c, "m.py", text, sizeof text - 1), "scikit-learn");
    ck_assert_ptr_null(rhea_catalog_scan(c, "m.js", text, sizeof text - 1));

    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *bad = g_build_filename(dir, "ml-libraries.tsv", NULL);
    ck_assert(g_file_set_contents(bad, "# c\npython\timport x\tX\ncobol\tCALL ML\tM\n", -1, NULL));
    ck_assert_ptr_null(rhea_catalog_load(bad, &error));
    g_autofree char *want = g_strdup_printf("%s:3: unknown language 'cobol'", bad);
    ck_assert(g_str_has_prefix(error->message, want));
    g_clear_error(&error);
    /* RHEA_DATA_DIR overrides where the catalog is found (engine/datadir.h) */
    ck_assert(g_file_set_contents(bad, "python\timport zzz\tZ\n", -1, NULL));
    g_setenv("RHEA_DATA_DIR", dir, TRUE);
    g_autoptr(RheaCatalog) o = rhea_catalog_load_default(&error);
    g_unsetenv("RHEA_DATA_DIR");
    ck_assert_ptr_nonnull(o);
    ck_assert_uint_eq(rhea_catalog_size(o), 1);
    ck_assert_str_eq(rhea_catalog_scan(o, "a.py", "import zzz", 10), "Z");
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    git_libgit2_init();
    Suite *s = suite_create("labeling");
    TCase *tc = tcase_create("labels");
    tcase_add_test(tc, recorded_rules_and_defaults);
    tcase_add_test(tc, rules_path_overrides_recorded_rules);
    tcase_add_test(tc, content_signals);
    tcase_add_test(tc, defaults_only_and_missing_product);
    tcase_add_test(tc, catalog_file);
    suite_add_tcase(s, tc);
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
