/* test_study_report.c: the per-RQ report (reports/study_report.c) of two products worked by hand
 * in tests/test_summary.c: the sample product "wordwise" and the RQ history "rq"
 * (tests/histories.h), and of made-up summaries for every RQ3 order.
 *
 * Findings: neither core has one person (0/2). Core contributors on both sides: wordwise Alice
 * (Bob is ML only), rq Bob (Alice is non-ML only): 2 of 4, in both products. RCI 0.525 and 7/16:
 * both below 1. With backgrounds (wordwise Alice SE, Bob ML; rq Alice SE, Bob unsure): of the
 * three core contributors classified other than unsure, 2 are SE (both products) and 1 ML
 * (wordwise). */
#include <check.h>
#include <math.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/study_report.h"
#include "samples/sample_product.h"
#include "tests/histories.h"
#include "tests/table_cells.h"
#include "tests/testutil.h"

/* The table of the report with that key (the test fails when there is none). */
static const RheaTable *table(const RheaReport *r, const char *key)
{
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        for (guint b = 0; b < s->blocks->len; b++) {
            const RheaBlock *block = s->blocks->pdata[b];
            if (block->kind == RHEA_BLOCK_TABLE && g_str_equal(rhea_table_key(block->table), key))
                return block->table;
        }
    }
    ck_abort_msg("no table %s", key);
    return NULL;
}

static guint n_blocks(const RheaReport *r, RheaBlockKind kind)
{
    guint n = 0;
    for (guint i = 0; i < rhea_report_n_sections(r); i++) {
        const RheaSection *s = rhea_report_section(r, i);
        for (guint b = 0; b < s->blocks->len; b++)
            n += ((const RheaBlock *)s->blocks->pdata[b])->kind == kind;
    }
    return n;
}

typedef struct {
    char *dir_w, *dir_rq;
    RheaStore *w, *rq;
    GHashTable *backgrounds;
    GPtrArray *summaries;
} Study;

