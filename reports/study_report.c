/* study_report.c: see study_report.h. The findings rows carry the paper's own figures beside the
 * computed ones, so a study at the paper's date reads as the paper's table regenerated. */
#include "reports/study_report.h"

#include "reports/findings_depth.h"
#include "reports/rq1.h"

#include <math.h>
#include <string.h>

#include "reports/chart.h"

static const char *meta(const RheaProductSummary *s, const char *key)
{
    return s->meta ? g_hash_table_lookup(s->meta, key) : NULL;
}

static void push_meta(RheaTable *t, const RheaProductSummary *s, const char *key)
{
    rhea_table_push_string(t, meta(s, key));
}

static char *core_names(const RheaContributors *c)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < c->core; i++) {
        if (i)
            g_string_append(s, "; ");
        g_string_append(s, g_array_index(c->all, RheaContributor, i).name);
    }
    return g_string_free(s, FALSE);
}

/* The core threshold the contributors were counted with (--threshold; 0.8 in the paper), as a
 * percentage written as given: 0.855 is "85.5", not "86". */
static double threshold_of(GPtrArray *summaries)
{
    return summaries->len
               ? ((const RheaProductSummary *)summaries->pdata[0])->contributors->threshold
               : 0.8;
}

static void percent_text(char *buf, gsize size, double share)
{
    g_ascii_formatd(buf, size, "%.15g", share * 100);
}

static RheaTable *rq1_table(GPtrArray *summaries, const RheaStudyReportOptions *o)
{
    RheaTable *t = rhea_table_new("rq1_products", "RQ1: contributors and coupling per product");
    const char *cols[][3] = {
        {"id", "ID", "l"},
        {"name", "Name", "l"},
        {"genre", "Genre", "l"},
        {"paper_stars", "Stars (paper)", "r"},
        {"paper_contributors", "Cont. (paper)", "r"},
        {"commits", "Commits", "r"},
        {"contributors", "Contributors", "r"},
        {"core", "Core", "r"},
        {"core_names", "Core contributors", "l"},
        {"top_share", "Top share", "r"},
        {"core_ml", "Core→ML", "r"},
        {"core_nonml", "Core→non-ML", "r"},
        {"core_both", "Core→both", "r"},
        {"ml_files", "ML files", "r"},
        {"nonml_files", "Non-ML files", "r"},
        {"eci", "ECI", "r"},
        {"rci", "RCI", "r"},
        {"ci_low", "CI low", "r"},
        {"ci_high", "CI high", "r"},
        {"p_value", "p", "r"},
        {"rci_tx", "RCI (tx)", "r"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cols); i++)
        rhea_table_add_column(t, cols[i][0], cols[i][1],
                              cols[i][2][0] == 'l' ? RHEA_ALIGN_LEFT : RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        const RheaContributors *c = s->contributors;
        const RheaCoupling *k = &s->coupling;
        g_autofree char *names = core_names(c);
        rhea_table_add_row(t);
        rhea_table_push_string(t, s->product);
        push_meta(t, s, "name");
        push_meta(t, s, "genre");
        push_meta(t, s, "stars");
        push_meta(t, s, "contributors");
        rhea_table_push_int(t, c->commits);
        rhea_table_push_int(t, c->all->len);
        rhea_table_push_int(t, c->core);
        rhea_table_push_string(t, names);
        if (c->all->len)
            rhea_table_push_double(t, g_array_index(c->all, RheaContributor, 0).share, 2);
        else
            rhea_table_push_null(t);
        rhea_table_push_int(t, s->core_ml);
        rhea_table_push_int(t, s->core_nonml);
        rhea_table_push_int(t, s->core_both);
        rhea_table_push_int(t, k->ml_files);
        rhea_table_push_int(t, k->nonml_files);
        rhea_table_push_double(t, k->eci, 3);
        rhea_table_push_double(t, k->rci, 2);
        rhea_table_push_double(t, k->ci_low, 2);
        rhea_table_push_double(t, k->ci_high, 2);
        rhea_table_push_double(t, k->p_value, 3);
        rhea_table_push_double(t, k->rci_tx, 2);
    }
    /* what was counted, as the options said (--threshold, --include-merges, --include-bots) */
    char percent[G_ASCII_DTOSTR_BUF_SIZE];
    percent_text(percent, sizeof percent, threshold_of(summaries));
    g_autofree char *caption = g_strdup_printf(
        "Commits: %s in the window, bots %s. Core: the fewest contributors making %s%% of the "
        "commits. Core→ML/non-ML/both: core contributors with commits to ML code, non-ML code, "
        "both. ML/non-ML files: files changed in the window. RCI: ECI over the ECI of random "
        "edits, with its 95%% bootstrap interval and permutation p-value (docs/metrics.md). "
        "Stars and contributors (paper): Table I of Nahar et al.",
        o->include_merges ? "commits (merges included)" : "non-merge commits",
        o->include_bots ? "counted" : "left out", percent);
    rhea_table_set_caption(t, caption);
    return t;
}

