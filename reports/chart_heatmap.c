/* chart_heatmap.c: a symmetric matrix of ratios around 1 (the RCI between every pair of parts).
 *
 * Names label the rows (left) and the columns (below, turned 45 degrees when they do not fit);
 * each pair is drawn in both halves and the diagonal is left blank. Colour is a diverging scale
 * on log2(value): Okabe-Ito blue below 1, white at 1, Okabe-Ito orange above, saturated at 1/4
 * and 4; an undefined cell is light grey. The value is written in the cell, in dark text on light
 * cells and white on saturated ones, so the chart reads without the colours. */
#include "reports/chart_private.h"

#include <math.h>

static void cell_colour(cairo_t *cr, double v, gboolean *dark)
{
    *dark = FALSE;
    if (!isfinite(v) || v < 0) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        return;
    }
    double t = v <= 0 ? -1 : CLAMP(log2(v) / 2, -1, 1);
    /* Okabe-Ito blue (0, 114, 178) and orange (230, 159, 0) */
    double r = t < 0 ? 0 : 230 / 255.0, g = t < 0 ? 114 / 255.0 : 159 / 255.0,
           b = t < 0 ? 178 / 255.0 : 0;
    double k = fabs(t);
    cairo_set_source_rgb(cr, 1 + (r - 1) * k, 1 + (g - 1) * k, 1 + (b - 1) * k);
    *dark = k > 0.6 && t < 0;
}

void rhea_chart_draw_heatmap(const RheaChart *c, cairo_t *cr)
{
    double top = rhea_chart_frame(c, cr, c->width, NULL, 0);
    guint n = c->names->len;
    if (n == 0)
        return;
    double label_w = 0;
    for (guint i = 0; i < n; i++)
        label_w = MAX(label_w, rhea_chart_text_width(cr, c->names->pdata[i]));
    double left = 16 + MIN(label_w, c->width / 3) + 8;
    double avail_w = c->width - left - 16;
    double size = avail_w / n;
    gboolean rotate = label_w > size - 4;
    double bottom_margin = (rotate ? label_w * G_SQRT2 / 2 + 12 : 20) + 8;
    double avail_h = c->height - top - MIN(bottom_margin, c->height / 3);
    size = MIN(size, avail_h / n);
    if (size <= 0)
        return;

    g_autofree double *value = g_new(double, (gsize)n *n);
    for (guint i = 0; i < n * n; i++)
        value[i] = NAN;
    g_autofree gboolean *set = g_new0(gboolean, (gsize)n * n);
    for (guint i = 0; i < c->cells->len; i++) {
        const RheaHeatCell *cell = &g_array_index(c->cells, RheaHeatCell, i);
        value[cell->a * n + cell->b] = value[cell->b * n + cell->a] = cell->value;
        set[cell->a * n + cell->b] = set[cell->b * n + cell->a] = TRUE;
    }
    for (guint r = 0; r < n; r++) {
        double y = top + r * size;
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        rhea_chart_text(cr, c->names->pdata[r], left - 6, y + size / 2, 1, 0.5, 0);
        for (guint col = 0; col < n; col++) {
            double x = left + col * size;
            if (r == col || !set[r * n + col])
                continue;
            gboolean dark;
            double v = value[r * n + col];
            cell_colour(cr, v, &dark);
            cairo_rectangle(cr, x + 1, y + 1, size - 2, size - 2);
            cairo_fill(cr);
            if (dark)
                cairo_set_source_rgb(cr, 1, 1, 1);
            else
                cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            g_autofree char *text = isfinite(v) ? g_strdup_printf("%.2f", v) : g_strdup("–");
            if (rhea_chart_text_width(cr, text) < size - 4)
                rhea_chart_text(cr, text, x + size / 2, y + size / 2, 0.5, 0.5, 0);
        }
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    double base = top + n * size + 8;
    for (guint col = 0; col < n; col++) {
        double x = left + col * size + size / 2;
        if (rotate)
            rhea_chart_text(cr, c->names->pdata[col], x + 3, base, 1, 0.5, -G_PI / 4);
        else
            rhea_chart_text(cr, c->names->pdata[col], x, base, 0.5, 0, 0);
    }
}
