/* chart_axes.c: what every chart kind draws the same way: background, title, legend, text,
 * round ticks, the y axis and the reference lines (chart_private.h). */
#include "reports/chart_private.h"

#include <math.h>

#include "reports/format_private.h"

/* Okabe & Ito's colour-blind-safe palette, black last. */
static const double palette[][3] = {
    {0.000, 0.447, 0.698}, /* blue */
    {0.835, 0.369, 0.000}, /* vermillion */
    {0.000, 0.620, 0.451}, /* bluish green */
    {0.902, 0.624, 0.000}, /* orange */
    {0.800, 0.475, 0.655}, /* reddish purple */
    {0.337, 0.706, 0.914}, /* sky blue */
    {0.000, 0.000, 0.000},
};

void rhea_chart_color(cairo_t *cr, guint i)
{
    const double *rgb = palette[i % G_N_ELEMENTS(palette)];
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

double rhea_plot_x(const RheaPlot *p, double x)
{
    return p->left + (x - p->x0) / (p->x1 - p->x0) * (p->right - p->left);
}

double rhea_plot_y(const RheaPlot *p, double y)
{
    return p->bottom - (y - p->y0) / (p->y1 - p->y0) * (p->bottom - p->top);
}

static void font(cairo_t *cr, gboolean bold, double size)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double rhea_chart_text_width(cairo_t *cr, const char *s)
{
    g_autofree char *flat = rhea_format_flatten(s, " ");
    cairo_text_extents_t te;
    cairo_text_extents(cr, flat, &te);
    return te.x_advance;
}

double rhea_chart_text(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                       double angle)
{
    g_autofree char *flat = rhea_format_flatten(s, " ");
    if (!*flat)
        return 0;
    cairo_text_extents_t te;
    cairo_font_extents_t fe;
    cairo_text_extents(cr, flat, &te);
    cairo_font_extents(cr, &fe);
    double cap = fe.ascent * 0.72; /* about the height of a capital letter */
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, angle);
    cairo_move_to(cr, -ax * te.x_advance, cap * (1 - ay));
    cairo_show_text(cr, flat);
    cairo_new_path(cr); /* show_text leaves a current point: the next arc must not join it */
    cairo_restore(cr);
    return te.x_advance;
}

double rhea_chart_frame(const RheaChart *c, cairo_t *cr, double width, const char *const *legend,
                        guint n_legend)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    font(cr, TRUE, RHEA_CHART_FONT_SIZE + 3);
    if (c->title)
        rhea_chart_text(cr, c->title, 16, 14, 0, 0, 0);
    font(cr, FALSE, RHEA_CHART_FONT_SIZE);
    /* legend entries left to right, wrapping to a new row at the right edge */
    double x = 16, y = 40;
    for (guint i = 0; i < n_legend; i++) {
        double w = 18 + rhea_chart_text_width(cr, legend[i]) + 16;
        if (x > 16 && x + w > width - 16) {
            x = 16;
            y += 18;
        }
        rhea_chart_color(cr, i);
        if (c->kind == RHEA_CHART_INTERVALS) {
            cairo_arc(cr, x + 6, y, 4, 0, 2 * G_PI);
            cairo_fill(cr);
        } else {
            cairo_rectangle(cr, x, y - 2, 14, 4);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        rhea_chart_text(cr, legend[i], x + 18, y, 0, 0.5, 0);
        x += w;
    }
    return y + 20;
}

/* Heckbert's nice numbers: 1, 2 or 5 times a power of ten, near x. */
static double nice(double x)
{
    double e = floor(log10(x)), f = x / pow(10, e);
    double nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nf * pow(10, e);
}

int rhea_chart_ticks(double lo, double hi, int target, double *first, double *step)
{
    *step = nice((hi - lo) / MAX(target - 1, 1));
    *first = ceil(lo / *step - 1e-9) * *step;
    int n = (int)floor((hi - *first) / *step + 1e-9) + 1;
    return CLAMP(n, 0, 50);
}

static void tick_label(char *buf, gsize size, double v, double step, gboolean percent)
{
    if (percent) {
        v *= 100;
        step *= 100;
    }
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    char fmt[16];
    g_snprintf(fmt, sizeof fmt, "%%.%df%s", CLAMP(decimals, 0, 9), percent ? "%%" : "");
    if (fabs(v) < step * 1e-6)
        v = 0; /* no "-0" */
    g_snprintf(buf, size, fmt, v);
}

