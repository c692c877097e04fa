/* cli_input.h: what the reading commands load with the shared options (cli_options.h): the
 * database opened read-only, the window every command uses, and one product's labels and commits.
 *
 * The window: --since and --until as given; without --until, the date `rhea study --until`
 * stored in the database, so that contributors, coupling, trend and report count the same
 * commits (docs/reliability.md, rule 4). Its description says where the date came from. */
#pragma once
#include <glib.h>

#include "classifiers/labeling.h"
#include "cli/cli_options.h"
#include "engine/store.h"
#include "metrics/commitset.h"
#include "metrics/contributors.h"
#include "metrics/window.h"

/* Opens --db (or the default) read-only. */
RheaStore *rhea_cli_open_store(const RheaCliOptions *o, GError **error);

/* The window of the options, the study's date standing in for a missing --until; *text (newly
 * allocated) describes it for headers: "before 2023-08-01 (the study's date)". */
int rhea_cli_window(const RheaCliOptions *o, RheaStore *store, RheaWindow *w, char **text,
                    GError **error);

/* The contributor options of RHEA_CLI_CONTRIBUTORS; the regexes and backgrounds stay the
 * options' and the caller's (bg may be NULL). */
void rhea_cli_contributor_options(const RheaCliOptions *o, GHashTable *bg,
                                  RheaContributorOptions *out);

typedef struct {
    RheaStore *store;
    RheaLabeling *labels;
    RheaCommitSet *set;
    RheaWindow window;
    char *window_text;
} RheaCliInput;

/* Opens the database read-only, resolves the window, labels the product's paths (--rules,
 * --content-signals) and loads its commits in the window. */
int rhea_cli_input_load(const RheaCliOptions *o, const char *product, RheaCliInput *in,
                        GError **error);
void rhea_cli_input_clear(RheaCliInput *in);
