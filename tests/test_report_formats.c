/* test_report_formats.c: the table model and every output format.
 *
 * Golden files: tests/golden/golden.<ext> (and golden-table.tex, the bare tabular) hold the
 * hand-made report below in each format. They were written once by the code and then checked by
 * hand, line by line, against the figures below (see tests/golden/README.md); a change in any
 * writer must show up as a diff there. RHEA_UPDATE_GOLDEN=1 rewrites them (then check by hand
 * again before committing).
 *
 * Hostile strings go through every format and the test asserts the escaped form worked out by
 * hand; CSV is read back by Python's csv module, JSON by json-glib's parser, and LaTeX is compiled
 * by pdflatex when it is installed. */
#include <check.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "engine/error.h"
#include "reports/chart.h"
#include "reports/format_json.h"
#include "reports/format.h"
#include "tests/testutil.h"

/* Figures by hand: 0.8125 shows as 0.81 (an exact tie: printf rounds half to even); 4/3 as 1.33 and
 * exactly as 1.3333333333333333 (17 digits are needed to read back 4/3); 0.1 exactly as 0.1. */
static RheaTable *golden_table(void)
{
    RheaTable *t = rhea_table_new("golden", "Sample table");
    rhea_table_add_column(t, "product", "Product", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "commits", "Commits", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "core", "Core", RHEA_ALIGN_CENTER);
    rhea_table_add_column(t, "share", "Top share", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "rci", "RCI", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "notes", "Notes", RHEA_ALIGN_LEFT);
    rhea_table_add_row(t);
    rhea_table_push_string(t, "P1");
    rhea_table_push_int(t, 120);
    rhea_table_push_int(t, 2);
    rhea_table_push_double(t, 0.8125, 2);
    rhea_table_push_double(t, 4.0 / 3.0, 2);
    rhea_table_push_string(t, "core: 2");
    rhea_table_add_row(t);
    rhea_table_push_string(t, "P2");
    rhea_table_push_int(t, 7);
    rhea_table_push_int(t, 1);
    rhea_table_push_double(t, 0.1, 2);
    rhea_table_push_double(t, NAN, 2); /* undefined */
    rhea_table_push_string(t, "x, \"quoted\"");
    guint r = rhea_table_add_row(t); /* by index, leaving core, share and notes null */
    rhea_table_set_string(t, r, 0, "P3");
    rhea_table_set_int(t, r, 1, 0);
    rhea_table_set_double(t, r, 4, 0.5, 2);
    rhea_table_set_caption(t, "Hand-made; RCI is undefined for P2.");
    return t;
}

static RheaReport *golden_report(void)
{
    RheaReport *r = rhea_report_new("Golden report");
    RheaSection *s = rhea_report_add_section(r, "RQ1");
    rhea_section_add_text(s, "Two products, hand-made figures.");
    rhea_section_add_table(s, golden_table());
    rhea_section_add_text(rhea_report_add_section(r, "Notes"), "Second section.");
    return r;
}

static void check_golden(const char *name, const char *got)
{
    g_autofree char *path = g_build_filename("tests", "golden", name, NULL);
    if (g_getenv("RHEA_UPDATE_GOLDEN")) {
        ck_assert(g_file_set_contents(path, got, -1, NULL));
        return;
    }
    g_autofree char *want = NULL;
    ck_assert_msg(g_file_get_contents(path, &want, NULL, NULL), "missing golden file %s", path);
    ck_assert_msg(strcmp(got, want) == 0, "%s differs:\n--- got ---\n%s\n--- want ---\n%s", path,
                  got, want);
}

START_TEST(every_format_matches_its_golden_file)
{
    g_autoptr(RheaReport) r = golden_report();
    static const RheaFormat formats[] = {RHEA_FORMAT_TEXT, RHEA_FORMAT_MD,   RHEA_FORMAT_CSV,
                                         RHEA_FORMAT_TEX,  RHEA_FORMAT_JSON, RHEA_FORMAT_HTML};
    for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
        GError *error = NULL;
        g_autofree char *out = rhea_report_render(r, formats[i], &error);
        ck_assert_ptr_nonnull(out);
        g_autofree char *name = g_strdup_printf("golden.%s", rhea_format_extension(formats[i]));
        check_golden(name, out);
    }
    g_autoptr(RheaTable) t = golden_table();
    g_autofree char *tex = rhea_table_render(t, RHEA_FORMAT_TEX, NULL);
    check_golden("golden-table.tex", tex);
}
END_TEST