typedef struct {
    guint k, n;
    GString *who;
} Count;

static void count_add(Count *c, gboolean hit, const char *product)
{
    c->n++;
    if (!hit)
        return;
    c->k++;
    if (!product)
        return;
    if (!c->who)
        c->who = g_string_new(NULL);
    if (c->who->len)
        g_string_append(c->who, ", ");
    g_string_append(c->who, product);
}

static void finding_row(RheaTable *t, const char *finding, const char *what, Count *c,
                        const char *paper, const char *basis)
{
    g_autofree char *ratio = g_strdup_printf("%u/%u", c->k, c->n);
    rhea_table_add_row(t);
    rhea_table_push_string(t, finding);
    rhea_table_push_string(t, what);
    rhea_table_push_string(t, ratio);
    rhea_table_push_string(t, paper);
    rhea_table_push_string(t, c->who ? c->who->str : "");
    rhea_table_push_string(t, basis);
    if (c->who)
        g_string_free(c->who, TRUE);
    memset(c, 0, sizeof *c);
}

typedef gboolean (*ProductTest)(const RheaProductSummary *s);

static gboolean single_core(const RheaProductSummary *s)
{
    return s->contributors->core == 1;
}

static gboolean core_on_both_sides(const RheaProductSummary *s)
{
    return s->core_both > 0;
}

static gboolean rci_above(const RheaProductSummary *s)
{
    return isfinite(s->coupling.rci) && s->coupling.rci > 1;
}

static gboolean rci_below(const RheaProductSummary *s)
{
    return isfinite(s->coupling.rci) && s->coupling.rci < 1;
}

static gboolean rci_above_significant(const RheaProductSummary *s)
{
    return rci_above(s) && s->coupling.p_value < 0.05;
}

static gboolean rci_undefined(const RheaProductSummary *s)
{
    return !isfinite(s->coupling.rci);
}

/* A row counting products: k/N with the products that pass. */
static void products_row(RheaTable *t, GPtrArray *summaries, const char *finding, const char *what,
                         ProductTest test, const char *paper)
{
    Count c = {0};
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        count_add(&c, test(s), s->product);
    }
    finding_row(t, finding, what, &c, paper, "measured");
}

/* A row counting core contributors: with background NULL, those committing to both sides (of all
 * core contributors); else those with that background (of those with a background other than
 * unsure). The products column names the products with at least one hit. */
static void people_row(RheaTable *t, GPtrArray *summaries, const char *finding, const char *what,
                       const char *background, const char *paper)
{
    Count c = {0}, products = {0};
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        guint before = c.k;
        for (guint j = 0; j < s->contributors->core; j++) {
            const RheaContributor *r = &g_array_index(s->contributors->all, RheaContributor, j);
            if (!background)
                count_add(&c, r->ml_commits > 0 && r->nonml_commits > 0, NULL);
            else if (r->background && strcmp(r->background, "unsure") != 0)
                count_add(&c, strcmp(r->background, background) == 0, NULL);
        }
        count_add(&products, c.k > before, s->product);
    }
    c.who = products.who;
    finding_row(t, finding, what, &c, paper, background ? "judged" : "measured");
}

/* ---- Findings 4 and 6-21: from verdicts and judgments ---- */

static const char *const JUDGED_ONLY[] = {"model_importance", "prediction_use", "post_processing",
                                          "models_independent", "team_responsibilities"};

static gboolean judged_only(const char *key)
{
    for (gsize i = 0; i < G_N_ELEMENTS(JUDGED_ONLY); i++)
        if (!strcmp(JUDGED_ONLY[i], key))
            return TRUE;
    return FALSE;
}

/* Product i's value for key: its verdict (judgments applied) or, for the keys only reading
 * settles, its judgment; NULL when there is none. *judged tells which. */
