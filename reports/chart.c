/* chart.c: the chart model and its outputs (SVG in memory, SVG/PDF/PNG files); each kind draws
 * itself in reports/chart_<kind>.c with the helpers of reports/chart_axes.c. */
#include "reports/chart_private.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "engine/error.h"
#include "engine/outfile.h"

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

/* Interval charts widen so that each category keeps about 28 points. */
static double chart_width(const RheaChart *c)
{
    if (c->kind == RHEA_CHART_INTERVALS)
        return MAX(c->width, 110 + 28.0 * c->intervals->len);
    return c->width;
}

static void draw(const RheaChart *c, cairo_t *cr)
{
    switch (c->kind) {
    case RHEA_CHART_INTERVALS:
        rhea_chart_draw_intervals(c, cr);
        break;
    case RHEA_CHART_CUMULATIVE:
        rhea_chart_draw_cumulative(c, cr);
        break;
    case RHEA_CHART_TIMESERIES:
        rhea_chart_draw_timeseries(c, cr);
        break;
    case RHEA_CHART_HEATMAP:
        rhea_chart_draw_heatmap(c, cr);
        break;
    }
}

static cairo_status_t append_to_string(void *closure, const unsigned char *data,
                                       unsigned int length)
{
    g_string_append_len(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static int cairo_failed(GError **error, cairo_status_t status, const char *what)
{
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot draw the chart %s: %s", what,
                cairo_status_to_string(status));
    return -1;
}

/* Draws c on surface (already sized, in points when scale is 1) and finishes it. */
static int render(const RheaChart *c, cairo_surface_t *surface, double scale, const char *what,
                  GError **error)
{
    cairo_t *cr = cairo_create(surface);
    cairo_scale(cr, scale, scale);
    draw(c, cr);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return cairo_failed(error, status, what);
    return 0;
}

char *rhea_chart_render_svg(const RheaChart *c, gsize *len, GError **error)
{
    GString *out = g_string_new(NULL);
    cairo_surface_t *s =
        cairo_svg_surface_create_for_stream(append_to_string, out, chart_width(c), c->height);
    int rc = render(c, s, 1.0, "as SVG", error);
    cairo_surface_destroy(s);
    if (rc < 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    if (len)
        *len = out->len;
    return g_string_free(out, FALSE);
}

int rhea_chart_source_date(char **iso, GError **error)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    *iso = NULL;
    if (!epoch)
        return 0;
    guint64 t = 0;
    g_autoptr(GDateTime) when = NULL;
    if (!g_ascii_string_to_unsigned(epoch, 10, 0, 253402300799u, &t, NULL) ||
        !(when = g_date_time_new_from_unix_utc((gint64)t))) {
        g_autofree char *shown = rhea_error_quote(epoch);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "SOURCE_DATE_EPOCH '%s' is not a number of seconds since 1970; set it to one "
                    "or unset it",
                    shown);
        return -1;
    }
    *iso = g_date_time_format(when, "%Y-%m-%dT%H:%M:%SZ");
    return 0;
}

int rhea_chart_write_file(const RheaChart *c, RheaChartFormat format, const char *path,
                          GError **error)
{
    /* drawn in memory, then handed to the one output writer (engine/outfile.h): a symlink, a
     * FIFO or a 0600 file at PATH is treated as the shell's `>` would, and a failed draw or
     * write leaves an old chart whole */
    double w = chart_width(c), h = c->height;
    cairo_surface_t *s = NULL;
    GString *out = g_string_new(NULL);
    int rc = -1;
    g_autofree char *what = g_strdup_printf("for %s", path);
    switch (format) {
    case RHEA_CHART_SVG:
        s = cairo_svg_surface_create_for_stream(append_to_string, out, w, h);
        break;
    case RHEA_CHART_PDF:
        s = cairo_pdf_surface_create_for_stream(append_to_string, out, w, h);
        break;
    case RHEA_CHART_PNG:
        /* twice the points in pixels, sharp enough for slides and print previews */
        s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(w * 2), (int)ceil(h * 2));
        break;
    }
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        rc = cairo_failed(error, cairo_surface_status(s), what);
        goto cleanup;
    }
    if (format == RHEA_CHART_PDF) {
        g_autofree char *iso = NULL;
        if (rhea_chart_source_date(&iso, error) < 0)
            goto cleanup;
        if (iso) /* else cairo writes the current time */
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, iso);
    }
    if (format == RHEA_CHART_PNG) {
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, 2, 2);
        draw(c, cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        cairo_status_t status = cairo_surface_write_to_png_stream(s, append_to_string, out);
        if (status != CAIRO_STATUS_SUCCESS) {
            rc = cairo_failed(error, status, what);
            goto cleanup;
        }
    } else if (render(c, s, 1.0, what, error) < 0) {
        goto cleanup;
    }
    rc = rhea_outfile_write(path, out->str, out->len, error);
cleanup:
    cairo_surface_destroy(s);
    g_string_free(out, TRUE);
    return rc;
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

void rhea_chart_draw_markers(cairo_t *cr, const RheaPlot *p, const RheaSeries *s)
{
    if (s->n > 60)
        return;
    for (gsize k = 0; k < s->n; k++) {
        if (!isfinite(s->x[k]) || !isfinite(s->y[k]))
            continue;
        cairo_arc(cr, rhea_plot_x(p, s->x[k]), rhea_plot_y(p, s->y[k]), 2.5, 0, 2 * G_PI);
        cairo_fill(cr);
    }
}
