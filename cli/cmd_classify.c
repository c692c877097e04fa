/* cmd_classify.c: `rhea classify`: every path of a product's history with its label and the rule
 * that decided it, in every format (reports/classify_report.h writes them); `--explain PATH`
 * shows every rule that matches one path; `--suggest` drafts rules and `--audit` checks the labels
 * against the ML evidence of the product's tip (classifiers/label_audit.h).
 *
 * A hidden `--match-pattern PATTERN` reads NUL-terminated paths on stdin and prints,
 * NUL-terminated, those the single rule `ml PATTERN` labels: tests/rules_vs_git_check_ignore.py
 * compares it with `git check-ignore`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "classifiers/evidence_catalog.h"
#include "classifiers/label_audit.h"
#include "classifiers/labeling.h"
#include "classifiers/ml_files.h"
#include "classifiers/rules.h"
#include "reports/classify_report.h"
#include "reports/format.h"
#include "reports/label_audit_report.h"
#include "cli/cli.h"
#include "cli/cli_input.h"
#include "cli/cli_state.h"
#include "engine/error.h"

/* --explain PATH: every matching rule, in every format. */
static int explain_one(const RheaCliOptions *o, RheaLabeling *l, const char *product,
                       const char *path, GError **error)
{
    RheaClassifyExplain e = {.product = product, .path = path};
    g_autoptr(GArray) pids = rhea_labeling_pids(l);
    for (guint i = 0; i < pids->len && !e.in_history; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        if (strcmp(rhea_labeling_path(l, pid), path) == 0) {
            e.in_history = TRUE;
            e.label = rhea_label_name(rhea_labeling_get(l, pid));
            e.why = rhea_labeling_why(l, pid);
        }
    }
    if (!e.in_history) /* what the rules alone would say */
        e.label = rhea_label_name(rhea_rules_label(rhea_labeling_rules(l), path, &e.why));
    g_autoptr(GPtrArray) matches = rhea_rules_explain(rhea_labeling_rules(l), path);
    e.matches = matches;
    if (o->format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_classify_explain_json(&e);
        return rhea_classify_write_json(node, o->out, error);
    }
    g_autoptr(RheaReport) report = rhea_classify_explain_report(&e);
    return rhea_report_write_path(report, o->format, o->out, error);
}

static int list_all(const RheaCliOptions *o, RheaLabeling *l, const char *product,
                    RheaIngestState ingest, GError **error)
{
    guint totals[RHEA_LABEL_COUNT] = {0};
    g_autoptr(GArray) pids = rhea_labeling_pids(l);
    g_autoptr(GArray) rows = g_array_sized_new(FALSE, FALSE, sizeof(RheaClassifyRow), pids->len);
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        RheaLabel label = rhea_labeling_get(l, pid);
        RheaClassifyRow r = {rhea_labeling_path(l, pid), rhea_label_name(label),
                             rhea_labeling_why(l, pid)};
        g_array_append_val(rows, r);
        totals[label]++;
    }
    if (o->format == RHEA_FORMAT_JSON) {
        g_autoptr(JsonNode) node = rhea_classify_json(product, rows, totals);
        if (ingest != RHEA_INGEST_COMPLETE) /* absent when complete: the format is unchanged */
            json_object_set_string_member(json_node_get_object(node), "ingest",
                                          rhea_ingest_state_name(ingest));
        return rhea_classify_write_json(node, o->out, error);
    }
    g_autoptr(RheaReport) report = rhea_classify_report(product, rows, totals);
    RheaTable *note = NULL;
    rhea_cli_ingest_row(&note, product, ingest);
    if (note)
        rhea_section_add_table(rhea_report_add_section(report, "Incomplete data"), note);
    return rhea_report_write_path(report, o->format, o->out, error);
}

/* The tip's files and their ML evidence, for --suggest and --audit. */
static RheaMlFiles *tip_evidence(RheaStore *store, const char *product, GError **error)
{
    g_autoptr(RheaEvidenceCatalog) catalog = rhea_evidence_catalog_load_default(error);
    if (!catalog)
        return NULL;
    return rhea_ml_files_collect(store, product, catalog, error);
}

/* --audit: the flagged files, through the report writers. */
static int audit(const RheaCliOptions *o, RheaStore *store, RheaLabeling *l, const char *product,
                 GError **error)
{
    g_autoptr(RheaMlFiles) m = tip_evidence(store, product, error);
    if (!m)
        return -1;
    guint counts[RHEA_AUDIT_KIND_COUNT];
    g_autoptr(GArray) rows = rhea_label_audit(l, m, counts);
    g_autoptr(RheaReport) report = rhea_label_audit_report(product, m->commit, rows, counts);
    return rhea_report_write_path(report, o->format, o->out, error);
}