START_TEST(cells_display_rounded_and_exact)
{
    g_autoptr(RheaTable) t = golden_table();
    const struct {
        guint row, col;
        const char *display, *exact;
    } want[] = {
        {0, 1, "120", "120"},  {0, 3, "0.81", "0.8125"}, {0, 4, "1.33", "1.3333333333333333"},
        {1, 3, "0.10", "0.1"}, {1, 4, NULL, NULL},       {2, 2, NULL, NULL},
        {2, 4, "0.50", "0.5"}, {2, 5, NULL, NULL},
    };
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        const RheaCell *c = rhea_table_cell(t, want[i].row, want[i].col);
        g_autofree char *d = rhea_cell_display(c);
        g_autofree char *e = rhea_cell_exact(c);
        ck_assert_pstr_eq(d, want[i].display);
        ck_assert_pstr_eq(e, want[i].exact);
    }
    /* a small negative number rounds to 0.00, shown without a minus */
    RheaCell neg = {.kind = RHEA_CELL_DOUBLE, .precision = 2, .v.d = -0.001};
    g_autofree char *d = rhea_cell_display(&neg);
    ck_assert_str_eq(d, "0.00");
    RheaCell big = {.kind = RHEA_CELL_INT, .v.i = G_MININT64};
    g_autofree char *b = rhea_cell_display(&big);
    ck_assert_str_eq(b, "-9223372036854775808");
}
END_TEST

START_TEST(format_names_parse_with_a_clear_error)
{
    RheaFormat f;
    ck_assert(rhea_format_parse("md", &f, NULL) && f == RHEA_FORMAT_MD);
    ck_assert(rhea_format_parse("LaTeX", &f, NULL) && f == RHEA_FORMAT_TEX);
    ck_assert(rhea_format_parse("html", &f, NULL) && f == RHEA_FORMAT_HTML);
    GError *error = NULL;
    ck_assert(!rhea_format_parse("xlsx", &f, &error));
    ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_USAGE));
    ck_assert_str_eq(error->message, "unknown format 'xlsx': use text, md, csv, tex, json or html");
    g_clear_error(&error);
    ck_assert(!rhea_format_parse("a\nb", &f, &error));
    ck_assert_ptr_null(strchr(error->message, '\n'));
    g_clear_error(&error);
}
END_TEST

/* ---- hostile strings ---- */

static const char *const hostile[] = {
    "<script>alert(1)</script>", /* 0 */
    "=cmd|' /C calc'!A0",        /* 1 */
    "\\input{/etc/passwd}",      /* 2 */
    "a|b",                       /* 3 */
    "_ % & # $ { } ~ ^ \\",      /* 4 */
    "line1\nline2",              /* 5 */
    "tab\there",                 /* 6 */
    "bad\xff\xfe bytes",         /* 7 */
    "+1",                        /* 8 */
    "-2",                        /* 9 */
    "@SUM(A1)",                  /* 10 */
    "\tlead",                    /* 11 */
    "\x1b[31mred",               /* 12 */
    "[x] a--b",                  /* 13 */
    "*em* `code` [link](x)",     /* 14 */
    "x, \"q\"",                  /* 15 */
};
#define FFFD "\xef\xbf\xbd"

/* One string column "value" with the hostile strings, one int column "n" with -3 in every row;
 * hostile text in the title, caption and a column label too. */
static RheaReport *hostile_report(void)
{
    RheaReport *r = rhea_report_new("T <i>&</i> \\def");
    RheaSection *s = rhea_report_add_section(r, "<h2>x</h2>");
    rhea_section_add_text(s, "<img src=x onerror=alert(1)>");
    RheaTable *t = rhea_table_new("hostile", "<b>title</b> 100%");
    rhea_table_add_column(t, "value", "<u>Value</u> & $x$", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "n", "n", RHEA_ALIGN_RIGHT);
    for (guint i = 0; i < G_N_ELEMENTS(hostile); i++) {
        rhea_table_add_row(t);
        rhea_table_push_string(t, hostile[i]);
        rhea_table_push_int(t, -3);
    }
    rhea_table_set_caption(t, "caption </figure><script>x</script> 50%");
    rhea_section_add_table(s, t);
    return r;
}

