/* label_audit.c: the label audit and the rule suggestions (see label_audit.h). */
#include "classifiers/label_audit.h"

#include <string.h>

const char *rhea_audit_kind_name(RheaAuditKind k)
{
    return k == RHEA_AUDIT_NONML_WITH_EVIDENCE ? "nonml-with-evidence" : "ml-without-evidence";
}

GArray *rhea_label_audit(const RheaLabeling *l, const RheaMlFiles *m,
                         guint counts[RHEA_AUDIT_KIND_COUNT])
{
    GArray *rows[RHEA_AUDIT_KIND_COUNT];
    for (guint k = 0; k < RHEA_AUDIT_KIND_COUNT; k++) {
        rows[k] = g_array_new(FALSE, FALSE, sizeof(RheaAuditRow));
        counts[k] = 0;
    }
    g_autoptr(GArray) pids = rhea_labeling_pids(l);
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        const char *path = rhea_labeling_path(l, pid);
        const RheaMlFile *f = rhea_ml_files_get(m, path);
        if (!f)
            continue; /* not at the tip: no evidence to compare with */
        RheaLabel label = rhea_labeling_get(l, pid);
        RheaAuditRow r = {.path = path,
                          .label = rhea_label_name(label),
                          .rule = rhea_labeling_why(l, pid),
                          .evidence = f->evidence};
        if (label == RHEA_LABEL_NONML && f->evidence)
            r.kind = RHEA_AUDIT_NONML_WITH_EVIDENCE;
        else if (label == RHEA_LABEL_ML && !f->evidence)
            r.kind = RHEA_AUDIT_ML_WITHOUT_EVIDENCE;
        else
            continue;
        g_array_append_val(rows[r.kind], r);
        counts[r.kind]++;
    }
    g_array_append_vals(rows[0], rows[1]->data, rows[1]->len);
    g_array_unref(rows[1]);
    return rows[0];
}

/* ---- suggestions ---- */

typedef struct {
    guint total, evident; /* code files (not excluded now) at the tip under the folder */
    const char *example;  /* one file with evidence under it */
} FolderStat;

