/* cli_input.c: see cli_input.h. */
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

int rhea_cli_input_load(const RheaCliOptions *o, const char *product, RheaCliInput *in,
                        GError **error)
{
    memset(in, 0, sizeof *in);
    if (!(in->store = rhea_cli_open_store(o, error)))
        return -1;
    if (rhea_cli_window(o, in->store, &in->window, &in->window_text, error) < 0)
        return -1;
    in->labels = rhea_labeling_new(in->store, product, o->rules, o->content_signals, error);
    if (!in->labels)
        return -1;
    in->set = rhea_commitset_load(in->store, product, &in->window, in->labels, error);
    return in->set ? 0 : -1;
}

void rhea_cli_input_clear(RheaCliInput *in)
{
    rhea_commitset_free(in->set);
    rhea_labeling_free(in->labels);
    rhea_store_close(in->store);
    g_free(in->window_text);
    memset(in, 0, sizeof *in);
}
