/* cmd_contributors.c: `rhea contributors`: commits per person, core contributors, who touches ML
 * and non-ML code (docs/metrics.md, "Contributors"). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "cli/cli_state.h"
#include "engine/error.h"
#include "metrics/coupling.h"
#include "metrics/backgrounds.h"
#include "reports/format.h"
#include "reports/rq1.h"
#include "reports/rq1_depth.h"

/* Ownership and the truck factor need neither the silo measure nor each other's results: they run
 * on a thread of their own while the silo's two shuffling threads run (same results, less wall
 * time on two cores). The truck factor may read the history up to the window's end (store). */
typedef struct {
    RheaCliInput *in;
    const char *product;
    const RheaContributorOptions *opts;
    const RheaContributors *c;
    RheaOwnership *own;
    RheaCommitSet *history;
    RheaContributors *history_c;
    RheaTruckFactor *tf;
    GError *error;
} DepthJob;

static gpointer depth_job(gpointer data)
{
    DepthJob *job = data;
    job->own = rhea_ownership_compute(job->in->set, job->c);
    /* the truck factor reads the whole history up to the window's end (docs/metrics.md) */
    if (job->in->window.has_since) {
        RheaWindow upto = {.has_until = job->in->window.has_until, .until = job->in->window.until};
        job->history =
            rhea_commitset_load(job->in->store, job->product, &upto, job->in->labels, &job->error);
        if (!job->history)
            return NULL;
        job->history_c = rhea_contributors_compute(job->history, job->opts);
    }
    /* the kinds of changes come with the set (no second read of the changes) */
    job->tf = rhea_truckfactor_compute(job->history ? job->history : job->in->set,
                                       job->history_c ? job->history_c : job->c, NULL);
    return NULL;
}

int rhea_cmd_contributors(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "contributors", NULL,
                          "Commits per contributor, the core contributors (who made 80% of the "
                          "commits), and who touches ML and non-ML code.");
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_DATABASE | RHEA_CLI_WINDOW |
                                        RHEA_CLI_LABELS | RHEA_CLI_OUTPUT | RHEA_CLI_CONTRIBUTORS |
                                        RHEA_CLI_BACKGROUNDS);
    guint permutations = 1000;
    guint64 seed = RHEA_COUPLING_DEFAULT_SEED;
    gboolean depth = FALSE;
    const GOptionEntry entries[] = {
        {"permutations", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_count,
         "Author shuffles for the silo p-value (default 1000; 0: none)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_seed,
         "Random seed (default 20240414)", "S"},
        {"depth", 0, 0, G_OPTION_ARG_NONE, &depth,
         "Also show the silo measure, ownership per side and the truck factor (JSON always has "
         "them)",
         NULL},
        G_OPTION_ENTRY_NULL};
    rhea_cli_options_add(&o, entries, (gpointer[]){&permutations, &seed, NULL});
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) bg = NULL;
    RheaCliInput in = {0};
    g_autoptr(RheaContributors) c = NULL;
    g_autoptr(RheaCommitSet) history = NULL;
    g_autoptr(RheaContributors) history_c = NULL;
    g_autoptr(RheaTruckFactor) tf = NULL;
    g_autoptr(RheaOwnership) own = NULL;
    RheaSilo silo;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    if (argc > 1) {
        rc = rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    const char *product = rhea_cli_options_product(&o);
    if (o.backgrounds && !(bg = rhea_backgrounds_load(o.backgrounds, &error)))
        goto fail;
    if (rhea_cli_input_load(&o, product, &in, &error) < 0)
        goto fail;
    RheaIngestState ingest = rhea_cli_ingest_check(in.store, product, o.command);

    RheaContributorOptions opts;
    rhea_cli_contributor_options(&o, bg, &opts);
    c = rhea_contributors_compute(in.set, &opts);
    /* The silo, ownership and truck factor show with --depth, and always in JSON; otherwise they
     * are not computed: the silo's permutations and the truck factor were a third of the
     * command's CPU time (docs/performance.md). */
    if (depth || o.format == RHEA_FORMAT_JSON) {
        DepthJob job = {.in = &in, .product = product, .opts = &opts, .c = c};
        GThread *thread = g_thread_try_new("depth", depth_job, &job, NULL);
        rhea_silo_compute(in.set, c, permutations, seed, &silo);
        if (thread)
            g_thread_join(thread);
        else
            depth_job(&job);
        own = job.own;
        history = job.history;
        history_c = job.history_c;
        tf = job.tf;
        if (job.error) {
            g_propagate_error(&error, job.error);
            goto fail;
        }
    }
    if (o.format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_rq1_contributors_json(product, in.window_text, c);
        if (ingest != RHEA_INGEST_COMPLETE) /* absent when complete: the format is unchanged */
            json_object_set_string_member(json_node_get_object(node), "ingest",
                                          rhea_ingest_state_name(ingest));
        rhea_rq1_depth_json_add(json_node_get_object(node), &silo, own, tf);
        if (rhea_rq1_write_json(node, o.out, &error) < 0)
            goto fail;
    } else {
        g_autofree char *title =
            g_strdup_printf("Contributors of %s (%s)", product, in.window_text);
        g_autoptr(RheaReport) report = rhea_report_new(title);
        RheaSection *s = rhea_report_add_section(report, NULL);
        RheaTable *note = NULL;
        rhea_cli_ingest_row(&note, product, ingest);
        if (note)
            rhea_section_add_table(s, note);
        rhea_section_add_table(s, rhea_rq1_contributors_table(product, c, FALSE));
        if (bg && o.format != RHEA_FORMAT_CSV)
            rhea_section_add_table(s, rhea_rq1_backgrounds_table(product, c));
        if (depth && o.format != RHEA_FORMAT_CSV) {
            rhea_section_add_table(s, rhea_rq1_depth_table(product, c, &silo, own, tf));
            rhea_section_add_table(s, rhea_rq1_side_shares_table(product, c));
        }
        if (rhea_report_write_path(report, o.format, o.out, &error) < 0)
            goto fail;
    }
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_input_clear(&in);
    rhea_cli_options_clear(&o);
    return rc;
}
