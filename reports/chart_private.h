/* chart_private.h: the chart model and the drawing helpers the chart kinds share
 * (reports/chart*.c only).
 *
 * Drawing works in points: the caller sets up a surface of c->width x c->height and each kind's
 * draw function paints everything on a white background. A RheaPlot maps data to the plot area:
 * x grows right, y grows up. */
#pragma once
#include <cairo.h>
#include <glib.h>

#include "reports/chart.h"

typedef struct {
    char *name;
    double *x, *y;
    gsize n;
} RheaSeries;

typedef struct {
    char *category;
    double value, low, high;
} RheaInterval;

typedef struct {
    double y;
    char *label;
} RheaHline;

typedef struct {
    guint a, b; /* indices into names */
    double value;
} RheaHeatCell;

struct RheaChart {
    RheaChartKind kind;
    char *title, *x_label, *y_label;
    GPtrArray *series;    /* of RheaSeries* */
    GPtrArray *intervals; /* of RheaInterval* */
    GPtrArray *hlines;    /* of RheaHline* */
    GPtrArray *names;     /* HEATMAP: row and column names (char *), in order of first use */
    GArray *cells;        /* HEATMAP: RheaHeatCell */
    gboolean fixed_y, percent;
    double y_min, y_max;
    double width, height;
};

typedef struct {
    double left, top, right, bottom; /* plot area, points */
    double x0, x1, y0, y1;           /* data at its edges */
} RheaPlot;

#define RHEA_CHART_FONT_SIZE 11.0

void rhea_chart_draw_intervals(const RheaChart *c, cairo_t *cr);
void rhea_chart_draw_cumulative(const RheaChart *c, cairo_t *cr);
void rhea_chart_draw_timeseries(const RheaChart *c, cairo_t *cr);
void rhea_chart_draw_heatmap(const RheaChart *c, cairo_t *cr);

double rhea_plot_x(const RheaPlot *p, double x);
double rhea_plot_y(const RheaPlot *p, double y);
/* Series colour i (Okabe-Ito palette, cycling). */
void rhea_chart_color(cairo_t *cr, guint i);
/* Draws text with its anchor at (x, y): ax 0/0.5/1 = left/centre/right, ay 0/0.5/1 =
 * top/middle/baseline; rotated by angle radians about the anchor. Returns its width. */
double rhea_chart_text(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                       double angle);
double rhea_chart_text_width(cairo_t *cr, const char *s);
/* White background, the title, and the legend (names of series with their colours) under it,
 * in rows that fit width. Returns where the plot area may start (below the legend). */
/* A small marker on each finite point of the series, while there are few enough (60) to tell
 * apart. */
void rhea_chart_draw_markers(cairo_t *cr, const RheaPlot *p, const RheaSeries *s);
/* The series' names (into names, one per series) and the bounds of their finite points; the
 * bounds stay infinite (lo = +inf, hi = -inf) when there is none. */
void rhea_chart_series_bounds(const RheaChart *c, const char **names, double *xlo, double *xhi,
                              double *ylo, double *yhi);
double rhea_chart_frame(const RheaChart *c, cairo_t *cr, double width, const char *const *legend,
                        guint n_legend);
/* Picks the y range (fixed, or fitted to lo..hi and the reference lines, with 0 when all data
 * are >= 0) and draws the y grid, tick labels and axis label; sets p->y0, p->y1. */
void rhea_chart_y_axis(const RheaChart *c, cairo_t *cr, RheaPlot *p, double lo, double hi);
/* Numeric x ticks and label (the CUMULATIVE axis); sets p->x0, p->x1 from lo..hi. */
void rhea_chart_x_axis_numeric(const RheaChart *c, cairo_t *cr, RheaPlot *p, double lo, double hi);
/* The reference lines, dashed, labelled at their right end. */
void rhea_chart_hlines(const RheaChart *c, cairo_t *cr, const RheaPlot *p);
/* The plot area's left and bottom axis lines. */
void rhea_chart_axes_box(cairo_t *cr, const RheaPlot *p);
/* Round tick positions covering lo..hi: *first, *step and the count (at most max). */
int rhea_chart_ticks(double lo, double hi, int target, double *first, double *step);
