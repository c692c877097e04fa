/* chart.c: the chart model: what a chart holds, without drawing it (reports/chart_render.c draws
 * it with cairo). A file of its own: rhea-metrics builds charts into a report and writes none of
 * them, and leaves cairo out (cli/launcher.c). */
#include "reports/chart_private.h"

#include <math.h>

static void series_free(gpointer p)
{
    RheaSeries *s = p;
    g_free(s->name);
    g_free(s->x);
    g_free(s->y);
    g_free(s);
}

static void interval_free(gpointer p)
{
    RheaInterval *i = p;
    g_free(i->category);
    g_free(i);
}

static void hline_free(gpointer p)
{
    RheaHline *h = p;
    g_free(h->label);
    g_free(h);
}

static char *valid(const char *s)
{
    return s ? g_utf8_make_valid(s, -1) : NULL;
}

RheaChart *rhea_chart_new(RheaChartKind kind, const char *title, const char *x_label,
                          const char *y_label)
{
    RheaChart *c = g_new0(RheaChart, 1);
    c->kind = kind;
    c->title = valid(title);
    c->x_label = valid(x_label);
    c->y_label = valid(y_label);
    c->series = g_ptr_array_new_with_free_func(series_free);
    c->intervals = g_ptr_array_new_with_free_func(interval_free);
    c->hlines = g_ptr_array_new_with_free_func(hline_free);
    c->names = g_ptr_array_new_with_free_func(g_free);
    c->cells = g_array_new(FALSE, FALSE, sizeof(RheaHeatCell));
    c->width = 720;
    c->height = 400;
    return c;
}

void rhea_chart_free(RheaChart *c)
{
    if (!c)
        return;
    g_ptr_array_free(c->series, TRUE);
    g_ptr_array_free(c->intervals, TRUE);
    g_ptr_array_free(c->hlines, TRUE);
    g_ptr_array_free(c->names, TRUE);
    g_array_free(c->cells, TRUE);
    g_free(c->title);
    g_free(c->x_label);
    g_free(c->y_label);
    g_free(c);
}

RheaChartKind rhea_chart_kind(const RheaChart *c)
{
    return c->kind;
}

const char *rhea_chart_title(const RheaChart *c)
{
    return c->title;
}

void rhea_chart_add_interval(RheaChart *c, const char *category, double value, double low,
                             double high)
{
    g_return_if_fail(c->kind == RHEA_CHART_INTERVALS);
    RheaInterval *i = g_new0(RheaInterval, 1);
    i->category = valid(category ? category : "");
    i->value = value;
    i->low = low;
    i->high = high;
    g_ptr_array_add(c->intervals, i);
}

void rhea_chart_add_series(RheaChart *c, const char *name, const double *x, const double *y,
                           gsize n)
{
    g_return_if_fail(c->kind != RHEA_CHART_INTERVALS && c->kind != RHEA_CHART_HEATMAP);
    RheaSeries *s = g_new0(RheaSeries, 1);
    s->name = valid(name ? name : "");
    s->x = g_memdup2(x, n * sizeof *x);
    s->y = g_memdup2(y, n * sizeof *y);
    s->n = n;
    g_ptr_array_add(c->series, s);
}

static guint name_index(RheaChart *c, const char *name)
{
    g_autofree char *v = valid(name ? name : "");
    for (guint i = 0; i < c->names->len; i++)
        if (g_str_equal(c->names->pdata[i], v))
            return i;
    g_ptr_array_add(c->names, g_steal_pointer(&v));
    return c->names->len - 1;
}

void rhea_chart_add_cell(RheaChart *c, const char *a, const char *b, double value)
{
    g_return_if_fail(c->kind == RHEA_CHART_HEATMAP);
    RheaHeatCell cell = {.a = name_index(c, a), .b = name_index(c, b), .value = value};
    g_array_append_val(c->cells, cell);
}

void rhea_chart_add_hline(RheaChart *c, double y, const char *label)
{
    g_return_if_fail(isfinite(y));
    RheaHline *h = g_new0(RheaHline, 1);
    h->y = y;
    h->label = valid(label);
    g_ptr_array_add(c->hlines, h);
}

void rhea_chart_set_y_range(RheaChart *c, double min, double max)
{
    g_return_if_fail(isfinite(min) && isfinite(max) && min < max);
    c->fixed_y = TRUE;
    c->y_min = min;
    c->y_max = max;
}

void rhea_chart_set_y_percent(RheaChart *c, gboolean percent)
{
    c->percent = percent;
}

void rhea_chart_set_size(RheaChart *c, double width, double height)
{
    g_return_if_fail(width >= 100 && height >= 100);
    c->width = width;
    c->height = height;
}

char *rhea_chart_file_name(const char *name)
{
    /* Percent-escapes every byte that could make NAME more than one file name: '/', '\\', '%'
     * itself, control bytes, bytes >= 0x7f, and a leading '.' (so '.', '..' and hidden names
     * cannot arise); the result is never empty. */
    GString *out = g_string_new(NULL);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        gboolean unsafe = *p == '/' || *p == '\\' || *p == '%' || *p < 0x20 || *p >= 0x7f ||
                          (*p == '.' && p == (const unsigned char *)name);
        if (unsafe)
            g_string_append_printf(out, "%%%02X", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    if (out->len == 0)
        g_string_append(out, "%00");
    return g_string_free(out, FALSE);
}

void rhea_chart_series_bounds(const RheaChart *c, const char **names, double *xlo, double *xhi,
                              double *ylo, double *yhi)
{
    *xlo = *ylo = INFINITY;
    *xhi = *yhi = -INFINITY;
    for (guint i = 0; i < c->series->len; i++) {
        const RheaSeries *s = c->series->pdata[i];
        names[i] = s->name;
        for (gsize k = 0; k < s->n; k++) {
            if (!isfinite(s->x[k]) || !isfinite(s->y[k]))
                continue;
            *xlo = MIN(*xlo, s->x[k]);
            *xhi = MAX(*xhi, s->x[k]);
            *ylo = MIN(*ylo, s->y[k]);
            *yhi = MAX(*yhi, s->y[k]);
        }
    }
}
