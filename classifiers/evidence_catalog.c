/* evidence_catalog.c: loading the evidence catalog and matching file texts against it (see
 * evidence_catalog.h).
 *
 * One regex per file kind: "(p1)|(p2)|...", each entry's pattern inside one capturing group, so
 * the group that took part in a match names the entry. Entry patterns may not capture themselves
 * (the load refuses them), which keeps group i+1 equal to the kind's i-th entry. GRegex runs
 * PCRE2 with its JIT (G_REGEX_OPTIMIZE); G_REGEX_RAW reads the bytes as they are, so a Latin-1
 * source file is matched rather than refused. An entry reports its first match in a file only:
 * the evidence is "this file has it, first at line N". */
#include "classifiers/evidence_catalog.h"

#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"

static const char *const FK_NAMES[RHEA_FK_COUNT] = {
    "python", "javascript", "java",   "kotlin", "csharp", "swift", "objc",  "cpp",
    "go",     "r",          "gradle", "maven",  "npm",    "pip",   "nuget", "cocoapods",
    "html",   "xml",        "docs",   "ci",     "shell",  "path",
};

/* The kinds a signal may have (docs/evidence.md, "Signal kinds"). */
static const char *const SIGNAL_KINDS[] = {
    "ml_library", "pretrained", "ml_api",      "model_file",      "model_url",  "training",
    "automation", "data_fetch", "model_docs",  "data_docs",       "big_data",   "cloud",
    "ui",         "test",       "model_eval",  "data_validation", "retraining", "telemetry",
    "mlops",      "fairness",   "ethics_docs",
};

const char *rhea_file_kind_name(RheaFileKind k)
{
    return (unsigned)k < RHEA_FK_COUNT ? FK_NAMES[k] : NULL;
}

static gboolean has_ext(const char *base, const char *exts)
{
    const char *dot = strrchr(base, '.');
    if (!dot || dot[1] == '\0')
        return FALSE;
    gsize n = strlen(dot);
    for (const char *e = exts; *e;) {
        const char *sp = strchr(e, ' ');
        gsize m = sp ? (gsize)(sp - e) : strlen(e);
        if (m == n && g_ascii_strncasecmp(e, dot, n) == 0)
            return TRUE;
        e += m + (sp ? 1 : 0);
    }
    return FALSE;
}

#define BIT(k) (1u << (k))

guint32 rhea_file_kinds(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    guint32 k = 0;
    if (has_ext(base, ".py .pyw .pyx .pyi"))
        k |= BIT(RHEA_FK_PYTHON);
    if (has_ext(base, ".js .mjs .cjs .jsx .ts .tsx .vue .svelte"))
        k |= BIT(RHEA_FK_JAVASCRIPT);
    if (has_ext(base, ".java"))
        k |= BIT(RHEA_FK_JAVA);
    if (has_ext(base, ".kt") || (has_ext(base, ".kts") && !g_str_has_suffix(base, ".gradle.kts")))
        k |= BIT(RHEA_FK_KOTLIN);
    if (has_ext(base, ".cs"))
        k |= BIT(RHEA_FK_CSHARP);
    if (has_ext(base, ".swift"))
        k |= BIT(RHEA_FK_SWIFT);
    if (has_ext(base, ".m .mm .h"))
        k |= BIT(RHEA_FK_OBJC);
    if (has_ext(base, ".c .cc .cpp .cxx .c++ .h .hh .hpp .hxx .ino"))
        k |= BIT(RHEA_FK_CPP);
    if (has_ext(base, ".go"))
        k |= BIT(RHEA_FK_GO);
    if (has_ext(base, ".r .rmd"))
        k |= BIT(RHEA_FK_R);
    if (g_str_has_suffix(base, ".gradle") || g_str_has_suffix(base, ".gradle.kts") ||
        strcmp(base, "libs.versions.toml") == 0)
        k |= BIT(RHEA_FK_GRADLE);
    if (strcmp(base, "pom.xml") == 0)
        k |= BIT(RHEA_FK_MAVEN);
    if (strcmp(base, "package.json") == 0)
        k |= BIT(RHEA_FK_NPM);
    if ((g_str_has_prefix(base, "requirements") && has_ext(base, ".txt .in")) ||
        g_str_has_suffix(base, "requirements.txt") || strcmp(base, "setup.py") == 0 ||
        strcmp(base, "setup.cfg") == 0 || strcmp(base, "pyproject.toml") == 0 ||
        strcmp(base, "Pipfile") == 0 ||
        ((g_str_has_prefix(base, "environment") || g_str_has_prefix(base, "conda")) &&
         has_ext(base, ".yml .yaml")))
        k |= BIT(RHEA_FK_PIP);
    if (has_ext(base, ".csproj .fsproj .vbproj") || strcmp(base, "packages.config") == 0 ||
        strcmp(base, "Directory.Packages.props") == 0)
        k |= BIT(RHEA_FK_NUGET);
    if (strcmp(base, "Podfile") == 0 || strcmp(base, "Package.swift") == 0 ||
        strcmp(base, "Cartfile") == 0)
        k |= BIT(RHEA_FK_COCOAPODS);
    if (has_ext(base, ".html .htm .cshtml .razor .jinja .jinja2 .j2 .erb .hbs .ejs"))
        k |= BIT(RHEA_FK_HTML);
    if (has_ext(base, ".xml .fxml .xaml .axaml .ui .storyboard .xib .glade .kv"))
        k |= BIT(RHEA_FK_XML);
    if (g_ascii_strncasecmp(base, "README", 6) == 0 || has_ext(base, ".md .markdown .rst .adoc") ||
        ((g_str_has_prefix(path, "docs/") || g_str_has_prefix(path, "doc/")) &&
         has_ext(base, ".txt .html")))
        k |= BIT(RHEA_FK_DOCS);
    if ((g_str_has_prefix(path, ".github/workflows/") && has_ext(base, ".yml .yaml")) ||
        strcmp(path, ".gitlab-ci.yml") == 0 || strcmp(path, ".travis.yml") == 0 ||
        strcmp(path, ".circleci/config.yml") == 0 || strcmp(base, "Jenkinsfile") == 0 ||
        strcmp(base, "azure-pipelines.yml") == 0 || strcmp(base, "appveyor.yml") == 0 ||
        strcmp(base, "bitbucket-pipelines.yml") == 0)
        k |= BIT(RHEA_FK_CI);
    if (has_ext(base, ".sh .bash .bat .cmd .ps1 .cron") || strcmp(base, "Makefile") == 0 ||
        strcmp(base, "Dockerfile") == 0 || strcmp(base, "crontab") == 0 ||
        strcmp(base, "Procfile") == 0)
        k |= BIT(RHEA_FK_SHELL);
    return k;
}

