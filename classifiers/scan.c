/* scan.c: the product and ML filters on one repository's HEAD tree (scan.h).
 *
 * One pass over the tree: every blob's path is matched against the catalog's path entries
 * (serialized models), and a blob whose file kinds the catalog reads is read once (binary files
 * and files over 1 MiB skipped) and matched against every entry at once (evidence_catalog.h).
 * Only hits of the product and ML roles are kept, at most MAX_EVIDENCE of them; counts are
 * complete. The priority (docs/evidence.md) ranks the survivors for people to read. */
#include "classifiers/scan.h"

#include <string.h>

#include <git2.h>

#define MAX_SIZE (1024 * 1024)
#define MAX_EVIDENCE 200

/* Folder names whose content is incidental to a product: exact names, and stems alone, plural,
 * or followed by a separator (examples-py, docs_src, test_data, demo-app, benchmarks) — never a
 * longer word (sampler, doctor, contest). */
static const char *const INCIDENTAL_EXACT[] = {
    "spec",         "__tests__", "androidTest", "testing",      "vendor",           "third_party",
    "thirdparty",   "3rdparty",  "external",    "node_modules", "bower_components", "site-packages",
    "documentation"};
static const char *const INCIDENTAL_STEM[] = {"example", "sample", "demo",     "tutorial",
                                              "test",    "doc",    "notebook", "benchmark"};

static gboolean incidental_name(const char *name, gsize n)
{
    for (size_t i = 0; i < G_N_ELEMENTS(INCIDENTAL_EXACT); i++)
        if (strlen(INCIDENTAL_EXACT[i]) == n &&
            g_ascii_strncasecmp(name, INCIDENTAL_EXACT[i], n) == 0)
            return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(INCIDENTAL_STEM); i++) {
        gsize k = strlen(INCIDENTAL_STEM[i]);
        if (n < k || g_ascii_strncasecmp(name, INCIDENTAL_STEM[i], k) != 0)
            continue;
        gsize rest = k;
        if (rest < n && (name[rest] == 's' || name[rest] == 'S'))
            rest++;
        if (rest == n || name[rest] == '-' || name[rest] == '_' || name[rest] == '.')
            return TRUE;
    }
    return FALSE;
}

gboolean rhea_scan_path_is_incidental(const char *path)
{
    const char *start = path;
    for (const char *slash; (slash = strchr(start, '/')); start = slash + 1)
        if (incidental_name(start, (gsize)(slash - start)))
            return TRUE;
    return FALSE;
}

static RheaScanRole role_of(const char *kind)
{
    if (strcmp(kind, "ui") == 0)
        return RHEA_SCAN_PRODUCT;
    if (strcmp(kind, "ml_library") == 0 || strcmp(kind, "ml_api") == 0 ||
        strcmp(kind, "pretrained") == 0 || strcmp(kind, "training") == 0 ||
        strcmp(kind, "model_file") == 0)
        return RHEA_SCAN_ML;
    return RHEA_SCAN_OTHER;
}

