/* cli.h: what every rhea command shares: its table entry, exit codes and error reporting (the
 * options are cli_options.h). */
#pragma once
#include <glib.h>
#include <signal.h>

enum { RHEA_EXIT_OK = 0, RHEA_EXIT_FAILURE = 1, RHEA_EXIT_USAGE = 2, RHEA_EXIT_INTERRUPTED = 130 };

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} RheaCommand;

#define RHEA_DEFAULT_DB "rhea.sqlite"

/* Prints "rhea COMMAND: message" for error and returns the exit code that fits it; a usage error
 * gets "; see rhea COMMAND --help", the shape of every usage error (cli_options.h). */
int rhea_cli_fail(const char *command, GError *error);
/* Prints a usage error and returns RHEA_EXIT_USAGE. */
int rhea_cli_usage(const char *command, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Installs SIGINT/SIGTERM handlers that set the returned flag instead of killing the process. */
volatile sig_atomic_t *rhea_cli_catch_signals(void);

int rhea_cmd_analyze(int argc, char **argv);
int rhea_cmd_classify(int argc, char **argv);
int rhea_cmd_contributors(int argc, char **argv);
int rhea_cmd_coupling(int argc, char **argv);
int rhea_cmd_evidence(int argc, char **argv);
int rhea_cmd_study(int argc, char **argv);
int rhea_cmd_report(int argc, char **argv);
int rhea_cmd_trend(int argc, char **argv);
int rhea_cmd_verdicts(int argc, char **argv);
int rhea_cmd_merge(int argc, char **argv);
int rhea_cmd_scan(int argc, char **argv);
int rhea_cmd_sensitivity(int argc, char **argv);
