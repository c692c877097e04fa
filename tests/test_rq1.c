/* test_rq1.c: the RQ1 tables and JSON documents (reports/rq1.c) on the sample product
 * (docs/metrics.md, worked example). Line counts are git's: `git log --numstat` on the sample
 * gives Alice 2 + 2 = 4 lines of ML code (predict.py in commits 5 and 10) and 3 + 4 + 1 + 1 + 3
 * = 12 of non-ML code; Carol 2 + 2 = 4 of non-ML code (logo.png is binary and excluded). */
#include <check.h>
#include <math.h>
#include <string.h>

#include "classifiers/labeling.h"
#include "metrics/transactions.h"
#include "reports/rq1.h"
#include "samples/sample_product.h"
#include "tests/table_cells.h"
#include "tests/testutil.h"

typedef struct {
    char *dir;
    RheaStore *store;
    RheaCommitSet *set;
} Sample;

static Sample sample_open(void)
{
    Sample s;
    s.dir = testutil_tmpdir();
    g_autofree char *rules = NULL;
    ck_assert(g_file_get_contents("samples/rules/sample.rules", &rules, NULL, NULL));
    s.store = testutil_ingest(s.dir, "wordwise", rhea_sample_product_build, rules);
    GError *error = NULL;
    g_autoptr(RheaLabeling) labels = rhea_labeling_new(s.store, "wordwise", NULL, FALSE, &error);
    RheaWindow w = {0};
    s.set = rhea_commitset_load(s.store, "wordwise", &w, labels, &error);
    ck_assert_ptr_nonnull(s.set);
    return s;
}

static void sample_close(Sample *s)
{
    rhea_commitset_free(s->set);
    rhea_store_close(s->store);
    testutil_rmtree(s->dir);
    g_free(s->dir);
}

START_TEST(contributors_table_and_backgrounds)
{
    Sample s = sample_open();
    RheaContributorOptions o;
    rhea_contributor_options_init(&o);
    o.backgrounds = g_hash_table_new(g_str_hash, g_str_equal);
    g_hash_table_insert(o.backgrounds, "alice@example.com", "SE");
    g_hash_table_insert(o.backgrounds, "carol@example.com", "ML");
    g_autoptr(RheaContributors) c = rhea_contributors_compute(s.set, &o);
    g_autoptr(RheaTable) t = rhea_rq1_contributors_table("wordwise", c, FALSE);
    ck_assert_str_eq(rhea_table_key(t), "contributors");
    ck_assert_str_eq(rhea_table_title(t), "wordwise: contributors");
    ck_assert_uint_eq(rhea_table_n_rows(t), 3);
    ck_cell(t, 0, "rank", "1");
    ck_cell(t, 0, "name", "Alice Smith");
    ck_cell(t, 0, "emails", "alice@example.com"); /* .mailmap joined the home address */
    ck_cell(t, 0, "commits", "5");
    ck_cell(t, 0, "share", "0.45454545454545453"); /* 5/11 */
    ck_shown(t, 0, "share", "0.455");
    ck_cell(t, 0, "core", "yes");
    ck_cell(t, 0, "ml_commits", "2");
    ck_cell(t, 0, "nonml_commits", "4");
    ck_cell(t, 0, "both_commits", "2");
    ck_cell(t, 0, "ml_lines", "4");
    ck_cell(t, 0, "nonml_lines", "12");
    ck_cell(t, 0, "background", "SE");
    ck_cell(t, 1, "name", "Bob Jones");
    ck_cell(t, 1, "ml_lines", "20");
    ck_cell(t, 1, "background", "(null)");
    ck_cell(t, 2, "name", "Carol Wu");
    ck_cell(t, 2, "core", "no");
    ck_cell(t, 2, "nonml_lines", "4");
    ck_cell(t, 2, "ml_lines", "0");
    ck_assert_str_eq(rhea_table_caption(t),
                     "11 commits by 3 contributors (1 bot commits left out); 2 core contributors "
                     "made at least 80% of the commits.");
    g_autoptr(RheaTable) core = rhea_rq1_contributors_table("wordwise", c, TRUE);
    ck_assert_str_eq(rhea_table_key(core), "core");
    ck_assert_uint_eq(rhea_table_n_rows(core), 2);

    /* backgrounds count the core only: Alice SE, Bob not in the file (Carol's ML is not core) */
    g_autoptr(RheaTable) b = rhea_rq1_backgrounds_table("wordwise", c);
    ck_assert_uint_eq(rhea_table_n_rows(b), 5);
    const char *kinds[] = {"SE", "ML", "other", "unsure", "not in the file"};
    const char *counts[] = {"1", "0", "0", "0", "1"};
    for (guint i = 0; i < 5; i++) {
        ck_cell(b, i, "background", kinds[i]);
        ck_cell(b, i, "core", counts[i]);
    }
    g_hash_table_destroy(o.backgrounds);
    sample_close(&s);
}
END_TEST

