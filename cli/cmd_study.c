/* cmd_study.c: `rhea study MANIFEST`: ingest every product of a manifest into one database,
 * skip the absent ones with a line each, and record the manifest's metadata and the study date
 * (the default --until of every other command, cli_input.h).
 *
 * With -j N (N > 1) each product the database does not hold yet is ingested by a child process
 * into a temporary database beside the study's (engine/tempdb.h), since SQLite has one writer
 * and an ingest holds a write transaction per batch. The parent folds each finished product in
 * with one transaction (engine/store_merge.h), in manifest order, so the result equals a -j 1
 * run row for row, a killed study leaves whole products, and the next run resumes with the
 * rest. Products already in the database (a resumed or re-run study: few or no new commits) are
 * ingested by the parent itself, as with -j 1.
 *
 * Then, unless --no-evidence, the RQ2-RQ6 evidence of every completely ingested product at the
 * study's date is computed on the same number of processes and stored (cli_evidence.h), where
 * nothing is stored for its key yet. That moves the cost of the first report's evidence into the
 * study rather than adding any (a study is run to be reported), and the report a researcher
 * repeats then reads it (docs/evidence.md, "Stored evidence"). Likewise, unless --no-figures,
 * each such product's report figures with `rhea report`'s default options (cli_summaries.h;
 * docs/metrics.md, "Stored figures"). */
#include <stdio.h>

#include "classifiers/evidence_catalog.h"
#include "classifiers/rules.h"
#include "cli/cli.h"
#include "cli/cli_evidence.h"
#include "cli/cli_ingest.h"
#include "cli/cli_input.h"
#include "cli/cli_summaries.h"
#include "cli/cli_options.h"
#include "engine/error.h"
#include "engine/manifest.h"
#include "metrics/window.h"
#include "engine/shard.h"
#include "engine/store_ingest_state.h"
#include "engine/store_merge.h"
#include "engine/tempdb.h"
#include "engine/workers.h"

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

typedef struct {
    const char *command;
    RheaManifest *m;
    const char *clones, *db_path;
    gboolean line_stats, quiet;
    RheaShard shard;
    guint jobs;        /* processes for the evidence and figures */
    guint ingest_jobs; /* products ingested at once, each in its own process */
    RheaStore *store;
    char **temp; /* per manifest entry: the child's database, or NULL */
    guint analyzed, skipped, failed, in_shard;
    guint64 read;
} Study;

/* The codes a child exits with (workers.h). */
enum { CHILD_ANALYZED = 0, CHILD_NO_COMMITS = 1, CHILD_FAILED = 2, CHILD_INTERRUPTED = 3 };

static RheaCliIngest ingest_request(Study *s, const RheaManifestEntry *e, const char *repo,
                                    const char *rules)
{
    return (RheaCliIngest){
        .command = s->command,
        .repo_path = repo,
        .product = e->id,
        .ref = e->ref,
        .rules_path = rules,
        .line_stats = s->line_stats,
        .quiet = s->quiet,
    };
}

/* A product in the parent, into the study database: as every product with -j 1. */
static int study_in_parent(Study *s, const RheaManifestEntry *e, GError **error)
{
    g_autofree char *repo = rhea_manifest_locate(e, s->clones);
    if (!repo) {
        printf("%s: skipped: %s not found%s%s%s%s\n", e->id, e->repository, s->clones ? " in " : "",
               s->clones ? s->clones : "", e->skip ? ": " : "", e->skip ? e->skip : "");
        s->skipped++;
        return 0;
    }
    g_autofree char *rules = rhea_manifest_rules_path(s->m, e);
    RheaCliIngest req = ingest_request(s, e, repo, rules);
    RheaIngestStats stats;
    g_autoptr(GError) one = NULL;
    int got = rhea_cli_ingest(&req, &s->store, &stats, &one);
    if (got < 0 && g_error_matches(one, RHEA_ERROR, RHEA_ERROR_INTERRUPTED)) {
        g_propagate_error(error, g_steal_pointer(&one));
        return -1;
    }
    if (got < 0) {
        fprintf(stderr, "rhea %s: %s: %s\n", s->command, e->id, one->message);
        s->failed++;
        return 0;
    }
    if (got > 0) {
        s->skipped++;
        return 0;
    }
    s->analyzed++;
    s->read += stats.read;
    return store_meta(s->store, e, error);
}

