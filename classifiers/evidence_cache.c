/* evidence_cache.c: see evidence_cache.h. The request resolves the key before anything is read
 * from the tree, and the computation then reads exactly the key's commit with the key's rules
 * text, so what is stored under a key is what that key's inputs give, even when the study or the
 * rules file changes while the computation runs. */
#include "classifiers/evidence_cache.h"

#include <string.h>

#include "classifiers/evidence_codec.h"
#include "classifiers/labeling.h"
#include "engine/build_id.h"
#include "engine/error.h"
#include "engine/lines.h"

struct RheaEvidenceRequest {
    char *product, *commit, *tip, *repo_path, *rules_sha256, *rules_text;
    const char *rules_path; /* the caller's, for error messages */
    gsize rules_len;
    gsize max_size;
    gboolean cacheable;
    RheaEvidenceCacheKey key;
};

void rhea_evidence_request_free(RheaEvidenceRequest *r)
{
    if (!r)
        return;
    g_free(r->product);
    g_free(r->commit);
    g_free(r->tip);
    g_free(r->repo_path);
    g_free(r->rules_sha256);
    g_free(r->rules_text);
    g_free(r);
}

RheaEvidenceRequest *rhea_evidence_request_new(RheaStore *store, const char *product,
                                               const RheaEvidenceCatalog *catalog,
                                               const RheaEvidenceOptions *o, GError **error)
{
    g_autoptr(RheaProduct) prod = NULL;
    gint64 time = -1;
    if (rhea_store_product_require(store, product, &prod, error) < 0)
        return NULL;
    g_autoptr(RheaEvidenceRequest) r = g_new0(RheaEvidenceRequest, 1);
    r->product = g_strdup(product);
    r->repo_path = g_strdup(prod->repo_path);
    r->rules_path = o->rules_path;
    r->max_size = o->max_size ? o->max_size : RHEA_EVIDENCE_DEFAULT_MAX_SIZE;
    if (rhea_labeling_rules_text(prod, o->rules_path, &r->rules_text, &r->rules_len, error) < 0)
        return NULL;
    r->rules_sha256 = rhea_labeling_rules_sha256(r->rules_text, r->rules_len);
    if (rhea_evidence_resolve(store, prod, o, &r->commit, &time, error) < 0)
        return NULL;
    if (prod->tip) {
        gint64 n = rhea_store_commit_count_at(store, product, prod->tip, error);
        if (n < 0)
            return NULL;
        r->tip = g_strdup_printf("%s %" G_GINT64_FORMAT, prod->tip, n);
        r->cacheable = TRUE;
    }
    r->key = (RheaEvidenceCacheKey){.product = r->product,
                                    .commit = r->commit,
                                    .tip = r->tip,
                                    .repo_path = r->repo_path,
                                    .catalog_sha256 = rhea_evidence_catalog_sha256(catalog),
                                    .rules_sha256 = r->rules_sha256,
                                    .max_size = (gint64)r->max_size,
                                    .build = rhea_build_id()};
    return g_steal_pointer(&r);
}

const char *rhea_evidence_request_product(const RheaEvidenceRequest *r)
{
    return r->product;
}

const RheaEvidenceCacheKey *rhea_evidence_request_key(const RheaEvidenceRequest *r)
{
    return r->cacheable ? &r->key : NULL;
}

RheaEvidence *rhea_evidence_request_lookup(RheaStore *store, const RheaEvidenceRequest *r,
                                           const RheaEvidenceCatalog *catalog, GError **error)
{
    g_autoptr(GBytes) data = NULL;
    if (!r->cacheable)
        return NULL;
    if (rhea_store_evidence_cache_get(store, &r->key, &data, error) < 0)
        return NULL;
    if (!data)
        return NULL;
    /* a damaged entry is a miss: computing again replaces it */
    RheaEvidence *ev = rhea_evidence_decode(data, r->product, catalog, NULL);
    /* read where blobs were missing: a miss once the partial clone has one of them */
    if (ev && ev->missing_ids->len &&
        !rhea_evidence_blobs_still_missing(r->repo_path, ev->missing_ids)) {
        rhea_evidence_free(ev);
        return NULL;
    }
    return ev;
}

RheaEvidence *rhea_evidence_request_compute(RheaStore *store, const RheaEvidenceRequest *r,
                                            const RheaEvidenceCatalog *catalog, GError **error)
{
    RheaEvidenceOptions eo = {.commit = r->commit,
                              .before = -1,
                              .max_size = r->max_size,
                              .rules_path = r->rules_path,
                              .rules_text = r->rules_text,
                              .rules_len = r->rules_len};
    return rhea_evidence_collect(store, r->product, catalog, &eo, error);
}

int rhea_evidence_request_store(RheaStore *store, const RheaEvidenceRequest *r,
                                const RheaEvidence *ev, gboolean *stored, GError **error)
{
    *stored = FALSE;
    if (!r->cacheable)
        return 0;
    g_autoptr(GBytes) data = rhea_evidence_encode(ev);
    if (rhea_store_evidence_cache_put(store, &r->key, data, error) < 0)
        return -1;
    *stored = TRUE;
    return 0;
}

RheaEvidence *rhea_evidence_get(RheaStore *store, gboolean keep, const char *product,
                                const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                                GError **not_stored, GError **error)
{
    g_autoptr(RheaEvidenceRequest) r = rhea_evidence_request_new(store, product, catalog, o, error);
    if (!r)
        return NULL;
    g_autoptr(GError) failed = NULL;
    RheaEvidence *ev = rhea_evidence_request_lookup(store, r, catalog, &failed);
    if (failed) {
        g_propagate_error(error, g_steal_pointer(&failed));
        return NULL;
    }
    if (ev)
        return ev;
    if (!(ev = rhea_evidence_request_compute(store, r, catalog, error)))
        return NULL;
    gboolean stored = FALSE;
    if (keep)
        rhea_evidence_request_store(store, r, ev, &stored, not_stored);
    return ev;
}
