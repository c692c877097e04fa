/* fuzz_manifest.c: libFuzzer target: arbitrary bytes parsed as a study manifest
 * (rhea_manifest_parse). Checked on every input: an error is one line that names the file and a
 * line ("fuzz.tsv:N: ..."); a manifest has an id and a repository on every entry, ids are
 * distinct, genres are one of the three, and each entry's line is a line of the input. Built with
 * RHEA_FUZZ=ON; run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    RheaManifest *m = rhea_manifest_parse((const char *)data, size, "fuzz.tsv", &error);
    if (!m) {
        if (!error || strchr(error->message, '\n') ||
            !g_str_has_prefix(error->message, "fuzz.tsv:"))
            abort();
        g_error_free(error);
        return 0;
    }
    guint lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < m->entries->len; i++) {
        const RheaManifestEntry *e = g_ptr_array_index(m->entries, i);
        if (!e->id || !*e->id || !e->repository || !*e->repository || e->line < 2 ||
            e->line > lines || !g_hash_table_add(ids, e->id))
            abort();
        if (e->genre && strcmp(e->genre, "mobile") && strcmp(e->genre, "desktop") &&
            strcmp(e->genre, "web"))
            abort();
        if (e->meta_keys->len != e->meta_values->len)
            abort();
        g_free(rhea_manifest_rules_path(m, e));
    }
    g_hash_table_destroy(ids);
    rhea_manifest_free(m);
    return 0;
}
