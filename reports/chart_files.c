/* chart_files.c: `--charts DIR`: every chart of a report, or one chart, as SVG, PDF and PNG.
 *
 * The SVG and PDF files are drawn first, one chart after the other, and the PNGs after them on
 * several threads. The order matters: cairo numbers every surface it creates from one process-wide
 * counter and writes that number into SVG ids (`<g id="surface124">`) and PDF objects, so those
 * files are the same bytes on every run only when their surfaces are created in a fixed order.
 * A PNG holds pixels only, and compressing them is most of the time (libz and libpng: 64% of a
 * 22-product report with charts). Each thread draws on surfaces of its own. */
#include "reports/chart.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "engine/error.h"

typedef struct {
    const RheaChart *const *charts;
    char **paths;    /* the PNG paths, per chart */
    GError **errors; /* per chart */
    guint n;
    gint next; /* the next chart a thread takes */
} PngJob;

static gpointer write_pngs(gpointer data)
{
    PngJob *j = data;
    for (gint i; (i = g_atomic_int_add(&j->next, 1)) < (gint)j->n;)
        rhea_chart_write_file(j->charts[i], RHEA_CHART_PNG, j->paths[i], &j->errors[i]);
    return NULL;
}

static char *path_of(const char *dir, const char *basename, const char *ext)
{
    g_autofree char *safe = rhea_chart_file_name(basename);
    g_autofree char *name = g_strdup_printf("%s.%s", safe, ext);
    return g_build_filename(dir, name, NULL);
}

int rhea_chart_write_set(const RheaChart *const *charts, const char *const *basenames, guint n,
                         const char *dir, guint threads, GError **error)
{
    g_autofree char *date = NULL;
    if (rhea_chart_source_date(&date, error) < 0) /* before any file is written */
        return -1;
    if (g_mkdir_with_parents(dir, 0777) < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot create the charts folder %s: %s",
                    dir, g_strerror(errno));
        return -1;
    }
    for (guint i = 0; i < n; i++) {
        g_autofree char *svg = path_of(dir, basenames[i], "svg");
        g_autofree char *pdf = path_of(dir, basenames[i], "pdf");
        if (rhea_chart_write_file(charts[i], RHEA_CHART_SVG, svg, error) < 0 ||
            rhea_chart_write_file(charts[i], RHEA_CHART_PDF, pdf, error) < 0)
            return -1;
    }
    g_auto(GStrv) paths = g_new0(char *, n + 1);
    g_autofree GError **errors = g_new0(GError *, n + 1);
    for (guint i = 0; i < n; i++)
        paths[i] = path_of(dir, basenames[i], "png");
    PngJob job = {.charts = charts, .paths = paths, .errors = errors, .n = n};
    g_autoptr(GPtrArray) started = g_ptr_array_new();
    for (guint t = 1; t < MIN(threads, n); t++) {
        GThread *th = g_thread_try_new("charts", write_pngs, &job, NULL);
        if (th) /* no thread: the others, or this one, take its charts */
            g_ptr_array_add(started, th);
    }
    write_pngs(&job);
    for (guint t = 0; t < started->len; t++)
        g_thread_join(g_ptr_array_index(started, t));
    int rc = 0;
    for (guint i = 0; i < n; i++) { /* the first failure in chart order, as one thread says it */
        if (errors[i] && rc == 0) {
            g_propagate_error(error, errors[i]);
            rc = -1;
        } else if (errors[i]) {
            g_error_free(errors[i]);
        }
    }
    return rc;
}

int rhea_chart_write_files(const RheaChart *c, const char *dir, const char *basename,
                           GError **error)
{
    return rhea_chart_write_set(&c, &basename, 1, dir, 1, error);
}
