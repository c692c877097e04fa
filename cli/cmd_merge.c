/* cmd_merge.c: `rhea merge OUT SHARD...`: the databases of a sharded study (rhea study --shard
 * K/N) merged into one, all or nothing (engine/store_merge.h). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_options.h"
#include "engine/error.h"
#include "engine/store_merge.h"

int rhea_cmd_merge(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "merge", "OUT SHARD...",
                          "Merge the databases of a sharded study into OUT (created when absent). "
                          "Merging a shard twice changes nothing; shards that disagree about a "
                          "product or the study's date stop the merge and leave OUT as it was.");
    /* --quiet alone: the ingest group's --line-stats would be taken and not used */
    const GOptionEntry entries[] = {
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "No summary line", NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){NULL});
    int rc;
    g_autoptr(GError) error = NULL;
    RheaMergeStats stats;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc < 3) {
        rc = rhea_cli_usage(o.command, argc < 2 ? "missing OUT and SHARD" : "missing SHARD");
        goto cleanup;
    }
    for (int i = 1; i < argc; i++)
        if (!*argv[i]) {
            rc = rhea_cli_usage(o.command, "argument %d is empty; name a database file", i);
            goto cleanup;
        }
    if (rhea_store_merge_into(argv[1], (const char *const *)argv + 2, (guint)(argc - 2), &stats,
                              &error) < 0) {
        rc = rhea_cli_fail(o.command, error);
        goto cleanup;
    }
    if (!o.quiet)
        printf("merge: %u shards into %s: %u products added, %u already there the same; "
               "%" G_GUINT64_FORMAT " commits added\n",
               stats.shards, argv[1], stats.products_added, stats.products_same,
               stats.commits_added);
    rc = RHEA_EXIT_OK;
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