/* Mobile and desktop toolkits by name; every other user interface in the catalog is the web's. */
static const char *genre_of(const char *ui_name)
{
    static const char *const MOBILE[] = {"Android",   "Jetpack", "React Native", "Expo",
                                         "Capacitor", "Cordova", "Ionic",        "UIKit",
                                         "SwiftUI",   "iOS",     "Xamarin",      "MAUI"};
    static const char *const DESKTOP[] = {"AWT",         "Swing",
                                          "FlatLaf",     "MigLayout",
                                          "JavaFX",      "SWT",
                                          "JFace",       "NetBeans",
                                          "AppKit",      "Cocoa",
                                          "Avalonia",    "Eto.Forms",
                                          "WinForms",    "InitializeComponent",
                                          "WPF",         "UWP",
                                          "WinUI",       "MFC",
                                          "Win32",       "GTK",
                                          "Qt",          "PyQt",
                                          "PySide",      "Tkinter",
                                          "Tk root",     "ttk",
                                          "tkinter",     "wxPython",
                                          "wxWidgets",   "Kivy",
                                          "Electron",    "NW.js",
                                          "Tauri",       "Wails",
                                          "Processing",  "openFrameworks",
                                          "JUCE",        "ImGui",
                                          "PyGui",       "FLTK",
                                          "GLFW",        "SDL2",
                                          "Pygame",      "Pyglet",
                                          "Arcade",      "Cinder",
                                          "PySimpleGUI", "Toga",
                                          "Flet",        "Fyne",
                                          "nana",        "libGDX",
                                          "Unity",       "Terminal.Gui",
                                          "Textual",     "curses",
                                          "Blessed",     "Bubble Tea",
                                          "Ink TUI",     "Lanterna",
                                          "pywebview",   "Eel",
                                          "Dear"};
    for (size_t i = 0; i < G_N_ELEMENTS(MOBILE); i++)
        if (strstr(ui_name, MOBILE[i]))
            return "mobile";
    for (size_t i = 0; i < G_N_ELEMENTS(DESKTOP); i++)
        if (strstr(ui_name, DESKTOP[i]))
            return "desktop";
    return "web";
}

static const char *language_of(const char *path)
{
    static const struct {
        const char *ext, *language;
    } LANGS[] = {{".py", "Python"},
                 {".java", "Java"},
                 {".kt", "Kotlin"},
                 {".js", "JavaScript"},
                 {".jsx", "JavaScript"},
                 {".mjs", "JavaScript"},
                 {".ts", "TypeScript"},
                 {".tsx", "TypeScript"},
                 {".cs", "C#"},
                 {".swift", "Swift"},
                 {".m", "Objective-C"},
                 {".mm", "Objective-C"},
                 {".c", "C"},
                 {".cpp", "C++"},
                 {".cc", "C++"},
                 {".cxx", "C++"},
                 {".hpp", "C++"},
                 {".ino", "C++"},
                 {".go", "Go"},
                 {".r", "R"},
                 {".rb", "Ruby"},
                 {".php", "PHP"},
                 {".dart", "Dart"},
                 {".rs", "Rust"},
                 {".scala", "Scala"},
                 {".ipynb", "Jupyter Notebook"},
                 {".lua", "Lua"},
                 {".vb", "Visual Basic"}};
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(LANGS); i++)
        if (g_ascii_strcasecmp(dot, LANGS[i].ext) == 0)
            return LANGS[i].language;
    return NULL;
}

static void hit_free(gpointer p)
{
    RheaScanHit *h = p;
    g_free(h->path);
    g_free(h->text);
    g_free(h);
}

void rhea_scan_result_free(RheaScanResult *r)
{
    if (!r)
        return;
    g_free(r->path);
    g_free(r->error);
    g_free(r->head);
    g_free(r->language);
    g_free(r->genre);
    if (r->ml_by_kind)
        g_hash_table_destroy(r->ml_by_kind);
    if (r->evidence)
        g_ptr_array_unref(r->evidence);
    g_free(r);
}

typedef struct {
    RheaScanResult *r;
    const RheaEvidenceCatalog *catalog;
    git_repository *repo;
    git_odb *odb; /* the repository's, taken once: sizes are read from object headers */
    GRegex *keywords;
    const char *path; /* the file being read */
    const char *text;
    gboolean incidental;
    gboolean dependency;             /* path is a dependency manifest */
    GHashTable *ml_names, *ui_names; /* distinct counted entries */
    GHashTable *genres;              /* genre -> count of distinct UI entries */
    GHashTable *languages;           /* language -> files */
} Walk;

static char *line_text(const char *text, gsize start, gsize end)
{
    while (start < end && g_ascii_isspace(text[start]))
        start++;
    while (end > start && g_ascii_isspace(text[end - 1]))
        end--;
    if (end - start > 120)
        end = start + 120;
    g_autofree char *raw = g_strndup(text + start, end - start);
    return g_utf8_make_valid(raw, -1);
}

