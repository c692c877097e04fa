/* cli_evidence.c: see cli_evidence.h. The evidence as a kind of stored result (cli/cli_stored.h):
 * a request resolves the key (classifiers/evidence_cache.h), the children send the evidence
 * encoded (classifiers/evidence_codec.h), and the catalog is the context every step reads. */
#include "cli/cli_evidence.h"

#include "classifiers/evidence_cache.h"
#include "classifiers/evidence_codec.h"
#include "cli/cli_stored.h"

RheaStore *rhea_cli_open_store_keep(const RheaCliOptions *o, gboolean read_only, gboolean *keep,
                                    GError **error)
{
    return rhea_cli_stored_open(rhea_cli_options_db(o), read_only, keep, error);
}

static gpointer request_new(RheaStore *store, const char *id, gconstpointer opts, gpointer ctx,
                            GError **error)
{
    return rhea_evidence_request_new(store, id, ctx, opts, error);
}

static void request_free(gpointer r)
{
    rhea_evidence_request_free(r);
}

static gboolean storable(gconstpointer r)
{
    return rhea_evidence_request_key(r) != NULL;
}

static gpointer lookup(RheaStore *store, gconstpointer r, gpointer ctx, GError **error)
{
    return rhea_evidence_request_lookup(store, r, ctx, error);
}

static gpointer compute(RheaStore *store, gconstpointer r, gpointer ctx, GError **error)
{
    return rhea_evidence_request_compute(store, r, ctx, error);
}

static GBytes *encode(gconstpointer ev)
{
    return rhea_evidence_encode(ev);
}

static gpointer decode(RheaStore *store, GBytes *data, const char *product, gpointer ctx,
                       GError **error)
{
    (void)store;
    return rhea_evidence_decode(data, product, ctx, error);
}

static int store_one(RheaStore *writer, RheaStore *reader, gconstpointer r, gconstpointer ev,
                     gboolean *stored, GError **error)
{
    (void)reader;
    return rhea_evidence_request_store(writer, r, ev, stored, error);
}

static void result_free(gpointer ev)
{
    rhea_evidence_free(ev);
}

static const RheaCliStoredKind EVIDENCE = {
    .what = "evidence",
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

GPtrArray *rhea_cli_evidence_many(RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                                  const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                                  const char *command, GError **error)
{
    return rhea_cli_stored_many(&EVIDENCE, (gpointer)catalog, o, store, keep, jobs, ids, command,
                                error);
}

int rhea_cli_evidence_fill(RheaStore *store, guint jobs, GPtrArray *ids,
                           const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                           const char *command, GError **error)
{
    return rhea_cli_stored_fill(&EVIDENCE, (gpointer)catalog, o, store, jobs, ids, command, error);
}
