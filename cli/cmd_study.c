/* cmd_study.c: `rhea study MANIFEST`: ingest every product of a manifest into one database,
 * skip the absent ones with a line each, and record the manifest's metadata and the study date
 * (the default --until of every other command, cli_input.h). */
#include <stdio.h>

#include "classifiers/rules.h"
#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "cli/cli_options.h"
#include "engine/error.h"
#include "engine/manifest.h"
#include "engine/shard.h"

/* The manifest's columns of one product, kept as product metadata. */
static int store_meta(RheaStore *store, const RheaManifestEntry *e, GError **error)
{
    const struct {
        const char *key, *value;
    } fixed[] = {{"name", e->name}, {"genre", e->genre}, {"repository", e->repository}};
    for (size_t f = 0; f < G_N_ELEMENTS(fixed); f++)
        if (fixed[f].value &&
            rhea_store_meta_set(store, e->id, fixed[f].key, fixed[f].value, error) < 0)
            return -1;
    for (guint k = 0; k < e->meta_keys->len; k++)
        if (rhea_store_meta_set(store, e->id, g_ptr_array_index(e->meta_keys, k),
                                g_ptr_array_index(e->meta_values, k), error) < 0)
            return -1;
    return 0;
}

/* --clones must name a folder: a typo would otherwise skip every product and exit 0. */
static int check_clones(const char *clones, GError **error)
{
    if (!clones || g_file_test(clones, G_FILE_TEST_IS_DIR))
        return 0;
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                "--clones %s: %s; name the folder holding the repositories", clones,
                g_file_test(clones, G_FILE_TEST_EXISTS) ? "not a folder" : "no such folder");
    return -1;
}

int rhea_cmd_study(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "study", "MANIFEST",
                          "Analyze every product of a manifest (a TSV with a header row naming id "
                          "and repository; samples/products.tsv is one) into one database.");
    g_autofree char *clones = NULL, *until = NULL, *shard_text = NULL;
    const GOptionEntry entries[] = {
        {"shard", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_name,
         "Analyze only shard K of N (K from 0; by a hash of the product id), for a study split "
         "over machines; merge the databases with rhea merge",
         "K/N"},
        {"clones", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Folder holding the repositories (as owner+name, owner+name/repo, owner/name or name)",
         "DIR"},
        {"until", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_date,
         "Fix the study's date: every command then counts only commits before DATE", "DATE"},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){&shard_text, &clones, &until});
    rhea_cli_options_add_groups(&o, RHEA_CLI_DATABASE | RHEA_CLI_INGEST);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaManifest) m = NULL;
    g_autoptr(RheaStore) store = NULL;
    guint analyzed = 0, skipped = 0, failed = 0, in_shard = 0;
    RheaShard shard = {0, 0};
    guint64 read = 0;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc != 2 || !*argv[1]) {
        rc = rhea_cli_usage(o.command, argc < 2   ? "missing MANIFEST"
                                       : argc > 2 ? "more than one MANIFEST"
                                                  : "MANIFEST is empty; name a manifest file");
        goto cleanup;
    }
    if (shard_text && rhea_shard_parse(shard_text, "--shard", &shard, &error) < 0) {
        rc = rhea_cli_usage(o.command, "%s", error->message);
        goto cleanup;
    }
    if (check_clones(clones, &error) < 0 || !(m = rhea_manifest_load(argv[1], &error)))
        goto fail;
    /* every rules file is read (bounded) and checked before anything is written */
    for (guint i = 0; i < m->entries->len; i++) {
        RheaManifestEntry *e = g_ptr_array_index(m->entries, i);
        g_autofree char *rules = rhea_manifest_rules_path(m, e);
        g_autoptr(RheaRules) parsed = rules ? rhea_rules_load(rules, &error) : NULL;
        if (rules && !parsed) {
            g_prefix_error(&error, "%s:%u: ", m->path, e->line);
            goto fail;
        }
    }
    if (!(store = rhea_store_open(rhea_cli_options_db(&o), &error)))
        goto fail;
    for (guint i = 0; i < m->entries->len; i++) {
        RheaManifestEntry *e = g_ptr_array_index(m->entries, i);
        if (!rhea_shard_contains(&shard, e->id))
            continue;
        in_shard++;
        g_autofree char *repo = rhea_manifest_locate(e, clones);
        if (!repo) {
            printf("%s: skipped: %s not found%s%s%s%s\n", e->id, e->repository,
                   clones ? " in " : "", clones ? clones : "", e->skip ? ": " : "",
                   e->skip ? e->skip : "");
            skipped++;
            continue;
        }
        g_autofree char *rules = rhea_manifest_rules_path(m, e);
        RheaCliIngest req = {
            .command = o.command,
            .repo_path = repo,
            .product = e->id,
            .ref = e->ref,
            .rules_path = rules,
            .line_stats = o.line_stats,
            .quiet = o.quiet,
        };
        RheaIngestStats stats;
        g_autoptr(GError) one = NULL;
        int got = rhea_cli_ingest(&req, &store, &stats, &one);
        if (got < 0 && g_error_matches(one, RHEA_ERROR, RHEA_ERROR_INTERRUPTED)) {
            g_propagate_error(&error, g_steal_pointer(&one));
            goto fail;
        }
        if (got < 0) {
            fprintf(stderr, "rhea study: %s: %s\n", e->id, one->message);
            failed++;
            continue;
        }
        if (got > 0) {
            skipped++;
            continue;
        }
        analyzed++;
        read += stats.read;
        if (store_meta(store, e, &error) < 0)
            goto fail;
    }
    if (until && rhea_store_setting_set(store, "until", until, &error) < 0)
        goto fail;
    if (shard.count)
        printf("study: shard %u/%u holds %u of the manifest's %u products\n", shard.index,
               shard.count, in_shard, m->entries->len);
    printf("study: %u products analyzed, %u skipped, %u failed; %" G_GUINT64_FORMAT
           " new commits read%s%s\n",
           analyzed, skipped, failed, read, until ? "; every command counts commits before " : "",
           until ? until : "");
    rc = failed ? RHEA_EXIT_FAILURE : RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