static RheaProductSummary *summarize(RheaStore *store, const char *product, GHashTable *bg)
{
    RheaSummaryOptions o = {.seed = 1};
    rhea_contributor_options_init(&o.contributors);
    o.contributors.backgrounds = bg;
    RheaWindow w = {0};
    GError *error = NULL;
    RheaProductSummary *s = rhea_summary_compute(store, product, &w, &o, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    return s;
}

static Study study_open(gboolean backgrounds)
{
    Study st = {0};
    st.dir_w = testutil_tmpdir();
    st.dir_rq = testutil_tmpdir();
    g_autofree char *rules = NULL;
    ck_assert(g_file_get_contents("samples/rules/sample.rules", &rules, NULL, NULL));
    st.w = testutil_ingest(st.dir_w, "wordwise", rhea_sample_product_build, rules);
    st.rq = testutil_ingest(st.dir_rq, "rq", histories_rq, HISTORIES_RQ_RULES);
    GHashTable *bg_w = NULL, *bg_rq = NULL;
    if (backgrounds) {
        bg_w = g_hash_table_new(g_str_hash, g_str_equal);
        g_hash_table_insert(bg_w, "alice@example.com", "SE");
        g_hash_table_insert(bg_w, "bob@example.com", "ML");
        bg_rq = g_hash_table_new(g_str_hash, g_str_equal);
        g_hash_table_insert(bg_rq, "alice@example.com", "SE");
        g_hash_table_insert(bg_rq, "bob@example.com", "unsure");
    }
    st.summaries = g_ptr_array_new_with_free_func((GDestroyNotify)rhea_summary_free);
    g_ptr_array_add(st.summaries, summarize(st.w, "wordwise", bg_w));
    g_ptr_array_add(st.summaries, summarize(st.rq, "rq", bg_rq));
    /* the summaries keep the background strings, which are literals here */
    if (bg_w) {
        g_hash_table_destroy(bg_w);
        g_hash_table_destroy(bg_rq);
    }
    return st;
}

static void study_close(Study *st)
{
    g_ptr_array_free(st->summaries, TRUE);
    rhea_store_close(st->w);
    rhea_store_close(st->rq);
    testutil_rmtree(st->dir_w);
    testutil_rmtree(st->dir_rq);
    g_free(st->dir_w);
    g_free(st->dir_rq);
}

START_TEST(rq1_products_and_findings)
{
    Study st = study_open(FALSE);
    RheaStudyReportOptions o = {.rq = 0, .window = "all history"};
    g_autoptr(RheaReport) r = rhea_study_report_build(st.summaries, &o);
    ck_assert_str_eq(rhea_report_title(r), "rhea report: 2 products, all history");
    /* RQ1, RQ2, RQ3, RQ4-5, RQ6, Findings 1-21 */
    ck_assert_uint_eq(rhea_report_n_sections(r), 6);
    /* RCI and cumulative charts in RQ1, one month chart per product in RQ3 */
    ck_assert_uint_eq(n_blocks(r, RHEA_BLOCK_CHART), 4);

    const RheaTable *p = table(r, "rq1_products");
    ck_assert_uint_eq(rhea_table_n_rows(p), 2);
    ck_cell(p, 0, "id", "wordwise");
    ck_cell(p, 0, "name", "(null)"); /* no manifest: no metadata */
    ck_cell(p, 0, "commits", "11");
    ck_cell(p, 0, "contributors", "3");
    ck_cell(p, 0, "core", "2");
    ck_cell(p, 0, "core_names", "Alice Smith; Bob Jones");
    ck_cell(p, 0, "top_share", "0.45454545454545453");
    ck_cell(p, 0, "core_ml", "2");
    ck_cell(p, 0, "core_nonml", "1");
    ck_cell(p, 0, "core_both", "1");
    ck_cell(p, 0, "ml_files", "4");
    ck_cell(p, 0, "nonml_files", "4");
    ck_cell(p, 0, "eci", "0.3");
    ck_cell(p, 0, "rci", "0.525");
    ck_cell(p, 0, "p_value", "(null)");
    ck_shown(p, 0, "rci_tx", "0.41"); /* 7/17 */
    ck_cell(p, 1, "id", "rq");
    ck_cell(p, 1, "commits", "5");
    ck_cell(p, 1, "core_names", "Alice Smith; Bob Jones");
    ck_cell(p, 1, "top_share", "0.4");
    ck_cell(p, 1, "core_ml", "1");
    ck_cell(p, 1, "core_nonml", "2");
    ck_cell(p, 1, "core_both", "1");
    ck_cell(p, 1, "ml_files", "3");
    ck_cell(p, 1, "nonml_files", "4");
    ck_cell(p, 1, "rci", "0.4375");

    /* Findings 1-21: Finding 1 (2 rows, 0/0 without backgrounds), 2, 3 (2), 4 (judged, 0/0 without
     * judgments), 5 (4), issue 14's 5 rows (reports/findings_depth.c), then 34 rows of Findings
     * 6-21 (0/0: no verdicts were given) = 49 */
    const RheaTable *f = table(r, "findings");
    ck_assert_uint_eq(rhea_table_n_rows(f), 49);
    /* issue 14's rows: truck factor 1, silo (everyone, core: no shuffles here, so no p-value and
     * no product counts), ML-only owners (wordwise: Bob), RCI changing side */
    const char *depth_finding[] = {"2", "3", "3", "4", "5"};
    for (guint i = 0; i < 5; i++) {
        ck_cell(f, 10 + i, "finding", depth_finding[i]);
        ck_cell(f, 10 + i, "basis", "measured");
    }
    ck_cell(f, 11, "count", "0/2");
    ck_cell(f, 12, "count", "0/2");
    ck_assert_ptr_nonnull(strstr(rhea_table_cell(f, 13, 4)->v.s, "wordwise"));
    const guint at[] = {2, 3, 4, 6, 7, 8, 9}; /* the measured RQ1 rows */
    const char *finding[] = {"2", "3", "3", "5", "5", "5", "5"};
    const char *count[] = {"0/2", "2/4", "2/2", "0/2", "2/2", "0/2", "0/2"};
    const char *paper[] = {"13/30", "–", "–", "12/30", "18/30", "–", "0/30"};
    const char *products[] = {"", "wordwise, rq", "wordwise, rq", "", "wordwise, rq", "", ""};
    for (guint i = 0; i < 7; i++) {
        ck_cell(f, at[i], "finding", finding[i]);
        ck_cell(f, at[i], "count", count[i]);
        ck_cell(f, at[i], "paper", paper[i]);
        ck_cell(f, at[i], "products", products[i]);
        ck_cell(f, at[i], "basis", "measured");
    }
    ck_cell(f, 0, "finding", "1");
    ck_cell(f, 0, "count", "0/0");
    ck_cell(f, 0, "basis", "judged");
    ck_cell(f, 5, "finding", "4");
    ck_cell(f, 5, "count", "0/0");
    ck_cell(f, 5, "basis", "judged");
    ck_cell(f, 48, "finding", "21");
    ck_cell(f, 48, "paper", "1/30");
    ck_assert_ptr_nonnull(strstr(rhea_table_caption(f), "Window: all history."));
    study_close(&st);
}
END_TEST

START_TEST(findings_with_backgrounds)
{
    Study st = study_open(TRUE);
    RheaStudyReportOptions o = {.rq = 1, .window = "before 2024-01-01", .backgrounds = TRUE};
    g_autoptr(RheaReport) r = rhea_study_report_build(st.summaries, &o);
    ck_assert_uint_eq(rhea_report_n_sections(r), 1);
    const RheaTable *f = table(r, "findings");
    /* Findings 1 (2 rows, first), 2, 3 (2), 4, 5 (4), issue 14's 5 = 15 */
    ck_assert_uint_eq(rhea_table_n_rows(f), 15);
    ck_cell(f, 0, "finding", "1");
    ck_cell(f, 0, "count", "2/3");
    ck_cell(f, 0, "paper", "74/92");
    ck_cell(f, 0, "products", "wordwise, rq");
    ck_cell(f, 0, "basis", "judged");
    ck_cell(f, 1, "count", "1/3");
    ck_cell(f, 1, "paper", "10/92");
    ck_cell(f, 1, "products", "wordwise");
    study_close(&st);
}
END_TEST

START_TEST(rq2_to_rq5_tables)
{
    Study st = study_open(FALSE);
    RheaStudyReportOptions o = {.rq = 0, .window = "all history"};
    g_autoptr(RheaReport) r = rhea_study_report_build(st.summaries, &o);
    const RheaTable *rq2 = table(r, "rq2_ml_code");
    ck_cell(rq2, 0, "ml_files", "4");
    ck_cell(rq2, 0, "ml_share", "0.5");
    ck_cell(rq2, 0, "ml_folders", "2");
    ck_cell(rq2, 1, "ml_files", "3");
    ck_cell(rq2, 1, "ml_share", "0.42857142857142855"); /* 3/7 */
    ck_cell(rq2, 1, "ml_folders", "3");
    const RheaTable *rq3 = table(r, "rq3_trajectory");
    ck_cell(rq3, 0, "first_commit", "2023-01-02");
    ck_cell(rq3, 0, "first_ml", "2023-01-04");
    ck_cell(rq3, 0, "first_nonml", "2023-01-02");
    ck_cell(rq3, 0, "order", "product first");
    ck_cell(rq3, 1, "first_commit", "2023-03-01");
    ck_cell(rq3, 1, "first_ml", "2023-03-02");
    ck_cell(rq3, 1, "order", "product first");
    const RheaTable *rq45 = table(r, "rq4_rq5_candidates");
    const char *want[2][4] = {{"0", "0", "0", "0"}, {"2", "1", "2", "2"}};
    const char *keys[] = {"test_files", "test_files_ml", "ops_files", "ops_commits"};
    for (guint i = 0; i < 2; i++)
        for (guint k = 0; k < 4; k++)
            ck_cell(rq45, i, keys[k], want[i][k]);

    /* one RQ at a time: RQ2 alone is one section with its text and table; RQ6 without verdicts is
     * text only */
    o.rq = 2;
    g_autoptr(RheaReport) r2 = rhea_study_report_build(st.summaries, &o);
    ck_assert_uint_eq(rhea_report_n_sections(r2), 1);
    ck_assert_uint_eq(n_blocks(r2, RHEA_BLOCK_TABLE), 1);
    ck_assert_uint_eq(n_blocks(r2, RHEA_BLOCK_CHART), 0);
    o.rq = 6;
    g_autoptr(RheaReport) r6 = rhea_study_report_build(st.summaries, &o);
    ck_assert_uint_eq(rhea_report_n_sections(r6), 1);
    ck_assert_uint_eq(n_blocks(r6, RHEA_BLOCK_TABLE), 0);
    /* its text and "Verdicts not computed" (no rhea evidence verdicts were given) */
    ck_assert_uint_eq(n_blocks(r6, RHEA_BLOCK_TEXT), 2);
    study_close(&st);
}
END_TEST

/* A summary with only RQ3's dates set (-1: none). */
static RheaProductSummary *dates(const char *product, gint64 first, gint64 ml, gint64 nonml)
{
    RheaProductSummary *s = g_new0(RheaProductSummary, 1);
    s->product = g_strdup(product);
    s->contributors = g_new0(RheaContributors, 1);
    s->contributors->all = g_array_new(FALSE, TRUE, sizeof(RheaContributor));
    s->coupling.rci = s->coupling.ci_low = s->coupling.ci_high = NAN;
    s->months = g_array_new(FALSE, TRUE, sizeof(RheaMonthCount));
    s->first_commit = first;
    s->first_ml = ml;
    s->first_nonml = nonml;
    return s;
}

START_TEST(rq3_every_order)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func((GDestroyNotify)rhea_summary_free);
    const gint64 d1 = 1672531200, d2 = d1 + 86400; /* 2023-01-01, 2023-01-02 */
    g_ptr_array_add(all, dates("model", d1, d1, d2));
    g_ptr_array_add(all, dates("product", d1, d2, d1));
    g_ptr_array_add(all, dates("together", d1, d1, d1));
    g_ptr_array_add(all, dates("ml-only", d1, d1, -1));
    g_ptr_array_add(all, dates("nonml-only", d1, -1, d2));
    g_ptr_array_add(all, dates("empty", -1, -1, -1));
    RheaStudyReportOptions o = {.rq = 3, .window = "all history"};
    g_autoptr(RheaReport) r = rhea_study_report_build(all, &o);
    const RheaTable *rq3 = table(r, "rq3_trajectory");
    const char *order[] = {"model first", "product first", "together",
                           "ML only",     "non-ML only",   "(null)"};
    for (guint i = 0; i < 6; i++)
        ck_cell(rq3, i, "order", order[i]);
    ck_cell(rq3, 0, "first_nonml", "2023-01-02");
    ck_cell(rq3, 3, "first_nonml", "(null)");
    ck_cell(rq3, 5, "first_commit", "(null)");
    /* no months: no month chart */
    ck_assert_uint_eq(n_blocks(r, RHEA_BLOCK_CHART), 0);
}
END_TEST

