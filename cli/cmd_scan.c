/* cmd_scan.c: `rhea scan DIR...`: the paper's product and ML filters (section IV, steps 3 and 4)
 * over every git repository under the folders, at HEAD, ranked for people to inspect
 * (classifiers/scan.h, docs/evidence.md "Scanning candidate repositories"). */
#include <stdio.h>
#include <string.h>

#include "classifiers/evidence_catalog.h"
#include "classifiers/scan.h"
#include "cli/cli.h"
#include "cli/cli_options.h"
#include "engine/discover.h"
#include "engine/error.h"
#include "engine/shard.h"
#include "metrics/window.h"
#include "reports/format.h"
#include "reports/rq1.h"
#include "reports/scan_report.h"

/* The repository's name under its root, the same on every machine: the shard key. */
static const char *shard_key(const char *path, const char *root)
{
    gsize n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (strncmp(path, root, n) == 0 && path[n] == '/')
        return path + n + 1;
    return strcmp(path, root) == 0 ? "." : path;
}

int rhea_cmd_scan(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "scan", "DIR...",
                          "Find every git repository under the folders and apply the paper's "
                          "dataset filters to its HEAD tree: user-interface evidence (product) "
                          "and ML libraries, APIs and model files (ML); rows sorted for people to "
                          "inspect.");
    g_autofree char *shard_text = NULL, *until = NULL;
    guint evidence = 5;
    const GOptionEntry entries[] = {
        {"shard", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "Scan only shard K of N (K from 0; by a hash of the repository's path under its DIR)",
         "K/N"},
        {"until", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_date,
         "Read each repository as it stood before DATE (the last commit before it on HEAD's "
         "first-parent line)",
         "DATE"},
        {"evidence", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Hits listed per repository (default 5; JSON lists them with their text)", "N"},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){&shard_text, &until, &evidence});
    rhea_cli_options_add_groups(&o, RHEA_CLI_OUTPUT);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaEvidenceCatalog) catalog = NULL;
    g_autoptr(GPtrArray) results =
        g_ptr_array_new_with_free_func((GDestroyNotify)rhea_scan_result_free);
    RheaShard shard = {0, 0};
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc < 2) {
        rc = rhea_cli_usage(o.command, "missing DIR (a folder holding git repositories)");
        goto cleanup;
    }
    if (shard_text && rhea_shard_parse(shard_text, "--shard", &shard, &error) < 0) {
        rc = rhea_cli_usage(o.command, "%s", error->message);
        goto cleanup;
    }
    gint64 before = -1;
    if (until && rhea_window_parse_date(until, "--until", &before, &error) < 0)
        goto fail;
    if (!(catalog = rhea_evidence_catalog_load_default(&error)))
        goto fail;
    for (int i = 1; i < argc; i++) {
        const char *root = argv[i];
        g_autoptr(RheaDiscovery) d = rhea_discover_repositories(&root, 1, &error);
        if (!d)
            goto fail;
        for (guint p = 0; p < d->problems->len; p++)
            fprintf(stderr, "rhea scan: %s (skipped)\n", (char *)g_ptr_array_index(d->problems, p));
        for (guint r = 0; r < d->repositories->len; r++) {
            const char *path = g_ptr_array_index(d->repositories, r);
            if (rhea_shard_contains(&shard, shard_key(path, root)))
                g_ptr_array_add(results, rhea_scan_repository(path, catalog, before));
        }
    }
    g_ptr_array_sort(results, rhea_scan_result_compare);
    if (o.format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_scan_json(results, evidence);
        /* the one JSON writer, through engine/outfile for --out (docs/reliability.md, rule 1) */
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        /* CSV is one table, so shards' outputs can be concatenated and sorted */
        g_autoptr(RheaReport) report =
            rhea_scan_report(results, evidence, o.format != RHEA_FORMAT_CSV);
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
