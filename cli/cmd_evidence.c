/* cmd_evidence.c: `rhea evidence`: the RQ2-RQ6 signals in a product's tree, dated, and the
 * verdicts they support (docs/evidence.md). */
#include <stdio.h>
#include <string.h>

#include "classifiers/evidence.h"
#include "cli/cli.h"
#include "cli/cli_evidence.h"
#include "cli/cli_input.h"
#include "cli/cli_options.h"
#include "engine/error.h"
#include "engine/store.h"
#include "metrics/evidence_verdicts.h"
#include "metrics/judgments.h"
#include "metrics/window.h"
#include "reports/evidence_report.h"
#include "reports/format.h"
#include "reports/rq1.h"

int rhea_cmd_evidence(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "evidence", NULL,
                          "The RQ2-RQ6 evidence in a product's tree (libraries, models, user "
                          "interface, tests, operations, responsible AI), each signal dated by the "
                          "commit that added it, and the verdicts it supports.");
    g_autofree char *rq = NULL, *at = NULL, *commit = NULL, *judgments = NULL, *catalog_path = NULL,
                    *rules = NULL;
    guint threshold = RHEA_TRAJECTORY_DEFAULT_DAYS, max_kib = RHEA_EVIDENCE_DEFAULT_MAX_SIZE / 1024;
    gboolean read_only = FALSE, keep = FALSE;
    const GOptionEntry entries[] = {
        {"rq", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "Only the signals and verdicts of RQ 2..6", "N"},
        {"at", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_date,
         "The tree of the last commit before DATE (default: the study's --until, else the tip)",
         "DATE"},
        {"commit", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "The tree of this commit", "SHA"},
        {"judgments", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "CSV of product,key,value,note overriding verdicts (docs/evidence.md)", "FILE"},
        {"catalog", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Evidence catalog (default: classifiers/evidence.tsv)", "FILE"},
        {"rules", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Rules file for this run (default: the one recorded with the product)", "FILE"},
        {"together-days", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Trajectory: ML and UI code within N days are 'together' (default 30)", "N"},
        {"max-size", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Skip files over N KiB (default 1024)", "N"},
        {"read-only", 0, 0, G_OPTION_ARG_NONE, &read_only,
         "Do not write the database: evidence not stored yet is computed and not kept", NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT);
    rhea_cli_options_add(&o, entries,
                         (gpointer[]){&rq, &at, &commit, &judgments, &catalog_path, &rules,
                                      &threshold, &max_kib, NULL});
    rhea_cli_options_add_groups(&o, RHEA_CLI_OUTPUT | RHEA_CLI_DATABASE);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) ids = NULL, all = NULL;
    g_autoptr(RheaJudgments) jd = NULL;
    g_autoptr(RheaEvidenceCatalog) catalog = NULL;
    g_autoptr(RheaStore) store = NULL;
    g_autoptr(RheaEvidence) ev = NULL;
    g_autoptr(RheaEvidenceVerdicts) v = NULL;
    g_autofree char *study_until = NULL;
    guint rq_n = 0;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    if (rq) {
        if (strlen(rq) != 1 || rq[0] < '2' || rq[0] > '6') {
            rhea_cli_bad_value(&error, "--rq", rq, "use 2 to 6");
            goto fail;
        }
        rq_n = (guint)(rq[0] - '0');
    }
    if (at && commit) {
        rc = rhea_cli_usage(o.command, "give --at or --commit, not both");
        goto cleanup;
    }
    if (max_kib == 0) {
        rhea_cli_bad_value(&error, "--max-size", "0", "use a size in KiB above 0");
        goto fail;
    }
    if (judgments && !(jd = rhea_judgments_load(judgments, &error)))
        goto fail;
    catalog = catalog_path ? rhea_evidence_catalog_load(catalog_path, &error)
                           : rhea_evidence_catalog_load_default(&error);
    if (!catalog || !(store = rhea_cli_open_store_keep(&o, read_only, &keep, &error)))
        goto fail;
    RheaEvidenceOptions eo = {
        .commit = commit, .before = -1, .max_size = (gsize)max_kib * 1024, .rules_path = rules};
    study_until = at || commit ? NULL : rhea_store_setting_get(store, "until");
    const char *date = at ? at : study_until;
    if (date &&
        rhea_window_parse_date(date, at ? "--at" : "the study's --until", &eo.before, &error) < 0)
        goto fail;
    ids = g_ptr_array_new();
    g_ptr_array_add(ids, (gpointer)rhea_cli_options_product(&o));
    if (!(all = rhea_cli_evidence_many(store, keep, 1, ids, catalog, &eo, o.command, &error)))
        goto fail;
    ev = g_ptr_array_steal_index(all, 0);
    v = rhea_evidence_verdicts_compute(ev, threshold, jd);
    if (o.format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_evidence_json(ev, v, jd, rq_n);
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        g_autoptr(RheaReport) report = rhea_evidence_report_build(ev, v, jd, rq_n);
        if (rhea_report_write_path(report, o.format, o.out, &error) < 0)
            goto fail;
    }
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