START_TEST(contributors_json)
{
    Sample s = sample_open();
    RheaContributorOptions o;
    rhea_contributor_options_init(&o);
    g_autoptr(RheaContributors) c = rhea_contributors_compute(s.set, &o);
    g_autoptr(JsonNode) node = rhea_rq1_contributors_json("wordwise", "all history", c);
    JsonObject *obj = json_node_get_object(node);
    ck_assert_str_eq(json_object_get_string_member(obj, "product"), "wordwise");
    ck_assert_str_eq(json_object_get_string_member(obj, "window"), "all history");
    ck_assert_int_eq(json_object_get_int_member(obj, "commits"), 11);
    ck_assert_int_eq(json_object_get_int_member(obj, "bot_commits"), 1);
    ck_assert_int_eq(json_object_get_int_member(obj, "contributors"), 3);
    ck_assert_int_eq(json_object_get_int_member(obj, "core_count"), 2);
    ck_assert_double_eq(json_object_get_double_member(obj, "threshold"), 0.8);
    JsonArray *core = json_object_get_array_member(obj, "core");
    ck_assert_uint_eq(json_array_get_length(core), 2);
    JsonArray *all = json_object_get_array_member(obj, "all");
    ck_assert_uint_eq(json_array_get_length(all), 3);
    JsonObject *bob = json_array_get_object_element(core, 1);
    ck_assert_str_eq(json_object_get_string_member(bob, "name"), "Bob Jones");
    ck_assert_int_eq(json_object_get_int_member(bob, "commits"), 4);
    ck_assert_double_eq(json_object_get_double_member(bob, "share"), 4.0 / 11.0);
    ck_assert_int_eq(json_object_get_int_member(bob, "ml_lines"), 20);
    ck_assert_int_eq(json_object_get_int_member(bob, "nonml_lines"), 0);
    ck_assert(json_object_get_null_member(bob, "background"));
    JsonArray *emails = json_object_get_array_member(bob, "emails");
    ck_assert_uint_eq(json_array_get_length(emails), 1);
    ck_assert_str_eq(json_array_get_string_element(emails, 0), "bob@example.com");
    sample_close(&s);
}
END_TEST

