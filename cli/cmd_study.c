/* cmd_study.c: `rhea study MANIFEST`: ingest every product of a manifest into one database,
 * skip the absent ones with a line each, and record the manifest's metadata and the study date. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_ingest.h"
#include "engine/error.h"
#include "engine/manifest.h"
#include "metrics/window.h"

int rhea_cmd_study(int argc, char **argv)
{
    g_autofree char *clones = NULL, *db_path = NULL, *until = NULL;
    gboolean line_stats = FALSE, quiet = FALSE;
    GOptionEntry entries[] = {
        {"clones", 0, 0, G_OPTION_ARG_FILENAME, &clones,
         "Folder holding the repositories (as owner+name, owner+name/repo, owner/name or name)",
         "DIR"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database file (default: ./rhea.sqlite)",
         "PATH"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &until,
         "Fix the study's date: reports count only commits before DATE", "DATE"},
        {"line-stats", 0, 0, G_OPTION_ARG_NONE, &line_stats,
         "Also store lines added and removed per file", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress line", NULL},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new("MANIFEST");
    g_option_context_set_summary(ctx, "Analyze every product of a manifest (a TSV with a header "
                                      "row naming id and repository; samples/products.tsv is one) "
                                      "into one database.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!rhea_cli_parse(ctx, "study", &argc, &argv))
        return RHEA_EXIT_USAGE;
    if (argc != 2)
        return rhea_cli_usage("study", argc < 2 ? "missing MANIFEST" : "more than one MANIFEST");
    g_autoptr(GError) error = NULL;
    gint64 until_time;
    if (until && rhea_window_parse_date(until, "--until", &until_time, &error) < 0)
        return rhea_cli_fail("study", error);
    g_autoptr(RheaManifest) m = rhea_manifest_load(argv[1], &error);
    if (!m)
        return rhea_cli_fail("study", error);
    /* every rules file is checked before anything is written */
    for (guint i = 0; i < m->entries->len; i++) {
        RheaManifestEntry *e = g_ptr_array_index(m->entries, i);
        g_autofree char *rules = rhea_manifest_rules_path(m, e);
        if (rules && !g_file_test(rules, G_FILE_TEST_IS_REGULAR)) {
            g_set_error(&error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "%s:%u: rules file %s does not exist", m->path, e->line, rules);
            return rhea_cli_fail("study", error);
        }
    }
    g_autoptr(RheaStore) store = rhea_store_open(db_path ? db_path : RHEA_DEFAULT_DB, &error);
    if (!store)
        return rhea_cli_fail("study", error);
    guint analyzed = 0, skipped = 0, failed = 0;
    guint64 read = 0;
    for (guint i = 0; i < m->entries->len; i++) {
        RheaManifestEntry *e = g_ptr_array_index(m->entries, i);
        g_autofree char *repo = rhea_manifest_locate(e, clones);
        if (!repo) {
            printf("%s: skipped: %s not found%s%s\n", e->id, e->repository,
                   clones ? " in " : "", clones ? clones : "");
            skipped++;
            continue;
        }
        g_autofree char *rules = rhea_manifest_rules_path(m, e);
        RheaCliIngest req = {
            .command = "study",
            .repo_path = repo,
            .product = e->id,
            .ref = e->ref,
            .rules_path = rules,
            .line_stats = line_stats,
            .quiet = quiet,
        };
        RheaIngestStats stats;
        g_autoptr(GError) one = NULL;
        int rc = rhea_cli_ingest(&req, &store, &stats, &one);
        if (rc < 0) {
            if (g_error_matches(one, RHEA_ERROR, RHEA_ERROR_INTERRUPTED))
                return rhea_cli_fail("study", one);
            fprintf(stderr, "rhea study: %s: %s\n", e->id, one->message);
            failed++;
            continue;
        }
        if (rc > 0) {
            skipped++;
            continue;
        }
        analyzed++;
        read += stats.read;
        struct {
            const char *key, *value;
        } fixed[] = {{"name", e->name}, {"genre", e->genre}, {"repository", e->repository}};
        for (size_t f = 0; f < G_N_ELEMENTS(fixed); f++)
            if (fixed[f].value &&
                rhea_store_meta_set(store, e->id, fixed[f].key, fixed[f].value, &error) < 0)
                return rhea_cli_fail("study", error);
        for (guint k = 0; k < e->meta_keys->len; k++)
            if (rhea_store_meta_set(store, e->id, g_ptr_array_index(e->meta_keys, k),
                                    g_ptr_array_index(e->meta_values, k), &error) < 0)
                return rhea_cli_fail("study", error);
    }
    if (until && rhea_store_setting_set(store, "until", until, &error) < 0)
        return rhea_cli_fail("study", error);
    printf("study: %u products analyzed, %u skipped, %u failed; %" G_GUINT64_FORMAT
           " new commits read%s%s\n",
           analyzed, skipped, failed, read, until ? "; reports count commits before " : "",
           until ? until : "");
    return failed ? RHEA_EXIT_FAILURE : RHEA_EXIT_OK;
}
