/* workers.c: the child-process pool (workers.h).
 *
 * One loop in the parent: start tasks while fewer than `jobs` children run, hand finished tasks
 * to done() in task order, and otherwise wait in poll() for output or end of output of the
 * running children. A child's end is seen as the end of its pipe, then reaped with waitpid on its
 * own pid (never -1: the process may have other children, a test harness for one). Output is
 * read as it comes, so a child writing more than a pipe holds never blocks. */
#include "engine/workers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "engine/error.h"

typedef struct {
    pid_t pid; /* 0: not forked */
    int fd;    /* read end of the child's stdout, -1 once closed */
    GString *out;
    gboolean finished;
    int status;
} Task;

/* A task whose child could not be started: done() sees the shell's "cannot run" code. */
#define CANNOT_START 127

static void reap(Task *t)
{
    int st = 0;
    while (waitpid(t->pid, &st, 0) < 0 && errno == EINTR)
        ;
    t->status = WIFEXITED(st) ? WEXITSTATUS(st) : RHEA_WORKERS_SIGNALED + WTERMSIG(st);
    t->finished = TRUE;
}

static void close_fd(Task *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
}

/* The child's side of a fork: never returns. */
static void G_GNUC_NORETURN run_child(Task *tasks, guint first, guint last, guint task, int wfd,
                                      pid_t parent, const sigset_t *old_mask,
                                      const RheaWorkerCalls *calls, gpointer user)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) /* the parent died before prctl */
        _exit(RHEA_WORKERS_SIGNALED - 1);
#else
    (void)parent;
#endif
    /* The parent's handlers are the parent's business (a test harness's forwards SIGTERM to its
     * whole process group, say): the child starts with the defaults, and work() installs its
     * own. The two were blocked across fork, so none of them can run in the child. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sigprocmask(SIG_SETMASK, old_mask, NULL);
    for (guint i = first; i < last; i++) /* siblings' pipes are not this child's */
        if (tasks[i].fd >= 0)
            close(tasks[i].fd);
    if (dup2(wfd, STDOUT_FILENO) < 0)
        _exit(CANNOT_START);
    close(wfd);
    int code = calls->work(task, user);
    fflush(stdout);
    _exit(code & 0xff);
}

static int spawn(Task *tasks, guint first, guint task, const RheaWorkerCalls *calls, gpointer user,
                 GError **error)
{
    int p[2];
    if (pipe(p) < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "cannot start a worker process (pipe: %s); run with -j 1", g_strerror(errno));
        return -1;
    }
    fflush(NULL); /* or the child would write the parent's buffered output again */
    pid_t parent = getpid();
    sigset_t block, old_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old_mask);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        run_child(tasks, first, task, task, p[1], parent, &old_mask, calls, user);
    }
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "cannot start a worker process (fork: %s); run with -j 1", g_strerror(errno));
        return -1;
    }
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    tasks[task].pid = pid;
    tasks[task].fd = p[0];
    tasks[task].out = g_string_new(NULL);
    return 0;
}

static void terminate(Task *tasks, guint first, guint last)
{
    for (guint i = first; i < last; i++)
        if (tasks[i].pid > 0 && !tasks[i].finished)
            kill(tasks[i].pid, SIGTERM);
}

/* Waits (at most 200 ms, so a stop is seen even when its signal came just before poll) for
 * output of the running children, reads it, and reaps those whose output ended. Returns how many
 * ended. */
static guint wait_output(Task *tasks, guint first, guint last)
{
    g_autofree struct pollfd *fds = g_new(struct pollfd, last - first);
    g_autofree guint *which = g_new(guint, last - first);
    nfds_t n = 0;
    for (guint i = first; i < last; i++)
        if (tasks[i].fd >= 0) {
            fds[n] = (struct pollfd){.fd = tasks[i].fd, .events = POLLIN};
            which[n++] = i;
        }
    if (n == 0 || poll(fds, n, 200) <= 0)
        return 0;
    guint ended = 0;
    for (nfds_t k = 0; k < n; k++) {
        if (!fds[k].revents)
            continue;
        Task *t = &tasks[which[k]];
        char buf[65536];
        ssize_t got = read(t->fd, buf, sizeof buf);
        if (got > 0) {
            g_string_append_len(t->out, buf, got);
            continue;
        }
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        close_fd(t);
        reap(t);
        ended++;
    }
    return ended;
}

int rhea_workers_run(guint jobs, guint n_tasks, const RheaWorkerCalls *calls, gpointer user,
                     volatile sig_atomic_t *stop, GError **error)
{
    g_return_val_if_fail(jobs >= 1 && calls && calls->start && calls->work && calls->done, -1);
    Task *tasks = g_new0(Task, n_tasks);
    for (guint i = 0; i < n_tasks; i++)
        tasks[i].fd = -1;
    guint next_start = 0, next_done = 0, running = 0;
    gboolean stopping = FALSE;
    GError *first_error = NULL;
    for (;;) {
        if (!stopping && stop && *stop) {
            stopping = TRUE;
            g_set_error(&first_error, RHEA_ERROR, RHEA_ERROR_INTERRUPTED,
                        "interrupted: run the same command again to resume");
            terminate(tasks, next_done, next_start);
        }
        while (!stopping && running < jobs && next_start < n_tasks) {
            guint t = next_start++;
            if (!calls->start(t, user)) {
                tasks[t].finished = TRUE;
                tasks[t].status = RHEA_WORKERS_IN_PARENT;
                continue;
            }
            if (spawn(tasks, next_done, t, calls, user, &first_error) < 0) {
                tasks[t].finished = TRUE;
                tasks[t].status = CANNOT_START;
                stopping = TRUE;
                terminate(tasks, next_done, next_start);
                break;
            }
            running++;
        }
        while (next_done < next_start && tasks[next_done].finished) {
            Task *t = &tasks[next_done];
            g_autoptr(GError) late = NULL;
            int rc = calls->done(next_done, t->status, t->out ? t->out->str : "",
                                 t->out ? t->out->len : 0, stopping, user,
                                 stopping ? &late : &first_error);
            if (rc < 0 && !stopping) {
                stopping = TRUE;
                terminate(tasks, next_done + 1, next_start);
            }
            if (t->out)
                g_string_free(t->out, TRUE);
            t->out = NULL;
            next_done++;
        }
        if (next_done == next_start && (stopping || next_start == n_tasks))
            break;
        if (running > 0)
            running -= wait_output(tasks, next_done, next_start);
    }
    g_free(tasks);
    if (first_error) {
        g_propagate_error(error, first_error);
        return -1;
    }
    return 0;
}

guint rhea_workers_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 1024 ? 1024 : (guint)n;
}
