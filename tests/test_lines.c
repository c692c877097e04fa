/* test_lines.c: the one line reader (engine/lines.c): line ends, the byte order mark, line
 * numbers, text without a final NUL, and the NUL-byte error. */
#include <check.h>

#include "engine/lines.h"
#include "tests/testutil.h"

/* Every line of text[0..len), each followed by '|', and the last line number. */
static char *all_lines(const char *text, gsize len, guint *last)
{
    g_auto(RheaLines) it = {0};
    rhea_lines_init(&it, text, len);
    GString *out = g_string_new(NULL);
    for (char *line; (line = rhea_lines_next(&it));)
        g_string_append_printf(out, "%s|", line);
    *last = it.lineno;
    return g_string_free(out, FALSE);
}

START_TEST(line_ends_and_numbers)
{
    guint n = 0;
    g_autofree char *a = all_lines("a\nb\r\nc", 6, &n);
    ck_assert_str_eq(a, "a|b|c|");
    ck_assert_uint_eq(n, 3);
    /* a final line end starts no empty line; blank lines in between are lines */
    g_autofree char *b = all_lines("x\n\n\ny\n", 6, &n);
    ck_assert_str_eq(b, "x|||y|");
    ck_assert_uint_eq(n, 4);
    /* only the CR right before the LF is a line end: a lone CR and a doubled one stay */
    g_autofree char *c = all_lines("a\rb\nx\r\r\n", 8, &n);
    ck_assert_str_eq(c, "a\rb|x\r|");
    ck_assert_uint_eq(n, 2);
    g_autofree char *empty = all_lines("", 0, &n);
    ck_assert_str_eq(empty, "");
    ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(byte_order_mark_and_length)
{
    guint n = 0;
    g_autofree char *a = all_lines("\xEF\xBB\xBF"
                                   "first\r\nsecond\r\n",
                                   18, &n);
    ck_assert_str_eq(a, "first|second|");
    ck_assert_uint_eq(n, 2);
    /* a mark only at the start: later it is text */
    g_autofree char *b = all_lines("a\n\xEF\xBB\xBF"
                                   "b\n",
                                   7, &n);
    ck_assert_str_eq(b, "a|\xEF\xBB\xBF"
                        "b|");
    /* a mark alone is no line */
    g_autofree char *c = all_lines("\xEF\xBB\xBF", 3, &n);
    ck_assert_str_eq(c, "");
    ck_assert_uint_eq(n, 0);
    /* len, not a NUL, ends the text: the reader never reads past it */
    const char text[] = {'a', 'b', '\n', 'c', 'd'};
    g_autofree char *d = all_lines(text, 4, &n);
    ck_assert_str_eq(d, "ab|c|");
}
END_TEST

START_TEST(nul_byte_names_its_line)
{
    GError *error = NULL;
    ck_assert_int_eq(rhea_lines_check_text("a\nb\n", 4, "f.rules", "binary", &error), 0);
    ck_assert_ptr_null(error);
    ck_assert_int_eq(rhea_lines_check_text("a\nb\nc\0d\n", 8, "f.rules", "binary content", &error),
                     -1);
    ck_assert_str_eq(error->message, "f.rules:3: NUL byte: binary content");
    g_clear_error(&error);
    ck_assert_int_eq(rhea_lines_check_text("\0", 1, "x", "w", &error), -1);
    ck_assert_str_eq(error->message, "x:1: NUL byte: w");
    g_clear_error(&error);
    /* a NUL past len is not in the text */
    ck_assert_int_eq(rhea_lines_check_text("ab\0", 2, "x", "w", &error), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lines");
    TCase *tc = tcase_create("lines");
    tcase_add_test(tc, line_ends_and_numbers);
    tcase_add_test(tc, byte_order_mark_and_length);
    tcase_add_test(tc, nul_byte_names_its_line);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