/* A comment's text on one line: control bytes become '?'. */
static void append_comment_text(GString *out, const char *s)
{
    for (; *s; s++)
        g_string_append_c(out, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* path as an anchored gitignore pattern matching it literally: "/" in front, `\` before the
 * bytes with a meaning (* ? [ \) and before a trailing space. */
static void append_pattern(GString *out, const char *path)
{
    g_string_append_c(out, '/');
    for (const char *s = path; *s; s++) {
        if (strchr("*?[\\", *s) || (*s == ' ' && s[1] == '\0'))
            g_string_append_c(out, '\\');
        g_string_append_c(out, *s);
    }
}

static gboolean has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return TRUE;
    return FALSE;
}

/* The extension of path's basename without the dot ("py"), or NULL. */
static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base && dot[1] ? dot + 1 : NULL;
}

typedef struct {
    GString *pattern; /* as written */
    GString *why;
    guint changed;
} Rule;

static void rule_free(gpointer p)
{
    Rule *r = p;
    g_string_free(r->pattern, TRUE);
    g_string_free(r->why, TRUE);
    g_free(r);
}

/* How many history paths the rule `ml pattern`, placed last, relabels. */
static guint count_changes(const RheaLabeling *l, GArray *pids, const char *pattern)
{
    g_autofree char *text = g_strconcat("ml ", pattern, "\n", NULL);
    g_autoptr(RheaRules) one = rhea_rules_parse(text, -1, "suggestion", NULL);
    if (!one)
        return 0;
    guint n = 0;
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        if (rhea_labeling_get(l, pid) != RHEA_LABEL_ML &&
            rhea_rules_label_user(one, rhea_labeling_path(l, pid), NULL, NULL))
            n++;
    }
    return n;
}

static gboolean under(const char *path, const char *folder)
{
    gsize n = strlen(folder);
    return strncmp(path, folder, n) == 0 && path[n] == '/';
}

static void add_file_rule(GPtrArray *rules, const RheaMlFile *f)
{
    Rule *r = g_new0(Rule, 1);
    r->pattern = g_string_new(NULL);
    append_pattern(r->pattern, f->path);
    r->why = g_string_new(NULL);
    append_comment_text(r->why, f->evidence);
    g_ptr_array_add(rules, r);
}

/* The rules for folder F: `/F/` when no history path under it is excluded now; else one
 * "/F/ double-star / star.EXT" rule per extension of its code files that no excluded path under F
 * has, and file rules for the rest (so excluded documentation, images and models under F stay
 * excluded). */
static void add_folder_rules(GPtrArray *rules, const char *folder, const FolderStat *st,
                             const RheaLabeling *l, GArray *pids, const RheaMlFiles *m,
                             GHashTable *label_of)
{
    g_autoptr(GHashTable) excluded_ext = g_hash_table_new(g_str_hash, g_str_equal);
    gboolean any_excluded = FALSE, excluded_no_ext = FALSE;
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        const char *p = rhea_labeling_path(l, pid);
        if (!under(p, folder) || rhea_labeling_get(l, pid) != RHEA_LABEL_EXCLUDE)
            continue;
        any_excluded = TRUE;
        const char *ext = extension(p);
        if (ext)
            g_hash_table_add(excluded_ext, (gpointer)ext);
        else
            excluded_no_ext = TRUE;
    }
    g_autofree char *why = g_strdup_printf(
        "folder of %u code files at the tip, every one with ML evidence (e.g. %s: %s)", st->total,
        st->example, ((const RheaMlFile *)rhea_ml_files_get(m, st->example))->evidence);
    if (!any_excluded) {
        Rule *r = g_new0(Rule, 1);
        r->pattern = g_string_new(NULL);
        append_pattern(r->pattern, folder);
        g_string_append_c(r->pattern, '/');
        r->why = g_string_new(NULL);
        append_comment_text(r->why, why);
        g_ptr_array_add(rules, r);
        return;
    }
    (void)excluded_no_ext; /* files without an extension always get file rules */
    g_autoptr(GHashTable) done = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < m->files->len; i++) {
        const RheaMlFile *f = m->files->pdata[i];
        gint lab = GPOINTER_TO_INT(g_hash_table_lookup(label_of, f->path)) - 1;
        if (!under(f->path, folder) || !f->evidence || lab < 0 || lab == RHEA_LABEL_EXCLUDE)
            continue; /* excluded files under F stay excluded */
        const char *ext = extension(f->path);
        gboolean ext_ok = ext && !strchr(ext, '\\') && !strchr(ext, '*') && !strchr(ext, '?') &&
                          !strchr(ext, '[') && !g_hash_table_contains(excluded_ext, ext);
        if (!ext_ok) {
            add_file_rule(rules, f);
            continue;
        }
        if (g_hash_table_contains(done, ext))
            continue;
        g_hash_table_add(done, (gpointer)ext);
        Rule *r = g_new0(Rule, 1);
        r->pattern = g_string_new(NULL);
        append_pattern(r->pattern, folder);
        g_string_append_printf(r->pattern, "/**/*.%s", ext);
        r->why = g_string_new(NULL);
        append_comment_text(r->why, why);
        g_string_append_printf(r->why, "; *.%s only: the folder also holds excluded files", ext);
        g_ptr_array_add(rules, r);
    }
}

char *rhea_label_suggest(const char *product, const RheaLabeling *l, const RheaMlFiles *m,
                         const char *base_text, guint *n_rules, guint *n_changed)
{
    g_autoptr(GArray) pids = rhea_labeling_pids(l);
    g_autoptr(GHashTable) label_of = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        g_hash_table_insert(label_of, (gpointer)rhea_labeling_path(l, pid),
                            GINT_TO_POINTER(rhea_labeling_get(l, pid) + 1));
    }
    /* folder statistics over the code files (tip files not excluded now) */
    g_autoptr(GHashTable) folders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    guint evident = 0, already = 0;
    for (guint i = 0; i < m->files->len; i++) {
        const RheaMlFile *f = m->files->pdata[i];
        gint lab = GPOINTER_TO_INT(g_hash_table_lookup(label_of, f->path)) - 1;
        if (lab < 0 || lab == RHEA_LABEL_EXCLUDE)
            continue; /* not in the stored history, or excluded */
        if (f->evidence) {
            evident++;
            already += lab == RHEA_LABEL_ML;
        }
        for (const char *s = strchr(f->path, '/'); s; s = strchr(s + 1, '/')) {
            char *folder = g_strndup(f->path, (gsize)(s - f->path));
            FolderStat *st = g_hash_table_lookup(folders, folder);
            if (!st) {
                st = g_new0(FolderStat, 1);
                g_hash_table_insert(folders, folder, st);
            } else
                g_free(folder);
            st->total++;
            if (f->evidence) {
                st->evident++;
                if (!st->example)
                    st->example = f->path;
            }
        }
    }
    /* each file with evidence: its highest uniform folder, else itself */
    g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func(rule_free);
    g_autoptr(GHashTable) chosen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GString *skipped = g_string_new(NULL);
    for (guint i = 0; i < m->files->len; i++) {
        const RheaMlFile *f = m->files->pdata[i];
        gint lab = GPOINTER_TO_INT(g_hash_table_lookup(label_of, f->path)) - 1;
        if (!f->evidence || lab < 0 || lab == RHEA_LABEL_EXCLUDE)
            continue;
        if (has_control(f->path)) {
            g_string_append_printf(skipped, "# skipped (a control byte in its path): ");
            append_comment_text(skipped, f->path);
            g_string_append_c(skipped, '\n');
            continue;
        }
        g_autofree char *top = NULL;
        for (const char *s = strchr(f->path, '/'); s && !top; s = strchr(s + 1, '/')) {
            g_autofree char *folder = g_strndup(f->path, (gsize)(s - f->path));
            const FolderStat *st = g_hash_table_lookup(folders, folder);
            if (st->total >= 2 && st->evident == st->total)
                top = g_steal_pointer(&folder);
        }
        if (!top) {
            if (lab != RHEA_LABEL_ML)
                add_file_rule(rules, f);
            continue;
        }
        if (g_hash_table_contains(chosen, top))
            continue;
        const FolderStat *st = g_hash_table_lookup(folders, top);
        add_folder_rules(rules, top, st, l, pids, m, label_of);
        g_hash_table_add(chosen, g_steal_pointer(&top));
    }
    GString *out = g_string_new(NULL);
    guint total_changed = 0, kept = 0;
    for (guint i = 0; i < rules->len; i++) {
        Rule *r = rules->pdata[i];
        r->changed = count_changes(l, pids, r->pattern->str);
        total_changed += r->changed;
        kept += r->changed > 0;
    }
    g_string_append_printf(out,
                           "# Draft rules for product %s from the ML evidence of its tip %s\n"
                           "# (rhea classify --suggest; docs/rules.md). The current rules come "
                           "first, unchanged;\n"
                           "# the suggested rules follow and, being last, win.\n"
                           "# %u code file%s with ML evidence, %u of them labeled ml already; "
                           "%u rule%s suggested, changing %u path%s of the history.\n",
                           product, m->commit, evident, evident == 1 ? "" : "s", already, kept,
                           kept == 1 ? "" : "s", total_changed, total_changed == 1 ? "" : "s");
    if (base_text && *base_text) {
        g_string_append(out, base_text);
        if (out->str[out->len - 1] != '\n')
            g_string_append_c(out, '\n');
    } else
        g_string_append(out, "# (no current rules: rhea's built-in defaults)\n");
    g_string_append(out, "\n# ---- suggested by rhea classify --suggest ----\n");
    for (guint i = 0; i < rules->len; i++) {
        const Rule *r = rules->pdata[i];
        if (!r->changed)
            continue; /* labeled ml already */
        g_string_append_printf(out, "# why: %s; changes %u path%s\nml %s\n", r->why->str,
                               r->changed, r->changed == 1 ? "" : "s", r->pattern->str);
    }
    g_string_append(out, skipped->str);
    g_string_free(skipped, TRUE);
    /* product-level declarations: no rule */
    for (guint i = 0; i < m->files->len; i++) {
        const RheaMlFile *f = m->files->pdata[i];
        if (!f->declares)
            continue;
        g_string_append(out, "# declared, no rule (a manifest is not ML code): ");
        append_comment_text(out, f->path);
        g_string_append(out, ": ");
        append_comment_text(out, f->declares);
        g_string_append_c(out, '\n');
    }
    if (n_rules)
        *n_rules = kept;
    if (n_changed)
        *n_changed = total_changed;
    return g_string_free(out, FALSE);
}
