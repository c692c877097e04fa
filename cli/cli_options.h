/* cli_options.h: the options rhea's commands share, one GOptionEntry table per group, and the one
 * validation every option value gets.
 *
 * Every option that takes a value is read by a typed callback (rhea_cli_arg_*) while GOption
 * parses the command line, so a value is honoured exactly or refused with a usage error of one
 * shape (exit 2):
 *     rhea COMMAND: --OPTION 'VALUE': what is wrong; what to use; see rhea COMMAND --help
 * Rules every callback keeps (docs/reliability.md, rule 9):
 * - a single-valued option given twice is refused (GOption would silently keep the last one);
 * - an empty string is refused wherever a name, a path, a date or a number is expected;
 * - numbers are decimal digits only (GOption's own parser reads 010 as 8 and 0x10 as 16) and
 *   within their range; shares are plain decimals in (0, 1], never nan, inf or hex;
 * - dates are ISO 8601 to the second (metrics/window.h), as the window uses them.
 *
 * A command's life with its options:
 *     RheaCliOptions o;
 *     rhea_cli_options_init(&o, "coupling", NULL, "How often ...");
 *     rhea_cli_options_add_groups(&o, RHEA_CLI_PRODUCT | RHEA_CLI_DATABASE | ...);
 *     rhea_cli_options_add(&o, entries, dests);      // its own options, same callbacks
 *     if ((rc = rhea_cli_options_parse(&o, &argc, &argv)) != 0) goto cleanup;
 *     ...
 * cleanup:
 *     rhea_cli_options_clear(&o);
 * Defaults a command wants different from the shared ones (trend's 200 permutations) are set
 * between init and add_groups, so that --help shows them. */
#pragma once
#include <glib.h>

#include "reports/format.h"

typedef enum {
    RHEA_CLI_DATABASE = 1 << 0,           /* --db PATH */
    RHEA_CLI_PRODUCT = 1 << 1,            /* --product ID: once, required */
    RHEA_CLI_PRODUCTS = 1 << 2,           /* --product ID: repeatable, each id once */
    RHEA_CLI_WINDOW = 1 << 3,             /* --since DATE, --until DATE */
    RHEA_CLI_LABELS = 1 << 4,             /* --rules FILE, --content-signals */
    RHEA_CLI_OUTPUT = 1 << 5,             /* --format FORMAT, --out FILE */
    RHEA_CLI_STATISTICS = 1 << 6,         /* --permutations, --bootstrap, --seed, --max-files */
    RHEA_CLI_CONTRIBUTORS = 1 << 7,       /* --threshold, --include-merges, --include-bots,
                                           * --bot-pattern, --no-name-merge */
    RHEA_CLI_BACKGROUNDS = 1 << 8,        /* --backgrounds FILE */
    RHEA_CLI_INGEST = 1 << 9,             /* --line-stats, --quiet */
    RHEA_CLI_TOP = 1 << 10,               /* --top K */
    RHEA_CLI_PRODUCT_OPTIONAL = 1 << 11,  /* with RHEA_CLI_PRODUCT: --product may be left out */
    RHEA_CLI_PRODUCTS_REQUIRED = 1 << 12, /* with RHEA_CLI_PRODUCTS: at least one --product */
} RheaCliGroup;

/* The largest count any option takes (--permutations, --top, ...). */
#define RHEA_CLI_COUNT_MAX 1000000000u

typedef struct {
    const char *command; /* "coupling": the name in every message */
    GOptionContext *ctx;
    guint groups;
    /* RHEA_CLI_DATABASE */
    char *db; /* NULL: RHEA_DEFAULT_DB */
    /* RHEA_CLI_PRODUCT(S) */
    GPtrArray *products; /* char *, in the order given; empty when none was */
    /* RHEA_CLI_WINDOW: the texts as given, already checked to be dates with since < until */
    char *since, *until;
    /* RHEA_CLI_LABELS */
    char *rules;
    gboolean content_signals;
    /* RHEA_CLI_OUTPUT */
    RheaFormat format;
    char *out; /* NULL: stdout */
    /* RHEA_CLI_STATISTICS */
    guint permutations, bootstrap, max_files; /* max_files 0: no cap */
    guint64 seed;
    /* RHEA_CLI_CONTRIBUTORS */
    double threshold;
    gboolean include_merges, include_bots, no_name_merge;
    GPtrArray *bot_patterns; /* GRegex *, compiled case-insensitive */
    /* RHEA_CLI_BACKGROUNDS */
    char *backgrounds;
    /* RHEA_CLI_INGEST */
    gboolean line_stats, quiet;
    /* RHEA_CLI_TOP */
    guint top; /* 0: no list */
    /* private */
    GHashTable *bindings; /* "--name" and "-n" -> binding */
    GHashTable *seen;     /* long names of the single-valued options given so far */
    GPtrArray *owned;     /* help texts and bindings */
} RheaCliOptions;

/* Prepares the context: "rhea COMMAND [OPTION…] PARAMETERS" in the usage line, the summary under
 * it, and the shared defaults (1000 permutations and resamples, seed 20240414, threshold 0.8,
 * text format). */
void rhea_cli_options_init(RheaCliOptions *o, const char *command, const char *parameters,
                           const char *summary);
/* Adds the tables of the groups in mask (RheaCliGroup bits). */
void rhea_cli_options_add_groups(RheaCliOptions *o, guint mask);
/* Adds a command's own entries. An entry whose arg is G_OPTION_ARG_CALLBACK with one of the
 * rhea_cli_arg_* callbacks writes to dests[i]; other entries keep their own arg_data (dests[i]
 * unused, NULL). */
void rhea_cli_options_add(RheaCliOptions *o, const GOptionEntry *entries, gpointer const *dests);
/* Parses; returns 0, or RHEA_EXIT_USAGE after printing the one-line message. Checks what needs
 * several options (--since before --until, a required --product). */
int rhea_cli_options_parse(RheaCliOptions *o, int *argc, char ***argv);
void rhea_cli_options_clear(RheaCliOptions *o);

/* The one product of RHEA_CLI_PRODUCT. */
const char *rhea_cli_options_product(const RheaCliOptions *o);
/* The database path (the default when --db was not given). */
const char *rhea_cli_options_db(const RheaCliOptions *o);

/* Sets a usage error of the shape above: "OPTION 'VALUE': MESSAGE" (VALUE quoted safely). */
void rhea_cli_bad_value(GError **error, const char *option, const char *value, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* The typed callbacks (GOptionArgFunc); data is the RheaCliOptions. Destinations:
 *   name     char **     a non-empty string without control characters (ids, refs, choices)
 *   path     char **     a non-empty file name (bytes kept as given)
 *   date     char **     a date rhea_window_parse_date reads
 *   count    guint *     0 .. RHEA_CLI_COUNT_MAX, decimal digits
 *   seed     guint64 *   0 .. 2^63-1 (JSON shows it exactly), decimal digits
 *   share    double *    a decimal in (0, 1]
 *   format   RheaFormat *
 *   product  GPtrArray ** (repeatable: each id once)
 *   regex    GPtrArray ** of GRegex (repeatable) */
gboolean rhea_cli_arg_name(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_path(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_date(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_count(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_seed(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_share(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_format(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_product(const char *name, const char *value, gpointer data, GError **error);
gboolean rhea_cli_arg_regex(const char *name, const char *value, gpointer data, GError **error);
