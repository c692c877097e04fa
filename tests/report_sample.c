/* report_sample.c: rhea-report-sample, a test-only program that builds a fixed report with
 * tables and every kind of chart, so the end-to-end tests can check the HTML page in a browser
 * and the chart files with independent readers (python3, chromium, file magic).
 *
 *   rhea-report-sample report FORMAT PATH   the sample report in FORMAT (text|md|csv|tex|json|html)
 *   rhea-report-sample charts DIR           DIR/{intervals,cumulative,timeseries}.{svg,pdf,png}
 *
 * The chart data are chosen so the tests can count the marks by hand: see each chart below. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/format.h"

/* Five categories on a fixed 0..2 axis (ticks 0, 0.5, 1, 1.5, 2) and the line at 1:
 * 4 points (P3 has none), 3 whiskers (P4 has no interval), 15 labels (title, legend, 5 ticks,
 * y label, 5 categories, x label, line label). */
static RheaChart *intervals(void)
{
    RheaChart *c =
        rhea_chart_new(RHEA_CHART_INTERVALS, "RCI per product (95% interval)", "Product", "RCI");
    rhea_chart_add_interval(c, "P1", 1.5, 1.2, 1.8);
    rhea_chart_add_interval(c, "P2", 0.6, 0.4, 0.9);
    rhea_chart_add_interval(c, "P3", NAN, NAN, NAN);
    rhea_chart_add_interval(c, "P4", 1.0, NAN, NAN);
    rhea_chart_add_interval(c, "<script>alert(1)</script>", 0.3, 0.1, 0.5);
    rhea_chart_add_hline(c, 1.0, "RCI = 1");
    rhea_chart_set_y_range(c, 0, 2);
    return c;
}

/* Two step lines (4 and 3 points) on 0..100% with the 80% cut. */
static RheaChart *cumulative(void)
{
    RheaChart *c = rhea_chart_new(RHEA_CHART_CUMULATIVE, "Cumulative share of commits",
                                  "Contributors (by commits)", "Share of commits");
    const double xa[] = {1, 2, 3, 4}, ya[] = {0.5, 0.8, 0.9, 1.0};
    const double xb[] = {1, 2, 3}, yb[] = {0.4, 0.7, 1.0};
    rhea_chart_add_series(c, "P1", xa, ya, 4);
    rhea_chart_add_series(c, "P2", xb, yb, 3);
    rhea_chart_add_hline(c, 0.8, "80%");
    rhea_chart_set_y_range(c, 0, 1);
    rhea_chart_set_y_percent(c, TRUE);
    return c;
}

/* ML and non-ML commits for the 24 months of 2019-2020 (first of each month, UTC). */
static RheaChart *timeseries(void)
{
    RheaChart *c =
        rhea_chart_new(RHEA_CHART_TIMESERIES, "P1: commits per month", "Month", "Commits");
    double x[24], ml[24], nonml[24];
    for (int i = 0; i < 24; i++) {
        g_autoptr(GDateTime) d = g_date_time_new_utc(2019 + i / 12, i % 12 + 1, 1, 0, 0, 0);
        x[i] = (double)g_date_time_to_unix(d);
        ml[i] = 5 + (i % 6);
        nonml[i] = 20 + 10 * sin(i / 3.0);
    }
    rhea_chart_add_series(c, "ML", x, ml, 24);
    rhea_chart_add_series(c, "non-ML", x, nonml, 24);
    return c;
}

static RheaReport *sample_report(void)
{
    RheaReport *r = rhea_report_new("rhea sample report");
    RheaSection *s = rhea_report_add_section(r, "RQ1: contributors and coupling");
    rhea_section_add_text(s, "Four products; one name is hostile on purpose: "
                             "<script>alert(1)</script>.");
    RheaTable *t = rhea_table_new("rq1", "RQ1 per product");
    rhea_table_add_column(t, "product", "Product", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "commits", "Commits", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "rci", "RCI", RHEA_ALIGN_RIGHT);
    const struct {
        const char *name;
        gint64 commits;
        double rci;
    } rows[] = {
        {"P1", 120, 1.5}, {"P2", 40, 0.6}, {"P3", 3, NAN}, {"<script>alert(1)</script>", 9, 0.3}};
    for (guint i = 0; i < G_N_ELEMENTS(rows); i++) {
        rhea_table_add_row(t);
        rhea_table_push_string(t, rows[i].name);
        rhea_table_push_int(t, rows[i].commits);
        rhea_table_push_double(t, rows[i].rci, 2);
    }
    rhea_table_set_caption(t, "RCI is undefined for P3 (no ML files).");
    rhea_section_add_table(s, t);
    rhea_section_add_chart(s, intervals());
    rhea_section_add_chart(rhea_report_add_section(r, "Core contributors"), cumulative());
    rhea_section_add_chart(rhea_report_add_section(r, "ML and non-ML commits over time"),
                           timeseries());
    return r;
}

int main(int argc, char **argv)
{
    GError *error = NULL;
    int rc = 0;
    if (argc == 4 && strcmp(argv[1], "report") == 0) {
        RheaFormat f;
        g_autoptr(RheaReport) r = sample_report();
        if (!rhea_format_parse(argv[2], &f, &error) ||
            rhea_report_write_path(r, f, argv[3], &error) < 0)
            rc = 1;
    } else if (argc == 3 && strcmp(argv[1], "charts") == 0) {
        RheaChart *charts[] = {intervals(), cumulative(), timeseries()};
        const char *names[] = {"intervals", "cumulative", "timeseries"};
        for (guint i = 0; i < G_N_ELEMENTS(charts); i++) {
            if (rc == 0 && rhea_chart_write_files(charts[i], argv[2], names[i], &error) < 0)
                rc = 1;
            rhea_chart_free(charts[i]);
        }
    } else {
        fprintf(stderr, "usage: rhea-report-sample report FORMAT PATH | charts DIR\n");
        return 2;
    }
    if (rc) {
        fprintf(stderr, "rhea-report-sample: %s\n", error->message);
        g_error_free(error);
    }
    return rc;
}
