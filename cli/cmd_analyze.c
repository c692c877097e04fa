/* cmd_analyze.c: `rhea analyze REPO`: ingest a repository's history into the database. */
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "cli/cli_options.h"

int rhea_cmd_analyze(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "analyze", "REPO",
                          "Read every commit reachable from REF into the database. A second run "
                          "reads only new commits.");
    g_autofree char *product = NULL, *ref = NULL, *rules = NULL;
    gboolean replace = FALSE;
    const GOptionEntry entries[] = {
        {"product", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "Product id (default: the repository's folder name; for a bare repository named repo "
         "or X.git, the folder above or X)",
         "ID"},
        {"ref", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "Branch, tag or commit to read (default: HEAD)", "REF"},
        {"rules", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Record this rules file (ML/non-ML labels) with the product", "FILE"},
        {"replace", 0, 0, G_OPTION_ARG_NONE, &replace,
         "Drop the product's data when it was read from another repository, and read this one",
         NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){&product, &ref, &rules, NULL});
    rhea_cli_options_add_groups(&o, RHEA_CLI_DATABASE | RHEA_CLI_INGEST);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) store = NULL;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc != 2 || !*argv[1]) {
        rc = rhea_cli_usage(o.command, argc < 2   ? "missing REPO"
                                       : argc > 2 ? "more than one REPO given"
                                                  : "REPO is empty; name a repository folder");
        goto cleanup;
    }
    RheaCliIngest req = {
        .command = o.command,
        .repo_path = argv[1],
        .product = product,
        .ref = ref,
        .rules_path = rules,
        .db_path = rhea_cli_options_db(&o),
        .line_stats = o.line_stats,
        .quiet = o.quiet,
        .replace = replace,
    };
    RheaIngestStats stats;
    rc = rhea_cli_ingest(&req, &store, &stats, &error) < 0 ? rhea_cli_fail(o.command, error)
                                                           : RHEA_EXIT_OK;
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
