/* chart_timeseries.c: lines over time, x in Unix seconds (UTC): ML vs non-ML commits per month
 * of a product, or a metric per window in a trend.
 *
 * Date ticks fall on the first of a month, every 1, 2, 3, 6, 12, 24, 60 or 120 months (the
 * smallest step giving at most 8 ticks), labelled YYYY-MM, or YYYY from yearly steps on. A span
 * too short for two month ticks labels its two ends with full dates instead. */
#include "reports/chart_private.h"

#include <math.h>

static GDateTime *utc(double t)
{
    return g_date_time_new_from_unix_utc((gint64)floor(t));
}

static double month_start(int month_index)
{
    g_autoptr(GDateTime) d =
        g_date_time_new_utc(month_index / 12, month_index % 12 + 1, 1, 0, 0, 0);
    return d ? (double)g_date_time_to_unix(d) : NAN;
}

static void x_axis(const RheaChart *c, cairo_t *cr, const RheaPlot *p)
{
    static const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120};
    g_autoptr(GDateTime) a = utc(p->x0);
    g_autoptr(GDateTime) b = utc(p->x1);
    if (!a || !b)
        return;
    int ma = g_date_time_get_year(a) * 12 + g_date_time_get_month(a) - 1;
    int mb = g_date_time_get_year(b) * 12 + g_date_time_get_month(b) - 1;
    int step = steps[G_N_ELEMENTS(steps) - 1], first = 0, n = 0;
    for (guint i = 0; i < G_N_ELEMENTS(steps); i++) {
        first = (ma + steps[i] - 1) / steps[i] * steps[i];
        if (month_start(first) < p->x0)
            first += steps[i];
        n = first > mb ? 0 : (mb - first) / steps[i] + 1;
        step = steps[i];
        if (n <= 8)
            break;
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    if (n < 2) {
        g_autofree char *la = g_date_time_format(a, "%Y-%m-%d");
        g_autofree char *lb = g_date_time_format(b, "%Y-%m-%d");
        rhea_chart_text(cr, la, p->left, p->bottom + 8, 0, 0, 0);
        rhea_chart_text(cr, lb, p->right, p->bottom + 8, 1, 0, 0);
    }
    for (int i = 0; n >= 2 && i < n; i++) {
        int m = first + i * step;
        double x = rhea_plot_x(p, month_start(m));
        cairo_move_to(cr, x, p->bottom);
        cairo_line_to(cr, x, p->bottom + 4);
        cairo_stroke(cr);
        char buf[32];
        if (step >= 12)
            g_snprintf(buf, sizeof buf, "%d", m / 12);
        else
            g_snprintf(buf, sizeof buf, "%d-%02d", m / 12, m % 12 + 1);
        rhea_chart_text(cr, buf, x, p->bottom + 8, 0.5, 0, 0);
    }
    if (c->x_label) {
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        rhea_chart_text(cr, c->x_label, (p->left + p->right) / 2, p->bottom + 28, 0.5, 0, 0);
    }
}

void rhea_chart_draw_timeseries(const RheaChart *c, cairo_t *cr)
{
    guint ns = c->series->len;
    g_autofree const char **names = g_new0(const char *, MAX(ns, 1));
    double xlo, xhi, ylo, yhi;
    rhea_chart_series_bounds(c, names, &xlo, &xhi, &ylo, &yhi);
    double top = rhea_chart_frame(c, cr, c->width, names, ns >= 2 ? ns : 0);
    RheaPlot p = {.left = 64, .right = c->width - 24, .top = top, .bottom = c->height - 52};
    if (!isfinite(xlo)) {
        xlo = 0;
        xhi = 86400;
    } else if (xhi - xlo < 86400) {
        xhi = xlo + 86400; /* at least a day wide */
    }
    p.x0 = xlo;
    p.x1 = xhi;
    rhea_chart_y_axis(c, cr, &p, ylo, yhi);
    x_axis(c, cr, &p);
    rhea_chart_hlines(c, cr, &p);

    cairo_save(cr);
    cairo_rectangle(cr, p.left - 5, p.top - 5, p.right - p.left + 10, p.bottom - p.top + 10);
    cairo_clip(cr);
    for (guint i = 0; i < ns; i++) {
        const RheaSeries *s = c->series->pdata[i];
        rhea_chart_color(cr, i);
        cairo_set_line_width(cr, 2);
        gboolean started = FALSE;
        for (gsize k = 0; k < s->n; k++) {
            if (!isfinite(s->x[k]) || !isfinite(s->y[k])) {
                started = FALSE; /* a gap in the data is a gap in the line */
                continue;
            }
            double x = rhea_plot_x(&p, s->x[k]), y = rhea_plot_y(&p, s->y[k]);
            if (started)
                cairo_line_to(cr, x, y);
            else
                cairo_move_to(cr, x, y);
            started = TRUE;
        }
        cairo_stroke(cr);
        rhea_chart_draw_markers(cr, &p, s);
    }
    cairo_restore(cr);
    rhea_chart_axes_box(cr, &p);
}
