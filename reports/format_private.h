/* format_private.h: what the format writers (reports/format_*.c) share; not for other layers.
 *
 * Each writer appends a whole report to a GString. bare is TRUE when the report is one borrowed
 * table written alone (rhea_table_render): writers that wrap tables in a document (LaTeX floats,
 * the JSON report object) then write the table by itself. */
#pragma once
#include <glib.h>

#include "reports/format.h"

typedef int (*RheaFormatWriter)(const RheaReport *r, gboolean bare, GString *out, GError **error);

int rhea_format_text(const RheaReport *r, gboolean bare, GString *out, GError **error);
int rhea_format_md(const RheaReport *r, gboolean bare, GString *out, GError **error);
int rhea_format_csv(const RheaReport *r, gboolean bare, GString *out, GError **error);
int rhea_format_tex(const RheaReport *r, gboolean bare, GString *out, GError **error);
int rhea_format_json(const RheaReport *r, gboolean bare, GString *out, GError **error);
int rhea_format_html(const RheaReport *r, gboolean bare, GString *out, GError **error);

/* s with line breaks (\r\n, \n, \r) replaced by newline, tabs by a space, and every other
 * control character (C0, DEL, C1) by U+FFFD, so that data cannot move a terminal's cursor or
 * break a format's line structure. Newly allocated. */
char *rhea_format_flatten(const char *s, const char *newline);
/* Display width of valid UTF-8 text in terminal columns (wide East Asian characters count 2,
 * combining marks 0). */
gsize rhea_format_width(const char *s);
