/* study_report.c: see study_report.h. The findings rows carry the paper's own figures beside the
 * computed ones, so a study at the paper's date reads as the paper's table regenerated. */
#include "reports/study_report.h"

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
                        const char *paper)
{
    g_autofree char *ratio = g_strdup_printf("%u/%u", c->k, c->n);
    rhea_table_add_row(t);
    rhea_table_push_string(t, finding);
    rhea_table_push_string(t, what);
    rhea_table_push_string(t, ratio);
    rhea_table_push_string(t, paper);
    rhea_table_push_string(t, c->who ? c->who->str : "");
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
    finding_row(t, finding, what, &c, paper);
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
    finding_row(t, finding, what, &c, paper);
}

static RheaTable *findings_table(GPtrArray *summaries, const RheaStudyReportOptions *o)
{
    RheaTable *t = rhea_table_new("findings", "RQ1 findings, restated from the data");
    rhea_table_add_column(t, "finding", "Finding", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "measure", "Measure", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "count", "Here", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "paper", "Paper", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "products", "Products", RHEA_ALIGN_LEFT);
    products_row(t, summaries, "2", "products with a single core contributor", single_core,
                 "13/30");
    people_row(t, summaries, "3", "core contributors committing to both ML and non-ML code", NULL,
               "–");
    products_row(t, summaries, "3", "products where a core contributor commits to both sides",
                 core_on_both_sides, "–");
    products_row(t, summaries, "5",
                 "products with RCI > 1 (ML and non-ML change together more than random)",
                 rci_above, "12/30");
    products_row(t, summaries, "5", "products with RCI < 1", rci_below, "18/30");
    products_row(t, summaries, "5", "products with RCI > 1 at p < 0.05 (permutation test)",
                 rci_above_significant, "–");
    products_row(t, summaries, "5", "products where RCI is undefined", rci_undefined, "0/30");
    if (o->backgrounds) {
        people_row(t, summaries, "1", "SE-focused core contributors (of those classified)", "SE",
                   "74/92");
        people_row(t, summaries, "1", "ML-focused core contributors (of those classified)", "ML",
                   "10/92");
    }
    g_autofree char *caption = g_strdup_printf(
        "Window: %s. Paper: Nahar et al., section V RQ1, over its 30 products (– where the "
        "paper gives no count). Finding 3 counts core contributors with commits to both sides; "
        "Finding 1 needs --backgrounds (judged by people).",
        o->window);
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
        rhea_section_add_table(s, findings_table(summaries, o));
        add_charts(s, charts, RHEA_STUDY_CHART_RCI);
        add_charts(s, charts, RHEA_STUDY_CHART_CUMULATIVE);
    }
    if (all || o->rq == 2) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ2 (architecture): how are the products architected to incorporate models?");
        rhea_section_add_text(
            s, "rhea measures how much of the code is ML code and how spread out it is. How "
               "models are integrated (in-process, a service, an API) needs a person to read "
               "the code.");
        rhea_section_add_table(s, rq2_table(summaries));
    }
    if (all || o->rq == 3) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ3 (process): what model-product trajectory do the products follow?");
        rhea_section_add_text(
            s, "rhea dates the first ML and the first non-ML commit and charts commits touching "
               "each side per month. Whether a model was built first and a product around it, "
               "or the reverse, is read from these with the project's history.");
        rhea_section_add_table(s, rq3_table(summaries));
        add_charts(s, charts, RHEA_STUDY_CHART_OVER_TIME);
    }
    if (all || o->rq == 4 || o->rq == 5) {
        RheaSection *s = rhea_report_add_section(
            r, "RQ4 (testing) and RQ5 (operations): what is tested, and how is it operated?");
        rhea_section_add_text(
            s, "rhea finds test files and CI/deployment files by their paths. What the tests "
               "check (model or product), and how the product is monitored and updated, "
               "needs human judgment.");
        rhea_section_add_table(s, rq45_table(summaries));
    }
    if (all || o->rq == 6) {
        RheaSection *s =
            rhea_report_add_section(r, "RQ6 (responsible AI): what practices are used?");
        rhea_section_add_text(
            s, "Not measured: fairness, explanation, privacy and safety practices are found by "
               "reading documentation, issues and code, as the paper did.");
    }
    return r; /* charts not placed in a section are freed with the array */
}
