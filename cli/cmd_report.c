/* cmd_report.c: `rhea report`: per-RQ tables for one or more products in every format, the HTML
 * report with its charts, and `--charts DIR` for papers. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_evidence.h"
#include "cli/cli_input.h"
#include "classifiers/evidence.h"
#include "cli/cli_state.h"
#include "cli/cli_summaries.h"
#include "engine/error.h"
#include "engine/store.h"
#include "engine/workers.h"
#include "metrics/backgrounds.h"
#include "metrics/evidence_verdicts.h"
#include "metrics/judgments.h"
#include "metrics/summary.h"
#include "reports/chart.h"
#include "reports/format.h"
#include "reports/study_report.h"

static gint natural_order(gconstpointer a, gconstpointer b)
{
    g_autofree char *ka = g_utf8_collate_key_for_filename(*(const char *const *)a, -1);
    g_autofree char *kb = g_utf8_collate_key_for_filename(*(const char *const *)b, -1);
    return strcmp(ka, kb);
}

static int write_charts(GPtrArray *summaries, const char *dir, guint threads, GError **error)
{
    g_autoptr(GPtrArray) list = rhea_study_report_charts(summaries);
    g_autofree const RheaChart **charts = g_new0(const RheaChart *, list->len + 1);
    g_autofree const char **names = g_new0(const char *, list->len + 1);
    for (guint i = 0; i < list->len; i++) {
        const RheaStudyChart *c = g_ptr_array_index(list, i);
        charts[i] = c->chart;
        names[i] = c->name;
    }
    return rhea_chart_write_set(charts, names, list->len, dir, threads, error);
}

int rhea_cmd_report(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "report", NULL,
                          "Per-research-question tables and charts for the products in the "
                          "database (Nahar et al., section V).");
    g_autofree char *rq = NULL, *charts = NULL, *judgments = NULL;
    gboolean complete_only = FALSE, read_only = FALSE, keep = FALSE;
    guint jobs = G_MAXUINT; /* not given: the number of online processors */
    const GOptionEntry entries[] = {
        {"rq", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "1, 2, 3, 4, 5, 6 or all (default)", "N"},
        {"charts", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Also write every chart as SVG, PDF and PNG into DIR", "DIR"},
        {"judgments", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "CSV of product,key,value,note: people's verdicts for RQ2-RQ6 (docs/evidence.md)", "FILE"},
        {"complete-only", 0, 0, G_OPTION_ARG_NONE, &complete_only,
         "Refuse a product whose ingest is incomplete or in progress", NULL},
        {"read-only", 0, 0, G_OPTION_ARG_NONE, &read_only,
         "Do not write the database: figures and evidence not stored yet are computed and not "
         "kept",
         NULL},
        {"jobs", 'j', 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Compute the figures and evidence not stored yet in up to N processes, and write the "
         "--charts PNGs on up to N threads (default: the number of online processors)",
         "N"},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCTS);
    rhea_cli_options_add(&o, entries, (gpointer[]){&rq, &charts, &judgments, NULL, NULL, &jobs});
    rhea_cli_options_add_groups(&o, RHEA_CLI_OUTPUT | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                                        RHEA_CLI_LABELS | RHEA_CLI_BACKGROUNDS |
                                        RHEA_CLI_STATISTICS | RHEA_CLI_TOP | RHEA_CLI_CONTRIBUTORS);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) bg = NULL;
    g_autoptr(RheaStore) store = NULL;
    g_autoptr(GPtrArray) ids = NULL;
    g_autofree char *window_text = NULL;
    g_autoptr(GPtrArray) summaries = NULL;
    g_autoptr(RheaReport) report = NULL;
    g_autoptr(RheaJudgments) jd = NULL;
    g_autoptr(RheaEvidenceCatalog) catalog = NULL;
    g_autoptr(GPtrArray) verdicts = NULL;
    g_autoptr(RheaTable) ingest = NULL; /* rows for products not complete */
    RheaWindow window;
    guint rq_n = 0;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    if (rq && strcmp(rq, "all") != 0) {
        if (strlen(rq) != 1 || rq[0] < '1' || rq[0] > '6') {
            rhea_cli_bad_value(&error, "--rq", rq, "use 1 to 6 or all");
            goto fail;
        }
        rq_n = (guint)(rq[0] - '0');
    }
    /* RQ1-only options with another RQ would be accepted and not used */
    if (rq_n > 1 && (o.top || o.backgrounds)) {
        rhea_cli_bad_value(&error, "--rq", rq, "%s shows in RQ1 only; use --rq 1 or all",
                           o.top ? "--top" : "--backgrounds");
        goto fail;
    }
    if (o.backgrounds && !(bg = rhea_backgrounds_load(o.backgrounds, &error)))
        goto fail;
    if (judgments && !(jd = rhea_judgments_load(judgments, &error)))
        goto fail;
    if (jobs != G_MAXUINT && (jobs < 1 || jobs > 1024)) {
        rc = rhea_cli_usage(o.command, "--jobs %u: use a number of processes from 1 to 1024", jobs);
        goto cleanup;
    }
    if (jobs == G_MAXUINT)
        jobs = rhea_workers_default_jobs();
    /* read-only; a second connection stores the figures and evidence not stored yet */
    if (!(store = rhea_cli_open_store_keep(&o, read_only, &keep, &error)) ||
        rhea_cli_window(&o, store, &window, &window_text, &error) < 0)
        goto fail;
    if (o.products->len > 0) {
        ids = g_ptr_array_ref(o.products);
    } else {
        if (!(ids = rhea_store_product_list(store, &error)))
            goto fail;
        g_ptr_array_sort(ids, natural_order); /* P2 before P10 */
    }
    if (ids->len == 0) {
        g_set_error(&error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s holds no products; run rhea analyze or rhea study first",
                    rhea_store_path(store));
        goto fail;
    }
    RheaSummaryOptions so;
    rhea_cli_summary_options(&o, bg, &so);
    for (guint i = 0; i < ids->len; i++) {
        const char *id = g_ptr_array_index(ids, i);
        RheaIngestState state = rhea_store_ingest_state(store, id);
        if (state != RHEA_INGEST_COMPLETE && complete_only) {
            g_autofree char *shown = rhea_error_quote(id);
            g_set_error(&error, RHEA_ERROR, RHEA_ERROR_FAILED,
                        "product %s is %s and --complete-only was given; finish its ingest "
                        "(rhea analyze) or leave it out with --product",
                        shown, rhea_ingest_state_name(state));
            goto fail;
        }
        rhea_cli_ingest_warn(id, state, o.command);
        rhea_cli_ingest_row(&ingest, id, state);
    }
    /* every input is read before anything is stored: a bad catalog fails a report that has
     * written nothing */
    if (rq_n != 1 && !(catalog = rhea_evidence_catalog_load_default(&error)))
        goto fail;
    if (!(summaries = rhea_cli_summaries(store, keep, jobs, ids, &window, &so, o.command, &error)))
        goto fail;
    /* RQ2-RQ6: the evidence in each product's tree at the window's end, and its verdicts */
    if (rq_n != 1) {
        RheaEvidenceOptions eo = {.before = window.has_until ? window.until : -1,
                                  .rules_path = o.rules};
        g_autoptr(GPtrArray) evidence =
            rhea_cli_evidence_many(store, keep, jobs, ids, catalog, &eo, o.command, &error);
        if (!evidence)
            goto fail;
        verdicts = g_ptr_array_new_with_free_func((GDestroyNotify)rhea_evidence_verdicts_free);
        for (guint i = 0; i < evidence->len; i++)
            g_ptr_array_add(verdicts,
                            rhea_evidence_verdicts_compute(g_ptr_array_index(evidence, i),
                                                           RHEA_TRAJECTORY_DEFAULT_DAYS, jd));
    }
    RheaStudyReportOptions ro = {
        .rq = rq_n,
        .window = window_text,
        .backgrounds = bg != NULL,
        .include_merges = o.include_merges,
        .include_bots = o.include_bots,
        .verdicts = verdicts,
        .judgments = jd,
    };
    report = rhea_study_report_build(summaries, &ro);
    if (ingest)
        rhea_section_add_table(rhea_report_add_section(report, "Incomplete data"),
                               g_steal_pointer(&ingest));
    if (rhea_report_write_path(report, o.format, o.out, &error) < 0)
        goto fail;
    if (charts && write_charts(summaries, charts, jobs, &error) < 0)
        goto fail;
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