static const char *value_of(const RheaStudyReportOptions *o, GPtrArray *summaries, guint i,
                            const char *key, gboolean *judged)
{
    const RheaProductSummary *s = g_ptr_array_index(summaries, i);
    *judged = TRUE;
    if (judged_only(key)) {
        const RheaJudgment *j = rhea_judgments_get(o->judgments, s->product, key);
        return j ? j->value : NULL;
    }
    if (!o->verdicts)
        return NULL;
    const RheaEvidenceVerdict *v =
        rhea_evidence_verdicts_get(g_ptr_array_index(o->verdicts, i), key);
    if (!v)
        return NULL;
    *judged = v->basis == RHEA_BASIS_JUDGED;
    return v->value;
}

/* value is "a|b" (any of them) or "!a" (anything but a). */
static gboolean value_matches(const char *v, const char *spec)
{
    if (spec[0] == '!')
        return strcmp(v, spec + 1) != 0;
    g_auto(GStrv) alts = g_strsplit(spec, "|", -1);
    for (char **a = alts; *a; a++)
        if (!strcmp(*a, v))
            return TRUE;
    return FALSE;
}

typedef struct {
    const char *finding, *measure, *key, *value;
    const char *among_key, *among_value; /* the population: products whose among_key matches */
    const char *paper;
} VerdictRow;

static const VerdictRow VERDICT_ROWS[] = {
    {"4", "products with documented team roles (judged)", "team_responsibilities", "yes", NULL,
     NULL, "5/30"},
    {"6", "products relying on third-party models only", "model_source", "third-party", NULL, NULL,
     "13/30"},
    {"6", "products with self-trained models", "model_source", "self-trained|both", NULL, NULL,
     "17/30"},
    {"6", "products with both third-party and self-trained models", "model_source", "both", NULL,
     NULL, "2/30"},
    {"7", "model is the core functionality (judged)", "model_importance", "core", NULL, NULL,
     "11/30"},
    {"7", "model is significant functionality (judged)", "model_importance", "significant", NULL,
     NULL, "6/30"},
    {"7", "model is optional functionality (judged)", "model_importance", "optional", NULL, NULL,
     "13/30"},
    {"8", "predictions automate actions (judged)", "prediction_use", "automate", NULL, NULL,
     "5/30"},
    {"8", "predictions prompt the user (judged)", "prediction_use", "prompt", NULL, NULL, "2/30"},
    {"8", "predictions are displayed only (judged)", "prediction_use", "display", NULL, NULL,
     "23/30"},
    {"9", "raw predictions, no post-processing (judged)", "post_processing", "none", NULL, NULL,
     "21/30"},
    {"10", "products that automate and post-process predictions (judged)", "post_processing",
     "!none", "prediction_use", "automate", "4/5"},
    {"11", "products with multiple models", "multiple_models", "yes", NULL, NULL, "18/30"},
    {"11", "of them with independent models (judged)", "models_independent", "yes",
     "multiple_models", "yes", "11/18"},
    {"12", "self-trained: no training pipeline found", "pipeline", "none found", "model_source",
     "self-trained|both", "4/17"},
    {"12", "self-trained: manual training steps", "pipeline", "manual steps", "model_source",
     "self-trained|both", "4/17"},
    {"12", "self-trained: data retrieval automated only", "pipeline", "data retrieval only",
     "model_source", "self-trained|both", "2/17"},
    {"12", "self-trained: training started from the GUI", "pipeline", "training in the GUI",
     "model_source", "self-trained|both", "4/17"},
    {"12", "self-trained: automated training pipeline", "pipeline", "automated", "model_source",
     "self-trained|both", "4/17"},
    {"13", "self-trained with model documentation", "model_docs", "yes", "model_source",
     "self-trained|both", "1/17"},
    {"13", "self-trained with data documentation", "data_docs", "yes", "model_source",
     "self-trained|both", "–"},
    {"14", "products using big-data infrastructure (Spark, Hadoop, Dask, Ray)", "big_data", "yes",
     NULL, NULL, "0/30"},
    {"14", "products using cloud services", "cloud", "yes", NULL, NULL, "7/30"},
    {"15", "product-first trajectory", "trajectory", "product-first", NULL, NULL, "16/30"},
    {"15", "model-first trajectory", "trajectory", "model-first", NULL, NULL, "7/30"},
    {"16", "core-model products developed model-first", "trajectory", "model-first",
     "model_importance", "core", "11/11"},
    {"17", "products with software tests", "software_tests", "yes", NULL, NULL, "23/30"},
    {"17", "products with model evaluation", "model_eval", "yes", NULL, NULL, "8/30"},
    {"17", "products with data validation", "data_validation", "yes", NULL, NULL, "2/30"},
    {"18", "self-trained with a mechanism to evolve models", "retraining", "!none", "model_source",
     "self-trained|both", "8/17"},
    {"18", "self-trained retrained at run time", "retraining", "run time", "model_source",
     "self-trained|both", "5/17"},
    {"18", "self-trained retrained on a schedule", "retraining", "scheduled", "model_source",
     "self-trained|both", "3/17"},
    {"19", "products with telemetry or monitoring", "telemetry", "yes", NULL, NULL, "1/30"},
    {"20", "products using MLOps tools", "mlops", "yes", NULL, NULL, "0/30"},
    {"21", "products with responsible-AI material", "responsible_ai", "yes", NULL, NULL, "1/30"},
};

