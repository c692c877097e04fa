/* fuzz_parts.c: libFuzzer target: arbitrary bytes parsed as a parts file (classifiers/parts.c),
 * then a few paths matched; a refused file must say why in one line. Built with RHEA_FUZZ=ON; run
 * by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "classifiers/parts.h"

static const char *const PATHS[] = {"a",        "a/b",       "model/train.py", "app/ui/x.js",
                                    ".hidden/x", "[a]/*?/\\", "x/a/b/a/b/a/b/c"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    RheaParts *parts = rhea_parts_parse((const char *)data, size, "fuzz", &error);
    if (!parts) {
        g_assert(error && strchr(error->message, '\n') == NULL);
        g_clear_error(&error);
        return 0;
    }
    const GPtrArray *names = rhea_parts_names(parts);
    for (size_t i = 0; i < G_N_ELEMENTS(PATHS); i++) {
        const char *part = rhea_parts_match(parts, PATHS[i]);
        if (!part)
            continue;
        gboolean known = FALSE;
        for (guint n = 0; n < names->len && !known; n++)
            known = g_str_equal(g_ptr_array_index(names, n), part);
        g_assert(known); /* every match is a declared part */
    }
    rhea_parts_free(parts);
    return 0;
}
