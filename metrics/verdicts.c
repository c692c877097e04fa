/* verdicts.c: reading raters' verdicts (verdicts.h) and handing them to the kappa formulas. */
#include "metrics/verdicts.h"

#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"

static const char *const NAMES[RHEA_VERDICT_N] = {"yes", "no", "unsure"};

const char *rhea_verdict_name(RheaVerdict v)
{
    return v < RHEA_VERDICT_N ? NAMES[v] : "?";
}

void rhea_verdicts_free(RheaVerdicts *v)
{
    if (!v)
        return;
    g_ptr_array_unref(v->raters);
    g_ptr_array_unref(v->repositories);
    g_array_unref(v->ratings);
    g_free(v);
}

/* Splits one CSV line: fields separated by commas, a field may be quoted with "" for a quote.
 * Returns NULL (and sets *bad) on an unterminated quote. Fields are trimmed of spaces. */
static GPtrArray *csv_split(const char *line, gboolean *bad)
{
    GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
    GString *f = g_string_new(NULL);
    const char *p = line;
    *bad = FALSE;
    for (;;) {
        g_string_truncate(f, 0);
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '"') {
            for (p++;; p++) {
                if (!*p) {
                    *bad = TRUE;
                    goto done;
                }
                if (*p == '"' && p[1] == '"')
                    g_string_append_c(f, *p++);
                else if (*p == '"')
                    break;
                else
                    g_string_append_c(f, *p);
            }
            p++;
            while (*p && *p != ',')
                p++;
        } else {
            while (*p && *p != ',')
                g_string_append_c(f, *p++);
        }
        g_ptr_array_add(fields, g_strstrip(g_strdup(f->str)));
        if (*p != ',')
            break;
        p++;
    }
done:
    g_string_free(f, TRUE);
    if (*bad) {
        g_ptr_array_unref(fields);
        return NULL;
    }
    return fields;
}

static gboolean verdict_parse(const char *s, RheaVerdict *out)
{
    static const struct {
        const char *word;
        RheaVerdict v;
    } words[] = {{"yes", RHEA_VERDICT_YES},       {"y", RHEA_VERDICT_YES},
                 {"no", RHEA_VERDICT_NO},         {"n", RHEA_VERDICT_NO},
                 {"unsure", RHEA_VERDICT_UNSURE}, {"?", RHEA_VERDICT_UNSURE}};
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        if (g_ascii_strcasecmp(s, words[i].word) == 0) {
            *out = words[i].v;
            return TRUE;
        }
    return FALSE;
}

static gboolean has_string(GPtrArray *a, const char *s)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), s) == 0)
            return TRUE;
    return FALSE;
}

RheaVerdicts *rhea_verdicts_parse(const char *text, gsize len, const char *source, GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "binary content; expected a CSV of repository,RATER...", error) < 0)
        return NULL;
    RheaVerdicts *v = g_new0(RheaVerdicts, 1);
    v->raters = g_ptr_array_new_with_free_func(g_free);
    v->repositories = g_ptr_array_new_with_free_func(g_free);
    v->ratings = g_array_new(FALSE, FALSE, sizeof(guint));
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    gboolean header = FALSE;
    for (char *line; (line = rhea_lines_next(&lines));) {
        guint lineno = lines.lineno;
        char *trimmed = g_strstrip(line);
        if (!*trimmed || trimmed[0] == '#')
            continue;
        gboolean bad = FALSE;
        g_autoptr(GPtrArray) fields = csv_split(trimmed, &bad);
        if (!fields) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: a quoted field is not closed; end it with \"", source, lineno);
            goto fail;
        }
        if (!header) {
            if (fields->len < 3 ||
                g_ascii_strcasecmp(g_ptr_array_index(fields, 0), "repository") != 0) {
                g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                            "%s:%u: expected a header repository,RATER,RATER... with at least "
                            "two raters",
                            source, lineno);
                goto fail;
            }
            for (guint i = 1; i < fields->len; i++) {
                const char *r = g_ptr_array_index(fields, i);
                g_autofree char *q = rhea_error_quote(r);
                if (!*r || has_string(v->raters, r) || g_ascii_strcasecmp(r, "repository") == 0) {
                    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                                "%s:%u: rater %u '%s' is %s; give each rater a distinct name",
                                source, lineno, i, q,
                                !*r                        ? "empty"
                                : has_string(v->raters, r) ? "named twice"
                                                           : "named like the "
                                                             "first column");
                    goto fail;
                }
                g_ptr_array_add(v->raters, g_strdup(r));
            }
            header = TRUE;
            continue;
        }
        if (fields->len != v->raters->len + 1) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: %u fields where the header has %u (repository and one verdict "
                        "per rater)",
                        source, lineno, fields->len, v->raters->len + 1);
            goto fail;
        }
        const char *repo = g_ptr_array_index(fields, 0);
        g_autofree char *qrepo = rhea_error_quote(repo);
        if (!*repo || has_string(v->repositories, repo)) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s:%u: repository '%s' is %s; one line per repository", source, lineno,
                        qrepo, *repo ? "listed twice" : "empty");
            goto fail;
        }
        for (guint i = 1; i < fields->len; i++) {
            RheaVerdict verdict;
            const char *s = g_ptr_array_index(fields, i);
            if (!verdict_parse(s, &verdict)) {
                g_autofree char *q = rhea_error_quote(s);
                g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                            "%s:%u: verdict '%s' of %s is not yes, no or unsure", source, lineno, q,
                            (const char *)g_ptr_array_index(v->raters, i - 1));
                goto fail;
            }
            guint u = verdict;
            g_array_append_val(v->ratings, u);
        }
        g_ptr_array_add(v->repositories, g_strdup(repo));
    }
    if (!v->repositories->len) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s: no repository rated; expected a header repository,RATER... and one line "
                    "per repository",
                    source);
        goto fail;
    }
    return v;
fail:
    rhea_verdicts_free(v);
    return NULL;
}

RheaVerdicts *rhea_verdicts_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "verdicts file", &text, &len, error) < 0)
        return NULL;
    return rhea_verdicts_parse(text, len, path, error);
}

guint rhea_verdicts_n_raters(const RheaVerdicts *v)
{
    return v->raters->len;
}

guint rhea_verdicts_n_repositories(const RheaVerdicts *v)
{
    return v->repositories->len;
}

RheaVerdict rhea_verdicts_get(const RheaVerdicts *v, guint repository, guint rater)
{
    return g_array_index(v->ratings, guint, (gsize)repository * v->raters->len + rater);
}

void rhea_verdicts_cohen(const RheaVerdicts *v, guint a, guint b, RheaAgreement *out)
{
    guint n = v->repositories->len;
    g_autofree guint *ra = g_new(guint, n);
    g_autofree guint *rb = g_new(guint, n);
    for (guint i = 0; i < n; i++) {
        ra[i] = rhea_verdicts_get(v, i, a);
        rb[i] = rhea_verdicts_get(v, i, b);
    }
    rhea_agreement_cohen(ra, rb, n, RHEA_VERDICT_N, out);
}

void rhea_verdicts_fleiss(const RheaVerdicts *v, RheaAgreement *out)
{
    guint n = v->repositories->len, m = v->raters->len;
    g_autofree guint *counts = g_new0(guint, (gsize)n * RHEA_VERDICT_N);
    for (guint i = 0; i < n; i++)
        for (guint r = 0; r < m; r++)
            counts[(gsize)i * RHEA_VERDICT_N + rhea_verdicts_get(v, i, r)]++;
    rhea_agreement_fleiss(counts, n, RHEA_VERDICT_N, m, out);
}