/* workers.h start(): a child for a product the database does not hold yet. */
static gboolean study_start(guint task, gpointer user)
{
    Study *s = user;
    RheaManifestEntry *e = g_ptr_array_index(s->m->entries, task);
    if (s->ingest_jobs < 2 || !rhea_shard_contains(&s->shard, e->id))
        return FALSE;
    g_autofree char *repo = rhea_manifest_locate(e, s->clones);
    g_autoptr(RheaProduct) stored = NULL;
    if (!repo || rhea_store_product_get(s->store, e->id, &stored, NULL) < 0 || stored)
        return FALSE;
    /* without a temporary database (a full disk, say) the parent ingests it, which says why */
    s->temp[task] = rhea_tempdb_create(s->db_path, NULL);
    return s->temp[task] != NULL;
}

/* workers.h work(): in the child, the product into its own database. */
static int study_work(guint task, gpointer user)
{
    Study *s = user;
    RheaManifestEntry *e = g_ptr_array_index(s->m->entries, task);
    g_autofree char *repo = rhea_manifest_locate(e, s->clones);
    g_autofree char *rules = rhea_manifest_rules_path(s->m, e);
    RheaCliIngest req = ingest_request(s, e, repo, rules);
    req.db_path = s->temp[task];
    req.db_label = s->db_path;
    req.quiet = TRUE; /* progress lines of parallel children would overwrite each other */
    RheaStore *store = NULL;
    RheaIngestStats stats;
    g_autoptr(GError) one = NULL;
    int got = rhea_cli_ingest(&req, &store, &stats, &one);
    rhea_store_close(store); /* checkpoints the WAL into the file the parent reads */
    if (got < 0)
        rhea_tempdb_remove(s->temp[task]); /* the parent may be gone (killed) */
    if (got < 0 && g_error_matches(one, RHEA_ERROR, RHEA_ERROR_INTERRUPTED))
        return CHILD_INTERRUPTED;
    if (got < 0) {
        fprintf(stderr, "rhea %s: %s: %s\n", s->command, e->id, one->message);
        return CHILD_FAILED;
    }
    return got > 0 ? CHILD_NO_COMMITS : CHILD_ANALYZED;
}

/* A child's finished product folded into the study database: 0, 1 when it could not be (said,
 * and counted as failed), -1 with *error set. */
static int study_merge(Study *s, const RheaManifestEntry *e, const char *temp, GError **error)
{
    RheaMergeStats ms = {0};
    g_autoptr(GError) one = NULL;
    if (rhea_store_merge_shard(s->store, temp, &ms, &one) < 0) {
        fprintf(stderr, "rhea %s: %s: %s\n", s->command, e->id, one->message);
        s->failed++;
        return 1;
    }
    s->analyzed++;
    s->read += ms.commits_added;
    return store_meta(s->store, e, error);
}

