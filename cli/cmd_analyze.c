/* cmd_analyze.c: `rhea analyze REPO`: ingest a repository's history into the database. */
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "cli/cli_options.h"

#include <stdio.h>

/* --timings: how long each step took, on stderr, for profiles (docs/performance.md). */
static void print_timings(const char *command, const RheaIngestStats *s, gint64 close_us,
                          gint64 total_us)
{
    const RheaIngestTimes *t = &s->times;
    fprintf(stderr,
            "rhea %s: timings: walk %.1f ms, read and store %.1f ms, indexes %.1f ms, commit %.1f "
            "ms, close %.1f ms; %.1f ms since the command started; the worker process read "
            "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " commits\n",
            command, t->walk / 1000.0, t->read / 1000.0, t->indexes / 1000.0, t->commit / 1000.0,
            close_us / 1000.0, total_us / 1000.0, s->worker_read, s->read);
}

int rhea_cmd_analyze(int argc, char **argv)
{
    gint64 started = g_get_monotonic_time();
    RheaCliOptions o;
    rhea_cli_options_init(&o, "analyze", "REPO",
                          "Read every commit reachable from REF into the database. A second run "
                          "reads only new commits.");
    g_autofree char *product = NULL, *ref = NULL, *rules = NULL;
    gboolean replace = FALSE, timings = FALSE;
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
        {"timings", 0, 0, G_OPTION_ARG_NONE, &timings,
         "Say on stderr how long each step took: the walk, reading and storing, the indexes, the "
         "commit and closing the database",
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
    RheaIngestStats stats = {0};
    int ingested = rhea_cli_ingest(&req, &store, &stats, &error);
    rc = ingested < 0 ? rhea_cli_fail(o.command, error) : RHEA_EXIT_OK;
    if (timings && ingested == 0) {
        gint64 t = g_get_monotonic_time();
        g_clear_pointer(&store, rhea_store_close); /* the WAL's checkpoint, when there is one */
        gint64 now = g_get_monotonic_time();
        print_timings(o.command, &stats, now - t, now - started);
    }
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
