/* evidence_codec.c: see evidence_codec.h. GVariant, because it is GLib's own serialization with a
 * checked type, safe to read from untrusted bytes, and needs no schema beyond one type string. */
#include "classifiers/evidence_codec.h"

#include <string.h>

#include "engine/error.h"

static void free_hit(gpointer p)
{
    RheaEvidenceHit *h = p;
    g_free(h->path);
    g_free(h->text);
    g_free(h->first_commit);
    g_free(h);
}

GBytes *rhea_evidence_encode(const RheaEvidence *ev)
{
    GVariantBuilder hits;
    g_variant_builder_init(&hits, G_VARIANT_TYPE("a(uayusmsx)"));
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        g_variant_builder_add(&hits, "(u@ayusmsx)", h->entry, g_variant_new_bytestring(h->path),
                              h->line, h->text, h->first_commit, (gint64)h->first_time);
    }
    GVariantBuilder missing;
    g_variant_builder_init(&missing, G_VARIANT_TYPE("as"));
    for (guint i = 0; ev->missing_ids && i < ev->missing_ids->len; i++)
        g_variant_builder_add(&missing, "s", (const char *)g_ptr_array_index(ev->missing_ids, i));
    g_autoptr(GVariant) v = g_variant_ref_sink(g_variant_new(
        "(sxuuuuuu@a(uayusmsx)@as)", ev->commit, (gint64)ev->time, ev->files, ev->files_read,
        ev->skipped_large, ev->skipped_binary, ev->skipped_excluded, ev->missing_blobs,
        g_variant_builder_end(&hits), g_variant_builder_end(&missing)));
    if (G_BYTE_ORDER == G_BIG_ENDIAN) {
        g_autoptr(GVariant) swapped = g_variant_byteswap(v);
        return g_variant_get_data_as_bytes(swapped);
    }
    return g_variant_get_data_as_bytes(v);
}

static RheaEvidence *refuse(GError **error, const char *product, const char *why)
{
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                "the stored evidence of product '%s' is damaged (%s); it is computed again",
                product, why);
    return NULL;
}

RheaEvidence *rhea_evidence_decode(GBytes *data, const char *product,
                                   const RheaEvidenceCatalog *catalog, GError **error)
{
    g_autoptr(GVariant) raw = g_variant_ref_sink(
        g_variant_new_from_bytes(G_VARIANT_TYPE(RHEA_EVIDENCE_CODEC_TYPE), data, FALSE));
    if (!g_variant_is_normal_form(raw))
        return refuse(error, product, "not in normal form");
    g_autoptr(GVariant) v =
        G_BYTE_ORDER == G_BIG_ENDIAN ? g_variant_byteswap(raw) : g_variant_ref(raw);
    const char *commit = NULL;
    gint64 time = 0;
    g_autoptr(GVariant) hits = NULL;
    g_autofree const char **missing = NULL;
    RheaEvidence *ev = g_new0(RheaEvidence, 1);
    g_variant_get(v, "(&sxuuuuuu@a(uayusmsx)^a&s)", &commit, &time, &ev->files, &ev->files_read,
                  &ev->skipped_large, &ev->skipped_binary, &ev->skipped_excluded,
                  &ev->missing_blobs, &hits, &missing);
    ev->missing_ids = g_ptr_array_new_with_free_func(g_free);
    for (const char **m = missing; m && *m; m++)
        g_ptr_array_add(ev->missing_ids, g_strdup(*m));
    ev->product = g_strdup(product);
    ev->commit = g_strdup(commit);
    ev->time = time;
    gsize n = g_variant_n_children(hits);
    ev->hits = g_ptr_array_new_full((guint)n, free_hit);
    guint entries = rhea_evidence_catalog_size(catalog);
    for (gsize i = 0; i < n; i++) {
        g_autoptr(GVariant) path = NULL;
        guint entry = 0, line = 0;
        const char *text = NULL, *first = NULL;
        gint64 first_time = -1;
        g_variant_get_child(hits, i, "(u@ayu&sm&sx)", &entry, &path, &line, &text, &first,
                            &first_time);
        gsize plen = 0;
        const char *p = g_variant_get_fixed_array(path, &plen, 1);
        if (entry >= entries || plen == 0 || p[plen - 1] != '\0' || memchr(p, '\0', plen - 1)) {
            rhea_evidence_free(ev);
            return refuse(error, product,
                          entry >= entries ? "an entry the catalog lacks" : "a malformed path");
        }
        RheaEvidenceHit *h = g_new0(RheaEvidenceHit, 1);
        h->entry = entry;
        h->e = rhea_evidence_catalog_entry(catalog, entry);
        h->path = g_strdup(p);
        h->line = line;
        h->text = g_strdup(text);
        h->first_commit = g_strdup(first);
        h->first_time = first_time;
        g_ptr_array_add(ev->hits, h);
    }
    return ev;
}