/* workers.h done(): every product in manifest order. */
static int study_done(guint task, int status, const char *output, gsize len, gboolean cancelled,
                      gpointer user, GError **error)
{
    Study *s = user;
    RheaManifestEntry *e = g_ptr_array_index(s->m->entries, task);
    g_autofree char *temp = g_steal_pointer(&s->temp[task]);
    int rc = 0;
    if (cancelled)
        goto cleanup;
    if (rhea_shard_contains(&s->shard, e->id))
        s->in_shard++;
    if (status == RHEA_WORKERS_IN_PARENT) {
        if (rhea_shard_contains(&s->shard, e->id))
            rc = study_in_parent(s, e, error);
        goto cleanup;
    }
    gboolean say = TRUE; /* the child's lines */
    switch (status) {
    case CHILD_ANALYZED:
        rc = study_merge(s, e, temp, error);
        say = rc == 0;
        rc = rc < 0 ? -1 : 0;
        break;
    case CHILD_NO_COMMITS:
        s->skipped++;
        break;
    case CHILD_FAILED: /* the child said why */
        s->failed++;
        break;
    case CHILD_INTERRUPTED:
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INTERRUPTED,
                    "%s: interrupted; run the same command again to resume", e->id);
        rc = -1;
        break;
    default:
        fprintf(stderr, "rhea %s: %s: the worker process %s %d; run the study again\n", s->command,
                e->id, status >= RHEA_WORKERS_SIGNALED ? "was killed by signal" : "exited with",
                status >= RHEA_WORKERS_SIGNALED ? status - RHEA_WORKERS_SIGNALED : status);
        s->failed++;
    }
    if (rc == 0 && say)
        fwrite(output, 1, len, stdout);
cleanup:
    if (temp)
        rhea_tempdb_remove(temp);
    return rc;
}

/* The manifest's products (of this shard) the database holds whole. */
static GPtrArray *complete_products(Study *s)
{
    GPtrArray *ids = g_ptr_array_new();
    for (guint i = 0; i < s->m->entries->len; i++) {
        RheaManifestEntry *e = g_ptr_array_index(s->m->entries, i);
        g_autoptr(RheaProduct) stored = NULL;
        if (rhea_shard_contains(&s->shard, e->id) &&
            rhea_store_product_get(s->store, e->id, &stored, NULL) == 0 && stored && stored->tip)
            g_ptr_array_add(ids, e->id);
    }
    return ids;
}

/* After the ingest: the RQ2-RQ6 evidence and the report figures (with `rhea report`'s defaults)
 * of the products the database holds whole, over the window a report without options resolves
 * (the study's date), so that report finds both stored. A step that cannot start is a warning. */
static int study_results(Study *s, const RheaCliOptions *o, gboolean evidence, gboolean figures,
                         GError **error)
{
    g_autoptr(GError) one = NULL;
    g_autoptr(GPtrArray) ids = (evidence || figures) ? complete_products(s) : NULL;
    if (!ids || ids->len == 0)
        return 0;
    RheaWindow window;
    g_autofree char *text = NULL;
    if (rhea_cli_window(o, s->store, &window, &text, &one) < 0) {
        fprintf(stderr, "rhea %s: warning: evidence and figures not computed: %s\n", s->command,
                one->message);
        return 0;
    }
    if (evidence) {
        RheaEvidenceOptions eo = {.before = window.has_until ? window.until : -1};
        g_autoptr(RheaEvidenceCatalog) catalog = rhea_evidence_catalog_load_default(&one);
        if (!catalog)
            fprintf(stderr, "rhea %s: warning: evidence not computed: %s\n", s->command,
                    one->message);
        else if (rhea_cli_evidence_fill(s->store, s->jobs, ids, catalog, &eo, s->command, error) <
                 0)
            return -1;
    }
    if (!figures)
        return 0;
    RheaSummaryOptions so;
    rhea_cli_summary_options(o, NULL, &so);
    return rhea_cli_summaries_fill(s->store, s->jobs, ids, &window, &so, s->command, error);
}

