/* chart_render.c: a chart's outputs with cairo (SVG in memory, SVG/PDF/PNG files); each kind
 * draws itself in reports/chart_<kind>.c with the helpers of reports/chart_axes.c. */
#include "reports/chart_private.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "engine/error.h"
#include "engine/outfile.h"

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