static void verdict_row(RheaTable *t, GPtrArray *summaries, const RheaStudyReportOptions *o,
                        const VerdictRow *r)
{
    Count c = {0};
    guint judged = 0, heuristic = 0;
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        gboolean j1 = FALSE, j2 = FALSE;
        if (r->among_key) {
            const char *pv = value_of(o, summaries, i, r->among_key, &j2);
            if (!pv || !value_matches(pv, r->among_value))
                continue;
        }
        const char *v = value_of(o, summaries, i, r->key, &j1);
        if (!v)
            continue;
        count_add(&c, value_matches(v, r->value), s->product);
        if (j1 && (!r->among_key || j2))
            judged++;
        else if (!j1 && (!r->among_key || !j2))
            heuristic++;
        else
            judged++, heuristic++;
    }
    const char *basis = judged && heuristic ? "mixed" : judged ? "judged" : "heuristic";
    if (!judged && !heuristic)
        basis = judged_only(r->key) ? "judged" : "heuristic";
    finding_row(t, r->finding, r->measure, &c, r->paper, basis);
}

static RheaTable *findings_table(GPtrArray *summaries, const RheaStudyReportOptions *o)
{
    gboolean all = o->rq == 0;
    RheaTable *t = rhea_table_new("findings", all ? "Findings 1-21, restated from the data"
                                                  : "RQ1 findings, restated from the data");
    rhea_table_add_column(t, "finding", "Finding", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "measure", "Measure", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "count", "Here", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "paper", "Paper", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "products", "Products", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "basis", "Basis", RHEA_ALIGN_LEFT);
    /* without --backgrounds no contributor is classified: 0/0, and the caption says why */
    people_row(t, summaries, "1", "SE-focused core contributors (of those classified)", "SE",
               "74/92");
    people_row(t, summaries, "1", "ML-focused core contributors (of those classified)", "ML",
               "10/92");
    products_row(t, summaries, "2", "products with a single core contributor", single_core,
                 "13/30");
    people_row(t, summaries, "3", "core contributors committing to both ML and non-ML code", NULL,
               "–");
    products_row(t, summaries, "3", "products where a core contributor commits to both sides",
                 core_on_both_sides, "–");
    verdict_row(t, summaries, o, &VERDICT_ROWS[0]); /* Finding 4 */
    products_row(t, summaries, "5",
                 "products with RCI > 1 (ML and non-ML change together more than random)",
                 rci_above, "12/30");
    products_row(t, summaries, "5", "products with RCI < 1", rci_below, "18/30");
    products_row(t, summaries, "5", "products with RCI > 1 at p < 0.05 (permutation test)",
                 rci_above_significant, "–");
    products_row(t, summaries, "5", "products where RCI is undefined", rci_undefined, "0/30");
    rhea_findings_depth_rows(t, summaries);
    if (all)
        for (gsize i = 1; i < G_N_ELEMENTS(VERDICT_ROWS); i++)
            verdict_row(t, summaries, o, &VERDICT_ROWS[i]);
    g_autofree char *caption = g_strdup_printf(
        "Window: %s. Paper: Nahar et al., section V, over its 30 products (– where the paper "
        "gives no count). Basis: measured from the history; heuristic from rhea evidence's "
        "verdicts (docs/evidence.md); judged from --judgments (or --backgrounds for Finding 1); "
        "mixed when some products are judged and others not. Finding 3 counts core "
        "contributors with commits to both sides. Rows with a population (Findings 10-13, 16, "
        "18) count only the products in it; judged-only rows count the products with a "
        "judgment.%s",
        o->window, o->backgrounds ? "" : " Finding 1 needs --backgrounds (judged by people).");
    rhea_table_set_caption(t, caption);
    return t;
}