int rhea_cmd_study(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "study", "MANIFEST",
                          "Analyze every product of a manifest (a TSV with a header row naming id "
                          "and repository; samples/products.tsv is one) into one database.");
    g_autofree char *clones = NULL, *until = NULL, *shard_text = NULL;
    guint jobs = G_MAXUINT; /* not given: the number of online processors */
    gboolean no_evidence = FALSE, no_figures = FALSE;
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
        {"jobs", 'j', 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Ingest up to N new products at once, each in its own process, and compute the evidence "
         "and figures on N processes (default: half the online processors for the products, "
         "since each ingest reads on two processes already, and all of them for the rest; 1: "
         "one product after the other in this process)",
         "N"},
        {"no-evidence", 0, 0, G_OPTION_ARG_NONE, &no_evidence,
         "Do not compute and store the products' RQ2-RQ6 evidence (rhea report then does)", NULL},
        {"no-figures", 0, 0, G_OPTION_ARG_NONE, &no_figures,
         "Do not compute and store the products' report figures (rhea report then does)", NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries,
                         (gpointer[]){&shard_text, &clones, &until, &jobs, NULL, NULL});
    rhea_cli_options_add_groups(&o, RHEA_CLI_DATABASE | RHEA_CLI_INGEST);
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaManifest) m = NULL;
    g_autoptr(RheaStore) store = NULL;
    Study s = {.command = "study"};
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc != 2 || !*argv[1]) {
        rc = rhea_cli_usage(o.command, argc < 2   ? "missing MANIFEST"
                                       : argc > 2 ? "more than one MANIFEST"
                                                  : "MANIFEST is empty; name a manifest file");
        goto cleanup;
    }
    if (shard_text && rhea_shard_parse(shard_text, "--shard", &s.shard, &error) < 0) {
        rc = rhea_cli_usage(o.command, "%s", error->message);
        goto cleanup;
    }
    if (jobs != G_MAXUINT && (jobs < 1 || jobs > 1024)) {
        rc = rhea_cli_usage(o.command, "--jobs %u: use a number of processes from 1 to 1024", jobs);
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
    s.m = m;
    s.clones = clones;
    s.db_path = rhea_cli_options_db(&o);
    s.line_stats = o.line_stats;
    s.quiet = o.quiet;
    s.jobs = jobs != G_MAXUINT ? jobs : rhea_workers_default_jobs();
    /* each ingest reads on two processes already (engine/ingest_worker.h): by default, products
     * in parallel only on four or more processors */
    s.ingest_jobs = jobs != G_MAXUINT ? jobs : MAX(1, rhea_workers_default_jobs() / 2);
    s.store = store;
    s.temp = g_new0(char *, m->entries->len);
    if (s.ingest_jobs > 1)
        rhea_tempdb_sweep(s.db_path); /* those of a study killed before it could remove them */
    /* Into an empty database every product is folded in from a temporary one: its indexes are
     * built once, at the end, not row by row. A study killed meanwhile leaves whole products; the
     * next open builds the indexes. */
    gint64 last_cid = -1;
    if (s.ingest_jobs > 1 && rhea_store_last_cid(store, &last_cid, &error) < 0)
        goto fail;
    gboolean fresh = last_cid == 0;
    if (fresh && rhea_store_indexes_drop(store, &error) < 0)
        goto fail;
    const RheaWorkerCalls calls = {study_start, study_work, study_done};
    int ran = rhea_workers_run(s.ingest_jobs, m->entries->len, &calls, &s, rhea_cli_catch_signals(),
                               &error);
    store = s.store;
    if (fresh && rhea_store_indexes_build(store, ran < 0 ? NULL : &error) < 0 && ran == 0)
        ran = -1;
    if (ran < 0)
        goto fail;
    if (until && rhea_store_setting_set(store, "until", until, &error) < 0)
        goto fail;
    if (study_results(&s, &o, !no_evidence, !no_figures, &error) < 0)
        goto fail;
    if (s.shard.count)
        printf("study: shard %u/%u holds %u of the manifest's %u products\n", s.shard.index,
               s.shard.count, s.in_shard, m->entries->len);
    printf("study: %u products analyzed, %u skipped, %u failed; %" G_GUINT64_FORMAT
           " new commits read%s%s\n",
           s.analyzed, s.skipped, s.failed, s.read,
           until ? "; every command counts commits before " : "", until ? until : "");
    rc = s.failed ? RHEA_EXIT_FAILURE : RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    g_free(s.temp);
    rhea_cli_options_clear(&o);
    return rc;
}
