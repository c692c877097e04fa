/* chart_cumulative.c: step lines of (x, y) points with horizontal cuts: the cumulative share of
 * commits by contributor rank, with the 80% cut that defines the core contributors.
 *
 * A series steps after each point: y_i holds from x_i until x_{i+1}, where it rises to y_{i+1}.
 * Points get a small marker while there are few enough (60) to tell apart. */
#include "reports/chart_private.h"

#include <math.h>

void rhea_chart_draw_cumulative(const RheaChart *c, cairo_t *cr)
{
    guint ns = c->series->len;
    g_autofree const char **names = g_new0(const char *, MAX(ns, 1));
    double xlo, xhi, ylo, yhi;
    rhea_chart_series_bounds(c, names, &xlo, &xhi, &ylo, &yhi);
    double top = rhea_chart_frame(c, cr, c->width, names, ns >= 2 ? ns : 0);
    RheaPlot p = {.left = 64, .right = c->width - 24, .top = top, .bottom = c->height - 52};
    if (xlo > 0 && xlo <= 1)
        xlo = 0; /* ranks start at 1: show the axis from 0 */
    rhea_chart_y_axis(c, cr, &p, ylo, yhi);
    rhea_chart_x_axis_numeric(c, cr, &p, xlo, xhi);
    rhea_chart_hlines(c, cr, &p);

    cairo_save(cr);
    cairo_rectangle(cr, p.left - 5, p.top - 5, p.right - p.left + 10, p.bottom - p.top + 10);
    cairo_clip(cr);
    for (guint i = 0; i < ns; i++) {
        const RheaSeries *s = c->series->pdata[i];
        rhea_chart_color(cr, i);
        cairo_set_line_width(cr, 2);
        gboolean started = FALSE;
        double prev_y = 0;
        for (gsize k = 0; k < s->n; k++) {
            if (!isfinite(s->x[k]) || !isfinite(s->y[k]))
                continue;
            double x = rhea_plot_x(&p, s->x[k]), y = rhea_plot_y(&p, s->y[k]);
            if (!started)
                cairo_move_to(cr, x, y);
            else {
                cairo_line_to(cr, x, prev_y);
                cairo_line_to(cr, x, y);
            }
            started = TRUE;
            prev_y = y;
        }
        cairo_stroke(cr);
        rhea_chart_draw_markers(cr, &p, s);
    }
    cairo_restore(cr);
    rhea_chart_axes_box(cr, &p);
}
