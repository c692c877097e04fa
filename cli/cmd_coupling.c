/* cmd_coupling.c: `rhea coupling`: ECI and RCI of ML and non-ML code with the permutation null
 * model and a bootstrap interval (docs/metrics.md, "Coupling"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "cli/cli_state.h"
#include "engine/error.h"
#include "metrics/contributors.h"
#include "metrics/parts_coupling.h"
#include "metrics/transactions.h"
#include "reports/format.h"
#include "reports/rq1.h"
#include "reports/rq1_depth.h"

int rhea_cmd_coupling(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "coupling", NULL,
                          "How often ML and non-ML code change together, against random edits "
                          "(relative coupling index).");
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                                        RHEA_CLI_LABELS | RHEA_CLI_OUTPUT | RHEA_CLI_STATISTICS |
                                        RHEA_CLI_TOP);
    guint logical_days = 0;
    gboolean matrix = FALSE, null_range = FALSE;
    g_autofree char *between = NULL, *parts_path = NULL;
    const GOptionEntry entries[] = {
        {"logical-commits", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Merge one author's commits within DAYS days into one change set", "DAYS"},
        {"parts", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Parts file (PART PATTERN lines; default: the parts ml and nonml)", "FILE"},
        {"between", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "Coupling between two parts instead of ML and non-ML", "A,B"},
        {"matrix", 0, 0, G_OPTION_ARG_NONE, &matrix, "RCI between every pair of parts", NULL},
        {"null-range", 0, 0, G_OPTION_ARG_NONE, &null_range,
         "Also show the range of RCI under random label splits, beside the interval (always with "
         "--between)",
         NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries,
                         (gpointer[]){&logical_days, &parts_path, &between, NULL, NULL});
    int rc;
    g_autoptr(GError) error = NULL;
    RheaCliInput in = {0};
    g_autoptr(RheaTransactions) tx = NULL;
    g_autoptr(GArray) pairs = NULL;
    g_autoptr(GPtrArray) paths = g_ptr_array_new();
    g_autoptr(RheaParts) parts = NULL;
    g_autoptr(GHashTable) sides = NULL;
    g_autoptr(RheaContributors) people = NULL;
    g_autoptr(GArray) pair_rows = NULL;
    g_auto(GStrv) ab = NULL;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    const char *product = rhea_cli_options_product(&o);
    if (between) {
        ab = g_strsplit(between, ",", -1);
        if (g_strv_length(ab) != 2 || !*g_strstrip(ab[0]) || !*g_strstrip(ab[1]) ||
            g_str_equal(ab[0], ab[1])) {
            rc = rhea_cli_usage(o.command, "--between takes two different part names, A,B");
            goto cleanup;
        }
    }
    if (between && matrix) {
        rc = rhea_cli_usage(o.command, "--between and --matrix: give one of them");
        goto cleanup;
    }
    if (parts_path && !between && !matrix) {
        rc = rhea_cli_usage(o.command, "--parts needs --between A,B or --matrix");
        goto cleanup;
    }
    if (parts_path && !(parts = rhea_parts_load(parts_path, &error)))
        goto fail;
    if (rhea_cli_input_load(&o, product, &in, &error) < 0)
        goto fail;

    RheaIngestState ingest = rhea_cli_ingest_check(in.store, product, o.command);
    RheaTransactionOptions topts = {.max_files = o.max_files, .logical_days = logical_days};
    if (logical_days > 0) {
        /* change sets are per person as Contributors joins identities, bots included */
        RheaContributorOptions copts;
        rhea_contributor_options_init(&copts);
        copts.include_bots = TRUE;
        people = rhea_contributors_compute(in.set, &copts);
        topts.author_of = people->person_of;
    }
    if (between) {
        g_autoptr(GPtrArray) known = rhea_parts_list(parts);
        for (int k = 0; k < 2; k++) {
            gboolean found = FALSE;
            for (guint i = 0; i < known->len && !found; i++)
                found = g_str_equal(g_ptr_array_index(known, i), ab[k]);
            if (!found) {
                g_set_error(&error, RHEA_ERROR, RHEA_ERROR_USAGE, "--between: no part '%s' in %s",
                            ab[k], parts_path ? parts_path : "the default parts (ml, nonml)");
                goto fail;
            }
        }
        sides = rhea_parts_sides(in.labels, parts, ab[0], ab[1]);
        topts.sides = sides;
    }
    if (matrix) {
        pair_rows = rhea_parts_matrix(in.set, in.labels, parts, &topts, o.permutations, o.bootstrap,
                                      o.seed);
        g_autofree char *title =
            g_strdup_printf("Coupling between parts of %s (%s)", product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        rhea_section_add_table(s, rhea_rq1_parts_matrix_table(product, pair_rows));
        rhea_section_add_chart(s, rhea_rq1_parts_heatmap(product, pair_rows));
        if (rhea_report_write_path(report, o.format, o.out, &error) < 0)
            goto fail;
        rc = RHEA_EXIT_OK;
        goto cleanup;
    }
    tx = rhea_transactions_build_with(in.set, &topts);
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
        if (between) {
            JsonArray *a = json_array_new();
            for (int k = 0; k < 2; k++) {
                g_autofree char *valid = g_utf8_make_valid(ab[k], -1);
                json_array_add_string_element(a, valid);
            }
            json_object_set_array_member(json_node_get_object(node), "between", a);
        }
        if (null_range || between)
            rhea_rq1_coupling_json_add_null_range(json_node_get_object(node), &c);
        if (logical_days > 0)
            json_object_set_int_member(json_node_get_object(node), "logical_commits_days",
                                       logical_days);
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title =
            between ? g_strdup_printf("Coupling of %s (as ML) and %s (as non-ML) in %s (%s)", ab[0],
                                      ab[1], product, in.window_text)
                    : g_strdup_printf("Coupling of ML and non-ML code in %s (%s)", product,
                                      in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        RheaTable *note = NULL;
        rhea_cli_ingest_row(&note, product, ingest);
        if (note)
            rhea_section_add_table(s, note);
        RheaTable *t = rhea_rq1_coupling_table(product, &c);
        rhea_rq1_coupling_add_cap(t, o.max_files, tx->dropped_large);
        if (null_range || between)
            rhea_rq1_coupling_add_null_range(t, &c);
        rhea_section_add_table(s, t);
        if ((null_range || between) && o.format != RHEA_FORMAT_CSV)
            rhea_section_add_text(s, RHEA_INTERVAL_VS_TEST);
        if (pairs) /* in CSV too: a second table after an empty line (reports/report.h) */
            rhea_section_add_table(s, rhea_rq1_top_pairs_table(product, pairs, paths));
        if (tx->merged) {
            g_autofree char *note = g_strdup_printf(
                "%u commits were merged into an earlier commit of the same author within %u "
                "days (--logical-commits).",
                tx->merged, logical_days);
            rhea_section_add_text(s, note);
        }
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
