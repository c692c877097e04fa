/* chart.h: charts drawn with cairo, as SVG (for the HTML report) or PDF and PNG files (papers).
 *
 * A chart holds data, not pixels; it is drawn anew for each output. Three kinds:
 *
 * - RHEA_CHART_INTERVALS: one point per category with its interval, plus reference lines; e.g.
 *   RCI per product with its 95% interval and the line at 1:
 *       RheaChart *c = rhea_chart_new(RHEA_CHART_INTERVALS, "RCI per product", "Product", "RCI");
 *       rhea_chart_add_interval(c, "P17", 1.31, 1.10, 1.55);
 *       rhea_chart_add_hline(c, 1.0, "RCI = 1");
 * - RHEA_CHART_CUMULATIVE: step lines of (x, y) points, y usually a share in [0, 1]; e.g. the
 *   cumulative share of commits by contributor rank with the 80% cut:
 *       rhea_chart_add_series(c, "P17", ranks, shares, n);   // ranks 1..n, shares rising to 1
 *       rhea_chart_add_hline(c, 0.8, "80%");
 *       rhea_chart_set_y_range(c, 0, 1); rhea_chart_set_y_percent(c, TRUE);
 * - RHEA_CHART_TIMESERIES: lines of (x, y) points where x is a time in Unix seconds (UTC), for
 *   ML vs non-ML commits per month, or a metric per window in `rhea trend`; the x axis shows
 *   dates.
 * - RHEA_CHART_HEATMAP: a symmetric matrix of ratios around 1, one cell per pair of names; e.g.
 *   the RCI between every pair of parts (`rhea coupling --matrix`):
 *       rhea_chart_add_cell(c, "app", "model", 0.625);   // drawn at (app, model) and (model, app)
 *   Names are rows and columns in the order they first appear; a cell is blue below 1, white at
 *   1 and orange above (log scale, saturated at 1/4 and 4), grey when undefined, with its value
 *   written in it.
 *
 * Every string is drawn as glyphs (cairo's toy text API, "sans-serif"), never copied into the SVG
 * as text, so chart output cannot carry markup from data. Non-finite numbers are skipped: a NaN
 * value in an interval chart leaves its category labelled but empty; a NaN interval end draws the
 * point without whiskers. Series use a colour-blind-safe palette (Okabe-Ito) in the order added;
 * a legend names them when there are two or more (and always for INTERVALS' reference lines).
 */
#pragma once
#include <glib.h>

typedef struct RheaChart RheaChart;

typedef enum {
    RHEA_CHART_INTERVALS,
    RHEA_CHART_CUMULATIVE,
    RHEA_CHART_TIMESERIES,
    RHEA_CHART_HEATMAP,
} RheaChartKind;

typedef enum {
    RHEA_CHART_SVG,
    RHEA_CHART_PDF,
    RHEA_CHART_PNG,
} RheaChartFormat;

RheaChart *rhea_chart_new(RheaChartKind kind, const char *title, const char *x_label,
                          const char *y_label);
void rhea_chart_free(RheaChart *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaChart, rhea_chart_free)

RheaChartKind rhea_chart_kind(const RheaChart *c);
const char *rhea_chart_title(const RheaChart *c);

/* INTERVALS only: a category (drawn left to right in the order added). */
void rhea_chart_add_interval(RheaChart *c, const char *category, double value, double low,
                             double high);
/* CUMULATIVE and TIMESERIES: a named series of n points, copied. */
void rhea_chart_add_series(RheaChart *c, const char *name, const double *x, const double *y,
                           gsize n);
/* HEATMAP only: the value of the pair (a, b), a != b (NaN: undefined). */
void rhea_chart_add_cell(RheaChart *c, const char *a, const char *b, double value);
/* A dashed horizontal line at y with a label (NULL for none); any kind. */
void rhea_chart_add_hline(RheaChart *c, double y, const char *label);
/* Fixes the y axis (otherwise it fits the data and the lines, with 0 included for counts). */
void rhea_chart_set_y_range(RheaChart *c, double min, double max);
/* Shows y tick labels as percentages (0.8 -> 80%). */
void rhea_chart_set_y_percent(RheaChart *c, gboolean percent);
/* Size in points (1/72 inch; PNG pixels are twice that). Default 720 x 400; INTERVALS widen to
 * fit many categories. */
void rhea_chart_set_size(RheaChart *c, double width, double height);

/* The chart as an SVG document, newly allocated (NUL-terminated; *len without the NUL). */
char *rhea_chart_render_svg(const RheaChart *c, gsize *len, GError **error);
/* $SOURCE_DATE_EPOCH (reproducible-builds.org) as the PDFs' creation date, "YYYY-MM-DDThh:mm:ssZ"
 * in *iso, so that charts written again are the same bytes; *iso NULL when it is unset (cairo then
 * writes the current time); -1 with *error set when it is not a number of seconds. */
int rhea_chart_source_date(char **iso, GError **error);
/* The chart as one file in that format. */
int rhea_chart_write_file(const RheaChart *c, RheaChartFormat format, const char *path,
                          GError **error);
/* NAME made one safe file name: '/', '\\', '%', control and non-ASCII bytes and a leading '.'
 * written %XX ("a/b" -> "a%2Fb", ".." -> "%2E.", "" -> "%00"). */
char *rhea_chart_file_name(const char *name);
/* The `--charts DIR` case: DIR/NAME.svg, .pdf and .png, creating DIR when absent, NAME being
 * BASENAME made safe by rhea_chart_file_name: nothing is written outside DIR. */
int rhea_chart_write_files(const RheaChart *c, const char *dir, const char *basename,
                           GError **error);
/* The same for n charts (basenames[i] names charts[i]), the PNGs on up to `threads` threads
 * (reports/chart_files.c); the files are the same bytes whatever the number of threads. The first
 * failure stops the SVG and PDF files; of the PNGs, every one is tried and the first chart's
 * failure is returned. */
int rhea_chart_write_set(const RheaChart *const *charts, const char *const *basenames, guint n,
                         const char *dir, guint threads, GError **error);
