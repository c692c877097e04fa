/* cli_input.c: see cli_input.h.
 *
 * The product's labeling and its commits are read at the same time: the labeling on a thread with
 * a second read-only connection of its own, the commits (unlabeled) on the caller's; the commits
 * are labeled once both are in (metrics/commitset.h). Each part reads what it read before, so the
 * results are the same; when both fail, the labeling's error is the one reported, as when it came
 * first. */
#include "cli/cli_input.h"

#include <string.h>

#include "engine/error.h"

RheaStore *rhea_cli_open_store(const RheaCliOptions *o, GError **error)
{
    return rhea_store_open_readonly(rhea_cli_options_db(o), error);
}

int rhea_cli_window(const RheaCliOptions *o, RheaStore *store, RheaWindow *w, char **text,
                    GError **error)
{
    g_autofree char *study = o->until ? NULL : rhea_store_setting_get(store, "until");
    gint64 t;
    if (study && rhea_window_parse_date(study, "until", &t, NULL) < 0) {
        g_autofree char *quoted = rhea_error_quote(study);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s: the study's date '%s' is not a date; pass --until DATE",
                    rhea_store_path(store), quoted);
        return -1;
    }
    if (study && o->since && rhea_window_parse_date(o->since, "--since", &t, NULL) == 0 &&
        rhea_window_init(w, o->since, study, NULL) < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                    "--since %s is not before the study's date %s: the window is empty; pass "
                    "--until DATE",
                    o->since, study);
        return -1;
    }
    if (rhea_window_init(w, o->since, o->until ? o->until : study, error) < 0)
        return -1;
    g_autofree char *described = rhea_window_describe(w);
    *text =
        study ? g_strdup_printf("%s (the study's date)", described) : g_steal_pointer(&described);
    return 0;
}

void rhea_cli_contributor_options(const RheaCliOptions *o, GHashTable *bg,
                                  RheaContributorOptions *out)
{
    rhea_contributor_options_init(out);
    out->threshold = o->threshold;
    out->include_merges = o->include_merges;
    out->include_bots = o->include_bots;
    out->merge_by_name = !o->no_name_merge;
    out->bot_patterns = o->bot_patterns;
    out->backgrounds = bg;
}

typedef struct {
    const char *db, *product, *rules;
    gboolean content_signals;
    RheaLabeling *labels;
    GError *error;
} LabelJob;

static gpointer label_job(gpointer data)
{
    LabelJob *job = data;
    RheaStore *store = rhea_store_open_readonly(job->db, &job->error);
    if (store)
        job->labels =
            rhea_labeling_new(store, job->product, job->rules, job->content_signals, &job->error);
    rhea_store_close(store);
    return NULL;
}

int rhea_cli_input_load(const RheaCliOptions *o, const char *product, RheaCliInput *in,
                        GError **error)
{
    memset(in, 0, sizeof *in);
    if (!(in->store = rhea_cli_open_store(o, error)))
        return -1;
    if (rhea_cli_window(o, in->store, &in->window, &in->window_text, error) < 0)
        return -1;
    LabelJob job = {.db = rhea_store_path(in->store),
                    .product = product,
                    .rules = o->rules,
                    .content_signals = o->content_signals};
    GThread *thread = g_thread_try_new("labeling", label_job, &job, NULL);
    if (!thread) /* no second thread: one after the other */
        label_job(&job);
    GError *set_error = NULL;
    RheaCommitSet *set = rhea_commitset_read(in->store, product, &in->window, &set_error);
    if (thread)
        g_thread_join(thread);
    if (!job.labels) {
        g_propagate_error(error, job.error);
        g_clear_error(&set_error);
        rhea_commitset_free(set);
        return -1;
    }
    in->labels = job.labels;
    if (!set) {
        g_propagate_error(error, set_error);
        return -1;
    }
    rhea_commitset_label(set, in->labels);
    in->set = set;
    return 0;
}

void rhea_cli_input_clear(RheaCliInput *in)
{
    rhea_commitset_free(in->set);
    rhea_labeling_free(in->labels);
    rhea_store_close(in->store);
    g_free(in->window_text);
    memset(in, 0, sizeof *in);
}