static void add_hit(Walk *w, RheaScanRole role, const char *kind, const char *name, guint line,
                    char *text)
{
    RheaScanResult *r = w->r;
    gboolean counted = !w->incidental && !(role == RHEA_SCAN_PRODUCT && w->dependency);
    if (role == RHEA_SCAN_PRODUCT && counted) {
        r->product_hits++;
        if (g_hash_table_add(w->ui_names, (gpointer)name)) {
            const char *g = genre_of(name);
            g_hash_table_insert(
                w->genres, (gpointer)g,
                GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(w->genres, g)) + 1));
        }
    } else if (role == RHEA_SCAN_ML && counted) {
        r->ml_hits++;
        g_hash_table_insert(
            r->ml_by_kind, (gpointer)kind,
            GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(r->ml_by_kind, kind)) + 1));
        if (strcmp(kind, "model_file") == 0)
            r->model_files = TRUE;
        else
            g_hash_table_add(w->ml_names, (gpointer)name);
    } else if (role == RHEA_SCAN_KEYWORD && counted) {
        r->keyword_hits++;
    }
    /* counted hits may take the place of incidental ones once the list is full */
    if (r->evidence->len >= MAX_EVIDENCE) {
        guint victim = r->evidence->len;
        for (guint i = r->evidence->len; counted && i-- > 0;)
            if (!((RheaScanHit *)g_ptr_array_index(r->evidence, i))->counted) {
                victim = i;
                break;
            }
        if (victim == r->evidence->len) {
            g_free(text);
            return;
        }
        g_ptr_array_remove_index_fast(r->evidence, victim);
    }
    RheaScanHit *h = g_new0(RheaScanHit, 1);
    h->role = role;
    h->kind = kind;
    h->name = name;
    h->path = g_strdup(w->path);
    h->line = line;
    h->text = text;
    h->counted = counted;
    g_ptr_array_add(r->evidence, h);
}

static gboolean on_match(const RheaEvidenceMatch *m, void *payload)
{
    Walk *w = payload;
    const RheaEvidenceEntry *e = rhea_evidence_catalog_entry(w->catalog, m->entry);
    RheaScanRole role = role_of(e->kind);
    if (role == RHEA_SCAN_OTHER)
        return TRUE;
    /* a path entry (no text being read) matched the path itself: no line */
    gboolean in_text = w->text != NULL;
    char *text = in_text ? line_text(w->text, m->line_start, m->line_end) : g_strdup(w->path);
    add_hit(w, role, e->kind, e->name, in_text ? m->line : 0, text);
    return TRUE;
}

/* ML words in READMEs and documentation: the paper's last resort, counted apart. */
static void find_keywords(Walk *w, const char *text, gsize len)
{
    g_autoptr(GMatchInfo) mi = NULL;
    if (!g_regex_match_full(w->keywords, text, (gssize)len, 0, 0, &mi, NULL))
        return;
    gint start, end;
    g_match_info_fetch_pos(mi, 0, &start, &end);
    guint line = 1;
    gsize ls = 0;
    for (gsize i = 0; i < (gsize)start; i++)
        if (text[i] == '\n') {
            line++;
            ls = i + 1;
        }
    const char *nl = memchr(text + start, '\n', len - (gsize)start);
    gsize le = nl ? (gsize)(nl - text) : len;
    add_hit(w, RHEA_SCAN_KEYWORD, "keyword", "ML keyword", line, line_text(text, ls, le));
}