typedef struct {
    GRegex *regex;   /* NULL when no entry reads this kind */
    GArray *entries; /* guint entry index per group - 1 */
} KindMatcher;

struct RheaEvidenceCatalog {
    GPtrArray *entries; /* of RheaEvidenceEntry* */
    KindMatcher kinds[RHEA_FK_COUNT];
};

static void entry_free(gpointer p)
{
    RheaEvidenceEntry *e = p;
    g_free(e->kind);
    g_free(e->name);
    g_free(e->file_kinds);
    g_free(e->pattern);
    g_free(e->meaning);
    g_free(e->id);
    if (e->regex)
        g_regex_unref(e->regex);
    g_free(e);
}

void rhea_evidence_catalog_free(RheaEvidenceCatalog *c)
{
    if (!c)
        return;
    g_ptr_array_unref(c->entries);
    for (int k = 0; k < RHEA_FK_COUNT; k++) {
        if (c->kinds[k].regex)
            g_regex_unref(c->kinds[k].regex);
        if (c->kinds[k].entries)
            g_array_unref(c->kinds[k].entries);
    }
    g_free(c);
}

static int fail_line(GError **error, const char *source, guint line, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
static int fail_line(GError **error, const char *source, guint line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: %s", source, line, what);
    return -1;
}

#define REGEX_FLAGS (G_REGEX_RAW | G_REGEX_MULTILINE | G_REGEX_OPTIMIZE)

static int parse_entry(RheaEvidenceCatalog *c, GHashTable *ids, char *line, const char *source,
                       guint lineno, GError **error)
{
    g_auto(GStrv) f = g_strsplit(line, "\t", -1);
    if (g_strv_length(f) != 6)
        return fail_line(error, source, lineno,
                         "expected 6 TAB-separated fields RQ KIND NAME FILE-KINDS PATTERN MEANING, "
                         "found %u",
                         g_strv_length(f));
    for (int i = 0; i < 6; i++)
        if (!*f[i])
            return fail_line(error, source, lineno, "field %d is empty", i + 1);
    if (strlen(f[0]) != 1 || f[0][0] < '2' || f[0][0] > '6')
        return fail_line(error, source, lineno, "RQ must be 2 to 6");
    gboolean known = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(SIGNAL_KINDS); i++)
        known = known || strcmp(SIGNAL_KINDS[i], f[1]) == 0;
    if (!known) {
        g_autofree char *q = rhea_error_quote(f[1]);
        return fail_line(error, source, lineno,
                         "unknown signal kind '%s' (see docs/evidence.md, Signal kinds)", q);
    }
    guint32 mask = 0;
    g_auto(GStrv) kinds = g_strsplit(f[3], ",", -1);
    for (char **k = kinds; *k; k++) {
        int found = -1;
        for (int i = 0; i < RHEA_FK_COUNT; i++)
            if (strcmp(FK_NAMES[i], *k) == 0)
                found = i;
        if (found < 0) {
            g_autofree char *q = rhea_error_quote(*k);
            return fail_line(error, source, lineno,
                             "unknown file kind '%s' (see docs/evidence.md, File kinds)", q);
        }
        mask |= BIT(found);
    }
    if ((mask & BIT(RHEA_FK_PATH)) && mask != BIT(RHEA_FK_PATH))
        return fail_line(error, source, lineno, "file kind 'path' cannot be combined with others");
    g_autoptr(GError) rerr = NULL;
    GRegex *re = g_regex_new(f[4], REGEX_FLAGS, 0, &rerr);
    if (!re) {
        g_autofree char *q = rhea_error_quote(f[4]);
        return fail_line(error, source, lineno, "pattern '%s' does not compile: %s", q,
                         rerr->message);
    }
    if (g_regex_get_capture_count(re) != 0) {
        g_regex_unref(re);
        return fail_line(error, source, lineno,
                         "the pattern has capturing groups; write (?:...) instead of (...)");
    }
    RheaEvidenceEntry *e = g_new0(RheaEvidenceEntry, 1);
    e->rq = (guint)(f[0][0] - '0');
    e->kind = g_strdup(f[1]);
    e->name = g_strdup(f[2]);
    e->file_kinds = g_strdup(f[3]);
    e->fk_mask = mask;
    e->pattern = g_strdup(f[4]);
    e->meaning = g_strdup(f[5]);
    e->regex = re;
    e->id = g_strdup_printf("%s/%s", f[2], f[3]);
    if (g_hash_table_contains(ids, e->id)) {
        g_autofree char *q = rhea_error_quote(e->id);
        entry_free(e);
        return fail_line(error, source, lineno,
                         "entry '%s' is listed twice (NAME and FILE-KINDS together must be unique)",
                         q);
    }
    g_hash_table_add(ids, e->id);
    g_ptr_array_add(c->entries, e);
    return 0;
}