static char *format_date(gint64 t)
{
    if (t < 0)
        return NULL;
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    return dt ? g_date_time_format(dt, "%Y-%m-%d") : NULL;
}

static RheaTable *rq2_table(GPtrArray *summaries)
{
    RheaTable *t = rhea_table_new("rq2_ml_code", "RQ2: where the ML code lives");
    rhea_table_add_column(t, "id", "ID", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "ml_files", "ML files", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ml_share", "ML share of code files", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ml_folders", "Top-level folders with ML", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        guint code = s->ml_paths + s->nonml_paths;
        rhea_table_add_row(t);
        rhea_table_push_string(t, s->product);
        rhea_table_push_int(t, s->ml_paths);
        rhea_table_push_double(t, code ? (double)s->ml_paths / code : NAN, 3);
        rhea_table_push_int(t, s->ml_folders);
    }
    return t;
}

static RheaTable *rq3_table(GPtrArray *summaries)
{
    RheaTable *t = rhea_table_new("rq3_trajectory", "RQ3: model-product trajectory");
    rhea_table_add_column(t, "id", "ID", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "first_commit", "First commit", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "first_ml", "First ML commit", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "first_nonml", "First non-ML commit", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "order", "Which came first", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        g_autofree char *a = format_date(s->first_commit);
        g_autofree char *b = format_date(s->first_ml);
        g_autofree char *c = format_date(s->first_nonml);
        const char *order = s->first_ml < 0 && s->first_nonml < 0 ? NULL
                            : s->first_ml < 0                     ? "non-ML only"
                            : s->first_nonml < 0                  ? "ML only"
                            : s->first_ml < s->first_nonml        ? "model first"
                            : s->first_ml > s->first_nonml        ? "product first"
                                                                  : "together";
        rhea_table_add_row(t);
        rhea_table_push_string(t, s->product);
        rhea_table_push_string(t, a);
        rhea_table_push_string(t, b);
        rhea_table_push_string(t, c);
        rhea_table_push_string(t, order);
    }
    return t;
}

static RheaTable *rq45_table(GPtrArray *summaries)
{
    RheaTable *t = rhea_table_new("rq4_rq5_candidates", "RQ4 and RQ5: test and operations files");
    rhea_table_add_column(t, "id", "ID", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "test_files", "Test files", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "test_files_ml", "of them ML", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ops_files", "CI/deploy files", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "ops_commits", "Commits to them", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        rhea_table_add_row(t);
        rhea_table_push_string(t, s->product);
        rhea_table_push_int(t, s->test_paths);
        rhea_table_push_int(t, s->test_paths_ml);
        rhea_table_push_int(t, s->ops_paths);
        rhea_table_push_int(t, s->ops_commits);
    }
    rhea_table_set_caption(t, "Found by path (docs/metrics.md, Report figures): candidates for a "
                              "person to read, not a verdict.");
    return t;
}

/* ---- RQ2-RQ6: verdicts per product ---- */

/* One row per product: its value for each key (verdict or judgment), and the judged keys. */
static RheaTable *verdicts_table(GPtrArray *summaries, const RheaStudyReportOptions *o,
                                 const char *key, const char *title, const char *const *keys)
{
    RheaTable *t = rhea_table_new(key, title);
    rhea_table_add_column(t, "id", "ID", RHEA_ALIGN_LEFT);
    for (const char *const *k = keys; *k; k++)
        rhea_table_add_column(t, *k, *k, RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "judged", "Judged", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        g_autoptr(GString) judged = g_string_new(NULL);
        rhea_table_add_row(t);
        rhea_table_push_string(t, s->product);
        for (const char *const *k = keys; *k; k++) {
            gboolean j = FALSE;
            const char *v = value_of(o, summaries, i, *k, &j);
            rhea_table_push_string(t, v);
            if (v && j)
                g_string_append_printf(judged, "%s%s", judged->len ? ", " : "", *k);
        }
        rhea_table_push_string(t, judged->str);
    }
    return t;
}

