/* evidence_catalog.c: loading the evidence catalog and matching file texts against it (see
 * evidence_catalog.h).
 *
 * A file is read once by the anchor automaton (multimatch.c); the entries of its kinds whose
 * anchors occurred, and those without anchors, then run their own pattern over it. Matching all
 * patterns as one PCRE alternation was tried first: it tries every alternative at every byte
 * (patterns not anchored at a line start defeat PCRE's start optimizations) and took 44 s on
 * Audiveris's tip; anchors first take about a second. Patterns may not capture (the load refuses
 * them) so that a catalog stays usable should a combined regex return. GRegex runs PCRE2 with its
 * JIT (G_REGEX_OPTIMIZE); G_REGEX_RAW reads the bytes as they are, so a Latin-1 source file is
 * matched rather than refused. An entry reports its first match in a file only: the evidence is
 * "this file has it, first at line N". */
#include "classifiers/evidence_catalog.h"

#include <string.h>

#include "classifiers/multimatch.h"
#include "engine/datadir.h"
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

gboolean rhea_text_is_binary(const char *text, gsize len)
{
    return memchr(text, '\0', MIN(len, (gsize)8000)) != NULL;
}

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

struct RheaEvidenceCatalog {
    GPtrArray *entries;           /* of RheaEvidenceEntry* */
    GArray *kinds[RHEA_FK_COUNT]; /* guint entry indices reading each file kind */
    RheaMultiMatch *anchors;      /* every entry's literal anchors, id = entry index */
    guint8 *anchored;             /* per entry: 1 when it has anchors (else always run) */
    char *sha256;                 /* of the text it was parsed from */
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
    for (int k = 0; k < RHEA_FK_COUNT; k++)
        if (c->kinds[k])
            g_array_unref(c->kinds[k]);
    rhea_multimatch_free(c->anchors);
    g_free(c->anchored);
    g_free(c->sha256);
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

/* The entry lists per file kind and the anchor automaton: an entry is run on a text only when
 * one of its anchors occurs there, or always when its pattern has none (docs/evidence.md,
 * "Matching"). */
static void compile(RheaEvidenceCatalog *c)
{
    for (int k = 0; k < RHEA_FK_COUNT; k++)
        c->kinds[k] = g_array_new(FALSE, FALSE, sizeof(guint));
    c->anchors = rhea_multimatch_new();
    c->anchored = g_new0(guint8, c->entries->len + 1);
    for (guint i = 0; i < c->entries->len; i++) {
        const RheaEvidenceEntry *e = g_ptr_array_index(c->entries, i);
        for (int k = 0; k < RHEA_FK_COUNT; k++)
            if (e->fk_mask & BIT(k))
                g_array_append_val(c->kinds[k], i);
        g_auto(GStrv) lits = rhea_multimatch_literals(e->pattern, 3);
        if (!lits)
            continue;
        c->anchored[i] = 1;
        for (char **l = lits; *l; l++)
            rhea_multimatch_add(c->anchors, *l, i);
    }
    rhea_multimatch_compile(c->anchors);
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
    compile(c);
    c->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
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
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "evidence catalog", &text, &len, &gerr) < 0) {
        if (g_error_matches(gerr, RHEA_ERROR, RHEA_ERROR_INVALID))
            g_propagate_error(error, g_steal_pointer(&gerr));
        else
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "%s; set RHEA_DATA_DIR to the folder holding evidence.tsv", gerr->message);
        return NULL;
    }
    return rhea_evidence_catalog_parse(text, len, path, error);
}

RheaEvidenceCatalog *rhea_evidence_catalog_load_default(GError **error)
{
    g_autofree char *path = rhea_datadir_find("evidence.tsv", error);
    return path ? rhea_evidence_catalog_load(path, error) : NULL;
}

const char *rhea_evidence_catalog_sha256(const RheaEvidenceCatalog *c)
{
    return c->sha256;
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
        if ((kinds & BIT(k)) && c->kinds[k]->len)
            return TRUE;
    return FALSE;
}

guint rhea_evidence_catalog_anchored(const RheaEvidenceCatalog *c)
{
    guint n = 0;
    for (guint i = 0; i < c->entries->len; i++)
        n += c->anchored[i];
    return n;
}

/* Where each entry's anchors occur: the first ANCHOR_LINES distinct lines per entry, and whether
 * there were more. */
#define ANCHOR_LINES 16

typedef struct {
    const char *text;
    gsize len;
    guint8 *count;      /* per entry: lines recorded, up to ANCHOR_LINES + 1 (overflow) */
    gsize *line_starts; /* per entry: ANCHOR_LINES line starts */
} Anchors;

