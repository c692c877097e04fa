/* cmd_verdicts.c: `rhea verdicts FILE`: the raters' verdicts on candidate repositories (the
 * paper's step 5), their counts, Cohen's and Fleiss' kappa with standard errors, and the
 * repositories to discuss (docs/metrics.md, "Agreement between raters"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_options.h"
#include "engine/error.h"
#include "metrics/verdicts.h"
#include "reports/format.h"
#include "reports/verdicts_report.h"

int rhea_cmd_verdicts(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "verdicts", "FILE",
                          "Agreement between people who rated candidate repositories. FILE is a "
                          "CSV with a header repository,RATER,RATER... and yes, no or unsure per "
                          "rater.");
    rhea_cli_options_add_groups(&o, RHEA_CLI_OUTPUT);
    int rc = RHEA_EXIT_FAILURE;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaVerdicts) v = NULL;
    g_autoptr(RheaReport) report = NULL;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc != 2 || !*argv[1]) {
        rc = argc > 2 ? rhea_cli_usage(o.command, "unexpected argument '%s'", argv[2])
                      : rhea_cli_usage(o.command, "missing FILE (a CSV of repository,RATER...)");
        goto cleanup;
    }
    if (!(v = rhea_verdicts_load(argv[1], &error)))
        goto fail;
    report = rhea_verdicts_report(v, argv[1]);
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
