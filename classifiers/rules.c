/* rules.c: parsing rules files and labeling paths (see rules.h, docs/rules.md).
 *
 * A RheaRules is an array of compiled rules in file order; labeling scans it from the end, so the
 * first hit is the last matching rule and most paths stop early. The built-in defaults are a
 * second, static rule list compiled once (case-insensitively: `README.MD` and `Logo.PNG` are as
 * much documentation and images as their lower-case spellings) and scanned the same way; its
 * first rule matches everything, so every path gets a label. */
#include "classifiers/rules.h"

#include <errno.h>
#include <string.h>

#include "classifiers/glob.h"
#include "engine/error.h"
#include "engine/lines.h"

typedef struct {
    RheaRuleMatch info;
    RheaGlob *glob;
} Rule;

struct RheaRules {
    GArray *rules; /* of Rule */
    GStringChunk *strings;
};

/* ---- built-in defaults (docs/rules.md, "Built-in defaults": keep the two in step) ---- */

typedef struct {
    const char *name;
    RheaLabel label;
    const char *patterns; /* space-separated */
} DefaultGroup;

static const DefaultGroup DEFAULT_GROUPS[] = {
    {"other", RHEA_LABEL_NONML, "**"},
    {"notebook", RHEA_LABEL_ML, "*.ipynb"},
    {"documentation", RHEA_LABEL_EXCLUDE,
     "*.md *.markdown *.rst *.txt *.adoc docs/ doc/ LICENSE* LICENCE* COPYING* CHANGELOG* "
     "AUTHORS* .gitignore .gitattributes .mailmap"},
    {"build-script", RHEA_LABEL_NONML, "CMakeLists.txt"},
    {"image", RHEA_LABEL_EXCLUDE,
     "*.png *.jpg *.jpeg *.gif *.bmp *.ico *.icns *.svg *.webp *.tif *.tiff *.psd *.xcf *.eps"},
    {"audio", RHEA_LABEL_EXCLUDE,
     "*.wav *.mp3 *.ogg *.flac *.m4a *.aac *.wma *.aif *.aiff *.mid *.midi *.opus"},
    {"video", RHEA_LABEL_EXCLUDE, "*.mp4 *.avi *.mov *.mkv *.webm *.wmv *.flv *.m4v *.mpg *.mpeg"},
    {"font", RHEA_LABEL_EXCLUDE, "*.ttf *.otf *.woff *.woff2 *.eot"},
    {"archive", RHEA_LABEL_EXCLUDE, "*.zip *.tar *.gz *.tgz *.bz2 *.xz *.7z *.rar *.zst"},
    {"serialized-model", RHEA_LABEL_EXCLUDE,
     "*.h5 *.hdf5 *.tflite *.onnx *.pt *.pth *.pb *.mlmodel *.pkl *.pickle *.joblib *.ckpt "
     "*.caffemodel *.weights *.npy *.npz *.safetensors"},
    {"binary", RHEA_LABEL_EXCLUDE,
     "*.so *.dll *.dylib *.exe *.o *.a *.class *.pyc *.pyo *.jar *.apk *.aar"},
    {"vendored", RHEA_LABEL_EXCLUDE, "node_modules/ vendor/ third_party/ bower_components/"},
};

static GArray *default_rules; /* of Rule, built once */

static GArray *defaults(void)
{
    static gsize once = 0;
    if (g_once_init_enter(&once)) {
        GArray *rules = g_array_new(FALSE, TRUE, sizeof(Rule));
        for (gsize i = 0; i < G_N_ELEMENTS(DEFAULT_GROUPS); i++) {
            const DefaultGroup *grp = &DEFAULT_GROUPS[i];
            char *why = g_strconcat("default:", grp->name, NULL); /* lives as long as the process */
            g_auto(GStrv) pats = g_strsplit(grp->patterns, " ", -1);
            for (char **p = pats; *p; p++) {
                Rule r = {.info = {.label = grp->label, .pattern = g_strdup(*p), .why = why}};
                r.glob = rhea_glob_new(*p, RHEA_GLOB_CASEFOLD, NULL);
                g_assert(r.glob);
                g_array_append_val(rules, r);
            }
        }
        default_rules = rules;
        g_once_init_leave(&once, 1);
    }
    return default_rules;
}

/* ---- parsing ---- */