static void on_anchor(guint id, gsize end, void *payload)
{
    Anchors *a = payload;
    if (a->count[id] > ANCHOR_LINES)
        return;
    gsize ls = end - 1;
    while (ls > 0 && a->text[ls - 1] != '\n')
        ls--;
    if (a->count[id] && a->line_starts[(gsize)id * ANCHOR_LINES + a->count[id] - 1] == ls)
        return; /* the same line again */
    if (a->count[id] == ANCHOR_LINES) {
        a->count[id]++; /* overflow: the entry is checked over the rest of the text */
        return;
    }
    a->line_starts[(gsize)id * ANCHOR_LINES + a->count[id]++] = ls;
}

static gsize line_end(const char *text, gsize len, gsize from)
{
    const char *nl = memchr(text + from, '\n', len - from);
    return nl ? (gsize)(nl - text) : len;
}

/* The first match of e in text[from..to) as offsets into text; FALSE when none. */
static gboolean first_match(const RheaEvidenceEntry *e, const char *text, gsize from, gsize to,
                            gsize *start)
{
    GMatchInfo *mi = NULL;
    gint s = -1, x = -1;
    if (g_regex_match_full(e->regex, text + from, (gssize)(to - from), 0, 0, &mi, NULL))
        g_match_info_fetch_pos(mi, 0, &s, &x);
    g_match_info_free(mi);
    if (s < 0)
        return FALSE;
    *start = from + (gsize)s;
    /* a pattern's leading \s* may take blank lines before the one that matters */
    while (*start < to && g_ascii_isspace(text[*start]))
        (*start)++;
    return TRUE;
}

/* Runs the entries of the kinds in mask whose anchors occur in text (or that have none), each
 * on the lines holding its anchors only (patterns are line patterns); each reports its first
 * match. */
static void scan_kinds(const RheaEvidenceCatalog *c, guint32 mask, const char *text, gsize len,
                       RheaEvidenceMatchFn fn, void *payload)
{
    guint n = c->entries->len;
    g_autofree guint8 *done = g_new0(guint8, n + 1);
    g_autofree guint8 *count = g_new0(guint8, n + 1);
    g_autofree gsize *starts = g_new(gsize, (gsize)(n + 1) * ANCHOR_LINES);
    Anchors a = {.text = text, .len = len, .count = count, .line_starts = starts};
    rhea_multimatch_each(c->anchors, text, len, on_anchor, &a);
    for (int k = 0; k < RHEA_FK_COUNT; k++) {
        if (!(mask & BIT(k)))
            continue;
        for (guint g = 0; g < c->kinds[k]->len; g++) {
            guint i = g_array_index(c->kinds[k], guint, g);
            if (done[i] || (c->anchored[i] && !count[i]))
                continue;
            done[i] = 1;
            const RheaEvidenceEntry *e = g_ptr_array_index(c->entries, i);
            gsize start = 0;
            gboolean found = FALSE;
            if (!c->anchored[i]) {
                found = first_match(e, text, 0, len, &start);
            } else {
                guint lines = MIN(count[i], ANCHOR_LINES);
                for (guint l = 0; l < lines && !found; l++) {
                    /* the line before too: a declaration may open there (testImplementation(
                     * on one line, 'junit:junit:4.13' on the next) */
                    gsize ls = starts[(gsize)i * ANCHOR_LINES + l], from = ls;
                    if (from > 0)
                        for (from--; from > 0 && text[from - 1] != '\n'; from--)
                            ;
                    found = first_match(e, text, from, line_end(text, len, ls), &start);
                }
                if (!found && count[i] > ANCHOR_LINES) {
                    gsize ls = starts[(gsize)i * ANCHOR_LINES + ANCHOR_LINES - 1];
                    found = first_match(e, text, line_end(text, len, ls), len, &start);
                }
            }
            if (!found)
                continue;
            guint line = 1;
            for (const char *p = text, *stop = text + start;
                 (p = memchr(p, '\n', (gsize)(stop - p))); p++)
                line++;
            gsize ls = start;
            while (ls > 0 && text[ls - 1] != '\n')
                ls--;
            RheaEvidenceMatch m = {
                .entry = i, .line = line, .line_start = ls, .line_end = line_end(text, len, start)};
            if (!fn(&m, payload))
                return;
        }
    }
}

void rhea_evidence_catalog_scan(const RheaEvidenceCatalog *c, guint32 kinds, const char *text,
                                gsize len, RheaEvidenceMatchFn fn, void *payload)
{
    scan_kinds(c, kinds & ~BIT(RHEA_FK_PATH), text, len, fn, payload);
}

void rhea_evidence_catalog_scan_path(const RheaEvidenceCatalog *c, const char *path,
                                     RheaEvidenceMatchFn fn, void *payload)
{
    scan_kinds(c, BIT(RHEA_FK_PATH), path, strlen(path), fn, payload);
}

gboolean rhea_evidence_entry_matches(const RheaEvidenceEntry *e, const char *text, gsize len)
{
    return g_regex_match_full(e->regex, text, (gssize)len, 0, 0, NULL, NULL);
}