/* One row per product and verdict key: the value and the evidence that decided it. */
static RheaTable *decided_table(GPtrArray *summaries, const RheaStudyReportOptions *o,
                                const char *key, const char *const *keys)
{
    RheaTable *t = rhea_table_new(key, "What decided each verdict");
    rhea_table_add_column(t, "id", "ID", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "key", "Verdict", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "value", "Value", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "basis", "Basis", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "decided_by", "Decided by", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < summaries->len; i++) {
        const RheaEvidenceVerdicts *vs = g_ptr_array_index(o->verdicts, i);
        for (const char *const *k = keys; *k; k++) {
            const RheaEvidenceVerdict *v = rhea_evidence_verdicts_get(vs, *k);
            if (!v)
                continue;
            rhea_table_add_row(t);
            rhea_table_push_string(t, vs->product);
            rhea_table_push_string(t, v->key);
            rhea_table_push_string(t, v->value);
            rhea_table_push_string(t, v->basis == RHEA_BASIS_JUDGED ? "judged" : "heuristic");
            rhea_table_push_string(t, v->decided_by);
        }
    }
    return t;
}

static RheaTable *trajectory_table(GPtrArray *summaries, const RheaStudyReportOptions *o)
{
    RheaTable *t = rhea_table_new("rq3_code_trajectory",
                                  "RQ3: first ML code against first user-interface code");
    rhea_table_add_column(t, "id", "ID", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "first_ml_code", "First ML code", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "first_ui_code", "First UI code", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "gap_days", "UI after ML (days)", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "trajectory", "Trajectory", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "basis", "Basis", RHEA_ALIGN_LEFT);
    guint threshold = RHEA_TRAJECTORY_DEFAULT_DAYS;
    for (guint i = 0; i < summaries->len; i++) {
        const RheaEvidenceVerdicts *vs = g_ptr_array_index(o->verdicts, i);
        const RheaEvidenceVerdict *v = rhea_evidence_verdicts_get(vs, "trajectory");
        g_autofree char *a = format_date(vs->first_ml), *b = format_date(vs->first_ui);
        threshold = vs->threshold_days;
        rhea_table_add_row(t);
        rhea_table_push_string(t, vs->product);
        rhea_table_push_string(t, a);
        rhea_table_push_string(t, b);
        if (vs->first_ml >= 0 && vs->first_ui >= 0)
            rhea_table_push_int(t, (vs->first_ui - vs->first_ml) / 86400);
        else
            rhea_table_push_null(t);
        rhea_table_push_string(t, v ? v->value : NULL);
        rhea_table_push_string(t, v && v->basis == RHEA_BASIS_JUDGED ? "judged" : "heuristic");
    }
    g_autofree char *cap = g_strdup_printf(
        "Dates of the first commits that added ML code (model use or training) and "
        "user-interface code still in the tree at the window's end (rhea evidence); together "
        "within %u days (docs/metrics.md, Trajectory). The table above dates files by rules.",
        threshold);
    rhea_table_set_caption(t, cap);
    return t;
}

static const char *const RQ2_KEYS[] = {"model_source", "multiple_models", "pipeline", "model_docs",
                                       "data_docs",    "big_data",        "cloud",    NULL};
static const char *const RQ2_JUDGED[] = {"model_importance", "prediction_use", "post_processing",
                                         "models_independent", NULL};
static const char *const RQ3_KEYS[] = {"trajectory", NULL};
static const char *const RQ4_KEYS[] = {"software_tests", "model_eval", "data_validation", NULL};
static const char *const RQ5_KEYS[] = {"retraining", "telemetry", "mlops", NULL};
static const char *const RQ6_KEYS[] = {"responsible_ai", NULL};

static void add_verdict_tables(RheaSection *s, GPtrArray *summaries,
                               const RheaStudyReportOptions *o, guint rq)
{
    if (!o->verdicts) {
        rhea_section_add_text(s, "Verdicts not computed (rhea evidence reads each product's "
                                 "repository; see docs/evidence.md).");
        return;
    }
    const char *const *keys = rq == 2   ? RQ2_KEYS
                              : rq == 3 ? RQ3_KEYS
                              : rq == 4 ? RQ4_KEYS
                              : rq == 5 ? RQ5_KEYS
                                        : RQ6_KEYS;
    g_autofree char *key = g_strdup_printf("rq%u_verdicts", rq);
    g_autofree char *dkey = g_strdup_printf("rq%u_decided_by", rq);
    g_autofree char *title = g_strdup_printf("RQ%u: verdicts per product", rq);
    if (rq == 3)
        rhea_section_add_table(s, trajectory_table(summaries, o));
    else
        rhea_section_add_table(s, verdicts_table(summaries, o, key, title, keys));
    if (rq == 2 && o->judgments)
        rhea_section_add_table(s, verdicts_table(summaries, o, "rq2_judged",
                                                 "RQ2: findings only reading settles (judged)",
                                                 RQ2_JUDGED));
    rhea_section_add_table(s, decided_table(summaries, o, dkey, keys));
}

