/* cmd_sensitivity.c: `rhea sensitivity`: RCI and the core count as one analyst's choice at a time
 * varies (docs/metrics.md, "Sensitivity"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "engine/error.h"
#include "metrics/sensitivity.h"
#include "reports/format.h"
#include "reports/rq1.h"
#include "reports/rq1_depth.h"

int rhea_cmd_sensitivity(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(
        &o, "sensitivity", NULL,
        "RCI and the core count as the large-commit cap (none, 1000, 100, 30), the core "
        "threshold (0.7, 0.8, 0.9), bots, name merging and logical commits (0, 1, 7 days) vary, "
        "one at a time.");
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                                        RHEA_CLI_LABELS | RHEA_CLI_OUTPUT);
    g_autoptr(GPtrArray) regexes = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
    const GOptionEntry entries[] = {
        {"bot-pattern", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_regex,
         "Also treat names or emails matching REGEX as bots (repeatable)", "REGEX"},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){&regexes});
    int rc;
    g_autoptr(GError) error = NULL;
    RheaCliInput in = {0};
    g_autoptr(RheaSensitivity) s = NULL;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    const char *product = rhea_cli_options_product(&o);
    if (rhea_cli_input_load(&o, product, &in, &error) < 0)
        goto fail;
    s = rhea_sensitivity_compute(in.set, regexes);
    if (o.format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_rq1_sensitivity_json(product, in.window_text, s);
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title = g_strdup_printf("Sensitivity of %s (%s)", product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *sec = rhea_report_add_section(report, NULL);
        rhea_section_add_table(sec, rhea_rq1_sensitivity_table(product, s, "rci"));
        rhea_section_add_table(sec, rhea_rq1_sensitivity_table(product, s, "core"));
        if (o.format != RHEA_FORMAT_CSV)
            rhea_section_add_text(
                sec, "One choice varies at a time; the others stay at the defaults (no cap, "
                     "threshold 0.8, bots in the transactions and out of the contributor counts, "
                     "names merged, no logical commits). docs/metrics.md, \"Sensitivity\".");
        if (rhea_report_write_path(report, o.format, o.out, &error) < 0)
            goto fail;
    }
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_input_clear(&in);
    rhea_cli_options_clear(&o);
    return rc;
}
