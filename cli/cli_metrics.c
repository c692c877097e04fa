/* cli_metrics.c: see cli_metrics.h. */
#include "cli/cli_metrics.h"

#include <string.h>

#include "cli/cli.h"
#include "engine/error.h"

void rhea_metric_args_add(GOptionContext *ctx, RheaMetricArgs *args)
{
    GOptionEntry entries[] = {
        {"product", 0, 0, G_OPTION_ARG_STRING, &args->product, "Product id (required)", "ID"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &args->db, "Database file (default: ./rhea.sqlite)",
         "PATH"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &args->rules,
         "Rules file for this run (default: the one recorded with the product)", "FILE"},
        {"content-signals", 0, 0, G_OPTION_ARG_NONE, &args->content_signals,
         "Also label as ML files that import an ML library", NULL},
        {"since", 0, 0, G_OPTION_ARG_STRING, &args->since, "Only commits at or after DATE", "DATE"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &args->until, "Only commits before DATE", "DATE"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &args->format,
         "text (default), md, csv, tex, json or html", "FORMAT"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &args->out, "Write to FILE (default: stdout)",
         "FILE"},
        G_OPTION_ENTRY_NULL};
    g_option_context_add_main_entries(ctx, entries, NULL);
}

void rhea_metric_args_clear(RheaMetricArgs *args)
{
    g_free(args->product);
    g_free(args->db);
    g_free(args->rules);
    g_free(args->since);
    g_free(args->until);
    g_free(args->format);
    g_free(args->out);
}

int rhea_metric_input_load(const RheaMetricArgs *args, RheaMetricInput *in, GError **error)
{
    memset(in, 0, sizeof *in);
    if (!args->product) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE, "missing --product ID");
        return -1;
    }
    if (rhea_window_init(&in->window, args->since, args->until, error) < 0)
        return -1;
    in->window_text = rhea_window_describe(&in->window);
    in->store = rhea_store_open_readonly(args->db ? args->db : RHEA_DEFAULT_DB, error);
    if (!in->store)
        return -1;
    in->labels =
        rhea_labeling_new(in->store, args->product, args->rules, args->content_signals, error);
    if (!in->labels)
        return -1;
    in->set = rhea_commitset_load(in->store, args->product, &in->window, in->labels, error);
    return in->set ? 0 : -1;
}

void rhea_metric_input_clear(RheaMetricInput *in)
{
    rhea_commitset_free(in->set);
    rhea_labeling_free(in->labels);
    rhea_store_close(in->store);
    g_free(in->window_text);
    memset(in, 0, sizeof *in);
}
