/* fuzz_evidence_catalog.c: libFuzzer target: arbitrary bytes parsed as an evidence catalog
 * (rhea_evidence_catalog_parse: the line format, PCRE2 compilation, and the literal anchors
 * rhea_multimatch_literals takes from every pattern that compiles), then the same bytes scanned as
 * a Python file and as a path. Checked on every input: an error is one line naming the file; every
 * match reported lies inside the text. Built with RHEA_FUZZ=ON; run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classifiers/evidence_catalog.h"

typedef struct {
    const RheaEvidenceCatalog *c;
    const char *text;
    gsize len;
} Ctx;

static gboolean check(const RheaEvidenceMatch *m, void *payload)
{
    const Ctx *x = payload;
    if (m->line_start > m->line_end || m->line_end > x->len || m->line == 0)
        abort();
    if (m->entry >= rhea_evidence_catalog_size(x->c))
        abort();
    return TRUE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    RheaEvidenceCatalog *c =
        rhea_evidence_catalog_parse((const char *)data, size, "fuzz.tsv", &error);
    if (!c) {
        if (!error || strchr(error->message, '\n') || !g_str_has_prefix(error->message, "fuzz.tsv"))
            abort();
        g_error_free(error);
        return 0;
    }
    Ctx x = {.c = c, .text = (const char *)data, .len = size};
    rhea_evidence_catalog_scan(c, rhea_file_kinds("x.py"), (const char *)data, size, check, &x);
    char *path = g_strndup((const char *)data, MIN(size, 200));
    Ctx p = {.c = c, .text = path, .len = strlen(path)};
    rhea_evidence_catalog_scan_path(c, path, check, &p);
    g_free(path);
    rhea_evidence_catalog_free(c);
    return 0;
}