START_TEST(coupling_table_pairs_and_json)
{
    Sample s = sample_open();
    g_autoptr(RheaTransactions) tx = rhea_transactions_build(s.set, 0);
    RheaCoupling c;
    rhea_coupling_compute(&tx->input, 0, 0, 1, &c);
    g_autoptr(RheaTable) t = rhea_rq1_coupling_table("wordwise", &c);
    ck_assert_str_eq(rhea_table_key(t), "coupling");
    ck_assert_uint_eq(rhea_table_n_rows(t), 15);
    /* rows in order: figure, value */
    const char *figures[] = {
        "transactions", "ml_files",     "nonml_files", "pairs",           "cross_pairs",
        "eci",          "expected_eci", "rci",         "ci_low",          "ci_high",
        "p_value",      "both",         "eci_tx",      "expected_eci_tx", "rci_tx"};
    const char *shown[] = {"11", "4", "4", "10", "3",      "0.3000", "0.5714", "0.525",
                           "–",  "–", "–", "2",  "0.1818", "0.4416", "0.412"};
    for (guint i = 0; i < G_N_ELEMENTS(figures); i++) {
        ck_cell(t, i, "figure", figures[i]);
        g_autofree char *v = table_cell(t, i, "value", TRUE);
        ck_assert_str_eq(v ? v : "–", shown[i]);
    }
    ck_assert_str_eq(rhea_table_caption(t), "0 permutations and 0 bootstrap resamples, seed 1. "
                                            "Formulas: docs/metrics.md, Coupling.");

    /* the top pair: model/predict.py with app/keyboard.js in transactions 5 and 10: support
     * 2/11, confidence 2/3 from predict.py (4, 5, 10), 2/4 from keyboard.js (2, 5, 10, 11) */
    g_autoptr(GArray) pairs = rhea_coupling_top_pairs(&tx->input, 1);
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(RheaLabeling) labels = rhea_labeling_new(s.store, "wordwise", NULL, FALSE, NULL);
    for (guint i = 0; i < tx->pids->len; i++)
        g_ptr_array_add(paths,
                        g_strdup(rhea_labeling_path(labels, g_array_index(tx->pids, gint64, i))));
    g_autoptr(RheaTable) top = rhea_rq1_top_pairs_table("wordwise", pairs, paths);
    ck_assert_uint_eq(rhea_table_n_rows(top), 1);
    ck_cell(top, 0, "ml_file", "model/predict.py");
    ck_cell(top, 0, "nonml_file", "app/keyboard.js");
    ck_cell(top, 0, "together", "2");
    ck_cell(top, 0, "support", "0.18181818181818182");
    ck_cell(top, 0, "confidence_ml", "0.6666666666666666");
    ck_cell(top, 0, "confidence_nonml", "0.5");

    g_autoptr(JsonNode) node = rhea_rq1_coupling_json("wordwise", "all history", &c, pairs, paths);
    JsonObject *obj = json_node_get_object(node);
    ck_assert_int_eq(json_object_get_int_member(obj, "pairs"), 10);
    ck_assert_int_eq(json_object_get_int_member(obj, "cross_pairs"), 3);
    ck_assert_double_eq_tol(json_object_get_double_member(obj, "rci"), 0.525, 1e-12);
    ck_assert(json_object_get_null_member(obj, "rci_null_reason"));
    ck_assert(json_object_get_null_member(obj, "p_value"));
    ck_assert(json_object_get_null_member(obj, "ci_low"));
    JsonArray *jp = json_object_get_array_member(obj, "top_pairs");
    ck_assert_uint_eq(json_array_get_length(jp), 1);
    JsonObject *p0 = json_array_get_object_element(jp, 0);
    ck_assert_str_eq(json_object_get_string_member(p0, "ml_file"), "model/predict.py");
    ck_assert_int_eq(json_object_get_int_member(p0, "together"), 2);
    /* without --top: no top_pairs member */
    g_autoptr(JsonNode) bare = rhea_rq1_coupling_json("wordwise", "all history", &c, NULL, NULL);
    ck_assert(!json_object_has_member(json_node_get_object(bare), "top_pairs"));
    sample_close(&s);
}
END_TEST

START_TEST(undefined_coupling_and_json_file)
{
    RheaCouplingInput in = {0};
    RheaCoupling c;
    rhea_coupling_compute(&in, 0, 0, 1, &c);
    g_autoptr(RheaTable) t = rhea_rq1_coupling_table("empty", &c);
    ck_assert_str_eq(rhea_table_caption(t), "RCI is undefined: no transactions in the window.");
    ck_cell(t, 7, "figure", "rci");
    ck_cell(t, 7, "value", "(null)");
    g_autoptr(JsonNode) node = rhea_rq1_coupling_json("empty", "all history", &c, NULL, NULL);
    JsonObject *obj = json_node_get_object(node);
    ck_assert_str_eq(json_object_get_string_member(obj, "rci_null_reason"),
                     "no transactions in the window");
    ck_assert(json_object_get_null_member(obj, "rci"));

    /* written whole with a final newline; a folder that does not exist is a one-line error */
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "c.json", NULL);
    GError *error = NULL;
    ck_assert_int_eq(rhea_rq1_write_json(node, path, &error), 0);
    g_autofree char *text = NULL;
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert(g_str_has_prefix(text, "{\n"));
    ck_assert(g_str_has_suffix(text, "}\n"));
    ck_assert_msg(strstr(text, "\n  \"rci\": null,\n") != NULL, "%s", text);
    g_autofree char *bad = g_build_filename(dir, "missing", "c.json", NULL);
    ck_assert_int_eq(rhea_rq1_write_json(node, bad, &error), -1);
    /* the one output writer's message (engine/outfile.c) names the path */
    g_autofree char *want = g_strdup_printf("cannot write %s: ", bad);
    ck_assert_msg(g_str_has_prefix(error->message, want), "%s", error->message);
    ck_assert_ptr_null(strchr(error->message, '\n'));
    g_clear_error(&error);
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rq1");
    TCase *tc = tcase_create("rq1");
    tcase_add_test(tc, contributors_table_and_backgrounds);
    tcase_add_test(tc, contributors_json);
    tcase_add_test(tc, coupling_table_pairs_and_json);
    tcase_add_test(tc, undefined_coupling_and_json_file);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
