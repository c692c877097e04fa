/* cmd_report.c: `rhea report`: per-RQ tables for one or more products in every format, the HTML
 * report with its charts, and `--charts DIR` for papers. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/error.h"
#include "engine/store.h"
#include "metrics/backgrounds.h"
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

int rhea_cmd_report(int argc, char **argv)
{
    g_autofree char *db = NULL, *rq = NULL, *format = NULL, *out = NULL, *since = NULL,
                    *until = NULL, *rules = NULL, *backgrounds = NULL, *charts = NULL;
    g_auto(GStrv) products = NULL;
    gint permutations = 1000, bootstrap = 1000, max_files = 0;
    gint64 seed = RHEA_COUPLING_DEFAULT_SEED;
    gboolean content_signals = FALSE;
    GOptionEntry entries[] = {
        {"product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &products,
         "Product to report (repeatable; default: every product in the database)", "ID"},
        {"rq", 0, 0, G_OPTION_ARG_STRING, &rq, "1, 2, 3, 4, 5, 6 or all (default)", "N"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default), md, csv, tex, json, html",
         "FORMAT"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write to FILE (default: stdout)", "FILE"},
        {"charts", 0, 0, G_OPTION_ARG_FILENAME, &charts,
         "Also write every chart as SVG, PDF and PNG into DIR", "DIR"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file (default: ./rhea.sqlite)", "PATH"},
        {"since", 0, 0, G_OPTION_ARG_STRING, &since, "Only commits at or after DATE", "DATE"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &until,
         "Only commits before DATE (default: the study's date, if rhea study set one)", "DATE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules,
         "Rules file for every product (default: each product's own)", "FILE"},
        {"content-signals", 0, 0, G_OPTION_ARG_NONE, &content_signals,
         "Also label as ML files that import an ML library", NULL},
        {"backgrounds", 0, 0, G_OPTION_ARG_FILENAME, &backgrounds,
         "CSV of email,background (SE, ML, other, unsure) for Finding 1", "FILE"},
        {"permutations", 0, 0, G_OPTION_ARG_INT, &permutations, "Label shuffles (default 1000)",
         "N"},
        {"bootstrap", 0, 0, G_OPTION_ARG_INT, &bootstrap, "Bootstrap resamples (default 1000)",
         "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S"},
        {"max-files", 0, 0, G_OPTION_ARG_INT, &max_files,
         "Drop transactions with more than N files", "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "Per-research-question tables and charts for the products "
                                      "in the database (Nahar et al., section V).");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!rhea_cli_parse(ctx, "report", &argc, &argv))
        return RHEA_EXIT_USAGE;
    if (argc > 1)
        return rhea_cli_usage("report", "unexpected argument '%s'", argv[1]);
    guint rq_n = 0;
    if (rq && g_strcmp0(rq, "all") != 0) {
        if (strlen(rq) != 1 || rq[0] < '1' || rq[0] > '6')
            return rhea_cli_usage("report", "--rq '%s': use 1 to 6 or all", rq);
        rq_n = (guint)(rq[0] - '0');
    }
    if (permutations < 0 || bootstrap < 0 || max_files < 0 || seed < 0)
        return rhea_cli_usage("report", "--permutations, --bootstrap, --seed and --max-files take "
                                        "numbers >= 0");
    g_autoptr(GError) error = NULL;
    RheaFormat fmt;
    if (!rhea_format_parse(format ? format : "text", &fmt, &error))
        return rhea_cli_fail("report", error);
    g_autoptr(GHashTable) bg = NULL;
    if (backgrounds && !(bg = rhea_backgrounds_load(backgrounds, &error)))
        return rhea_cli_fail("report", error);
    g_autoptr(RheaStore) store = rhea_store_open_readonly(db ? db : RHEA_DEFAULT_DB, &error);
    if (!store)
        return rhea_cli_fail("report", error);
    g_autofree char *study_until = until ? NULL : rhea_store_setting_get(store, "until");
    RheaWindow window;
    if (rhea_window_init(&window, since, until ? until : study_until, &error) < 0)
        return rhea_cli_fail("report", error);
    g_autofree char *window_text = rhea_window_describe(&window);

    g_autoptr(GPtrArray) ids = NULL;
    if (products) {
        ids = g_ptr_array_new_with_free_func(g_free);
        for (char **p = products; *p; p++)
            g_ptr_array_add(ids, g_strdup(*p));
    } else if (!(ids = rhea_store_product_list(store, &error))) {
        return rhea_cli_fail("report", error);
    } else {
        g_ptr_array_sort(ids, natural_order); /* P2 before P10 */
    }
    if (ids->len == 0) {
        g_set_error(&error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s holds no products; run rhea analyze or rhea study first",
                    rhea_store_path(store));
        return rhea_cli_fail("report", error);
    }
    RheaSummaryOptions so = {
        .rules_path = rules,
        .content_signals = content_signals,
        .permutations = (guint)permutations,
        .bootstrap = (guint)bootstrap,
        .max_files = (guint)max_files,
        .seed = (guint64)seed,
    };
    rhea_contributor_options_init(&so.contributors);
    so.contributors.backgrounds = bg;
    g_autoptr(GPtrArray) summaries =
        g_ptr_array_new_with_free_func((GDestroyNotify)rhea_summary_free);
    for (guint i = 0; i < ids->len; i++) {
        RheaProductSummary *s =
            rhea_summary_compute(store, g_ptr_array_index(ids, i), &window, &so, &error);
        if (!s)
            return rhea_cli_fail("report", error);
        g_ptr_array_add(summaries, s);
    }
    RheaStudyReportOptions ro = {.rq = rq_n, .window = window_text, .backgrounds = bg != NULL};
    g_autoptr(RheaReport) report = rhea_study_report_build(summaries, &ro);
    if (rhea_report_write_path(report, fmt, out, &error) < 0)
        return rhea_cli_fail("report", error);
    if (charts) {
        g_autoptr(GPtrArray) list = rhea_study_report_charts(summaries);
        int rc = 0;
        for (guint i = 0; i + 1 < list->len; i += 2) {
            if (rc == 0 && rhea_chart_write_files(g_ptr_array_index(list, i + 1), charts,
                                                  g_ptr_array_index(list, i), &error) < 0)
                rc = -1;
            g_free(g_ptr_array_index(list, i));
            rhea_chart_free(g_ptr_array_index(list, i + 1));
        }
        if (rc < 0)
            return rhea_cli_fail("report", error);
    }
    return RHEA_EXIT_OK;
}
