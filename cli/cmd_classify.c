/* cmd_classify.c: `rhea classify`: every path of a product's history with its label and the rule
 * that decided it, as text, CSV or JSON; `--explain PATH` shows every rule that matches one path.
 *
 * A hidden `--match-pattern PATTERN` reads NUL-terminated paths on stdin and prints,
 * NUL-terminated, those the single rule `ml PATTERN` labels: tests/rules_vs_git_check_ignore.py
 * compares it with `git check-ignore`. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "classifiers/labeling.h"
#include "classifiers/rules.h"
#include "cli/cli.h"
#include "engine/error.h"

typedef struct {
    const char *path, *label, *why;
} Row;

/* Bytes git stores need not be UTF-8; text and JSON output show invalid bytes as U+FFFD. */
static char *printable(const char *s)
{
    return g_utf8_make_valid(s, -1);
}

/* For the text output, one path a line: control characters (a newline in a path would start a
 * row of its own) are shown as '?', as ls does on a terminal. */
static char *printable_line(const char *s)
{
    char *p = g_utf8_make_valid(s, -1);
    for (char *c = p; *c; c++)
        if ((guchar)*c < 0x20 || *c == 0x7f)
            *c = '?';
    return p;
}

static void print_text(GArray *rows, const guint totals[RHEA_LABEL_COUNT])
{
    int wpath = 4, wlabel = 7; /* "exclude" */
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        g_autofree char *p = printable_line(r->path);
        wpath = MAX(wpath, (int)g_utf8_strlen(p, -1));
    }
    printf("%-*s  %-*s  %s\n", wpath, "PATH", wlabel, "LABEL", "RULE");
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        g_autofree char *p = printable_line(r->path);
        /* pad by characters, not bytes, so non-ASCII names keep the columns straight */
        int pad = wpath - (int)g_utf8_strlen(p, -1);
        printf("%s%*s  %-*s  %s\n", p, pad, "", wlabel, r->label, r->why);
    }
    printf("\ntotals: ml %u, nonml %u, exclude %u (%u files)\n", totals[RHEA_LABEL_ML],
           totals[RHEA_LABEL_NONML], totals[RHEA_LABEL_EXCLUDE], rows->len);
}

/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. A field that
 * starts with = + - @ TAB or CR gets a leading ' against CSV formula injection, as in every other
 * CSV rhea writes (reports/format_csv.c); paths keep their raw bytes, so this is not a RheaTable.
 */
static void csv_field(const char *s, gboolean last)
{
    gboolean formula = s[0] && strchr("=+-@\t\r", s[0]);
    if (strpbrk(s, ",\"\r\n")) {
        putchar('"');
        if (formula)
            putchar('\'');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        if (formula)
            putchar('\'');
        fputs(s, stdout);
    }
    fputs(last ? "\r\n" : ",", stdout);
}

static void print_csv(GArray *rows)
{
    fputs("path,label,rule\r\n", stdout);
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        csv_field(r->path, FALSE);
        csv_field(r->label, FALSE);
        csv_field(r->why, TRUE);
    }
}

static void print_json(const char *product, GArray *rows, const guint totals[RHEA_LABEL_COUNT])
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "product");
    json_builder_add_string_value(b, product);
    json_builder_set_member_name(b, "totals");
    json_builder_begin_object(b);
    const RheaLabel order[] = {RHEA_LABEL_ML, RHEA_LABEL_NONML, RHEA_LABEL_EXCLUDE};
    for (gsize i = 0; i < G_N_ELEMENTS(order); i++) {
        json_builder_set_member_name(b, rhea_label_name(order[i]));
        json_builder_add_int_value(b, totals[order[i]]);
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "files");
    json_builder_begin_array(b);
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        g_autofree char *p = printable(r->path);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "path");
        json_builder_add_string_value(b, p);
        json_builder_set_member_name(b, "label");
        json_builder_add_string_value(b, r->label);
        json_builder_set_member_name(b, "rule");
        json_builder_add_string_value(b, r->why);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    g_autofree char *out = json_generator_to_data(gen, NULL);
    printf("%s\n", out);
}