void rhea_study_chart_free(RheaStudyChart *c)
{
    if (!c)
        return;
    g_free(c->name);
    rhea_chart_free(c->chart);
    g_free(c);
}

static void add_chart(GPtrArray *out, RheaStudyChartKind kind, char *name, RheaChart *chart)
{
    RheaStudyChart *c = g_new(RheaStudyChart, 1);
    *c = (RheaStudyChart){kind, name, chart};
    g_ptr_array_add(out, c);
}

GPtrArray *rhea_study_report_charts(GPtrArray *summaries)
{
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)rhea_study_chart_free);
    RheaChart *rci = rhea_chart_new(RHEA_CHART_INTERVALS, "Relative coupling index per product",
                                    "Product", "RCI");
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        rhea_chart_add_interval(rci, s->product, s->coupling.rci, s->coupling.ci_low,
                                s->coupling.ci_high);
    }
    rhea_chart_add_hline(rci, 1.0, "RCI = 1 (random edits)");
    add_chart(out, RHEA_STUDY_CHART_RCI, g_strdup("rci"), rci);

    RheaChart *cum = rhea_chart_new(RHEA_CHART_CUMULATIVE, "Cumulative share of commits",
                                    "Contributors, most commits first", "Share of commits");
    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        const RheaContributors *c = s->contributors;
        if (!c->all->len)
            continue;
        g_autofree double *x = g_new(double, c->all->len + 1);
        g_autofree double *y = g_new(double, c->all->len + 1);
        x[0] = 0;
        y[0] = 0;
        double sum = 0;
        for (guint j = 0; j < c->all->len; j++) {
            sum += g_array_index(c->all, RheaContributor, j).share;
            x[j + 1] = j + 1;
            y[j + 1] = sum;
        }
        rhea_chart_add_series(cum, s->product, x, y, c->all->len + 1);
    }
    double threshold = threshold_of(summaries);
    char percent[G_ASCII_DTOSTR_BUF_SIZE];
    percent_text(percent, sizeof percent, threshold);
    g_autofree char *hline = g_strdup_printf("%s%% (core)", percent);
    rhea_chart_add_hline(cum, threshold, hline);
    rhea_chart_set_y_range(cum, 0, 1);
    rhea_chart_set_y_percent(cum, TRUE);
    add_chart(out, RHEA_STUDY_CHART_CUMULATIVE, g_strdup("cumulative_commits"), cum);

    for (guint i = 0; i < summaries->len; i++) {
        const RheaProductSummary *s = g_ptr_array_index(summaries, i);
        if (!s->months->len)
            continue;
        g_autofree char *title =
            g_strdup_printf("%s: commits touching ML and non-ML code per month", s->product);
        RheaChart *ts = rhea_chart_new(RHEA_CHART_TIMESERIES, title, "Month", "Commits");
        guint n = s->months->len;
        g_autofree double *x = g_new(double, n);
        g_autofree double *ml = g_new(double, n);
        g_autofree double *nonml = g_new(double, n);
        for (guint j = 0; j < n; j++) {
            const RheaMonthCount *m = &g_array_index(s->months, RheaMonthCount, j);
            x[j] = (double)m->start;
            ml[j] = m->ml;
            nonml[j] = m->nonml;
        }
        rhea_chart_add_series(ts, "ML", x, ml, n);
        rhea_chart_add_series(ts, "non-ML", x, nonml, n);
        add_chart(out, RHEA_STUDY_CHART_OVER_TIME,
                  g_strdup_printf("commits_over_time_%s", s->product), ts);
    }
    return out;
}