static char *render(RheaFormat f)
{
    g_autoptr(RheaReport) r = hostile_report();
    GError *error = NULL;
    char *out = rhea_report_render(r, f, &error);
    ck_assert_msg(out != NULL, "%s", error ? error->message : "?");
    return out;
}

#define HAS(out, s) ck_assert_msg(strstr(out, s) != NULL, "missing: %s", s)
#define HASNT(out, s) ck_assert_msg(strstr(out, s) == NULL, "present: %s", s)

START_TEST(hostile_text)
{
    g_autofree char *out = render(RHEA_FORMAT_TEXT);
    ck_assert(g_utf8_validate(out, -1, NULL));
    HAS(out, "line1 line2");
    HAS(out, "tab here");
    HAS(out, "bad" FFFD FFFD " bytes");
    HAS(out, FFFD "[31mred");
    HASNT(out, "\x1b");
    HASNT(out, "\t");
}
END_TEST

START_TEST(hostile_markdown)
{
    g_autofree char *out = render(RHEA_FORMAT_MD);
    HAS(out, "| &lt;script&gt;alert(1)&lt;/script&gt; | -3 |");
    HAS(out, "| =cmd\\|' /C calc'!A0 |");
    HAS(out, "| \\\\input{/etc/passwd} |");
    HAS(out, "| a\\|b |");
    HAS(out, "| \\_ % &amp; # $ { } ~ ^ \\\\ |");
    HAS(out, "| line1<br>line2 |");
    HAS(out, "| \\*em\\* \\`code\\` \\[link\\](x) |");
    HAS(out, "| &lt;u&gt;Value&lt;/u&gt; &amp; $x$ | n |");
    HAS(out, "# T &lt;i&gt;&amp;&lt;/i&gt; \\\\def");
    HASNT(out, "<script");
    HASNT(out, "<img");
    /* every table line has exactly three unescaped pipes: no cell broke out */
    g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        if (lines[i][0] != '|')
            continue;
        int pipes = 0;
        for (const char *p = lines[i]; *p; p++) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '|')
                pipes++;
        }
        ck_assert_msg(pipes == 3, "row broke out: %s", lines[i]);
    }
}
END_TEST

START_TEST(hostile_latex)
{
    g_autofree char *out = render(RHEA_FORMAT_TEX);
    HAS(out,
        "\\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{} & -3 \\\\");
    HAS(out, "\\textbackslash{}input\\{/etc/passwd\\} &");
    HAS(out, "a\\textbar{}b &");
    HAS(out, "\\_ \\% \\& \\# \\$ \\{ \\} \\textasciitilde{} \\textasciicircum{} "
             "\\textbackslash{} &");
    HAS(out, "line1 line2 &");
    HAS(out, "bad?? bytes &");
    HAS(out, "?{[}31mred &");
    HAS(out, "{[}x{]} a-{}-b &");
    HAS(out, "\\caption{\\textless{}b\\textgreater{}title\\textless{}/b\\textgreater{} 100\\%}");
    HAS(out, "\\textless{}u\\textgreater{}Value\\textless{}/u\\textgreater{} \\& \\$x\\$ & n \\\\");
    HAS(out, "% T <i>&</i> \\def\n"); /* a comment: harmless, and on one line */
    HASNT(out, "\\input{");
}
END_TEST

