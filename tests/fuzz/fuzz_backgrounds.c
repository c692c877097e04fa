/* fuzz_backgrounds.c: libFuzzer target: arbitrary bytes parsed as a backgrounds file
 * (rhea_backgrounds_parse, what rhea_backgrounds_load calls). Checked on every input: an error is
 * one line naming the file and a line; every entry maps a non-empty e-mail without upper-case
 * ASCII to one of SE, ML, other, unsure. Built with RHEA_FUZZ=ON; run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/backgrounds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    GHashTable *bg = rhea_backgrounds_parse((const char *)data, size, "fuzz.csv", &error);
    if (!bg) {
        if (!error || strchr(error->message, '\n') ||
            !g_str_has_prefix(error->message, "fuzz.csv:"))
            abort();
        g_error_free(error);
        return 0;
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, bg);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const char *email = key, *b = value;
        gboolean known =
            !strcmp(b, "SE") || !strcmp(b, "ML") || !strcmp(b, "other") || !strcmp(b, "unsure");
        if (!*email || !known)
            abort();
        for (const char *p = email; *p; p++)
            if (g_ascii_isupper(*p))
                abort();
    }
    g_hash_table_destroy(bg);
    return 0;
}
