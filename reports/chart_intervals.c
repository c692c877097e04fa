/* chart_intervals.c: one point per category with its interval (whiskers), and reference lines:
 * RCI per product with its 95% interval and the line at 1.
 *
 * Categories sit in equal bands left to right. Their labels turn 45 degrees when they do not
 * fit their band, and the bottom margin grows to hold them (up to half the chart). */
#include "reports/chart_private.h"

#include <math.h>

void rhea_chart_draw_intervals(const RheaChart *c, cairo_t *cr)
{
    double width = MAX(c->width, 110 + 28.0 * c->intervals->len);
    g_autofree char *legend =
        g_strdup_printf("%s with interval", c->y_label ? c->y_label : "value");
    const char *names[] = {legend};
    double top = rhea_chart_frame(c, cr, width, names, 1);

    guint n = c->intervals->len;
    double lo = INFINITY, hi = -INFINITY, label_w = 0;
    for (guint i = 0; i < n; i++) {
        const RheaInterval *iv = c->intervals->pdata[i];
        const double v[] = {iv->value, iv->low, iv->high};
        for (guint k = 0; k < 3; k++) {
            if (isfinite(v[k])) {
                lo = MIN(lo, v[k]);
                hi = MAX(hi, v[k]);
            }
        }
        label_w = MAX(label_w, rhea_chart_text_width(cr, iv->category));
    }
    RheaPlot p = {.left = 64, .right = width - 24, .top = top, .x0 = 0, .x1 = MAX(n, 1)};
    double band = (p.right - p.left) / MAX(n, 1);
    gboolean rotate = label_w > band - 4;
    double label_h = rotate ? label_w * G_SQRT2 / 2 + 8 : 16;
    p.bottom = c->height - MIN(label_h + 14 + (c->x_label ? 22 : 0), c->height / 2);
    rhea_chart_y_axis(c, cr, &p, lo, hi);
    rhea_chart_hlines(c, cr, &p);

    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    for (guint i = 0; i < n; i++) {
        const RheaInterval *iv = c->intervals->pdata[i];
        double x = rhea_plot_x(&p, i + 0.5);
        if (rotate)
            rhea_chart_text(cr, iv->category, x + 3, p.bottom + 8, 1, 0.5, -G_PI / 4);
        else
            rhea_chart_text(cr, iv->category, x, p.bottom + 8, 0.5, 0, 0);
    }
    if (c->x_label)
        rhea_chart_text(cr, c->x_label, (p.left + p.right) / 2, c->height - 18, 0.5, 0, 0);

    cairo_save(cr);
    cairo_rectangle(cr, p.left, p.top, p.right - p.left, p.bottom - p.top);
    cairo_clip(cr);
    for (guint i = 0; i < n; i++) {
        const RheaInterval *iv = c->intervals->pdata[i];
        double x = rhea_plot_x(&p, i + 0.5);
        rhea_chart_color(cr, 0);
        if (isfinite(iv->low) && isfinite(iv->high)) {
            double y0 = rhea_plot_y(&p, iv->low), y1 = rhea_plot_y(&p, iv->high);
            double cap = MIN(5, band / 4);
            cairo_set_line_width(cr, 1.5);
            cairo_move_to(cr, x, y0);
            cairo_line_to(cr, x, y1);
            cairo_move_to(cr, x - cap, y0);
            cairo_line_to(cr, x + cap, y0);
            cairo_move_to(cr, x - cap, y1);
            cairo_line_to(cr, x + cap, y1);
            cairo_stroke(cr);
        }
        if (isfinite(iv->value)) {
            cairo_arc(cr, x, rhea_plot_y(&p, iv->value), 4, 0, 2 * G_PI);
            cairo_fill(cr);
        }
    }
    cairo_restore(cr);
    rhea_chart_axes_box(cr, &p);
}