static int compile_kinds(RheaEvidenceCatalog *c, const char *source, GError **error)
{
    for (int k = 0; k < RHEA_FK_COUNT; k++) {
        g_autoptr(GString) all = g_string_new(NULL);
        GArray *idx = g_array_new(FALSE, FALSE, sizeof(guint));
        for (guint i = 0; i < c->entries->len; i++) {
            const RheaEvidenceEntry *e = g_ptr_array_index(c->entries, i);
            if (!(e->fk_mask & BIT(k)))
                continue;
            g_string_append(all, all->len ? "|(" : "(");
            g_string_append(all, e->pattern);
            g_string_append_c(all, ')');
            g_array_append_val(idx, i);
        }
        c->kinds[k].entries = idx;
        if (!idx->len)
            continue;
        g_autoptr(GError) rerr = NULL;
        c->kinds[k].regex = g_regex_new(all->str, REGEX_FLAGS, 0, &rerr);
        if (!c->kinds[k].regex) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s: the patterns of file kind '%s' do not compile together: %s", source,
                        FK_NAMES[k], rerr->message);
            return -1;
        }
    }
    return 0;
}

RheaEvidenceCatalog *rhea_evidence_catalog_parse(const char *text, gsize len, const char *source,
                                                 GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "binary content; expected RQ<TAB>KIND<TAB>NAME<TAB>FILE-KINDS<TAB>"
                              "PATTERN<TAB>MEANING lines",
                              error) < 0)
        return NULL;
    RheaEvidenceCatalog *c = g_new0(RheaEvidenceCatalog, 1);
    c->entries = g_ptr_array_new_with_free_func(entry_free);
    g_autoptr(GHashTable) ids = g_hash_table_new(g_str_hash, g_str_equal);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    for (char *line; (line = rhea_lines_next(&lines));) {
        if (!*line || line[0] == '#')
            continue;
        if (parse_entry(c, ids, line, source, lines.lineno, error) < 0)
            goto fail;
    }
    if (compile_kinds(c, source, error) < 0)
        goto fail;
    return c;
fail:
    rhea_evidence_catalog_free(c);
    return NULL;
}

RheaEvidenceCatalog *rhea_evidence_catalog_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    g_autoptr(GError) gerr = NULL;
    if (!g_file_get_contents(path, &text, &len, &gerr)) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                    "%s: cannot read the evidence catalog (%s); set RHEA_DATA_DIR to the folder "
                    "holding evidence.tsv",
                    path, gerr->message);
        return NULL;
    }
    return rhea_evidence_catalog_parse(text, len, path, error);
}

RheaEvidenceCatalog *rhea_evidence_catalog_load_default(GError **error)
{
    const char *dir = g_getenv("RHEA_DATA_DIR");
    g_autofree char *path =
        g_build_filename(dir && *dir ? dir : RHEA_DATA_DIR, "evidence.tsv", NULL);
    return rhea_evidence_catalog_load(path, error);
}

