/* cmd_contributors.c: `rhea contributors`: commits per person, core contributors, who touches ML
 * and non-ML code (docs/metrics.md, "Contributors"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "cli/cli_state.h"
#include "engine/error.h"
#include "metrics/backgrounds.h"
#include "reports/format.h"
#include "reports/rq1.h"

int rhea_cmd_contributors(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "contributors", NULL,
                          "Commits per contributor, the core contributors (who made 80% of the "
                          "commits), and who touches ML and non-ML code.");
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                                        RHEA_CLI_LABELS | RHEA_CLI_OUTPUT | RHEA_CLI_CONTRIBUTORS |
                                        RHEA_CLI_BACKGROUNDS);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) bg = NULL;
    RheaCliInput in = {0};
    g_autoptr(RheaContributors) c = NULL;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    const char *product = rhea_cli_options_product(&o);
    if (o.backgrounds && !(bg = rhea_backgrounds_load(o.backgrounds, &error)))
        goto fail;
    if (rhea_cli_input_load(&o, product, &in, &error) < 0)
        goto fail;
    RheaIngestState ingest = rhea_cli_ingest_check(in.store, product, o.command);

    RheaContributorOptions opts;
    rhea_cli_contributor_options(&o, bg, &opts);
    c = rhea_contributors_compute(in.set, &opts);
    if (o.format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_rq1_contributors_json(product, in.window_text, c);
        if (ingest != RHEA_INGEST_COMPLETE) /* absent when complete: the format is unchanged */
            json_object_set_string_member(json_node_get_object(node), "ingest",
                                          rhea_ingest_state_name(ingest));
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title =
            g_strdup_printf("Contributors of %s (%s)", product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        RheaTable *note = NULL;
        rhea_cli_ingest_row(&note, product, ingest);
        if (note)
            rhea_section_add_table(s, note);
        rhea_section_add_table(s, rhea_rq1_contributors_table(product, c, FALSE));
        if (bg && o.format != RHEA_FORMAT_CSV)
            rhea_section_add_table(s, rhea_rq1_backgrounds_table(product, c));
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
