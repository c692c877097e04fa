/* cmd_trend.c: `rhea trend`: metrics per month, quarter or year, for one or more products. */
#include <stdio.h>

#include "cli/cli.h"
#include "engine/error.h"
#include "classifiers/labeling.h"
#include "metrics/trend.h"
#include "reports/format.h"
#include "reports/trend_report.h"

int rhea_cmd_trend(int argc, char **argv)
{
    g_autofree char *db = NULL, *window = NULL, *metric = NULL, *format = NULL, *out = NULL,
                    *since = NULL, *until = NULL, *rules = NULL;
    g_auto(GStrv) products = NULL;
    gboolean cumulative = FALSE, content_signals = FALSE;
    gint permutations = 200, bootstrap = 200, max_files = 0;
    gint64 seed = RHEA_COUPLING_DEFAULT_SEED;
    GOptionEntry entries[] = {
        {"product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &products, "Product (repeatable, required)",
         "ID"},
        {"window", 0, 0, G_OPTION_ARG_STRING, &window, "month, quarter or year (required)",
         "PERIOD"},
        {"metric", 0, 0, G_OPTION_ARG_STRING, &metric,
         "rci, core, ml-share, commits or all (default)", "METRIC"},
        {"cumulative", 0, 0, G_OPTION_ARG_NONE, &cumulative,
         "Each period counts everything up to its end", NULL},
        {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default), md, csv, tex, json, html",
         "FORMAT"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write to FILE (default: stdout)", "FILE"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file (default: ./rhea.sqlite)", "PATH"},
        {"since", 0, 0, G_OPTION_ARG_STRING, &since, "Only commits at or after DATE", "DATE"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &until, "Only commits before DATE", "DATE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules, "Rules file for every product", "FILE"},
        {"content-signals", 0, 0, G_OPTION_ARG_NONE, &content_signals,
         "Also label as ML files that import an ML library", NULL},
        {"permutations", 0, 0, G_OPTION_ARG_INT, &permutations,
         "Label shuffles per period (default 200)", "N"},
        {"bootstrap", 0, 0, G_OPTION_ARG_INT, &bootstrap, "Resamples per period (default 200)",
         "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S"},
        {"max-files", 0, 0, G_OPTION_ARG_INT, &max_files,
         "Drop transactions with more than N files", "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "RQ1 metrics on each month, quarter or year of the history.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!rhea_cli_parse(ctx, "trend", &argc, &argv))
        return RHEA_EXIT_USAGE;
    if (argc > 1)
        return rhea_cli_usage("trend", "unexpected argument '%s'", argv[1]);
    if (!products)
        return rhea_cli_usage("trend", "missing --product ID");
    RheaTrendOptions o = {.cumulative = cumulative,
                          .permutations = (guint)MAX(permutations, 0),
                          .bootstrap = (guint)MAX(bootstrap, 0),
                          .max_files = (guint)MAX(max_files, 0),
                          .seed = (guint64)MAX(seed, 0)};
    if (!window || !rhea_period_parse(window, &o.period))
        return rhea_cli_usage("trend", "--window '%s': use month, quarter or year",
                              window ? window : "");
    RheaTrendMetric metrics = RHEA_TREND_ALL;
    if (metric && !rhea_trend_metric_parse(metric, &metrics))
        return rhea_cli_usage("trend", "--metric '%s': use rci, core, ml-share, commits or all",
                              metric);
    rhea_contributor_options_init(&o.contributors);
    g_autoptr(GError) error = NULL;
    RheaFormat fmt;
    if (!rhea_format_parse(format ? format : "text", &fmt, &error))
        return rhea_cli_fail("trend", error);
    RheaWindow w;
    if (rhea_window_init(&w, since, until, &error) < 0)
        return rhea_cli_fail("trend", error);
    g_autoptr(RheaStore) store = rhea_store_open_readonly(db ? db : RHEA_DEFAULT_DB, &error);
    if (!store)
        return rhea_cli_fail("trend", error);
    g_autoptr(GPtrArray) ids = g_ptr_array_new();
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify)rhea_trend_free);
    for (char **p = products; *p; p++) {
        g_autoptr(RheaLabeling) labels =
            rhea_labeling_new(store, *p, rules, content_signals, &error);
        if (!labels)
            return rhea_cli_fail("trend", error);
        g_autoptr(RheaCommitSet) set = rhea_commitset_load(store, *p, &w, labels, &error);
        if (!set)
            return rhea_cli_fail("trend", error);
        g_ptr_array_add(ids, *p);
        g_ptr_array_add(rows, rhea_trend_compute(set, &o));
    }
    g_autoptr(RheaReport) report = rhea_trend_report_build(ids, rows, metrics, window, cumulative);
    if (rhea_report_write_path(report, fmt, out, &error) < 0)
        return rhea_cli_fail("trend", error);
    return RHEA_EXIT_OK;
}
