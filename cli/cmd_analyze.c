/* cmd_analyze.c: `rhea analyze REPO`: ingest a repository's history into the database. */
#include "cli/cli.h"
#include "cli/cli_ingest.h"

int rhea_cmd_analyze(int argc, char **argv)
{
    g_autofree char *product = NULL, *db_path = NULL, *ref = NULL, *rules = NULL;
    gboolean line_stats = FALSE, quiet = FALSE;
    GOptionEntry entries[] = {
        {"product", 0, 0, G_OPTION_ARG_STRING, &product,
         "Product id (default: the repository folder's name)", "ID"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database file (default: ./rhea.sqlite)",
         "PATH"},
        {"ref", 0, 0, G_OPTION_ARG_STRING, &ref, "Branch, tag or commit to read (default: HEAD)",
         "REF"},
        {"line-stats", 0, 0, G_OPTION_ARG_NONE, &line_stats,
         "Also store lines added and removed per file", NULL},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules,
         "Record this rules file (ML/non-ML labels) with the product", "FILE"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress line", NULL},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new("REPO");
    g_option_context_set_summary(ctx, "Read every commit reachable from REF into the database. A "
                                      "second run reads only new commits.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!rhea_cli_parse(ctx, "analyze", &argc, &argv))
        return RHEA_EXIT_USAGE;
    if (argc != 2)
        return rhea_cli_usage("analyze", argc < 2 ? "missing REPO" : "more than one REPO given");
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) store = NULL;
    RheaCliIngest req = {
        .command = "analyze",
        .repo_path = argv[1],
        .product = product,
        .ref = ref,
        .rules_path = rules,
        .db_path = db_path,
        .line_stats = line_stats,
        .quiet = quiet,
    };
    RheaIngestStats stats;
    if (rhea_cli_ingest(&req, &store, &stats, &error) < 0)
        return rhea_cli_fail("analyze", error);
    return RHEA_EXIT_OK;
}