static gboolean fail(GError **error, const char *source, guint line, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static gboolean fail(GError **error, const char *source, guint line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: %s", source, line, what);
    return FALSE;
}

static gboolean is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Parses one line (no newline, no CR); appends a rule or leaves comments and blanks. */
static gboolean parse_line(RheaRules *rules, char *line, const char *source, guint lineno,
                           GError **error)
{
    char *s = line;
    while (is_blank(*s))
        s++;
    if (!*s || *s == '#')
        return TRUE;
    char *label = s;
    while (*s && !is_blank(*s))
        s++;
    gboolean more = *s != '\0';
    *s = '\0';
    RheaLabel lab;
    if (!rhea_label_from_name(label, &lab)) {
        g_autofree char *quoted = rhea_error_quote(label);
        return fail(error, source, lineno,
                    "unknown label '%s'; a rule is LABEL PATTERN with LABEL "
                    "ml, nonml or exclude",
                    quoted);
    }
    if (more)
        s++;
    while (is_blank(*s))
        s++;
    /* trailing tabs go like the trailing spaces rhea_glob_new drops (a `\` keeps one) */
    gsize n = strlen(s);
    while (n > 0 && s[n - 1] == '\t' && !(n > 1 && s[n - 2] == '\\'))
        s[--n] = '\0';
    if (!*s)
        return fail(error, source, lineno, "rule '%s' has no pattern; write LABEL PATTERN", label);
    if (*s == '!') {
        g_autofree char *quoted = rhea_error_quote(s);
        return fail(error, source, lineno,
                    "'%s': negation ('!') is not supported; a later rule with another label "
                    "overrides an earlier one (write \\! for a name that starts with '!')",
                    quoted);
    }
    g_autoptr(GError) gerr = NULL;
    RheaGlob *glob = rhea_glob_new(s, 0, &gerr);
    if (!glob)
        return fail(error, source, lineno, "%s", gerr->message);
    Rule r = {.glob = glob,
              .info = {.label = lab,
                       .pattern = g_string_chunk_insert(rules->strings, rhea_glob_pattern(glob))}};
    g_autofree char *why = g_strdup_printf("%s:%u", source, lineno);
    r.info.why = g_string_chunk_insert(rules->strings, why);
    g_array_append_val(rules->rules, r);
    return TRUE;
}

static void clear_rule(gpointer p)
{
    rhea_glob_free(((Rule *)p)->glob);
}

RheaRules *rhea_rules_parse(const char *text, gssize len, const char *source_name, GError **error)
{
    g_return_val_if_fail(text != NULL, NULL);
    if (!source_name)
        source_name = "rules";
    gsize size = len < 0 ? strlen(text) : (gsize)len;
    RheaRules *rules = g_new0(RheaRules, 1);
    rules->rules = g_array_new(FALSE, TRUE, sizeof(Rule));
    g_array_set_clear_func(rules->rules, clear_rule);
    rules->strings = g_string_chunk_new(256);

    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, size);
    if (rhea_lines_check_text(text, size, source_name,
                              "this is not a text file; a rules file holds LABEL PATTERN lines",
                              error) < 0)
        goto fail;
    for (char *line; (line = rhea_lines_next(&lines));)
        if (!parse_line(rules, line, source_name, lines.lineno, error))
            goto fail;
    return rules;
fail:
    rhea_rules_free(rules);
    return NULL;
}

RheaRules *rhea_rules_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    /* bounded, and a folder refused, by the one reader (engine/lines.h) */
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "rules file", &text, &len, error) < 0)
        return NULL;
    return rhea_rules_parse(text, (gssize)len, path, error);
}

void rhea_rules_free(RheaRules *rules)
{
    if (!rules)
        return;
    g_array_unref(rules->rules);
    g_string_chunk_free(rules->strings);
    g_free(rules);
}

guint rhea_rules_count(const RheaRules *rules)
{
    return rules ? rules->rules->len : 0;
}

const RheaRuleMatch *rhea_rules_match(const RheaRules *rules, guint i)
{
    g_return_val_if_fail(i < rhea_rules_count(rules), NULL);
    return &g_array_index(rules->rules, Rule, i).info;
}

const RheaGlob *rhea_rules_glob(const RheaRules *rules, guint i)
{
    g_return_val_if_fail(i < rhea_rules_count(rules), NULL);
    return g_array_index(rules->rules, Rule, i).glob;
}

/* ---- labeling ---- */

static const Rule *last_match(const GArray *list, const char *path)
{
    for (guint i = list->len; i > 0; i--) {
        const Rule *r = &g_array_index(list, Rule, i - 1);
        if (rhea_glob_match_file(r->glob, path))
            return r;
    }
    return NULL;
}

gboolean rhea_rules_label_user(const RheaRules *rules, const char *path, RheaLabel *label,
                               const char **why)
{
    const Rule *r = rules ? last_match(rules->rules, path) : NULL;
    if (!r)
        return FALSE;
    if (label)
        *label = r->info.label;
    if (why)
        *why = r->info.why;
    return TRUE;
}

RheaLabel rhea_rules_label_default(const char *path, const char **why)
{
    const Rule *r = last_match(defaults(), path);
    g_assert(r); /* "other" matches every path */
    if (why)
        *why = r->info.why;
    return r->info.label;
}

guint rhea_rules_default_count(void)
{
    return defaults()->len;
}

const RheaRuleMatch *rhea_rules_default_match(guint i)
{
    return &g_array_index(defaults(), Rule, i).info;
}

const RheaGlob *rhea_rules_default_glob(guint i)
{
    return g_array_index(defaults(), Rule, i).glob;
}

RheaLabel rhea_rules_label(const RheaRules *rules, const char *path, const char **why)
{
    RheaLabel label;
    if (rhea_rules_label_user(rules, path, &label, why))
        return label;
    return rhea_rules_label_default(path, why);
}

GPtrArray *rhea_rules_explain(const RheaRules *rules, const char *path)
{
    GPtrArray *out = g_ptr_array_new();
    const GArray *lists[2] = {rules ? rules->rules : NULL, defaults()};
    for (int l = 0; l < 2; l++)
        for (guint i = 0; lists[l] && i < lists[l]->len; i++) {
            const Rule *r = &g_array_index(lists[l], Rule, i);
            if (rhea_glob_match_file(r->glob, path))
                g_ptr_array_add(out, (gpointer)&r->info);
        }
    return out;
}
