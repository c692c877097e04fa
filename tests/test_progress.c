/* test_progress.c: the progress line (engine/progress.c) as stderr receives it. Only what does
 * not depend on the clock is asserted: the final update (done == total) always draws, with no
 * time left; a disabled or NULL progress writes nothing; freeing clears the line. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engine/progress.h"
#include "tests/testutil.h"

/* Runs fn with stderr sent to a file and returns what it wrote. */
static char *capture_stderr(void (*fn)(void))
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "err", NULL);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    dup2(fd, STDERR_FILENO);
    close(fd);
    fn();
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char *text = NULL;
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    testutil_rmtree(dir);
    return text;
}

static void finished_run(void)
{
    RheaProgress *p = rhea_progress_new("wordwise", 13, TRUE);
    rhea_progress_update(p, 13);
    rhea_progress_free(p);
}

static void disabled_run(void)
{
    RheaProgress *p = rhea_progress_new("wordwise", 13, FALSE);
    rhea_progress_update(p, 1);
    rhea_progress_update(p, 13);
    rhea_progress_free(p);
    rhea_progress_update(NULL, 5);
    rhea_progress_free(NULL);
}

START_TEST(final_update_draws_and_free_clears)
{
    g_autofree char *err = capture_stderr(finished_run);
    ck_assert_msg(g_str_has_prefix(err, "\rwordwise: 13/13 commits, "), "%s", err);
    /* nothing is left: 0 seconds, whatever the rate */
    ck_assert_msg(strstr(err, "/s, 0s left  \r\033[K") != NULL, "%s", err);
    ck_assert_msg(g_str_has_suffix(err, "\r\033[K"), "%s", err);
}
END_TEST

START_TEST(disabled_writes_nothing)
{
    g_autofree char *err = capture_stderr(disabled_run);
    ck_assert_str_eq(err, "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("progress");
    tcase_add_test(tc, final_update_draws_and_free_clears);
    tcase_add_test(tc, disabled_writes_nothing);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