static void print_explain(const RheaRules *rules, const char *path, RheaLabel label,
                          const char *why)
{
    g_autoptr(GPtrArray) matches = rhea_rules_explain(rules, path);
    g_autofree char *p = printable_line(path);
    printf("%s: %s (%s)\n", p, rhea_label_name(label), why);
    printf("matching rules, in order (the last user rule wins, else the last default):\n");
    for (guint i = 0; i < matches->len; i++) {
        const RheaRuleMatch *m = matches->pdata[i];
        printf("  %-32s %-7s %s\n", m->why, rhea_label_name(m->label), m->pattern);
    }
    if (g_str_has_prefix(why, "content:"))
        printf("  %-32s %-7s (the file's text at the tip imports this library)\n", why, "ml");
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
    g_autofree char *product = NULL, *db_path = NULL, *rules_path = NULL, *format = NULL,
                    *explain = NULL, *pattern = NULL;
    gboolean content_signals = FALSE;
    GOptionEntry entries[] = {
        {"product", 0, 0, G_OPTION_ARG_STRING, &product, "Product id (required)", "ID"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database file (default: ./rhea.sqlite)",
         "PATH"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path,
         "Rules file for this run (default: the one recorded by rhea analyze --rules)", "FILE"},
        {"content-signals", 0, 0, G_OPTION_ARG_NONE, &content_signals,
         "Also label ML the source files whose text at the tip imports an ML library", NULL},
        {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default), csv or json", "FORMAT"},
        {"explain", 0, 0, G_OPTION_ARG_FILENAME, &explain,
         "Show every rule that matches PATH, in order", "PATH"},
        {"match-pattern", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &pattern, NULL, NULL},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
    g_option_context_set_summary(
        ctx, "List every path the product's history touched with its label (ml, nonml or "
             "exclude) and the rule that decided it (FILE:LINE, default:NAME or content:LIBRARY).");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!rhea_cli_parse(ctx, "classify", &argc, &argv))
        return RHEA_EXIT_USAGE;
    if (argc > 1)
        return rhea_cli_usage("classify", "unexpected argument '%s'", argv[1]);
    if (pattern)
        return match_pattern(pattern);
    if (!product)
        return rhea_cli_usage("classify", "missing --product ID");
    if (format && strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 &&
        strcmp(format, "json") != 0)
        return rhea_cli_usage("classify", "unknown format '%s' (use text, csv or json)", format);

    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) store =
        rhea_store_open_readonly(db_path ? db_path : RHEA_DEFAULT_DB, &error);
    if (!store)
        return rhea_cli_fail("classify", error);
    g_autoptr(RheaLabeling) l =
        rhea_labeling_new(store, product, rules_path, content_signals, &error);
    if (!l)
        return rhea_cli_fail("classify", error);
    g_autoptr(GArray) pids = rhea_labeling_pids(l);

    if (explain) {
        for (guint i = 0; i < pids->len; i++) {
            gint64 pid = g_array_index(pids, gint64, i);
            if (strcmp(rhea_labeling_path(l, pid), explain) == 0) {
                print_explain(rhea_labeling_rules(l), explain, rhea_labeling_get(l, pid),
                              rhea_labeling_why(l, pid));
                return RHEA_EXIT_OK;
            }
        }
        /* not in the history: what the rules alone would say */
        const char *why = NULL;
        RheaLabel label = rhea_rules_label(rhea_labeling_rules(l), explain, &why);
        print_explain(rhea_labeling_rules(l), explain, label, why);
        printf("note: no commit of product '%s' touches %s\n", product, explain);
        return RHEA_EXIT_OK;
    }

    guint totals[RHEA_LABEL_COUNT] = {0};
    g_autoptr(GArray) rows = g_array_sized_new(FALSE, FALSE, sizeof(Row), pids->len);
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        RheaLabel label = rhea_labeling_get(l, pid);
        Row r = {rhea_labeling_path(l, pid), rhea_label_name(label), rhea_labeling_why(l, pid)};
        g_array_append_val(rows, r);
        totals[label]++;
    }
    if (format && strcmp(format, "csv") == 0)
        print_csv(rows);
    else if (format && strcmp(format, "json") == 0)
        print_json(product, rows, totals);
    else
        print_text(rows, totals);
    return RHEA_EXIT_OK;
}
