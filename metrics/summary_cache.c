/* summary_cache.c: see summary_cache.h. The inputs are written as one line of `name=value` words
 * in a fixed order, so the stored key says in plain text what the figures were computed from; file
 * contents enter it as their SHA-256. */
#include "metrics/summary_cache.h"

#include <string.h>

#include "classifiers/labeling.h"
#include "engine/build_id.h"
#include "engine/datadir.h"
#include "engine/error.h"
#include "engine/lines.h"
#include "metrics/summary_codec.h"

struct RheaSummaryRequest {
    char *product, *history, *inputs;
    RheaWindow window;
    RheaSummaryOptions options;
    RheaSummaryCacheKey key;
};

void rhea_summary_request_free(RheaSummaryRequest *r)
{
    if (!r)
        return;
    g_free(r->product);
    g_free(r->history);
    g_free(r->inputs);
    g_free(r);
}

static char *sha256_text(const char *text, gsize len)
{
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
}

static char *sha256_file(const char *path, const char *what, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, what, &text, &len, error) < 0)
        return NULL;
    return sha256_text(text, len);
}

static char *rules_digest(const RheaProduct *prod, const char *rules_path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (rhea_labeling_rules_text(prod, rules_path, &text, &len, error) < 0)
        return NULL;
    return rhea_labeling_rules_sha256(text, len);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The backgrounds map as sorted `email\tbackground\n` lines, hashed. */
static char *backgrounds_digest(GHashTable *bg)
{
    if (!bg)
        return g_strdup("none");
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array(bg, NULL);
    guint n = g_hash_table_size(bg);
    qsort(keys, n, sizeof *keys, by_string);
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (guint i = 0; i < n; i++) {
        const char *k = keys[i], *v = g_hash_table_lookup(bg, k);
        g_checksum_update(sum, (const guchar *)k, (gssize)strlen(k) + 1);
        g_checksum_update(sum, (const guchar *)v, (gssize)strlen(v) + 1);
    }
    return g_strdup(g_checksum_get_string(sum));
}

static char *bots_digest(GPtrArray *patterns)
{
    if (!patterns || !patterns->len)
        return g_strdup("none");
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (guint i = 0; i < patterns->len; i++) {
        GRegex *re = g_ptr_array_index(patterns, i);
        g_autofree char *flags = g_strdup_printf("%u", (guint)g_regex_get_compile_flags(re));
        const char *p = g_regex_get_pattern(re);
        g_checksum_update(sum, (const guchar *)p, (gssize)strlen(p) + 1);
        g_checksum_update(sum, (const guchar *)flags, (gssize)strlen(flags) + 1);
    }
    return g_strdup(g_checksum_get_string(sum));
}

static char *window_text(const RheaWindow *w)
{
    g_autofree char *since =
        w->has_since ? g_strdup_printf("%" G_GINT64_FORMAT, w->since) : g_strdup("-");
    g_autofree char *until =
        w->has_until ? g_strdup_printf("%" G_GINT64_FORMAT, w->until) : g_strdup("-");
    return g_strdup_printf("%s..%s", since, until);
}

static char *inputs_text(const RheaProduct *prod, const RheaWindow *w, const RheaSummaryOptions *o,
                         GError **error)
{
    g_autofree char *rules = rules_digest(prod, o->rules_path, error);
    if (!rules)
        return NULL;
    g_autofree char *content = NULL;
    if (o->content_signals) {
        g_autofree char *catalog = rhea_datadir_find("ml-libraries.tsv", error);
        g_autofree char *digest =
            catalog ? sha256_file(catalog, "ML library catalog", error) : NULL;
        if (!digest)
            return NULL;
        content = g_strdup_printf("%s@%s", digest, prod->repo_path);
    }
    const RheaContributorOptions *c = &o->contributors;
    g_autofree char *win = window_text(w);
    g_autofree char *bots = bots_digest(c->bot_patterns);
    g_autofree char *bg = backgrounds_digest(c->backgrounds);
    return g_strdup_printf(
        "window=%s rules=%s content=%s threshold=%.17g merges=%d bots=%d by-name=%d "
        "bot-patterns=%s backgrounds=%s permutations=%u bootstrap=%u max-files=%u "
        "seed=%" G_GUINT64_FORMAT " top=%u",
        win, rules, content ? content : "no", c->threshold, !!c->include_merges, !!c->include_bots,
        !!c->merge_by_name, bots, bg, o->permutations, o->bootstrap, o->max_files, o->seed, o->top);
}

RheaSummaryRequest *rhea_summary_request_new(RheaStore *store, const char *product,
                                             const RheaWindow *w, const RheaSummaryOptions *o,
                                             GError **error)
{
    g_autoptr(RheaProduct) prod = NULL;
    if (rhea_store_product_require(store, product, &prod, error) < 0)
        return NULL;
    g_autoptr(RheaSummaryRequest) r = g_new0(RheaSummaryRequest, 1);
    r->product = g_strdup(product);
    r->window = *w;
    r->options = *o;
    if (!(r->inputs = inputs_text(prod, w, o, error)))
        return NULL;
    g_autoptr(GError) failed = NULL;
    r->history = rhea_store_summary_history(store, product, &failed);
    if (failed) {
        g_propagate_error(error, g_steal_pointer(&failed));
        return NULL;
    }
    r->key = (RheaSummaryCacheKey){.product = r->product,
                                   .history = r->history,
                                   .build = rhea_build_id(),
                                   .inputs = r->inputs};
    return g_steal_pointer(&r);
}

const RheaSummaryCacheKey *rhea_summary_request_key(const RheaSummaryRequest *r)
{
    return r->history ? &r->key : NULL;
}

RheaProductSummary *rhea_summary_request_lookup(RheaStore *store, const RheaSummaryRequest *r,
                                                GError **error)
{
    g_autoptr(GBytes) data = NULL;
    if (!r->history || rhea_store_summary_cache_get(store, &r->key, &data, error) < 0 || !data)
        return NULL;
    RheaProductSummary *s = rhea_summary_decode(data, r->product, NULL);
    if (s)
        s->meta = rhea_store_meta_get(store, r->product);
    return s;
}

RheaProductSummary *rhea_summary_request_compute(RheaStore *store, const RheaSummaryRequest *r,
                                                 GError **error)
{
    return rhea_summary_compute(store, r->product, &r->window, &r->options, error);
}

int rhea_summary_request_store(RheaStore *writer, RheaStore *reader, const RheaSummaryRequest *r,
                               const RheaProductSummary *s, gboolean *stored, GError **error)
{
    *stored = FALSE;
    if (!r->history)
        return 0;
    g_autoptr(RheaSummaryRequest) now =
        rhea_summary_request_new(reader, r->product, &r->window, &r->options, error);
    if (!now)
        return -1;
    if (g_strcmp0(now->history, r->history) != 0 || strcmp(now->inputs, r->inputs) != 0)
        return 0;
    g_autoptr(GBytes) data = rhea_summary_encode(s);
    if (rhea_store_summary_cache_put(writer, &r->key, data, error) < 0)
        return -1;
    *stored = TRUE;
    return 0;
}
