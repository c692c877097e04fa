/* workers.h: a bounded pool of child processes whose results come back in task order.
 *
 * Tasks 0..n-1 are started in order, at most `jobs` children at a time. For each task the parent
 * first calls start(): TRUE runs work() in a forked child (its stdout captured through a pipe),
 * FALSE leaves the task to the parent. done() is then called in the parent exactly once per
 * started task and strictly in task order, with the child's exit status and everything it wrote
 * to stdout, while later children keep running: the caller folds results in the order a
 * sequential run would have, whatever order the children finish in.
 *
 * Processes rather than threads: libgit2 1.5 did not scale with threads (issue 13), and SQLite
 * has one writer per database, so each child writes its own file and the parent folds them in.
 *
 * A stop (the flag of rhea_cli_catch_signals set) or done() returning -1 stops starting tasks;
 * running children get SIGTERM, are waited for, and done() is still called for each started task
 * with cancelled = TRUE, so that the caller can remove what the child left. Children die with
 * the parent (SIGTERM on Linux), so a killed parent leaves no worker behind. A child starts with
 * the default actions for SIGINT and SIGTERM; work() installs handlers of its own if it wants. */
#pragma once
#include <glib.h>
#include <signal.h>

/* done()'s status: a child's exit code (0..255), the parent's own task, or a child killed by a
 * signal (RHEA_WORKERS_SIGNALED + the signal number). */
enum { RHEA_WORKERS_IN_PARENT = -1, RHEA_WORKERS_SIGNALED = 256 };

typedef struct {
    /* parent, in task order, before the task runs: TRUE to fork a child for it */
    gboolean (*start)(guint task, gpointer user);
    /* child: the task's work; the return value (0..125) is the child's exit code */
    int (*work)(guint task, gpointer user);
    /* parent, in task order: 0 to go on, -1 (with *error set) to stop */
    int (*done)(guint task, int status, const char *output, gsize len, gboolean cancelled,
                gpointer user, GError **error);
} RheaWorkerCalls;

/* Runs n_tasks tasks on at most jobs (>= 1) children. Returns 0 when every task was done, -1
 * with *error set when done() failed, a child could not be started, or *stop was set (then
 * RHEA_ERROR_INTERRUPTED). */
int rhea_workers_run(guint jobs, guint n_tasks, const RheaWorkerCalls *calls, gpointer user,
                     volatile sig_atomic_t *stop, GError **error);

/* The number of online processors, at least 1: the default number of jobs. */
guint rhea_workers_default_jobs(void);
