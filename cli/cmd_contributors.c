/* cmd_contributors.c: `rhea contributors`: commits per person, core contributors, who touches ML
 * and non-ML code (docs/metrics.md, "Contributors"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_metrics.h"
#include "engine/error.h"
#include "metrics/backgrounds.h"
#include "reports/format.h"
#include "reports/rq1.h"

int rhea_cmd_contributors(int argc, char **argv)
{
    RheaMetricArgs args = {0};
    double threshold = 0.8;
    gboolean include_merges = FALSE, include_bots = FALSE, no_name_merge = FALSE;
    g_auto(GStrv) bot_patterns = NULL;
    g_autofree char *backgrounds = NULL;
    GOptionEntry entries[] = {
        {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
         "Share of commits the core contributors reach (default 0.8)", "X"},
        {"include-merges", 0, 0, G_OPTION_ARG_NONE, &include_merges, "Count merge commits too",
         NULL},
        {"include-bots", 0, 0, G_OPTION_ARG_NONE, &include_bots, "Keep bots in every count", NULL},
        {"bot-pattern", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bot_patterns,
         "Also treat names or emails matching REGEX as bots (repeatable)", "REGEX"},
        {"no-name-merge", 0, 0, G_OPTION_ARG_NONE, &no_name_merge,
         "Join identities by email only, not by name", NULL},
        {"backgrounds", 0, 0, G_OPTION_ARG_FILENAME, &backgrounds,
         "CSV of email,background (SE, ML, other, unsure)", "FILE"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "Commits per contributor, the core contributors (who made "
                                      "80% of the commits), and who touches ML and non-ML code.");
    rhea_metric_args_add(ctx, &args);
    g_option_context_add_main_entries(ctx, entries, NULL);
    int rc = RHEA_EXIT_FAILURE;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) regexes = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
    g_autoptr(GHashTable) bg = NULL;
    RheaMetricInput in = {0};
    g_autoptr(RheaContributors) c = NULL;
    RheaFormat format = RHEA_FORMAT_TEXT;
    gboolean json = FALSE;
    if (!rhea_cli_parse(ctx, "contributors", &argc, &argv)) {
        rc = RHEA_EXIT_USAGE;
        goto cleanup;
    }
    if (argc > 1) {
        rc = rhea_cli_usage("contributors", "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    if (!(threshold > 0 && threshold <= 1)) {
        rc = rhea_cli_usage("contributors", "--threshold %g is not in (0, 1]", threshold);
        goto cleanup;
    }
    json = args.format && g_ascii_strcasecmp(args.format, "json") == 0;
    if (!json && !rhea_format_parse(args.format ? args.format : "text", &format, &error))
        goto fail;
    for (char **p = bot_patterns; p && *p; p++) {
        GRegex *re = g_regex_new(*p, G_REGEX_CASELESS, 0, &error);
        if (!re) {
            rc = rhea_cli_usage("contributors", "--bot-pattern '%s': %s", *p, error->message);
            goto cleanup;
        }
        g_ptr_array_add(regexes, re);
    }
    if (backgrounds && !(bg = rhea_backgrounds_load(backgrounds, &error)))
        goto fail;
    if (rhea_metric_input_load(&args, &in, &error) < 0)
        goto fail;

    RheaContributorOptions opts;
    rhea_contributor_options_init(&opts);
    opts.threshold = threshold;
    opts.include_merges = include_merges;
    opts.include_bots = include_bots;
    opts.merge_by_name = !no_name_merge;
    opts.bot_patterns = regexes;
    opts.backgrounds = bg;
    c = rhea_contributors_compute(in.set, &opts);
    if (json) {
        g_autoptr(JsonNode) node = rhea_rq1_contributors_json(args.product, in.window_text, c);
        if (rhea_rq1_write_json(node, args.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title =
            g_strdup_printf("Contributors of %s (%s)", args.product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        rhea_section_add_table(s, rhea_rq1_contributors_table(args.product, c, FALSE));
        if (bg && format != RHEA_FORMAT_CSV)
            rhea_section_add_table(s, rhea_rq1_backgrounds_table(args.product, c));
        if (rhea_report_write_path(report, format, args.out, &error) < 0)
            goto fail;
    }
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail("contributors", error);
cleanup:
    rhea_metric_input_clear(&in);
    rhea_metric_args_clear(&args);
    return rc;
}
