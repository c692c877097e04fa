/* cli.c: helpers shared by rhea's commands (error reporting, signals). */
#include "cli/cli.h"

#include <stdio.h>

#include "engine/error.h"

int rhea_cli_fail(const char *command, GError *error)
{
    if (error->domain == RHEA_ERROR && error->code == RHEA_ERROR_USAGE)
        return rhea_cli_usage(command, "%s", error->message);
    fprintf(stderr, "rhea %s: %s\n", command, error->message);
    if (error->domain == RHEA_ERROR && error->code == RHEA_ERROR_INTERRUPTED)
        return RHEA_EXIT_INTERRUPTED;
    return RHEA_EXIT_FAILURE;
}

int rhea_cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "rhea %s: %s; see rhea %s --help\n", command, msg, command);
    return RHEA_EXIT_USAGE;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

volatile sig_atomic_t *rhea_cli_catch_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return &stop_flag;
}
