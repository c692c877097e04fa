/* format.h: writing tables and reports (reports/table.h, reports/report.h) in every output format.
 *
 * One entry point per destination; the format decides the writer (reports/format_<name>.c):
 *   text  aligned columns for terminals          md    GitHub-flavoured Markdown tables
 *   csv   RFC 4180, one header row of column keys tex   booktabs tabular, ready to \input
 *   json  json-glib, one object per table         html  one self-contained page, charts inline
 *
 * Charts appear only in HTML (as inline SVG); the other formats skip them (write them as files
 * with rhea_chart_write_files, reports/chart.h). A CSV of a report with several tables writes
 * each table with its own header row, tables separated by one empty line; a one-table report is
 * a plain CSV file.
 *
 * Escaping is the writer's job and covers everything that comes from data: no cell, title,
 * caption or heading can inject markup, formulas or commands in any format (see each writer's
 * opening comment for its rules).
 *
 * Typical CLI glue:
 *     RheaFormat fmt;
 *     if (!rhea_format_parse(format_opt ? format_opt : "text", &fmt, &error))
 *         return rhea_cli_fail("report", error);          // RHEA_ERROR_USAGE: exit 2
 *     if (rhea_report_write_path(report, fmt, out_opt, &error) < 0)   // NULL or "-": stdout
 *         return rhea_cli_fail("report", error);
 */
#pragma once
#include <glib.h>
#include <stdio.h>

#include "reports/report.h"
#include "reports/table.h"

typedef enum {
    RHEA_FORMAT_TEXT,
    RHEA_FORMAT_MD,
    RHEA_FORMAT_CSV,
    RHEA_FORMAT_TEX,
    RHEA_FORMAT_JSON,
    RHEA_FORMAT_HTML,
} RheaFormat;

/* Parses a format name (text, md, csv, tex, json, html; case-insensitive; "markdown" and "latex"
 * are accepted too). On an unknown name sets a RHEA_ERROR_USAGE error listing the choices. */
gboolean rhea_format_parse(const char *name, RheaFormat *out, GError **error);
const char *rhea_format_name(RheaFormat format);
/* The usual file extension, without the dot: "txt", "md", "csv", "tex", "json", "html". */
const char *rhea_format_extension(RheaFormat format);

/* The whole report as text in that format, newly allocated; NULL on error (HTML renders charts,
 * which can fail). */
char *rhea_report_render(const RheaReport *report, RheaFormat format, GError **error);
/* Writes the report to an open stream (stdout, a file) and flushes it. Returns 0 or -1. */
int rhea_report_write(const RheaReport *report, RheaFormat format, FILE *out, GError **error);
/* Writes the report to path (replacing it whole, never half-written); NULL or "-" is stdout. */
int rhea_report_write_path(const RheaReport *report, RheaFormat format, const char *path,
                           GError **error);

/* One table alone: the same writers, without a report title or sections. In LaTeX this is a bare
 * tabular (title as a % comment) to \input inside your own table float; in JSON the table object
 * itself. The table stays the caller's. */
char *rhea_table_render(const RheaTable *table, RheaFormat format, GError **error);
int rhea_table_write(const RheaTable *table, RheaFormat format, FILE *out, GError **error);
