/* cmd_coupling.c: `rhea coupling`: ECI and RCI of ML and non-ML code with the permutation null
 * model and a bootstrap interval (docs/metrics.md, "Coupling"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "cli/cli_state.h"
#include "engine/error.h"
#include "metrics/transactions.h"
#include "reports/format.h"
#include "reports/rq1.h"

int rhea_cmd_coupling(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "coupling", NULL,
                          "How often ML and non-ML code change together, against random edits "
                          "(relative coupling index).");
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                                        RHEA_CLI_LABELS | RHEA_CLI_OUTPUT | RHEA_CLI_STATISTICS |
                                        RHEA_CLI_TOP);
    int rc;
    g_autoptr(GError) error = NULL;
    RheaCliInput in = {0};
    g_autoptr(RheaTransactions) tx = NULL;
    g_autoptr(GArray) pairs = NULL;
    g_autoptr(GPtrArray) paths = g_ptr_array_new();
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    const char *product = rhea_cli_options_product(&o);
    if (rhea_cli_input_load(&o, product, &in, &error) < 0)
        goto fail;

    RheaIngestState ingest = rhea_cli_ingest_check(in.store, product, o.command);
    tx = rhea_transactions_build(in.set, o.max_files);
    RheaCoupling c;
    rhea_coupling_compute(&tx->input, o.permutations, o.bootstrap, o.seed, &c);
    pairs = o.top > 0 ? rhea_coupling_top_pairs(&tx->input, o.top) : NULL;
    for (guint i = 0; i < tx->pids->len; i++)
        g_ptr_array_add(
            paths, (gpointer)rhea_labeling_path(in.labels, g_array_index(tx->pids, gint64, i)));
    if (o.format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node =
            rhea_rq1_coupling_json(product, in.window_text, &c, pairs, paths);
        rhea_rq1_coupling_json_add_cap(node, o.max_files, tx->dropped_large);
        if (ingest != RHEA_INGEST_COMPLETE) /* absent when complete: the format is unchanged */
            json_object_set_string_member(json_node_get_object(node), "ingest",
                                          rhea_ingest_state_name(ingest));
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title =
            g_strdup_printf("Coupling of ML and non-ML code in %s (%s)", product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        RheaTable *note = NULL;
        rhea_cli_ingest_row(&note, product, ingest);
        if (note)
            rhea_section_add_table(s, note);
        RheaTable *t = rhea_rq1_coupling_table(product, &c);
        rhea_rq1_coupling_add_cap(t, o.max_files, tx->dropped_large);
        rhea_section_add_table(s, t);
        if (pairs) /* in CSV too: a second table after an empty line (reports/report.h) */
            rhea_section_add_table(s, rhea_rq1_top_pairs_table(product, pairs, paths));
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