static int walk_cb(const char *root, const git_tree_entry *te, void *payload)
{
    Walk *w = payload;
    if (git_tree_entry_type(te) != GIT_OBJECT_BLOB ||
        git_tree_entry_filemode(te) == GIT_FILEMODE_LINK)
        return 0;
    g_autofree char *path = g_strconcat(root, git_tree_entry_name(te), NULL);
    RheaScanResult *r = w->r;
    r->files++;
    w->path = path;
    w->incidental = rhea_scan_path_is_incidental(path);
    const char *lang = language_of(path);
    if (lang)
        g_hash_table_insert(
            w->languages, (gpointer)lang,
            GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(w->languages, lang)) + 1));
    w->text = NULL;
    rhea_evidence_catalog_scan_path(w->catalog, path, on_match, w);
    guint32 kinds = rhea_file_kinds(path);
    w->dependency = (kinds & RHEA_FK_DEPENDENCY_MASK) != 0;
    gboolean docs = (kinds & (1u << RHEA_FK_DOCS)) != 0;
    if (!rhea_evidence_catalog_reads(w->catalog, kinds) && !docs)
        return 0;
    size_t size = 0;
    git_object_t type;
    if (w->odb && git_odb_read_header(&size, &type, w->odb, git_tree_entry_id(te)) == 0 &&
        size > MAX_SIZE) {
        r->skipped_large++;
        return 0;
    }
    git_blob *blob = NULL;
    if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(te)) < 0) {
        r->missing_blobs++; /* a partial clone: the path is known, the content is not here */
        git_error_clear();
        return 0;
    }
    gsize len = (gsize)git_blob_rawsize(blob);
    const char *text = git_blob_rawcontent(blob);
    if (len > MAX_SIZE) {
        r->skipped_large++;
    } else if (rhea_text_is_binary(text, len)) {
        r->skipped_binary++;
    } else {
        r->files_read++;
        w->text = text;
        rhea_evidence_catalog_scan(w->catalog, kinds, text, len, on_match, w);
        if (docs)
            find_keywords(w, text, len);
    }
    git_blob_free(blob);
    return 0;
}

/* The key with the largest count; ties go to the name first in strcmp order. */
static const char *most(GHashTable *counts)
{
    GHashTableIter it;
    gpointer k, v;
    const char *best = NULL;
    guint best_n = 0;
    g_hash_table_iter_init(&it, counts);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        guint n = GPOINTER_TO_UINT(v);
        if (n > best_n || (n == best_n && best && strcmp(k, best) < 0)) {
            best = k;
            best_n = n;
        }
    }
    return best;
}