START_TEST(hostile_html)
{
    g_autofree char *out = render(RHEA_FORMAT_HTML);
    HAS(out, "<td class=\"l\">&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    HAS(out, "<td class=\"l\">=cmd|&#39; /C calc&#39;!A0</td>");
    HAS(out, "<td class=\"l\">line1<br>line2</td>");
    HAS(out, "<td class=\"l\">bad" FFFD FFFD " bytes</td>");
    HAS(out, "<td class=\"r\">-3</td>");
    HAS(out, "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
    HAS(out, "<title>T &lt;i&gt;&amp;&lt;/i&gt; \\def</title>");
    HAS(out, "caption &lt;/figure&gt;&lt;script&gt;x&lt;/script&gt; 50%");
    HASNT(out, "<script");
    HASNT(out, "<img");
    HASNT(out, "<b>");
    HASNT(out, "<u>");
    HASNT(out, "<i>");
    ck_assert(g_utf8_validate(out, -1, NULL));
}
END_TEST

START_TEST(hostile_json_reads_back)
{
    g_autofree char *out = render(RHEA_FORMAT_JSON);
    g_autoptr(JsonParser) parser = json_parser_new();
    GError *error = NULL;
    ck_assert_msg(json_parser_load_from_data(parser, out, -1, &error), "%s",
                  error ? error->message : "");
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    ck_assert_str_eq(json_object_get_string_member(root, "title"), "T <i>&</i> \\def");
    JsonObject *section =
        json_array_get_object_element(json_object_get_array_member(root, "sections"), 0);
    JsonObject *table =
        json_array_get_object_element(json_object_get_array_member(section, "tables"), 0);
    JsonArray *rows = json_object_get_array_member(table, "rows");
    ck_assert_uint_eq(json_array_get_length(rows), G_N_ELEMENTS(hostile));
    for (guint i = 0; i < G_N_ELEMENTS(hostile); i++) {
        JsonObject *row = json_array_get_object_element(rows, i);
        g_autofree char *want = g_utf8_make_valid(hostile[i], -1);
        ck_assert_str_eq(json_object_get_string_member(row, "value"), want);
        JsonNode *n = json_object_get_member(row, "n");
        ck_assert_int_eq(json_node_get_value_type(n), G_TYPE_INT64);
        ck_assert_int_eq(json_node_get_int(n), -3);
    }
}
END_TEST

START_TEST(hostile_csv_text_and_injection_prefix)
{
    g_autofree char *out = render(RHEA_FORMAT_CSV);
    ck_assert(g_str_has_prefix(out, "value,n\r\n"));
    HAS(out, "\r\n<script>alert(1)</script>,-3\r\n");
    HAS(out, "\r\n'=cmd|' /C calc'!A0,-3\r\n");
    HAS(out, "\r\n\"line1\nline2\",-3\r\n");
    HAS(out, "\r\n'+1,-3\r\n");
    HAS(out, "\r\n'-2,-3\r\n");
    HAS(out, "\r\n'@SUM(A1),-3\r\n");
    HAS(out, "\r\n'\tlead,-3\r\n");
    HAS(out, "\r\n_ % & # $ { } ~ ^ \\,-3\r\n"); /* nothing to quote */
    HAS(out, "\r\n\"x, \"\"q\"\"\",-3\r\n");
    HAS(out, "\r\n\xef\xbf\xbd[31mred,-3\r\n"); /* no raw ESC: U+FFFD, as in text */
    ck_assert_ptr_null(strchr(out, '\x1b'));
}
END_TEST

/* Runs argv in dir; returns its exit status, stdout in *out when out is not NULL. */
static int run(const char *dir, const char *const *argv, char **out)
{
    GError *error = NULL;
    int status = -1;
    char *err = NULL;
    ck_assert_msg(g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                               &status, &error),
                  "%s", error ? error->message : "");
    if (!g_spawn_check_wait_status(status, NULL))
        fprintf(stderr, "%s: %s\n", argv[0], err);
    g_free(err);
    return g_spawn_check_wait_status(status, NULL) ? 0 : 1;
}

START_TEST(csv_reads_back_with_python)
{
    g_autofree char *python = g_find_program_in_path("python3");
    if (!python) {
        printf("SKIP csv_reads_back_with_python: python3 is not installed\n");
        return;
    }
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
    g_autoptr(RheaReport) r = hostile_report();
    ck_assert_int_eq(rhea_report_write_path(r, RHEA_FORMAT_CSV, path, NULL), 0);
    const char *argv[] = {"python3", "-c",
                          "import csv, json, sys\n"
                          "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                          "    print(json.dumps(list(csv.reader(f))))\n",
                          path, NULL};
    g_autofree char *out = NULL;
    ck_assert_int_eq(run(dir, argv, &out), 0);
    g_autoptr(JsonParser) parser = json_parser_new();
    ck_assert(json_parser_load_from_data(parser, out, -1, NULL));
    JsonArray *records = json_node_get_array(json_parser_get_root(parser));
    ck_assert_uint_eq(json_array_get_length(records), 1 + G_N_ELEMENTS(hostile));
    JsonArray *header = json_array_get_array_element(records, 0);
    ck_assert_str_eq(json_array_get_string_element(header, 0), "value");
    ck_assert_str_eq(json_array_get_string_element(header, 1), "n");
    for (guint i = 0; i < G_N_ELEMENTS(hostile); i++) {
        JsonArray *rec = json_array_get_array_element(records, i + 1);
        ck_assert_uint_eq(json_array_get_length(rec), 2);
        /* the original text; formula starters read back with the ' that disarms them, and
         * ESC as U+FFFD (a CSV must not drive the terminal it is shown on) */
        g_autofree char *raw = g_utf8_make_valid(hostile[i], -1);
        g_auto(GStrv) parts = g_strsplit(raw, "\x1b", -1);
        g_autofree char *valid = g_strjoinv("\xef\xbf\xbd", parts);
        g_autofree char *want =
            strchr("=+-@\t\r", valid[0]) ? g_strconcat("'", valid, NULL) : g_strdup(valid);
        ck_assert_str_eq(json_array_get_string_element(rec, 0), want);
        ck_assert_str_eq(json_array_get_string_element(rec, 1), "-3");
    }
    testutil_rmtree(dir);
}
END_TEST