void rhea_chart_y_axis(const RheaChart *c, cairo_t *cr, RheaPlot *p, double lo, double hi)
{
    double first, step;
    if (c->fixed_y) {
        p->y0 = c->y_min;
        p->y1 = c->y_max;
    } else {
        for (guint i = 0; i < c->hlines->len; i++) {
            const RheaHline *h = c->hlines->pdata[i];
            lo = MIN(lo, h->y);
            hi = MAX(hi, h->y);
        }
        if (!isfinite(lo) || !isfinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (lo >= 0)
            lo = 0;
        if (hi - lo < 1e-12)
            hi = lo + (lo == 0 ? 1 : fabs(lo));
        /* round the range outwards to whole ticks */
        rhea_chart_ticks(lo, hi, 6, &first, &step);
        p->y0 = floor(lo / step + 1e-9) * step;
        p->y1 = ceil(hi / step - 1e-9) * step;
    }
    int n = rhea_chart_ticks(p->y0, p->y1, 6, &first, &step);
    font(cr, FALSE, RHEA_CHART_FONT_SIZE);
    cairo_set_line_width(cr, 0.5);
    for (int i = 0; i < n; i++) {
        double v = first + i * step, y = rhea_plot_y(p, v);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, p->left, y);
        cairo_line_to(cr, p->right, y);
        cairo_stroke(cr);
        char buf[64];
        tick_label(buf, sizeof buf, v, step, c->percent);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        rhea_chart_text(cr, buf, p->left - 6, y, 1, 0.5, 0);
    }
    if (c->y_label) {
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        rhea_chart_text(cr, c->y_label, 16, (p->top + p->bottom) / 2, 0.5, 0, -G_PI / 2);
    }
}

void rhea_chart_x_axis_numeric(const RheaChart *c, cairo_t *cr, RheaPlot *p, double lo, double hi)
{
    if (!isfinite(lo) || !isfinite(hi) || hi - lo < 1e-12) {
        lo = isfinite(lo) ? lo : 0;
        hi = lo + 1;
    }
    p->x0 = lo;
    p->x1 = hi;
    double first, step;
    int n = rhea_chart_ticks(lo, hi, 8, &first, &step);
    if (step < 1 && floor(lo) == lo && floor(hi) == hi && hi - lo >= 1) /* ranks are integers */
        n = rhea_chart_ticks(lo, hi, (int)(hi - lo) + 1, &first, &step);
    font(cr, FALSE, RHEA_CHART_FONT_SIZE);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    for (int i = 0; i < n; i++) {
        double v = first + i * step, x = rhea_plot_x(p, v);
        cairo_move_to(cr, x, p->bottom);
        cairo_line_to(cr, x, p->bottom + 4);
        cairo_stroke(cr);
        char buf[64];
        tick_label(buf, sizeof buf, v, step, FALSE);
        rhea_chart_text(cr, buf, x, p->bottom + 8, 0.5, 0, 0);
    }
    if (c->x_label) {
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        rhea_chart_text(cr, c->x_label, (p->left + p->right) / 2, p->bottom + 28, 0.5, 0, 0);
    }
}

void rhea_chart_hlines(const RheaChart *c, cairo_t *cr, const RheaPlot *p)
{
    static const double dash[] = {6, 4};
    font(cr, FALSE, RHEA_CHART_FONT_SIZE);
    for (guint i = 0; i < c->hlines->len; i++) {
        const RheaHline *h = c->hlines->pdata[i];
        if (h->y < MIN(p->y0, p->y1) || h->y > MAX(p->y0, p->y1))
            continue;
        double y = rhea_plot_y(p, h->y);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        cairo_set_line_width(cr, 1.2);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, p->left, y);
        cairo_line_to(cr, p->right, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        if (h->label)
            rhea_chart_text(cr, h->label, p->right - 4, y - 4, 1, 1, 0);
    }
}

void rhea_chart_axes_box(cairo_t *cr, const RheaPlot *p)
{
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, p->left, p->top);
    cairo_line_to(cr, p->left, p->bottom);
    cairo_line_to(cr, p->right, p->bottom);
    cairo_stroke(cr);
}
