/* evidence_catalog.h: the evidence catalogs for RQ2-RQ6 (classifiers/evidence.tsv) compiled into
 * one matcher (docs/evidence.md, "Catalogs").
 *
 * An entry is RQ, KIND, NAME, FILE KINDS, PATTERN, MEANING. A file kind says which files an entry
 * reads (python sources, package.json, READMEs, CI workflows, ...; `path` entries match the path
 * itself). The catalog compiles into one multi-pattern matcher: an Aho-Corasick automaton over
 * the literal anchors every entry's matches must contain (classifiers/multimatch.h), which reads a
 * file once whatever the number of entries; only the entries whose anchors occur then run their
 * own PCRE2 pattern (GRegex, multi-line, JIT) to check. */
#pragma once
#include <glib.h>

/* File kinds: a path may have several (setup.py is python and pip). */
typedef enum {
    RHEA_FK_PYTHON,
    RHEA_FK_JAVASCRIPT,
    RHEA_FK_JAVA,
    RHEA_FK_KOTLIN,
    RHEA_FK_CSHARP,
    RHEA_FK_SWIFT,
    RHEA_FK_OBJC,
    RHEA_FK_CPP,
    RHEA_FK_GO,
    RHEA_FK_R,
    RHEA_FK_GRADLE,
    RHEA_FK_MAVEN,
    RHEA_FK_NPM,
    RHEA_FK_PIP,
    RHEA_FK_NUGET,
    RHEA_FK_COCOAPODS,
    RHEA_FK_HTML,
    RHEA_FK_XML,
    RHEA_FK_DOCS,
    RHEA_FK_CI,
    RHEA_FK_SHELL,
    RHEA_FK_PATH, /* the entry matches the path, not the content */
    RHEA_FK_COUNT
} RheaFileKind;

/* The kinds of path's content as a bit set (1u << RheaFileKind); RHEA_FK_PATH is never set. */
guint32 rhea_file_kinds(const char *path);
/* The dependency manifests among the kinds (requirements, package.json, build.gradle, pom.xml,
 * *.csproj, Podfile): a library declared there is not yet used in code. */
#define RHEA_FK_DEPENDENCY_MASK                                                                    \
    ((1u << RHEA_FK_PIP) | (1u << RHEA_FK_NPM) | (1u << RHEA_FK_GRADLE) | (1u << RHEA_FK_MAVEN) |  \
     (1u << RHEA_FK_NUGET) | (1u << RHEA_FK_COCOAPODS))
/* Whether a blob's content is binary: a NUL byte in its first 8000 bytes, as git decides. */
gboolean rhea_text_is_binary(const char *text, gsize len);
/* "python", "package.json"-style names as written in the catalog; NULL for an unknown kind. */
const char *rhea_file_kind_name(RheaFileKind k);

typedef struct {
    guint rq;         /* 2..6 */
    char *kind;       /* signal kind: ml_library, ui, test, ... */
    char *name;       /* PyTorch, Swing, ... */
    char *file_kinds; /* as written: "python" or "java,kotlin" */
    guint32 fk_mask;  /* the same as a bit set */
    char *pattern;    /* PCRE2, no capturing groups */
    char *meaning;    /* one sentence */
    GRegex *regex;    /* the pattern alone (for first-commit checks) */
    char *id;         /* "NAME/FILE KINDS": unique in a catalog */
} RheaEvidenceEntry;

typedef struct RheaEvidenceCatalog RheaEvidenceCatalog;

/* Parses a catalog text; "SOURCE:LINE: what is wrong" for a malformed line, an unknown RQ, kind or
 * file kind, a pattern that does not compile or has capturing groups, or a repeated NAME/FILE
 * KINDS. */
RheaEvidenceCatalog *rhea_evidence_catalog_parse(const char *text, gsize len, const char *source,
                                                 GError **error);
RheaEvidenceCatalog *rhea_evidence_catalog_load(const char *path, GError **error);
/* evidence.tsv where rhea finds its data files (engine/datadir.h). */
RheaEvidenceCatalog *rhea_evidence_catalog_load_default(GError **error);
void rhea_evidence_catalog_free(RheaEvidenceCatalog *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaEvidenceCatalog, rhea_evidence_catalog_free)

guint rhea_evidence_catalog_size(const RheaEvidenceCatalog *c);
/* The SHA-256 (hex) of the text the catalog was parsed from: stored evidence is keyed by it. */
const char *rhea_evidence_catalog_sha256(const RheaEvidenceCatalog *c);
const RheaEvidenceEntry *rhea_evidence_catalog_entry(const RheaEvidenceCatalog *c, guint i);
/* Whether any entry reads files of these kinds (a mask from rhea_file_kinds). */
gboolean rhea_evidence_catalog_reads(const RheaEvidenceCatalog *c, guint32 kinds);

/* One match: the entry, the 1-based line and the line's bytes [line_start, line_end). */
typedef struct {
    guint entry;
    guint line;
    gsize line_start, line_end;
} RheaEvidenceMatch;

/* Calls fn for the first match of every entry in text[0..len) (a file whose kinds are `kinds`),
 * in no particular order; at most one match per entry. fn returns FALSE to stop. */
typedef gboolean (*RheaEvidenceMatchFn)(const RheaEvidenceMatch *m, void *payload);
void rhea_evidence_catalog_scan(const RheaEvidenceCatalog *c, guint32 kinds, const char *text,
                                gsize len, RheaEvidenceMatchFn fn, void *payload);
/* The entries whose path patterns match path (RHEA_FK_PATH entries), as for scan; line is 0. */
void rhea_evidence_catalog_scan_path(const RheaEvidenceCatalog *c, const char *path,
                                     RheaEvidenceMatchFn fn, void *payload);
/* Number of entries with literal anchors (the others are run on every file of their kinds). */
guint rhea_evidence_catalog_anchored(const RheaEvidenceCatalog *c);
/* Whether entry i alone matches text (a file of its kinds). */
gboolean rhea_evidence_entry_matches(const RheaEvidenceEntry *e, const char *text, gsize len);