/* Compiles a document that \inputs the hostile tabular and the golden report fragment. */
START_TEST(latex_compiles_with_pdflatex)
{
    g_autofree char *pdflatex = g_find_program_in_path("pdflatex");
    if (!pdflatex) {
        printf("SKIP latex_compiles_with_pdflatex: pdflatex is not installed "
               "(apt-get install texlive-latex-base texlive-latex-recommended)\n");
        return;
    }
    g_autofree char *dir = testutil_tmpdir();
    g_autoptr(RheaReport) r = hostile_report();
    const RheaTable *t = ((RheaBlock *)rhea_report_section(r, 0)->blocks->pdata[1])->table;
    g_autofree char *bare = rhea_table_render(t, RHEA_FORMAT_TEX, NULL);
    g_autofree char *bare_path = g_build_filename(dir, "hostile.tex", NULL);
    ck_assert(g_file_set_contents(bare_path, bare, -1, NULL));
    g_autoptr(RheaReport) golden = golden_report();
    g_autofree char *frag_path = g_build_filename(dir, "report.tex", NULL);
    ck_assert_int_eq(rhea_report_write_path(golden, RHEA_FORMAT_TEX, frag_path, NULL), 0);
    g_autofree char *doc_path = g_build_filename(dir, "doc.tex", NULL);
    ck_assert(g_file_set_contents(doc_path,
                                  "\\documentclass{article}\n\\usepackage{booktabs}\n"
                                  "\\begin{document}\n\\input{hostile}\n\n\\input{report}\n"
                                  "\\end{document}\n",
                                  -1, NULL));
    const char *argv[] = {"pdflatex",       "-interaction=nonstopmode",
                          "-halt-on-error", "-no-shell-escape",
                          "doc.tex",        NULL};
    g_autofree char *out = NULL;
    ck_assert_msg(run(dir, argv, &out) == 0, "pdflatex failed:\n%s", out);
    g_autofree char *log_path = g_build_filename(dir, "doc.log", NULL);
    g_autofree char *log = NULL;
    ck_assert(g_file_get_contents(log_path, &log, NULL, NULL));
    HASNT(log, "/etc/passwd");
    HASNT(log, "Missing character");
    HASNT(log, "Undefined control sequence");
    g_autofree char *pdf_path = g_build_filename(dir, "doc.pdf", NULL);
    g_autofree char *pdf = NULL;
    ck_assert(g_file_get_contents(pdf_path, &pdf, NULL, NULL));
    ck_assert(g_str_has_prefix(pdf, "%PDF-"));
    testutil_rmtree(dir);
}
END_TEST

/* Wide characters take two terminal columns: "漢字" (2 wide) pads like a 4-letter word. */
START_TEST(text_pads_by_display_width)
{
    g_autoptr(RheaTable) t = rhea_table_new("w", NULL);
    rhea_table_add_column(t, "name", "Name", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "n", "N", RHEA_ALIGN_RIGHT);
    const char *names[] = {"漢字", "José", "ab"};
    for (guint i = 0; i < 3; i++) {
        rhea_table_add_row(t);
        rhea_table_push_string(t, names[i]);
        rhea_table_push_int(t, i);
    }
    g_autofree char *out = rhea_table_render(t, RHEA_FORMAT_TEXT, NULL);
    ck_assert_str_eq(out, "Name  N\n"
                          "----  -\n"
                          "漢字  0\n"
                          "José  1\n"
                          "ab    2\n");
}
END_TEST

/* ---- model ---- */

