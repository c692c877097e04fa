/* cli_summaries.c: see cli_summaries.h. The report figures as a kind of stored result
 * (cli/cli_stored.h): a request resolves the key (metrics/summary_cache.h), and the children send
 * the figures encoded (metrics/summary_codec.h); the manifest columns are read from the store
 * when a child's figures are decoded, as for a stored entry. */
#include "cli/cli_summaries.h"

#include "cli/cli_input.h"
#include "cli/cli_stored.h"
#include "metrics/summary_cache.h"
#include "metrics/summary_codec.h"

typedef struct {
    const RheaWindow *window;
    const RheaSummaryOptions *options;
} Inputs;

static gpointer request_new(RheaStore *store, const char *id, gconstpointer opts, gpointer ctx,
                            GError **error)
{
    (void)ctx;
    const Inputs *in = opts;
    return rhea_summary_request_new(store, id, in->window, in->options, error);
}

static void request_free(gpointer r)
{
    rhea_summary_request_free(r);
}

static gboolean storable(gconstpointer r)
{
    return rhea_summary_request_key(r) != NULL;
}

static gpointer lookup(RheaStore *store, gconstpointer r, gpointer ctx, GError **error)
{
    (void)ctx;
    return rhea_summary_request_lookup(store, r, error);
}

static gpointer compute(RheaStore *store, gconstpointer r, gpointer ctx, GError **error)
{
    (void)ctx;
    return rhea_summary_request_compute(store, r, error);
}

static GBytes *encode(gconstpointer s)
{
    return rhea_summary_encode(s);
}

static gpointer decode(RheaStore *store, GBytes *data, const char *product, gpointer ctx,
                       GError **error)
{
    (void)ctx;
    RheaProductSummary *s = rhea_summary_decode(data, product, error);
    if (s)
        s->meta = rhea_store_meta_get(store, product);
    return s;
}

static int store_one(RheaStore *writer, RheaStore *reader, gconstpointer r, gconstpointer s,
                     gboolean *stored, GError **error)
{
    return rhea_summary_request_store(writer, reader, r, s, stored, error);
}

static void result_free(gpointer s)
{
    rhea_summary_free(s);
}

static const RheaCliStoredKind FIGURES = {
    .what = "figures",
    .request_new = request_new,
    .request_free = request_free,
    .storable = storable,
    .lookup = lookup,
    .compute = compute,
    .encode = encode,
    .decode = decode,
    .store = store_one,
    .result_free = result_free,
};

GPtrArray *rhea_cli_summaries(RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                              const RheaWindow *w, const RheaSummaryOptions *o, const char *command,
                              GError **error)
{
    Inputs in = {w, o};
    return rhea_cli_stored_many(&FIGURES, NULL, &in, store, keep, jobs, ids, command, error);
}

int rhea_cli_summaries_fill(RheaStore *store, guint jobs, GPtrArray *ids, const RheaWindow *w,
                            const RheaSummaryOptions *o, const char *command, GError **error)
{
    Inputs in = {w, o};
    return rhea_cli_stored_fill(&FIGURES, NULL, &in, store, jobs, ids, command, error);
}

void rhea_cli_summary_options(const RheaCliOptions *o, GHashTable *backgrounds,
                              RheaSummaryOptions *out)
{
    *out = (RheaSummaryOptions){
        .rules_path = o->rules,
        .content_signals = o->content_signals,
        .permutations = o->permutations,
        .bootstrap = o->bootstrap,
        .max_files = o->max_files,
        .seed = o->seed,
        .top = o->top,
    };
    rhea_cli_contributor_options(o, backgrounds, &out->contributors);
}