static gint by_evidence(gconstpointer a, gconstpointer b)
{
    const RheaScanHit *x = *(RheaScanHit *const *)a, *y = *(RheaScanHit *const *)b;
    if (x->counted != y->counted)
        return x->counted ? -1 : 1;
    if (x->role != y->role)
        return x->role < y->role ? -1 : 1;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The first-parent ancestor of HEAD that is the last commit before `before` (the history as it
 * stood then); NULL when every commit is later. */
static git_commit *commit_before(git_commit *head, gint64 before)
{
    git_commit *c = NULL;
    if (git_commit_dup(&c, head) < 0)
        return NULL;
    while (c && git_commit_time(c) >= before) {
        git_commit *parent = NULL;
        if (git_commit_parentcount(c) == 0 || git_commit_parent(&parent, c, 0) < 0)
            parent = NULL;
        git_commit_free(c);
        c = parent;
    }
    return c;
}

RheaScanResult *rhea_scan_repository(const char *path, const RheaEvidenceCatalog *catalog,
                                     gint64 before)
{
    RheaScanResult *r = g_new0(RheaScanResult, 1);
    r->path = g_strdup(path);
    r->ml_by_kind = g_hash_table_new(g_str_hash, g_str_equal);
    r->evidence = g_ptr_array_new_with_free_func(hit_free);
    git_repository *repo = NULL;
    git_reference *head = NULL;
    git_commit *commit = NULL;
    git_tree *tree = NULL;
    Walk w = {.r = r, .catalog = catalog};
    if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
        const git_error *e = git_error_last();
        r->error = g_strdup_printf("not a readable git repository (%s)",
                                   e && e->message ? e->message : "unknown error");
        goto done;
    }
    int rc = git_repository_head(&head, repo);
    if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
        r->error = g_strdup("no commits (HEAD is unborn)");
        goto done;
    }
    if (rc == 0 && git_reference_peel((git_object **)&commit, head, GIT_OBJECT_COMMIT) == 0 &&
        before >= 0) {
        git_commit *then = commit_before(commit, before);
        git_commit_free(commit);
        commit = then;
        if (!commit) {
            r->error = g_strdup("no commit before the --until date");
            goto done;
        }
    }
    if (rc < 0 || !commit || git_commit_tree(&tree, commit) < 0) {
        const git_error *e = git_error_last();
        r->error = g_strdup_printf("cannot read HEAD's tree (%s)",
                                   e && e->message ? e->message : "missing objects");
        goto done;
    }
    r->head = g_strdup(git_oid_tostr_s(git_commit_id(commit)));
    w.repo = repo;
    if (git_repository_odb(&w.odb, repo) < 0)
        w.odb = NULL; /* sizes then come from the blobs themselves */
    w.keywords = g_regex_new("\\b(?:machine learning|deep learning|neural net(?:work)?s?|"
                             "artificial intelligence|(?:large )?language models?|"
                             "computer vision|convolutional|trained models?|pre-?trained|"
                             "classifiers?|object detection|predictive text|predictions?|"
                             "tflite|mlmodel|onnx)\\b",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL);
    w.ml_names = g_hash_table_new(g_str_hash, g_str_equal);
    w.ui_names = g_hash_table_new(g_str_hash, g_str_equal);
    w.genres = g_hash_table_new(g_str_hash, g_str_equal);
    w.languages = g_hash_table_new(g_str_hash, g_str_equal);
    if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0) {
        const git_error *e = git_error_last();
        r->error = g_strdup_printf("cannot walk HEAD's tree (%s)",
                                   e && e->message ? e->message : "missing objects");
    }
    r->language = g_strdup(most(w.languages));
    r->distinct_ml = g_hash_table_size(w.ml_names);
    r->distinct_ui = g_hash_table_size(w.ui_names);
    /* a notebook collection (a book, a course) is not a product, whatever widgets it shows */
    r->product = r->product_hits > 0 && g_strcmp0(r->language, "Jupyter Notebook") != 0;
    /* the paper's last resort: ML words in the documentation when no library, API or model
     * was found (the basis says so, and the priority stays low) */
    r->ml = r->ml_hits > 0 || r->keyword_hits > 0;
    r->ml_basis = r->ml_hits > 0 ? "code" : r->keyword_hits > 0 ? "keywords only" : NULL;
    r->genre = g_strdup(most(w.genres));
    /* docs/evidence.md, "Scanning candidate repositories": ML evidence weighs most, then the
     * user interface; the keyword last resort adds one point */
    r->priority = 4.0 * MIN(r->distinct_ml, 10u) + 2.0 * MIN(r->distinct_ui, 5u) +
                  (r->model_files ? 3.0 : 0.0) + (r->keyword_hits ? 1.0 : 0.0);
    g_ptr_array_sort(r->evidence, by_evidence);
    git_odb_free(w.odb);
    g_regex_unref(w.keywords);
    g_hash_table_destroy(w.ml_names);
    g_hash_table_destroy(w.ui_names);
    g_hash_table_destroy(w.genres);
    g_hash_table_destroy(w.languages);
done:
    git_error_clear();
    git_tree_free(tree);
    git_commit_free(commit);
    git_reference_free(head);
    git_repository_free(repo);
    return r;
}

gint rhea_scan_result_compare(gconstpointer a, gconstpointer b)
{
    const RheaScanResult *x = *(RheaScanResult *const *)a, *y = *(RheaScanResult *const *)b;
    gboolean sx = x->product && x->ml, sy = y->product && y->ml;
    if (sx != sy)
        return sx ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority > y->priority ? -1 : 1;
    return strcmp(x->path, y->path);
}