START_TEST(invalid_utf8_is_replaced_everywhere)
{
    g_autoptr(RheaTable) t = rhea_table_new("k\xff", "title\xc3");
    rhea_table_add_column(t, "c", "label\xfe", RHEA_ALIGN_LEFT);
    rhea_table_add_row(t);
    rhea_table_push_string(t, "\xc3\x28");
    ck_assert(g_utf8_validate(rhea_table_key(t), -1, NULL));
    ck_assert(g_utf8_validate(rhea_table_title(t), -1, NULL));
    ck_assert(g_utf8_validate(rhea_table_column(t, 0)->label, -1, NULL));
    ck_assert_str_eq(rhea_table_cell(t, 0, 0)->v.s, FFFD "(");
}
END_TEST

START_TEST(single_table_json_is_the_table_object)
{
    g_autoptr(RheaTable) t = golden_table();
    g_autofree char *out = rhea_table_render(t, RHEA_FORMAT_JSON, NULL);
    g_autoptr(JsonParser) parser = json_parser_new();
    ck_assert(json_parser_load_from_data(parser, out, -1, NULL));
    JsonObject *o = json_node_get_object(json_parser_get_root(parser));
    ck_assert_str_eq(json_object_get_string_member(o, "key"), "golden");
    JsonObject *row0 = json_array_get_object_element(json_object_get_array_member(o, "rows"), 0);
    ck_assert(json_object_get_double_member(row0, "rci") == 4.0 / 3.0);
    ck_assert(json_object_get_double_member(row0, "share") == 0.8125);
    JsonObject *row1 = json_array_get_object_element(json_object_get_array_member(o, "rows"), 1);
    ck_assert(json_node_is_null(json_object_get_member(row1, "rci")));
}
END_TEST

/* A command's own JSON object with a table's rows inside, as rhea contributors needs. */
START_TEST(json_rows_nest_in_a_commands_object)
{
    g_autoptr(RheaTable) t = rhea_table_new("core", NULL);
    rhea_table_add_column(t, "name", "Name", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "share", "Share", RHEA_ALIGN_RIGHT);
    rhea_table_add_row(t);
    rhea_table_push_string(t, "Ann \"A\"");
    rhea_table_push_double(t, 0.7, 1);
    rhea_table_add_row(t);
    rhea_table_push_string(t, "Bob");
    rhea_table_push_null(t);
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "commits");
    json_builder_add_int_value(b, 10);
    json_builder_set_member_name(b, "core");
    json_builder_add_value(b, rhea_table_json_rows(t));
    json_builder_set_member_name(b, "empty");
    json_builder_begin_array(b);
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *text = rhea_json_to_string(root);
    ck_assert_str_eq(text, "{\n"
                           "  \"commits\": 10,\n"
                           "  \"core\": [\n"
                           "    {\n"
                           "      \"name\": \"Ann \\\"A\\\"\",\n"
                           "      \"share\": 0.7\n"
                           "    },\n"
                           "    {\n"
                           "      \"name\": \"Bob\",\n"
                           "      \"share\": null\n"
                           "    }\n"
                           "  ],\n"
                           "  \"empty\": []\n"
                           "}\n");
}
END_TEST

START_TEST(write_path_fails_with_one_line)
{
    g_autoptr(RheaReport) r = golden_report();
    GError *error = NULL;
    ck_assert_int_eq(
        rhea_report_write_path(r, RHEA_FORMAT_MD, "/nonexistent-dir/x/report.md", &error), -1);
    ck_assert_ptr_nonnull(strstr(error->message, "/nonexistent-dir/x/report.md"));
    ck_assert_ptr_null(strchr(error->message, '\n'));
    g_error_free(error);
}
END_TEST

/* ---- charts ---- */

static gboolean file_starts_with(const char *path, const char *magic, gsize len)
{
    g_autofree char *data = NULL;
    gsize n = 0;
    return g_file_get_contents(path, &data, &n, NULL) && n >= len && memcmp(data, magic, len) == 0;
}

