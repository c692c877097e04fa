/* cmd_verdicts.c: `rhea verdicts FILE`: the raters' verdicts on candidate repositories (the
 * paper's step 5), their counts, Cohen's and Fleiss' kappa with standard errors, and the
 * repositories to discuss (docs/metrics.md, "Agreement between raters"). */
#include <stdio.h>

#include "cli/cli.h"
#include "engine/error.h"
#include "metrics/verdicts.h"
#include "reports/report.h"
#include "reports/verdicts_report.h"

int rhea_cmd_verdicts(int argc, char **argv)
{
    g_autofree char *format_name = NULL, *out = NULL;
    GOptionEntry entries[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &format_name,
         "text (default), md, csv, tex, json, html", "FORMAT"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write to FILE (default: stdout)", "FILE"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new("FILE");
    g_option_context_set_summary(
        ctx, "Agreement between people who rated candidate repositories. FILE is a CSV with a "
             "header repository,RATER,RATER... and yes, no or unsure per rater.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    int rc = RHEA_EXIT_FAILURE;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaVerdicts) v = NULL;
    g_autoptr(RheaReport) report = NULL;
    RheaFormat format = RHEA_FORMAT_TEXT;
    if (!rhea_cli_parse(ctx, "verdicts", &argc, &argv)) {
        rc = RHEA_EXIT_USAGE;
        goto cleanup;
    }
    if (argc != 2) {
        rc = argc < 2 ? rhea_cli_usage("verdicts", "missing FILE (a CSV of repository,RATER...)")
                      : rhea_cli_usage("verdicts", "unexpected argument '%s'", argv[2]);
        goto cleanup;
    }
    if (!rhea_format_parse(format_name ? format_name : "text", &format, &error))
        goto fail;
    if (!(v = rhea_verdicts_load(argv[1], &error)))
        goto fail;
    report = rhea_verdicts_report(v, argv[1]);
    if (rhea_report_write_path(report, format, out, &error) < 0)
        goto fail;
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail("verdicts", error);
cleanup:
    return rc;
}
