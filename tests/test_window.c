/* test_window.c: --since/--until parsing against hand-computed Unix times. */
#include <check.h>

#include "engine/error.h"
#include "metrics/window.h"
#include "tests/testutil.h"

START_TEST(dates_and_date_times)
{
    gint64 t;
    GError *error = NULL;
    ck_assert_int_eq(rhea_window_parse_date("2023-01-02", "--since", &t, &error), 0);
    ck_assert_int_eq(t, 1672617600); /* 2023-01-02T00:00:00Z */
    ck_assert_int_eq(rhea_window_parse_date("2023-01-02T10:00:00Z", "--since", &t, &error), 0);
    ck_assert_int_eq(t, 1672653600);
    ck_assert_int_eq(rhea_window_parse_date("2023-01-02T11:00:00+01:00", "--since", &t, &error), 0);
    ck_assert_int_eq(t, 1672653600);
    ck_assert_int_eq(rhea_window_parse_date("2023-01-02 10:00", "--since", &t, &error), 0);
    ck_assert_int_eq(t, 1672653600); /* no zone: UTC */
    ck_assert_int_eq(rhea_window_parse_date("1969-12-31", "--since", &t, &error), 0);
    ck_assert_int_eq(t, -86400);
}
END_TEST

START_TEST(bad_dates_name_the_option)
{
    gint64 t;
    /* a fraction of a second would be cut (commit times are whole seconds): refused */
    const char *bad[] = {"2023-13-01",
                         "2023-02-30",
                         "yesterday",
                         "",
                         "2023-1-1",
                         "2023-01-02T25:00Z",
                         "2023-01-02T10:00:00.5Z",
                         "2023-01-02 10:00:00.999+01:00"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *error = NULL;
        ck_assert_int_eq(rhea_window_parse_date(bad[i], "--until", &t, &error), -1);
        ck_assert_msg(g_str_has_prefix(error->message, "--until '"), "%s", error->message);
        ck_assert(g_error_matches(error, RHEA_ERROR, RHEA_ERROR_USAGE));
        g_error_free(error);
    }
    /* the text is quoted escaped, so a newline in it does not make a second line */
    GError *error = NULL;
    ck_assert_int_eq(rhea_window_parse_date("2023-01-01\nrm -rf", "--since", &t, &error), -1);
    ck_assert_str_eq(error->message, "--since '2023-01-01\\x0arm -rf': not a date; use YYYY-MM-DD "
                                     "or YYYY-MM-DDTHH:MM:SSZ");
    g_error_free(error);
}
END_TEST

START_TEST(window_bounds_are_half_open)
{
    RheaWindow w;
    GError *error = NULL;
    ck_assert_int_eq(rhea_window_init(&w, "2023-01-02", "2023-01-03", &error), 0);
    ck_assert(!rhea_window_contains(&w, 1672617599));
    ck_assert(rhea_window_contains(&w, 1672617600));
    ck_assert(rhea_window_contains(&w, 1672703999));
    ck_assert(!rhea_window_contains(&w, 1672704000));
    g_autofree char *d = rhea_window_describe(&w);
    ck_assert_str_eq(d, "from 2023-01-02 to before 2023-01-03");
    ck_assert_int_eq(rhea_window_init(&w, "2023-01-03", "2023-01-02", &error), -1);
    g_clear_error(&error);
    ck_assert_int_eq(rhea_window_init(&w, NULL, NULL, &error), 0);
    ck_assert(rhea_window_contains(&w, G_MININT64));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("window");
    TCase *tc = tcase_create("window");
    tcase_add_test(tc, dates_and_date_times);
    tcase_add_test(tc, bad_dates_name_the_option);
    tcase_add_test(tc, window_bounds_are_half_open);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