START_TEST(chart_names)
{
    Study st = study_open(FALSE);
    g_autoptr(GPtrArray) charts = rhea_study_report_charts(st.summaries);
    const char *names[] = {"rci", "cumulative_commits", "commits_over_time_wordwise",
                           "commits_over_time_rq"};
    const RheaStudyChartKind kinds[] = {RHEA_STUDY_CHART_RCI, RHEA_STUDY_CHART_CUMULATIVE,
                                        RHEA_STUDY_CHART_OVER_TIME, RHEA_STUDY_CHART_OVER_TIME};
    ck_assert_uint_eq(charts->len, 4);
    for (guint i = 0; i < 4; i++) {
        const RheaStudyChart *c = g_ptr_array_index(charts, i);
        ck_assert_str_eq(c->name, names[i]);
        ck_assert_int_eq(c->kind, kinds[i]);
    }
    const RheaStudyChart *c2 = g_ptr_array_index(charts, 2);
    ck_assert_str_eq(rhea_chart_title(c2->chart),
                     "wordwise: commits touching ML and non-ML code per month");
    study_close(&st);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("study_report");
    TCase *tc = tcase_create("study_report");
    tcase_add_test(tc, rq1_products_and_findings);
    tcase_add_test(tc, findings_with_backgrounds);
    tcase_add_test(tc, rq2_to_rq5_tables);
    tcase_add_test(tc, rq3_every_order);
    tcase_add_test(tc, chart_names);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
