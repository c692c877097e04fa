/* fuzz_rules.c: libFuzzer target: arbitrary bytes parsed as a rules file, then a few paths labeled
 * and explained; each line is also compiled as a bare pattern and matched, so the matcher sees
 * patterns the rules parser would refuse. Built with RHEA_FUZZ=ON; run by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "classifiers/glob.h"
#include "classifiers/rules.h"

static const char *const PATHS[] = {"a",
                                    "a/b",
                                    "a/b/c.py",
                                    "docs/x.md",
                                    "node_modules/x/y.js",
                                    ".hidden/x",
                                    "with space/é.py",
                                    "x/a/b/a/b/a/b/c",
                                    "model/train.py",
                                    "[a]/*?/\\",
                                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    RheaRules *rules = rhea_rules_parse((const char *)data, (gssize)size, "fuzz", &error);
    if (rules) {
        for (size_t i = 0; i < G_N_ELEMENTS(PATHS); i++) {
            const char *why = NULL;
            RheaLabel l = rhea_rules_label(rules, PATHS[i], &why);
            g_assert((unsigned)l < RHEA_LABEL_COUNT && why);
            GPtrArray *m = rhea_rules_explain(rules, PATHS[i]);
            g_assert(m->len >= 1); /* default:other matches everything */
            g_ptr_array_unref(m);
        }
        rhea_rules_free(rules);
    } else {
        g_assert(error && strchr(error->message, '\n') == NULL);
        g_clear_error(&error);
    }

    /* the first line as a bare pattern, NUL-terminated */
    const uint8_t *nl = memchr(data, '\n', size);
    char *pattern = g_strndup((const char *)data, nl ? (gsize)(nl - data) : size);
    for (int fold = 0; fold < 2; fold++) {
        RheaGlob *g = rhea_glob_new(pattern, fold ? RHEA_GLOB_CASEFOLD : 0, NULL);
        if (!g)
            continue;
        for (size_t i = 0; i < G_N_ELEMENTS(PATHS); i++)
            (void)rhea_glob_match_file(g, PATHS[i]);
        /* the pattern itself as a path: a class or escape that reads past its end would show.
         * Kept short: like git's, the matcher is polynomial in the number of `**` components
         * and the path's depth, and a long `**`-laden path only measures that. */
        if (*pattern && strlen(pattern) <= 64)
            (void)rhea_glob_match_file(g, pattern);
        rhea_glob_free(g);
    }
    g_free(pattern);
    return 0;
}
