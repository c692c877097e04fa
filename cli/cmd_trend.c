/* cmd_trend.c: `rhea trend`: metrics per month, quarter or year, for one or more products. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "cli/cli_state.h"
#include "engine/error.h"
#include "classifiers/labeling.h"
#include "metrics/trend.h"
#include "reports/format.h"
#include "reports/trend_report.h"

int rhea_cmd_trend(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "trend", NULL,
                          "RQ1 metrics on each month, quarter or year of the history.");
    o.permutations = o.bootstrap = 200;
    g_autofree char *window = NULL, *metric = NULL;
    gboolean cumulative = FALSE;
    const GOptionEntry entries[] = {
        {"window", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "month, quarter or year (required)", "PERIOD"},
        {"metric", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "rci, core, ml-share, commits or all (default)", "METRIC"},
        {"cumulative", 0, 0, G_OPTION_ARG_NONE, &cumulative,
         "Each period counts everything up to its end", NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){&window, &metric, NULL});
    rhea_cli_options_add_groups(
        &o, RHEA_CLI_PRODUCTS | RHEA_CLI_PRODUCTS_REQUIRED | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                RHEA_CLI_LABELS | RHEA_CLI_OUTPUT | RHEA_CLI_STATISTICS | RHEA_CLI_CONTRIBUTORS);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) store = NULL;
    g_autofree char *window_text = NULL;
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify)rhea_trend_free);
    g_autoptr(RheaReport) report = NULL;
    g_autoptr(RheaTable) ingest = NULL; /* rows for products not complete */
    RheaTrendOptions t = {0};
    RheaTrendMetric metrics = RHEA_TREND_ALL;
    RheaWindow w;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    rc = RHEA_EXIT_USAGE;
    if (argc > 1) {
        rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    if (window && !rhea_period_parse(window, &t.period)) {
        rhea_cli_bad_value(&error, "--window", window, "use month, quarter or year");
        goto fail;
    }
    if (metric && !rhea_trend_metric_parse(metric, &metrics)) {
        rhea_cli_bad_value(&error, "--metric", metric, "use rci, core, ml-share, commits or all");
        goto fail;
    }
    if (!window) {
        rhea_cli_usage(o.command, "missing --window PERIOD: use month, quarter or year");
        goto cleanup;
    }
    t.cumulative = cumulative;
    t.permutations = o.permutations;
    t.bootstrap = o.bootstrap;
    t.max_files = o.max_files;
    t.seed = o.seed;
    rhea_cli_contributor_options(&o, NULL, &t.contributors);
    if (!(store = rhea_cli_open_store(&o, &error)) ||
        rhea_cli_window(&o, store, &w, &window_text, &error) < 0)
        goto fail;
    for (guint i = 0; i < o.products->len; i++) {
        const char *product = g_ptr_array_index(o.products, i);
        rhea_cli_ingest_row(&ingest, product, rhea_cli_ingest_check(store, product, o.command));
    }
    for (guint i = 0; i < o.products->len; i++) {
        const char *product = g_ptr_array_index(o.products, i);
        g_autoptr(RheaLabeling) labels =
            rhea_labeling_new(store, product, o.rules, o.content_signals, &error);
        if (!labels)
            goto fail;
        g_autoptr(RheaCommitSet) set = rhea_commitset_load(store, product, &w, labels, &error);
        if (!set)
            goto fail;
        g_ptr_array_add(rows, rhea_trend_compute(set, &t));
    }
    report = rhea_trend_report_build_in(o.products, rows, metrics, window, cumulative, window_text);
    if (ingest)
        rhea_section_add_table(rhea_report_add_section(report, "Incomplete data"),
                               g_steal_pointer(&ingest));
    if (rhea_report_write_path(report, o.format, o.out, &error) < 0)
        goto fail;
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
