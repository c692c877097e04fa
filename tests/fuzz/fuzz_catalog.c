/* fuzz_catalog.c: libFuzzer target: arbitrary bytes parsed as an ML library catalog
 * (rhea_catalog_parse), then the input itself scanned as the text of files in every language.
 * Checked on every input: an error is one line naming the file and a line; a library found is a
 * non-empty string of the catalog. Built with RHEA_FUZZ=ON; run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classifiers/catalog.h"

static const char *const PATHS[] = {"a.py",  "b/c.js", "D.java", "e.kt", "f.swift", "g.m", "h.cs",
                                    "i.cpp", "j.go",   "k.R",    "l.h",  "noext",   "x.",  ".py"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    RheaCatalog *c = rhea_catalog_parse((const char *)data, size, "fuzz.tsv", &error);
    if (!c) {
        if (!error || strchr(error->message, '\n') ||
            !g_str_has_prefix(error->message, "fuzz.tsv:"))
            abort();
        g_error_free(error);
        return 0;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(PATHS); i++) {
        const char *lib = rhea_catalog_scan(c, PATHS[i], (const char *)data, size);
        if (lib && (!*lib || !rhea_catalog_covers(c, PATHS[i])))
            abort();
    }
    (void)rhea_catalog_size(c);
    rhea_catalog_free(c);
    return 0;
}
