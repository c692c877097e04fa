/* cli_ingest.c: see cli_ingest.h. */
#include "cli/cli_ingest.h"

#include <stdio.h>
#include <unistd.h>

#include "classifiers/rules.h"
#include "cli/cli.h"
#include "engine/binding.h"
#include "engine/error.h"
#include "engine/lines.h"
#include "engine/repo.h"

/* Line counts are all or nothing for a product: --line-stats on a product read without it would
 * count only the new commits (the old ones would show 0 lines), and leaving it out on a product
 * read with it would hide the counts it has. So it stays as the first run set it, and asking for
 * it later is refused. */
static int keep_line_stats(RheaStore *store, const char *product, gboolean *line_stats,
                           GError **error)
{
    g_autoptr(RheaProduct) stored = NULL;
    if (rhea_store_product_get(store, product, &stored, error) < 0)
        return -1;
    if (!stored || !stored->tip)
        return 0;
    if (*line_stats && !stored->line_stats) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                    "--line-stats: product '%s' in %s was read without it, and only new commits "
                    "would be counted; analyze into a new --product or --db",
                    product, rhea_store_path(store));
        return -1;
    }
    *line_stats = stored->line_stats;
    return 0;
}

int rhea_cli_ingest(const RheaCliIngest *req, RheaStore **store, RheaIngestStats *stats,
                    GError **error)
{
    g_autofree char *rules_text = NULL, *product = NULL, *abs_repo = NULL;
    git_repository *repo = NULL;
    int rc = -1;
    if (req->rules_path) {
        /* a bad rules file stops the run before the database is touched */
        g_autoptr(RheaRules) parsed = rhea_rules_load(req->rules_path, error);
        gsize len;
        if (!parsed || rhea_lines_read_file(req->rules_path, RHEA_INPUT_MAX, "rules file",
                                            &rules_text, &len, error) < 0)
            goto cleanup;
    }
    if (!(repo = rhea_repo_open(req->repo_path, error)))
        goto cleanup;
    product = req->product ? g_strdup(req->product) : rhea_repo_default_name(repo);
    if (rhea_product_id_check(product, error) < 0)
        goto cleanup;
    git_oid tip;
    int resolved = rhea_repo_resolve(repo, req->repo_path, req->ref, &tip, error);
    if (resolved != 0) {
        if (resolved > 0) {
            /* An unborn HEAD in a repository that has branches is a checkout of a new branch,
             * not an empty repository: say where the commits are. */
            gboolean other_refs = FALSE;
            git_reference_iterator *it = NULL;
            git_reference *r = NULL;
            if (git_reference_iterator_new(&it, repo) == 0 && git_reference_next(&r, it) == 0)
                other_refs = TRUE;
            git_reference_free(r);
            git_reference_iterator_free(it);
            printf("%s: %s has no commits yet%s; nothing stored\n", product, req->repo_path,
                   other_refs ? " on HEAD (an unborn branch; pass --ref BRANCH to read another)"
                              : "");
        }
        rc = resolved;
        goto cleanup;
    }
    if (git_repository_is_shallow(repo) == 1)
        fprintf(stderr,
                "rhea %s: warning: %s is a shallow clone: its history is cut, and figures cover "
                "only the commits it holds\n",
                req->command, req->repo_path);
    if (!*store &&
        !(*store = rhea_store_open(req->db_path ? req->db_path : RHEA_DEFAULT_DB, error)))
        goto cleanup;
    gboolean line_stats = req->line_stats;
    if (keep_line_stats(*store, product, &line_stats, error) < 0)
        goto cleanup;
    abs_repo = g_canonicalize_filename(req->repo_path, NULL);
    RheaIngestOptions opts = {
        .product = product,
        .repo_path = abs_repo,
        .ref = req->ref,
        .line_stats = line_stats,
        .rules_path = req->rules_path,
        .rules_text = rules_text,
        .progress = !req->quiet && isatty(STDERR_FILENO),
        .stop = rhea_cli_catch_signals(),
        .replace = req->replace,
    };
    if (rhea_ingest_run(*store, repo, &opts, stats, error) < 0)
        goto cleanup;
    if (stats->replaced)
        fprintf(stderr, "rhea %s: %s: --replace: the data stored under this id was dropped\n",
                req->command, product);
    if (stats->missing_blobs)
        fprintf(stderr,
                "rhea %s: warning: %" G_GUINT64_FORMAT
                " file versions are missing from the repository (partial clone or snapshot); "
                "their line counts are null\n",
                req->command, stats->missing_blobs);
    printf("%s: %" G_GUINT64_FORMAT " new commits read, %" G_GUINT64_FORMAT
           " changed paths; %" G_GUINT64_FORMAT " commits stored in %s\n",
           product, stats->read, stats->changes, stats->stored,
           req->db_label ? req->db_label : rhea_store_path(*store));
    rc = 0;
cleanup:
    git_repository_free(repo);
    return rc;
}
