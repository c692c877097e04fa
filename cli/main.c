/* main.c: the entry point of rhea-commands, rhea-ingest and rhea-metrics (cli/launcher.c): a
 * table of commands, as git's builtins are dispatched. rhea-ingest is built with
 * RHEA_INGEST_ONLY: its table runs analyze alone, so that the linker leaves out the other commands
 * and the libraries only they need. rhea-metrics is built with RHEA_METRICS_ONLY: contributors
 * and coupling, without libgit2 and cairo (with labeling.c and format.c compiled with RHEA_LEAN:
 * no content signals, no HTML; the launcher sends runs asking for those to rhea-commands). */
#ifndef RHEA_METRICS_ONLY
#include <git2.h>
#endif
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/repo.h"
#include "engine/store.h"
#include "rhea_version.h"

#if defined(RHEA_INGEST_ONLY)
#define OTHER(run) NULL
#define METRIC(run) NULL
#define INGEST(run) run
#elif defined(RHEA_METRICS_ONLY)
#define OTHER(run) NULL
#define METRIC(run) run
#define INGEST(run) NULL
#else
#define OTHER(run) run
#define METRIC(run) run
#define INGEST(run) run
#endif

static const RheaCommand commands[] = {
    {"analyze", "read a repository's history into the database", INGEST(rhea_cmd_analyze)},
    {"classify", "label every path ML, non-ML or excluded, with the rule that decided",
     OTHER(rhea_cmd_classify)},
    {"contributors", "commits per person, core contributors, who touches ML and non-ML code",
     METRIC(rhea_cmd_contributors)},
    {"study", "analyze every product of a manifest into one database", OTHER(rhea_cmd_study)},
    {"report", "per-RQ tables and charts for one or more products, in every format",
     OTHER(rhea_cmd_report)},
    {"trend", "metrics per month, quarter or year", OTHER(rhea_cmd_trend)},
    {"coupling", "how tangled ML and non-ML code are (ECI, RCI, null model, interval)",
     METRIC(rhea_cmd_coupling)},
    {"merge", "merge the databases of a sharded study into one, all or nothing",
     OTHER(rhea_cmd_merge)},
    {"evidence", "RQ2-RQ6 signals in a product's tree, dated, and the verdicts they support",
     OTHER(rhea_cmd_evidence)},
    {"scan", "the paper's product and ML filters over every repository under folders",
     OTHER(rhea_cmd_scan)},
    {"verdicts", "agreement between people who rated candidate repositories (Cohen, Fleiss)",
     OTHER(rhea_cmd_verdicts)},
    {"sensitivity", "RCI and core count as the analyst's choices vary, one at a time",
     OTHER(rhea_cmd_sensitivity)},
};

static void print_help(FILE *out)
{
    fprintf(out,
            "usage: rhea COMMAND [OPTIONS]\n\n"
            "Repository-history analytics for ML products (Nahar et al., The Product Beyond the "
            "Model).\n\ncommands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nrhea COMMAND --help shows a command's options; rhea --version its version.\n"
                 "exit status: 0 success, 1 failure, 2 bad usage.\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc < 2) {
        print_help(stderr);
        return RHEA_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return RHEA_EXIT_OK;
    }
#ifndef RHEA_METRICS_ONLY /* the launcher runs --version with rhea-commands */
    if (strcmp(argv[1], "--version") == 0) {
        int maj, min, rev;
        git_libgit2_version(&maj, &min, &rev);
        printf("rhea %s (libgit2 %d.%d.%d)\n", RHEA_VERSION, maj, min, rev);
        return RHEA_EXIT_OK;
    }
#endif
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            if (!commands[i].run) {
                fprintf(stderr, "rhea: %s is not in this program; run it as rhea %s\n", argv[1],
                        argv[1]);
                return RHEA_EXIT_USAGE;
            }
#ifdef RHEA_METRICS_ONLY /* no repository is read */
            rhea_store_tune();
            return commands[i].run(argc - 1, argv + 1);
#else
            git_libgit2_init();
            rhea_repo_tune();
            rhea_store_tune();
            int rc = commands[i].run(argc - 1, argv + 1);
            git_libgit2_shutdown();
            return rc;
#endif
        }
    }
    fprintf(stderr, "rhea: '%s' is not a command; see rhea --help\n", argv[1]);
    return RHEA_EXIT_USAGE;
}