START_TEST(charts_write_svg_pdf_png)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *sub = g_build_filename(dir, "new", "charts", NULL);
    g_autoptr(RheaChart) c = rhea_chart_new(RHEA_CHART_INTERVALS, "t", "x", "y");
    rhea_chart_add_interval(c, "A", 1, 0.5, 1.5);
    rhea_chart_add_hline(c, 1, "ref");
    GError *error = NULL;
    ck_assert_int_eq(rhea_chart_write_files(c, sub, "rci", &error), 0);
    g_autofree char *svg = g_build_filename(sub, "rci.svg", NULL);
    g_autofree char *pdf = g_build_filename(sub, "rci.pdf", NULL);
    g_autofree char *png = g_build_filename(sub, "rci.png", NULL);
    ck_assert(file_starts_with(svg, "<?xml", 5));
    ck_assert(file_starts_with(pdf, "%PDF-", 5));
    ck_assert(file_starts_with(png, "\x89PNG\r\n\x1a\n", 8));
    /* a folder that cannot be made: a one-line error naming it */
    g_autofree char *file = g_build_filename(dir, "file", NULL);
    ck_assert(g_file_set_contents(file, "x", -1, NULL));
    g_autofree char *bad = g_build_filename(file, "charts", NULL);
    ck_assert_int_eq(rhea_chart_write_files(c, bad, "rci", &error), -1);
    ck_assert_ptr_nonnull(strstr(error->message, bad));
    g_clear_error(&error);
    testutil_rmtree(dir);
}
END_TEST

static char *file_text(const char *dir, const char *name, gsize *len)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    char *data = NULL;
    ck_assert_msg(g_file_get_contents(path, &data, len, NULL), "%s missing", path);
    return data;
}

/* A set of charts written on one thread and on three: the same PNG bytes and SVG text but for
 * cairo's surface numbers (e2e_test_report_charts compares whole files of two commands); the PDFs
 * carry their creation time. And a PNG that cannot be written is the error of the first such chart.
 */
START_TEST(chart_set_is_the_same_on_any_number_of_threads)
{
    g_autofree char *dir = testutil_tmpdir();
    const char *names[] = {"a", "b/c", "d", "e"};
    RheaChart *charts[G_N_ELEMENTS(names)];
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        charts[i] = rhea_chart_new(RHEA_CHART_INTERVALS, names[i], "x", "y");
        rhea_chart_add_interval(charts[i], "A", 1.0 + i, 0.5, 1.5 + i);
    }
    GError *error = NULL;
    g_autofree char *one = g_build_filename(dir, "one", NULL);
    g_autofree char *three = g_build_filename(dir, "three", NULL);
    ck_assert_int_eq(
        rhea_chart_write_set((const RheaChart *const *)charts, names, 4, one, 1, &error), 0);
    ck_assert_int_eq(
        rhea_chart_write_set((const RheaChart *const *)charts, names, 4, three, 3, &error), 0);
    const char *files[] = {"a.svg", "a.png", "b%2Fc.svg", "b%2Fc.png", "d.svg",
                           "d.png", "e.svg", "e.png",     "e.pdf"};
    for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
        gsize n1 = 0, n3 = 0;
        g_autofree char *t1 = file_text(one, files[i], &n1);
        g_autofree char *t3 = file_text(three, files[i], &n3);
        if (g_str_has_suffix(files[i], ".pdf")) {
            ck_assert(n1 > 5 && memcmp(t3, "%PDF-", 5) == 0);
            continue;
        }
        if (g_str_has_suffix(files[i], ".svg")) {
            /* cairo numbers surfaces process-wide: the second set's ids are later ones */
            g_autoptr(GRegex) ids = g_regex_new("surface[0-9]+", 0, 0, NULL);
            g_autofree char *s1 = g_regex_replace_literal(ids, t1, -1, 0, "surface", 0, NULL);
            g_autofree char *s3 = g_regex_replace_literal(ids, t3, -1, 0, "surface", 0, NULL);
            ck_assert_msg(strcmp(s1, s3) == 0, "%s differs", files[i]);
            continue;
        }
        ck_assert_msg(n1 == n3 && memcmp(t1, t3, n1) == 0, "%s differs", files[i]);
    }
    /* d.png and e.png are folders: d's error, after every other file was written */
    g_autofree char *bad = g_build_filename(dir, "bad", NULL);
    g_autofree char *d_png = g_build_filename(bad, "d.png", NULL);
    g_autofree char *e_png = g_build_filename(bad, "e.png", NULL);
    ck_assert_int_eq(g_mkdir_with_parents(d_png, 0755), 0);
    ck_assert_int_eq(g_mkdir_with_parents(e_png, 0755), 0);
    ck_assert_int_eq(
        rhea_chart_write_set((const RheaChart *const *)charts, names, 4, bad, 3, &error), -1);
    ck_assert_msg(strstr(error->message, d_png) && !strstr(error->message, e_png), "%s",
                  error->message);
    g_clear_error(&error);
    /* written all the same (file_text fails the test on a missing file) */
    g_free(file_text(bad, "a.png", NULL));
    g_free(file_text(bad, "e.svg", NULL));
    for (guint i = 0; i < G_N_ELEMENTS(names); i++)
        rhea_chart_free(charts[i]);
    testutil_rmtree(dir);
}
END_TEST