/* Moves the charts of that kind, in order, into the section. */
static void add_charts(RheaSection *s, GPtrArray *charts, RheaStudyChartKind kind)
{
    for (guint i = 0; i < charts->len; i++) {
        RheaStudyChart *c = g_ptr_array_index(charts, i);
        if (c->kind == kind)
            rhea_section_add_chart(s, g_steal_pointer(&c->chart));
    }
}

RheaReport *rhea_study_report_build(GPtrArray *summaries, const RheaStudyReportOptions *o)
{
    g_autofree char *title = g_strdup_printf("rhea report: %u product%s, %s", summaries->len,
                                             summaries->len == 1 ? "" : "s", o->window);
    RheaReport *r = rhea_report_new(title);
    g_autoptr(GPtrArray) charts = rhea_study_report_charts(summaries);
    gboolean all = o->rq == 0;
    if (all || o->rq == 1) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ1 (collaboration): how interdisciplinary are the teams, and how do they divide "
               "their work?");
        char percent[G_ASCII_DTOSTR_BUF_SIZE];
        percent_text(percent, sizeof percent, threshold_of(summaries));
        g_autofree char *intro = g_strdup_printf(
            "Window: %s. Core contributors made %s%% of the commits; ML and non-ML files are "
            "labeled by each product's rules; coupling is the relative coupling index (RCI) of "
            "ML and non-ML code. Backgrounds (SE- or ML-focused) are judged by people.",
            o->window, percent);
        rhea_section_add_text(s, intro);
        rhea_section_add_table(s, rq1_table(summaries, o));
        for (guint i = 0; i < summaries->len; i++) {
            const RheaProductSummary *p = g_ptr_array_index(summaries, i);
            if (p->top_pairs)
                rhea_section_add_table(
                    s, rhea_rq1_top_pairs_table(p->product, p->top_pairs, p->top_paths));
        }
        if (!all)
            rhea_section_add_table(s, findings_table(summaries, o));
        add_charts(s, charts, RHEA_STUDY_CHART_RCI);
        add_charts(s, charts, RHEA_STUDY_CHART_CUMULATIVE);
    }
    if (all || o->rq == 2) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ2 (architecture): how are the products architected to incorporate models?");
        rhea_section_add_text(
            s, "rhea measures how much of the code is ML code and how spread out it is, and "
               "proposes verdicts from the evidence in each product's tree (rhea evidence, "
               "docs/evidence.md): model source, multiple models, pipeline, documentation, big "
               "data and cloud. How important the model is and how its predictions are used are "
               "read by people and taken from --judgments.");
        rhea_section_add_table(s, rq2_table(summaries));
        add_verdict_tables(s, summaries, o, 2);
    }
    if (all || o->rq == 3) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ3 (process): what model-product trajectory do the products follow?");
        rhea_section_add_text(
            s, "rhea dates the first ML and the first non-ML commit and charts commits touching "
               "each side per month. The trajectory is decided by the first commit that added ML "
               "code (model use or training) against the first that added user-interface code: "
               "a first non-ML commit may be a script, not a product.");
        rhea_section_add_table(s, rq3_table(summaries));
        add_verdict_tables(s, summaries, o, 3);
        add_charts(s, charts, RHEA_STUDY_CHART_OVER_TIME);
    }
    if (all || o->rq == 4 || o->rq == 5) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ4 (testing) and RQ5 (operations): what is tested, and how is it operated?");
        rhea_section_add_text(
            s, "rhea finds test files and CI/deployment files by their paths, and in the code "
               "test frameworks, model evaluation, data validation, retraining, telemetry and "
               "MLOps tools (rhea evidence).");
        rhea_section_add_table(s, rq45_table(summaries));
        if (all || o->rq == 4)
            add_verdict_tables(s, summaries, o, 4);
        if (all || o->rq == 5)
            add_verdict_tables(s, summaries, o, 5);
    }
    if (all || o->rq == 6) {
        RheaSection *s =
            rhea_report_add_section(r, "RQ6 (responsible AI): what practices are used?");
        rhea_section_add_text(
            s, "rhea looks for fairness and explainability libraries and for ethics, bias, "
               "misuse and responsible-AI sections in the documentation; privacy sections are "
               "listed by rhea evidence but do not decide (the paper found them unrelated to ML).");
        add_verdict_tables(s, summaries, o, 6);
    }
    if (all) {
        RheaSection *s = rhea_report_add_section(r, "Findings 1-21");
        rhea_section_add_table(s, findings_table(summaries, o));
    }
    return r; /* charts not placed in a section are freed with the array */
}
