/* test_chart_heatmap.c: the heat map chart (reports/chart_heatmap.c): each pair is drawn in both
 * halves, in the colour its value calls for, and names that are markup stay glyphs. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "reports/chart.h"
#include "tests/testutil.h"

static guint count(const char *hay, const char *needle)
{
    guint n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

START_TEST(colours_by_value_in_both_halves)
{
    g_autoptr(RheaChart) c = rhea_chart_new(RHEA_CHART_HEATMAP, "RCI between parts", NULL, "RCI");
    rhea_chart_add_cell(c, "a", "b", 4.0);        /* log2 4 / 2 = 1: saturated orange */
    rhea_chart_add_cell(c, "a", "c", 0.25);       /* -1: saturated blue */
    rhea_chart_add_cell(c, "b", "c", NAN);        /* undefined: grey */
    rhea_chart_add_cell(c, "<script>", "a", 1.0); /* white, and the name is drawn, not copied */
    GError *error = NULL;
    gsize len = 0;
    g_autofree char *svg = rhea_chart_render_svg(c, &len, &error);
    ck_assert_ptr_nonnull(svg);
    ck_assert_uint_eq(count(svg, "fill:rgb(90.196078%,62.352941%,0%)"), 2);
    ck_assert_uint_eq(count(svg, "fill:rgb(0%,44.705882%,69.803922%)"), 2);
    ck_assert_uint_eq(count(svg, "fill:rgb(88%,88%,88%)"), 2);
    ck_assert_ptr_null(strstr(svg, "<script>"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("chart_heatmap");
    TCase *tc = tcase_create("chart_heatmap");
    tcase_add_test(tc, colours_by_value_in_both_halves);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
