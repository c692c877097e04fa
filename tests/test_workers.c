/* test_workers.c: the child-process pool (engine/workers.h): results in task order whatever the
 * order children end in, exit codes and signals as done() sees them, the parent's own tasks in
 * their place, output larger than a pipe holds, at most `jobs` children at once (read from a log
 * the children append to, not from timing), and a failing done() cancelling the rest. */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/workers.h"
#include "tests/testutil.h"

typedef struct {
    char *dir, *log;        /* children append "+T" when they start and "-T" when they end */
    gboolean odd_in_parent; /* start() keeps odd tasks in the parent */
    int fail_at;            /* done() fails at this task (-1: never) */
    GString *seen;          /* done()'s calls: "task:status:cancelled:output|" */
} Fixture;

static void append_log(const char *log, char sign, guint task)
{
    int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
    g_autofree char *line = g_strdup_printf("%c%u\n", sign, task);
    ck_assert_int_eq(write(fd, line, strlen(line)), (ssize_t)strlen(line));
    close(fd);
}

static gboolean start(guint task, gpointer user)
{
    Fixture *f = user;
    return !(f->odd_in_parent && task % 2);
}

/* Task t: sleeps a little longer the lower t is (so later tasks end first), prints "out t",
 * exits with t % 3; task 4 is killed by SIGKILL, task 5 writes 200,000 bytes. */
static int work(guint task, gpointer user)
{
    Fixture *f = user;
    append_log(f->log, '+', task);
    g_usleep((6 - task % 6) * 5000);
    if (task == 5) {
        for (int i = 0; i < 20000; i++)
            fputs("0123456789", stdout);
    } else
        printf("out %u", task);
    append_log(f->log, '-', task);
    if (task == 4) {
        fflush(stdout);
        raise(SIGKILL);
    }
    return (int)(task % 3);
}

static int done(guint task, int status, const char *output, gsize len, gboolean cancelled,
                gpointer user, GError **error)
{
    Fixture *f = user;
    ck_assert_uint_eq(strlen(output), len);
    if (task == 5 && len == 200000)
        output = "200000 bytes";
    g_string_append_printf(f->seen, "%u:%d:%d:%s|", task, status, cancelled, output);
    if ((int)task == f->fail_at) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "task %u failed", task);
        return -1;
    }
    return 0;
}

/* The largest number of children running at once, from the log. */
static int max_running(const char *log)
{
    g_autofree char *text = NULL;
    ck_assert(g_file_get_contents(log, &text, NULL, NULL));
    int running = 0, most = 0;
    for (char *p = text; *p; p = strchr(p, '\n') + 1) {
        running += *p == '+' ? 1 : -1;
        most = MAX(most, running);
    }
    ck_assert_int_eq(running, 0);
    return most;
}

static void run(Fixture *f, guint jobs, guint n, int want_rc)
{
    f->dir = testutil_tmpdir();
    f->log = g_build_filename(f->dir, "log", NULL);
    f->seen = g_string_new(NULL);
    const RheaWorkerCalls calls = {start, work, done};
    GError *error = NULL;
    int rc = rhea_workers_run(jobs, n, &calls, f, NULL, &error);
    ck_assert_int_eq(rc, want_rc);
    if (rc < 0) {
        ck_assert_str_eq(error->message, "task 1 failed");
        g_error_free(error);
    }
}

static void clear(Fixture *f)
{
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f->log);
    g_string_free(f->seen, TRUE);
}

/* Every status by hand: t % 3 for tasks 0..3, SIGKILL (256 + 9) for 4, 5 % 3 = 2 for 5. */
#define ALL_SIX "0:0:0:out 0|1:1:0:out 1|2:2:0:out 2|3:0:0:out 3|4:265:0:out 4|5:2:0:200000 bytes|"

START_TEST(results_in_task_order)
{
    for (guint jobs = 1; jobs <= 4; jobs++) {
        Fixture f = {.fail_at = -1};
        run(&f, jobs, 6, 0);
        ck_assert_str_eq(f.seen->str, ALL_SIX);
        ck_assert_int_eq(max_running(f.log), MIN(jobs, 6)); /* 6 tasks, each running >= 5 ms */
        clear(&f);
    }
}
END_TEST

START_TEST(at_most_jobs_children)
{
    Fixture f = {.fail_at = -1};
    run(&f, 2, 6, 0);
    ck_assert_int_le(max_running(f.log), 2);
    clear(&f);
    Fixture g = {.fail_at = -1};
    run(&g, 1, 6, 0);
    /* one at a time: the log is exactly +0 -0 +1 -1 ... */
    g_autofree char *text = NULL;
    ck_assert(g_file_get_contents(g.log, &text, NULL, NULL));
    ck_assert_str_eq(text, "+0\n-0\n+1\n-1\n+2\n-2\n+3\n-3\n+4\n-4\n+5\n-5\n");
    clear(&g);
}
END_TEST

START_TEST(parent_tasks_in_place)
{
    Fixture f = {.odd_in_parent = TRUE, .fail_at = -1};
    run(&f, 2, 6, 0);
    ck_assert_str_eq(f.seen->str, "0:0:0:out 0|1:-1:0:|2:2:0:out 2|3:-1:0:|4:265:0:out 4|5:-1:0:|");
    clear(&f);
}
END_TEST

START_TEST(failing_done_cancels_the_rest)
{
    Fixture f = {.fail_at = 1};
    run(&f, 2, 6, -1);
    /* tasks 0 and 1 done; those started meanwhile (2, perhaps 3) are cancelled, ended or
     * terminated; 4 and 5 never start (2 jobs: 2 and 3 start as 1 and 0 end) */
    ck_assert_msg(g_str_has_prefix(f.seen->str, "0:0:0:out 0|1:1:0:out 1|"), "%s", f.seen->str);
    g_auto(GStrv) rest = g_strsplit(f.seen->str + strlen("0:0:0:out 0|1:1:0:out 1|"), "|", -1);
    guint n = g_strv_length(rest);
    ck_assert_msg(n >= 2 && n <= 3 && !*rest[n - 1], "%s", f.seen->str); /* "2..|" or "2..|3..|" */
    for (guint i = 0; i + 1 < n; i++) {
        g_auto(GStrv) field = g_strsplit(rest[i], ":", -1);
        ck_assert_uint_eq(g_ascii_strtoull(field[0], NULL, 10), 2 + i);
        ck_assert_str_eq(field[2], "1");
    }
    clear(&f);
}
END_TEST

START_TEST(no_tasks)
{
    Fixture f = {.fail_at = -1};
    run(&f, 2, 0, 0);
    ck_assert_str_eq(f.seen->str, "");
    clear(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("workers");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, results_in_task_order);
    tcase_add_test(tc, at_most_jobs_children);
    tcase_add_test(tc, parent_tasks_in_place);
    tcase_add_test(tc, failing_done_cancels_the_rest);
    tcase_add_test(tc, no_tasks);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