START_TEST(empty_and_degenerate_charts_still_draw)
{
    const RheaChartKind kinds[] = {RHEA_CHART_INTERVALS, RHEA_CHART_CUMULATIVE,
                                   RHEA_CHART_TIMESERIES};
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
        g_autoptr(RheaChart) c = rhea_chart_new(kinds[i], NULL, NULL, NULL);
        g_autofree char *empty = rhea_chart_render_svg(c, NULL, NULL);
        ck_assert_ptr_nonnull(strstr(empty, "<svg"));
        const double x[] = {5, NAN}, y[] = {INFINITY, 3};
        if (kinds[i] == RHEA_CHART_INTERVALS) {
            rhea_chart_add_interval(c, "", NAN, 1, NAN);
            rhea_chart_add_interval(c, "flat", 2, 2, 2);
        } else {
            rhea_chart_add_series(c, "one", x, y, 2);
            rhea_chart_add_series(c, "none", x, y, 0);
        }
        g_autofree char *svg = rhea_chart_render_svg(c, NULL, NULL);
        ck_assert_ptr_nonnull(strstr(svg, "</svg>"));
    }
}
END_TEST

START_TEST(html_inlines_charts_with_their_own_ids)
{
    g_autoptr(RheaReport) r = rhea_report_new("charts");
    RheaSection *s = rhea_report_add_section(r, NULL);
    for (int i = 0; i < 2; i++) {
        RheaChart *c = rhea_chart_new(RHEA_CHART_CUMULATIVE, "share", "rank", "share");
        const double x[] = {1, 2}, y[] = {0.6, 1};
        rhea_chart_add_series(c, "P", x, y, 2);
        rhea_section_add_chart(s, c);
    }
    g_autofree char *html = rhea_report_render(r, RHEA_FORMAT_HTML, NULL);
    HASNT(html, "<?xml");
    HAS(html, "id=\"c1-glyph");
    HAS(html, "id=\"c2-glyph");
    HAS(html, "href=\"#c2-glyph");
    HASNT(html, "id=\"glyph");
    HASNT(html, "href=\"#glyph");
    /* text formats skip charts */
    g_autofree char *md = rhea_report_render(r, RHEA_FORMAT_MD, NULL);
    ck_assert_str_eq(md, "# charts\n");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report_formats");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, every_format_matches_its_golden_file);
    tcase_add_test(tc, cells_display_rounded_and_exact);
    tcase_add_test(tc, format_names_parse_with_a_clear_error);
    tcase_add_test(tc, hostile_text);
    tcase_add_test(tc, hostile_markdown);
    tcase_add_test(tc, hostile_latex);
    tcase_add_test(tc, hostile_html);
    tcase_add_test(tc, hostile_json_reads_back);
    tcase_add_test(tc, hostile_csv_text_and_injection_prefix);
    tcase_add_test(tc, csv_reads_back_with_python);
    tcase_add_test(tc, latex_compiles_with_pdflatex);
    tcase_add_test(tc, text_pads_by_display_width);
    tcase_add_test(tc, invalid_utf8_is_replaced_everywhere);
    tcase_add_test(tc, single_table_json_is_the_table_object);
    tcase_add_test(tc, json_rows_nest_in_a_commands_object);
    tcase_add_test(tc, write_path_fails_with_one_line);
    tcase_add_test(tc, charts_write_svg_pdf_png);
    tcase_add_test(tc, chart_set_is_the_same_on_any_number_of_threads);
    tcase_add_test(tc, empty_and_degenerate_charts_still_draw);
    tcase_add_test(tc, html_inlines_charts_with_their_own_ids);
    suite_add_tcase(s, tc);
    return testutil_exit_unless_tools(testutil_run(s), "python3", "pdflatex", NULL);
}
