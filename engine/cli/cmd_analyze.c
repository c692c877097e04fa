/* cmd_analyze.c: `rhea analyze REPO`: ingest a repository's history into the database. */
#include <stdio.h>
#include <unistd.h>

#include "classifiers/rules.h"
#include "engine/cli/cli.h"
#include "engine/error.h"
#include "engine/ingest.h"
#include "engine/repo.h"

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
    const char *repo_path = argv[1];

    g_autoptr(GError) error = NULL;
    g_autofree char *rules_text = NULL;
    if (rules) {
        /* a bad rules file stops the run before the database is touched */
        g_autoptr(RheaRules) parsed = rhea_rules_load(rules, &error);
        if (!parsed || !g_file_get_contents(rules, &rules_text, NULL, &error))
            return rhea_cli_fail("analyze", error);
    }

    /* The repository is checked before the database is touched: bad input changes nothing. */
    git_repository *repo = rhea_repo_open(repo_path, &error);
    if (!repo)
        return rhea_cli_fail("analyze", error);
    if (!product)
        product = rhea_repo_default_name(repo_path);
    git_oid tip;
    int resolved = rhea_repo_resolve(repo, repo_path, ref, &tip, &error);
    if (resolved != 0) {
        git_repository_free(repo);
        if (resolved < 0)
            return rhea_cli_fail("analyze", error);
        printf("%s: %s has no commits yet; nothing stored\n", product, repo_path);
        return RHEA_EXIT_OK;
    }
    if (git_repository_is_shallow(repo) == 1)
        fprintf(stderr,
                "rhea analyze: warning: %s is a shallow clone: its history is cut, and figures "
                "cover only the commits it holds\n",
                repo_path);

    g_autoptr(RheaStore) store = rhea_store_open(db_path ? db_path : RHEA_DEFAULT_DB, &error);
    if (!store) {
        git_repository_free(repo);
        return rhea_cli_fail("analyze", error);
    }
    g_autofree char *abs_repo = g_canonicalize_filename(repo_path, NULL);
    RheaIngestOptions opts = {
        .product = product,
        .repo_path = abs_repo,
        .ref = ref,
        .line_stats = line_stats,
        .rules_path = rules,
        .rules_text = rules_text,
        .progress = !quiet && isatty(STDERR_FILENO),
        .stop = rhea_cli_catch_signals(),
    };
    RheaIngestStats stats;
    int rc = rhea_ingest_run(store, repo, &opts, &stats, &error);
    git_repository_free(repo);
    if (rc < 0)
        return rhea_cli_fail("analyze", error);
    if (stats.missing_blobs)
        fprintf(stderr,
                "rhea analyze: warning: %" G_GUINT64_FORMAT
                " file versions are missing from the repository (partial clone or snapshot); their "
                "line counts are null\n",
                stats.missing_blobs);
    printf("%s: %" G_GUINT64_FORMAT " new commits read, %" G_GUINT64_FORMAT
           " changed paths; %" G_GUINT64_FORMAT " commits stored in %s\n",
           product, stats.read, stats.changes, stats.stored, rhea_store_path(store));
    return RHEA_EXIT_OK;
}
