/* cmd_coupling.c: `rhea coupling`: ECI and RCI of ML and non-ML code with the permutation null
 * model and a bootstrap interval (docs/metrics.md, "Coupling"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_metrics.h"
#include "engine/error.h"
#include "metrics/transactions.h"
#include "reports/format.h"
#include "reports/rq1.h"

int rhea_cmd_coupling(int argc, char **argv)
{
    RheaMetricArgs args = {0};
    gint permutations = 1000, bootstrap = 1000, max_files = 0, top = 0;
    gint64 seed = RHEA_COUPLING_DEFAULT_SEED;
    GOptionEntry entries[] = {
        {"permutations", 0, 0, G_OPTION_ARG_INT, &permutations,
         "Label shuffles for the p-value (default 1000; 0: none)", "N"},
        {"bootstrap", 0, 0, G_OPTION_ARG_INT, &bootstrap,
         "Resamples for the 95% interval (default 1000; 0: none)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 20240414)", "S"},
        {"max-files", 0, 0, G_OPTION_ARG_INT, &max_files,
         "Drop transactions with more than N files", "N"},
        {"top", 0, 0, G_OPTION_ARG_INT, &top, "Also list the K most coupled ML/non-ML file pairs",
         "K"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "How often ML and non-ML code change together, against "
                                      "random edits (relative coupling index).");
    rhea_metric_args_add(ctx, &args);
    g_option_context_add_main_entries(ctx, entries, NULL);
    int rc = RHEA_EXIT_FAILURE;
    g_autoptr(GError) error = NULL;
    RheaMetricInput in = {0};
    g_autoptr(RheaTransactions) tx = NULL;
    g_autoptr(GArray) pairs = NULL;
    g_autoptr(GPtrArray) paths = g_ptr_array_new();
    RheaFormat format = RHEA_FORMAT_TEXT;
    gboolean json = FALSE;
    if (!rhea_cli_parse(ctx, "coupling", &argc, &argv)) {
        rc = RHEA_EXIT_USAGE;
        goto cleanup;
    }
    if (argc > 1) {
        rc = rhea_cli_usage("coupling", "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    if (permutations < 0 || bootstrap < 0 || max_files < 0 || top < 0 || seed < 0) {
        rc = rhea_cli_usage("coupling", "--permutations, --bootstrap, --seed, --max-files and "
                                        "--top take numbers >= 0");
        goto cleanup;
    }
    json = args.format && g_ascii_strcasecmp(args.format, "json") == 0;
    if (!json && !rhea_format_parse(args.format ? args.format : "text", &format, &error))
        goto fail;
    if (rhea_metric_input_load(&args, &in, &error) < 0)
        goto fail;

    tx = rhea_transactions_build(in.set, (guint)max_files);
    RheaCoupling c;
    rhea_coupling_compute(&tx->input, (guint)permutations, (guint)bootstrap, (guint64)seed, &c);
    pairs = top > 0 ? rhea_coupling_top_pairs(&tx->input, (guint)top) : NULL;
    for (guint i = 0; i < tx->pids->len; i++)
        g_ptr_array_add(
            paths, (gpointer)rhea_labeling_path(in.labels, g_array_index(tx->pids, gint64, i)));
    if (json) {
        g_autoptr(JsonNode) node =
            rhea_rq1_coupling_json(args.product, in.window_text, &c, pairs, paths);
        if (rhea_rq1_write_json(node, args.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title = g_strdup_printf("Coupling of ML and non-ML code in %s (%s)",
                                                 args.product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        rhea_section_add_table(s, rhea_rq1_coupling_table(args.product, &c));
        if (pairs && format != RHEA_FORMAT_CSV)
            rhea_section_add_table(s, rhea_rq1_top_pairs_table(args.product, pairs, paths));
        if (tx->dropped_large) {
            g_autofree char *note = g_strdup_printf(
                "%u transactions with more than %d files were dropped (--max-files).",
                tx->dropped_large, max_files);
            rhea_section_add_text(s, note);
        }
        if (rhea_report_write_path(report, format, args.out, &error) < 0)
            goto fail;
    }
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail("coupling", error);
cleanup:
    rhea_metric_input_clear(&in);
    rhea_metric_args_clear(&args);
    return rc;
}