/* --suggest: the draft rules file, to --out (written in place, no temporary file) or stdout. */
static int suggest(const RheaCliOptions *o, RheaStore *store, RheaLabeling *l, const char *product,
                   GError **error)
{
    g_autoptr(RheaMlFiles) m = tip_evidence(store, product, error);
    if (!m)
        return -1;
    g_autofree char *base = NULL;
    if (o->rules) {
        if (!g_file_get_contents(o->rules, &base, NULL, error))
            return -1;
    } else {
        g_autoptr(RheaProduct) prod = NULL;
        if (rhea_store_product_get(store, product, &prod, error) < 0)
            return -1;
        if (prod && prod->rules_text)
            base = g_strdup(prod->rules_text);
    }
    g_autofree char *text = rhea_label_suggest(product, l, m, base, NULL, NULL);
    gboolean to_stdout = !o->out || strcmp(o->out, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(o->out, "w");
    if (!f) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "%s: cannot write the suggested rules (%s); give another --out", o->out,
                    g_strerror(errno));
        return -1;
    }
    gboolean ok = fputs(text, f) != EOF;
    ok = (to_stdout ? fflush(f) : fclose(f)) == 0 && ok;
    if (!ok) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "%s: cannot write the suggested rules",
                    to_stdout ? "stdout" : o->out);
        return -1;
    }
    return 0;
}

/* --match-pattern: see the file comment. */
static int match_pattern(const char *pattern)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *text = g_strconcat("ml ", pattern, "\n", NULL);
    g_autoptr(RheaRules) rules = rhea_rules_parse(text, -1, "--match-pattern", &error);
    if (!rules)
        return rhea_cli_fail("classify", error);
    GString *path = g_string_new(NULL);
    int c;
    while ((c = getchar()) != EOF) {
        if (c) {
            g_string_append_c(path, (char)c);
            continue;
        }
        if (rhea_rules_label_user(rules, path->str, NULL, NULL))
            fwrite(path->str, 1, path->len + 1, stdout);
        g_string_truncate(path, 0);
    }
    g_string_free(path, TRUE);
    return RHEA_EXIT_OK;
}

int rhea_cmd_classify(int argc, char **argv)
{
    RheaCliOptions o;
    rhea_cli_options_init(&o, "classify", NULL,
                          "List every path the product's history touched with its label (ml, "
                          "nonml or exclude) and the rule that decided it (FILE:LINE, "
                          "default:NAME or content:LIBRARY).");
    g_autofree char *explain = NULL, *pattern = NULL;
    gboolean want_suggest = FALSE, want_audit = FALSE;
    const GOptionEntry entries[] = {
        {"explain", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_path,
         "Show every rule that matches PATH, in order", "PATH"},
        {"suggest", 0, 0, G_OPTION_ARG_NONE, &want_suggest,
         "Write a draft rules file from the ML evidence of the product's tip: the current rules, "
         "then an ml rule per uniformly ML folder or file, each with its evidence and the number "
         "of paths it changes (docs/rules.md)",
         NULL},
        {"audit", 0, 0, G_OPTION_ARG_NONE, &want_audit,
         "List files labeled nonml that import an ML library or load a model, and files labeled "
         "ml without ML evidence, with the rule that decided each",
         NULL},
        {"match-pattern", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_CALLBACK,
         (gpointer)rhea_cli_arg_path, NULL, NULL},
        G_OPTION_ENTRY_NULL};
    /* --product is optional for --match-pattern only; checked below */
    rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_PRODUCT_OPTIONAL |
                                        RHEA_CLI_DATABASE | RHEA_CLI_LABELS | RHEA_CLI_OUTPUT);
    rhea_cli_options_add(&o, entries, (gpointer[]){&explain, &want_suggest, &want_audit, &pattern});
    int rc;
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) store = NULL;
    g_autoptr(RheaLabeling) l = NULL;
    if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0)
        goto cleanup;
    rc = RHEA_EXIT_USAGE;
    if (argc > 1) {
        rhea_cli_usage(o.command, "unexpected argument '%s'", argv[1]);
        goto cleanup;
    }
    if (pattern && (o.products->len || o.db || o.rules || o.out ||
                    g_hash_table_contains(o.seen, "--format") || explain)) {
        /* a test tool's mode: it reads stdin and writes NUL-separated paths to stdout only */
        rhea_cli_usage(o.command, "--match-pattern takes no other option");
        goto cleanup;
    }
    if (pattern) {
        rc = match_pattern(pattern);
        goto cleanup;
    }
    if (o.products->len == 0) {
        rhea_cli_usage(o.command, "missing --product ID");
        goto cleanup;
    }
    if ((explain != NULL) + want_suggest + want_audit > 1) {
        rhea_cli_usage(o.command, "--explain, --suggest and --audit exclude one another");
        goto cleanup;
    }
    const char *product = rhea_cli_options_product(&o);
    if (!(store = rhea_cli_open_store(&o, &error)))
        goto fail;
    if (!(l = rhea_labeling_new(store, product, o.rules, o.content_signals, &error)))
        goto fail;
    if ((want_suggest ? suggest(&o, store, l, product, &error)
         : want_audit ? audit(&o, store, l, product, &error)
         : explain    ? explain_one(&o, l, product, explain, &error)
                      : list_all(&o, l, product, rhea_cli_ingest_check(store, product, o.command),
                                 &error)) < 0)
        goto fail;
    rc = RHEA_EXIT_OK;
    goto cleanup;
fail:
    rc = rhea_cli_fail(o.command, error);
cleanup:
    rhea_cli_options_clear(&o);
    return rc;
}