guint rhea_evidence_catalog_size(const RheaEvidenceCatalog *c)
{
    return c->entries->len;
}

const RheaEvidenceEntry *rhea_evidence_catalog_entry(const RheaEvidenceCatalog *c, guint i)
{
    g_return_val_if_fail(i < c->entries->len, NULL);
    return g_ptr_array_index(c->entries, i);
}

gboolean rhea_evidence_catalog_reads(const RheaEvidenceCatalog *c, guint32 kinds)
{
    for (int k = 0; k < RHEA_FK_COUNT; k++)
        if ((kinds & BIT(k)) && c->kinds[k].regex)
            return TRUE;
    return FALSE;
}

/* Runs kind k's regex over text; reports each entry's first match. seen is a bit per entry of
 * the catalog (shared across the kinds of one file, so an entry read by two kinds reports once). */
static gboolean scan_kind(const RheaEvidenceCatalog *c, int k, const char *text, gsize len,
                          guint8 *seen, RheaEvidenceMatchFn fn, void *payload)
{
    const KindMatcher *km = &c->kinds[k];
    guint left = 0;
    for (guint g = 0; g < km->entries->len; g++) {
        guint e = g_array_index(km->entries, guint, g);
        left += !(seen[e / 8] & (1u << (e % 8)));
    }
    if (!left)
        return TRUE;
    GMatchInfo *mi = NULL;
    gboolean go_on = TRUE;
    guint line = 1;
    gsize counted = 0; /* newlines counted in text[0..counted) */
    g_regex_match_full(km->regex, text, (gssize)len, 0, 0, &mi, NULL);
    while (g_match_info_matches(mi)) {
        gint start = -1, end = -1;
        guint hit = G_MAXUINT;
        int groups = g_match_info_get_match_count(mi);
        for (int g = 1; g < groups; g++) {
            if (g_match_info_fetch_pos(mi, g, &start, &end) && start >= 0) {
                hit = g_array_index(km->entries, guint, g - 1);
                break;
            }
        }
        if (hit != G_MAXUINT) {
            for (const char *p = text + counted, *stop = text + start;
                 (p = memchr(p, '\n', (gsize)(stop - p))); p++)
                line++;
            counted = (gsize)start;
            gsize ls = (gsize)start, le = (gsize)start;
            while (ls > 0 && text[ls - 1] != '\n')
                ls--;
            const char *nl = memchr(text + le, '\n', len - le);
            le = nl ? (gsize)(nl - text) : len;
            /* The alternation reports one entry per start position: the line is checked against
             * every entry not yet seen, so an entry listed later is not hidden by an earlier one
             * that matches the same line (JUnit 5 behind JUnit 4). */
            for (guint g = 0; g < km->entries->len && go_on && left; g++) {
                guint e = g_array_index(km->entries, guint, g);
                if (seen[e / 8] & (1u << (e % 8)))
                    continue;
                const RheaEvidenceEntry *en = g_ptr_array_index(c->entries, e);
                if (e != hit &&
                    !g_regex_match_full(en->regex, text + ls, (gssize)(le - ls), 0, 0, NULL, NULL))
                    continue;
                seen[e / 8] |= (guint8)(1u << (e % 8));
                left--;
                RheaEvidenceMatch m = {.entry = e, .line = line, .line_start = ls, .line_end = le};
                go_on = fn(&m, payload);
            }
            if (!go_on || !left)
                break;
        }
        if (!g_match_info_next(mi, NULL))
            break;
    }
    g_match_info_free(mi);
    return go_on;
}

void rhea_evidence_catalog_scan(const RheaEvidenceCatalog *c, guint32 kinds, const char *text,
                                gsize len, RheaEvidenceMatchFn fn, void *payload)
{
    g_autofree guint8 *seen = g_new0(guint8, c->entries->len / 8 + 1);
    for (int k = 0; k < RHEA_FK_COUNT; k++)
        if (k != RHEA_FK_PATH && (kinds & BIT(k)) && c->kinds[k].regex)
            if (!scan_kind(c, k, text, len, seen, fn, payload))
                return;
}

void rhea_evidence_catalog_scan_path(const RheaEvidenceCatalog *c, const char *path,
                                     RheaEvidenceMatchFn fn, void *payload)
{
    if (!c->kinds[RHEA_FK_PATH].regex)
        return;
    g_autofree guint8 *seen = g_new0(guint8, c->entries->len / 8 + 1);
    scan_kind(c, RHEA_FK_PATH, path, strlen(path), seen, fn, payload);
}

gboolean rhea_evidence_entry_matches(const RheaEvidenceEntry *e, const char *text, gsize len)
{
    return g_regex_match_full(e->regex, text, (gssize)len, 0, 0, NULL, NULL);
}
