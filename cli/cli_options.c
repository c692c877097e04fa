/* cli_options.c: see cli_options.h. The tables of the shared groups, the typed callbacks that
 * validate every value as GOption reads it, and the checks that need several options. */
#include "cli/cli_options.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/error.h"
#include "metrics/coupling.h"
#include "metrics/window.h"

typedef struct {
    char long_name[64]; /* "--since" */
    gpointer dest;
} Binding;

void rhea_cli_options_init(RheaCliOptions *o, const char *command, const char *parameters,
                           const char *summary)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    o->products = g_ptr_array_new_with_free_func(g_free);
    o->bot_patterns = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
    o->format = RHEA_FORMAT_TEXT;
    o->permutations = o->bootstrap = 1000;
    o->seed = RHEA_COUPLING_DEFAULT_SEED;
    o->threshold = 0.8;
    o->bindings = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    o->seen = g_hash_table_new(g_str_hash, g_str_equal);
    o->owned = g_ptr_array_new_with_free_func(g_free);
    /* the usage line reads "rhea COMMAND [OPTION…] ...", not the command alone */
    g_autofree char *prgname = g_strdup_printf("rhea %s", command);
    g_set_prgname(prgname);
    o->ctx = g_option_context_new(parameters);
    if (summary)
        g_option_context_set_summary(o->ctx, summary);
    /* the main group carries o to every callback */
    g_option_context_set_main_group(o->ctx, g_option_group_new(NULL, NULL, NULL, o, NULL));
}

void rhea_cli_options_clear(RheaCliOptions *o)
{
    if (o->ctx)
        g_option_context_free(o->ctx);
    g_free(o->db);
    if (o->products)
        g_ptr_array_unref(o->products);
    g_free(o->since);
    g_free(o->until);
    g_free(o->rules);
    g_free(o->out);
    if (o->bot_patterns)
        g_ptr_array_unref(o->bot_patterns);
    g_free(o->backgrounds);
    if (o->bindings)
        g_hash_table_unref(o->bindings);
    if (o->seen)
        g_hash_table_unref(o->seen);
    if (o->owned)
        g_ptr_array_unref(o->owned);
    memset(o, 0, sizeof *o);
}

static gboolean is_rhea_callback(const GOptionEntry *e)
{
    const gpointer callbacks[] = {
        (gpointer)rhea_cli_arg_name,   (gpointer)rhea_cli_arg_path,    (gpointer)rhea_cli_arg_date,
        (gpointer)rhea_cli_arg_count,  (gpointer)rhea_cli_arg_seed,    (gpointer)rhea_cli_arg_share,
        (gpointer)rhea_cli_arg_format, (gpointer)rhea_cli_arg_product, (gpointer)rhea_cli_arg_regex,
    };
    if (e->arg != G_OPTION_ARG_CALLBACK)
        return FALSE;
    for (size_t i = 0; i < G_N_ELEMENTS(callbacks); i++)
        if (e->arg_data == callbacks[i])
            return TRUE;
    return FALSE;
}

void rhea_cli_options_add(RheaCliOptions *o, const GOptionEntry *entries, gpointer const *dests)
{
    guint n = 0;
    while (entries[n].long_name)
        n++;
    g_autofree GOptionEntry *copy = g_memdup2(entries, (n + 1) * sizeof *entries);
    for (guint i = 0; i < n; i++) {
        /* file names keep their bytes (GOption would convert them to UTF-8 from the locale) */
        if (copy[i].arg == G_OPTION_ARG_CALLBACK && copy[i].arg_data == (gpointer)rhea_cli_arg_path)
            copy[i].flags |= G_OPTION_FLAG_FILENAME;
        if (!is_rhea_callback(&entries[i]))
            continue;
        Binding *b = g_new0(Binding, 1);
        g_snprintf(b->long_name, sizeof b->long_name, "--%s", entries[i].long_name);
        b->dest = dests[i];
        g_ptr_array_add(o->owned, b);
        g_hash_table_insert(o->bindings, g_strdup(b->long_name), b);
        if (entries[i].short_name)
            g_hash_table_insert(o->bindings, g_strdup_printf("-%c", entries[i].short_name), b);
    }
    g_option_context_add_main_entries(o->ctx, copy, NULL);
}

/* A help text that lives as long as the options. */
static const char *help(RheaCliOptions *o, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static const char *help(RheaCliOptions *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_ptr_array_add(o->owned, s);
    return s;
}

#define CB(f) G_OPTION_ARG_CALLBACK, (gpointer)rhea_cli_arg_##f

void rhea_cli_options_add_groups(RheaCliOptions *o, guint mask)
{
    o->groups |= mask;
    if (mask & (RHEA_CLI_PRODUCT | RHEA_CLI_PRODUCTS)) {
        const GOptionEntry product[] = {{"product", 0, 0, CB(product),
                                         mask & RHEA_CLI_PRODUCT ? "Product id (required)"
                                         : mask & RHEA_CLI_PRODUCTS_REQUIRED
                                             ? "Product (repeatable; at least one)"
                                             : "Product (repeatable; default: every product "
                                               "in the database)",
                                         "ID"},
                                        G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, product, (gpointer[]){&o->products});
    }
    if (mask & RHEA_CLI_DATABASE) {
        const GOptionEntry database[] = {
            {"db", 0, 0, CB(path), "Database file (default: ./" RHEA_DEFAULT_DB ")", "PATH"},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, database, (gpointer[]){&o->db});
    }
    if (mask & RHEA_CLI_WINDOW) {
        const GOptionEntry window[] = {
            {"since", 0, 0, CB(date), "Only commits at or after DATE (YYYY-MM-DD, UTC)", "DATE"},
            {"until", 0, 0, CB(date),
             "Only commits before DATE (default: the study's date, if rhea study set one)", "DATE"},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, window, (gpointer[]){&o->since, &o->until});
    }
    if (mask & RHEA_CLI_LABELS) {
        const GOptionEntry labels[] = {
            {"rules", 0, 0, CB(path),
             "Rules file for this run (default: the one recorded with each product)", "FILE"},
            {"content-signals", 0, 0, G_OPTION_ARG_NONE, &o->content_signals,
             "Also label ML the source files whose text at the tip imports an ML library", NULL},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, labels, (gpointer[]){&o->rules, NULL});
    }
    if (mask & RHEA_CLI_OUTPUT) {
        const GOptionEntry output[] = {
            {"format", 0, 0, CB(format), "text (default), md, csv, tex, json or html", "FORMAT"},
            {"out", 'o', 0, CB(path), "Write to FILE (default: stdout)", "FILE"},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, output, (gpointer[]){&o->format, &o->out});
    }
    if (mask & RHEA_CLI_STATISTICS) {
        const GOptionEntry statistics[] = {
            {"permutations", 0, 0, CB(count),
             help(o, "Label shuffles for the p-value (default %u; 0: none)", o->permutations), "N"},
            {"bootstrap", 0, 0, CB(count),
             help(o, "Resamples for the 95%% interval (default %u; 0: none)", o->bootstrap), "N"},
            {"seed", 0, 0, CB(seed),
             help(o, "Random seed, 0 to 2^63-1 (default %" G_GUINT64_FORMAT ")", o->seed), "S"},
            {"max-files", 0, 0, CB(count),
             "Drop transactions with more than N files (default 0: no cap)", "N"},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(
            o, statistics, (gpointer[]){&o->permutations, &o->bootstrap, &o->seed, &o->max_files});
    }
    if (mask & RHEA_CLI_TOP) {
        const GOptionEntry top[] = {
            {"top", 0, 0, CB(count),
             "Also list the K most coupled ML/non-ML file pairs (default 0: none)", "K"},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, top, (gpointer[]){&o->top});
    }
    if (mask & RHEA_CLI_CONTRIBUTORS) {
        const GOptionEntry contributors[] = {
            {"threshold", 0, 0, CB(share),
             help(o, "Share of commits the core contributors reach, in (0, 1] (default %g)",
                  o->threshold),
             "X"},
            {"include-merges", 0, 0, G_OPTION_ARG_NONE, &o->include_merges,
             "Count merge commits too", NULL},
            {"include-bots", 0, 0, G_OPTION_ARG_NONE, &o->include_bots, "Keep bots in every count",
             NULL},
            {"bot-pattern", 0, 0, CB(regex),
             "Also treat names or emails matching REGEX as bots (repeatable)", "REGEX"},
            {"no-name-merge", 0, 0, G_OPTION_ARG_NONE, &o->no_name_merge,
             "Join identities by email only, not by name", NULL},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, contributors,
                             (gpointer[]){&o->threshold, NULL, NULL, &o->bot_patterns, NULL});
    }
    if (mask & RHEA_CLI_BACKGROUNDS) {
        const GOptionEntry backgrounds[] = {
            {"backgrounds", 0, 0, CB(path),
             "CSV of email,background (SE, ML, other, unsure) of the core contributors", "FILE"},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, backgrounds, (gpointer[]){&o->backgrounds});
    }
    if (mask & RHEA_CLI_INGEST) {
        const GOptionEntry ingest[] = {
            {"line-stats", 0, 0, G_OPTION_ARG_NONE, &o->line_stats,
             "Also store lines added and removed per file (a product keeps what its first run "
             "chose)",
             NULL},
            {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "No progress line", NULL},
            G_OPTION_ENTRY_NULL};
        rhea_cli_options_add(o, ingest, (gpointer[]){NULL, NULL});
    }
}

/* What needs several options at once. */
static gboolean check(RheaCliOptions *o, GError **error)
{
    gboolean required = (o->groups & RHEA_CLI_PRODUCT) ? !(o->groups & RHEA_CLI_PRODUCT_OPTIONAL)
                                                       : (o->groups & RHEA_CLI_PRODUCTS_REQUIRED);
    if (required && o->products->len == 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE, "missing --product ID");
        return FALSE;
    }
    RheaWindow w;
    return rhea_window_init(&w, o->since, o->until, error) == 0;
}

int rhea_cli_options_parse(RheaCliOptions *o, int *argc, char ***argv)
{
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(o->ctx, argc, argv, &error) || !check(o, &error)) {
        fprintf(stderr, "rhea %s: %s; see rhea %s --help\n", o->command, error->message,
                o->command);
        return RHEA_EXIT_USAGE;
    }
    return 0;
}

const char *rhea_cli_options_product(const RheaCliOptions *o)
{
    return o->products->len ? g_ptr_array_index(o->products, 0) : NULL;
}

const char *rhea_cli_options_db(const RheaCliOptions *o)
{
    return o->db ? o->db : RHEA_DEFAULT_DB;
}

void rhea_cli_bad_value(GError **error, const char *option, const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *quoted = rhea_error_quote(value);
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE, "%s '%s': %s", option, quoted, what);
}

/* ---- the callbacks ---- */

static Binding *bound(gpointer data, const char *name)
{
    Binding *b = g_hash_table_lookup(((RheaCliOptions *)data)->bindings, name);
    g_assert(b != NULL); /* an entry added without rhea_cli_options_add */
    return b;
}

/* A single-valued option given a second time is refused: which one should win is a guess. */
static gboolean once(gpointer data, Binding *b, const char *value, GError **error)
{
    if (g_hash_table_add(((RheaCliOptions *)data)->seen, b->long_name))
        return TRUE;
    rhea_cli_bad_value(error, b->long_name, value, "given twice; give %s once", b->long_name);
    return FALSE;
}

static gboolean not_empty(const Binding *b, const char *value, GError **error)
{
    if (*value)
        return TRUE;
    rhea_cli_bad_value(error, b->long_name, value, "empty; give a value or leave %s out",
                       b->long_name);
    return FALSE;
}

/* Non-empty, valid UTF-8, no control character: a value that can be shown on one line. */
static gboolean showable(const Binding *b, const char *value, GError **error)
{
    if (!not_empty(b, value, error))
        return FALSE;
    gboolean ok = g_utf8_validate(value, -1, NULL);
    for (const char *p = value; ok && *p; p++)
        ok = (guchar)*p >= 0x20 && *p != 0x7f;
    if (!ok)
        rhea_cli_bad_value(error, b->long_name, value,
                           "holds control characters or invalid UTF-8; use printable text");
    return ok;
}

gboolean rhea_cli_arg_name(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    if (!once(data, b, value, error) || !showable(b, value, error))
        return FALSE;
    *(char **)b->dest = g_strdup(value);
    return TRUE;
}

gboolean rhea_cli_arg_path(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    if (!once(data, b, value, error) || !not_empty(b, value, error))
        return FALSE;
    *(char **)b->dest = g_strdup(value);
    return TRUE;
}

gboolean rhea_cli_arg_date(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    gint64 t;
    if (!once(data, b, value, error) || rhea_window_parse_date(value, b->long_name, &t, error) < 0)
        return FALSE;
    *(char **)b->dest = g_strdup(value);
    return TRUE;
}

/* Decimal digits only, at most max: no sign, no blank, no 0x, no 1e3. */
static gboolean decimal(const char *value, guint64 max, guint64 *out)
{
    guint64 v = 0;
    if (!*value)
        return FALSE;
    for (const char *p = value; *p; p++) {
        if (!g_ascii_isdigit(*p))
            return FALSE;
        guint64 d = (guint64)(*p - '0');
        if (v > (max - d) / 10)
            return FALSE;
        v = v * 10 + d;
    }
    *out = v;
    return TRUE;
}

gboolean rhea_cli_arg_count(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    guint64 v;
    if (!once(data, b, value, error))
        return FALSE;
    if (!decimal(value, RHEA_CLI_COUNT_MAX, &v)) {
        rhea_cli_bad_value(error, b->long_name, value,
                           "not a count; use a whole number from 0 to %u", RHEA_CLI_COUNT_MAX);
        return FALSE;
    }
    *(guint *)b->dest = (guint)v;
    return TRUE;
}

gboolean rhea_cli_arg_seed(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    guint64 v;
    if (!once(data, b, value, error))
        return FALSE;
    /* at most 2^63-1: JSON outputs write the seed used as a (signed 64-bit) number */
    if (!decimal(value, G_MAXINT64, &v)) {
        rhea_cli_bad_value(error, b->long_name, value,
                           "not a seed; use a whole number from 0 to %" G_GINT64_FORMAT,
                           G_MAXINT64);
        return FALSE;
    }
    *(guint64 *)b->dest = v;
    return TRUE;
}

gboolean rhea_cli_arg_share(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    if (!once(data, b, value, error))
        return FALSE;
    /* digits with at most one point: no sign, exponent, hex, nan or inf */
    guint digits = 0, points = 0;
    for (const char *p = value; *p; p++) {
        if (g_ascii_isdigit(*p))
            digits++;
        else if (*p == '.')
            points++;
        else
            digits = points = 99;
    }
    double v = digits > 0 && digits < 99 && points <= 1 ? g_ascii_strtod(value, NULL) : -1;
    if (!(v > 0 && v <= 1)) {
        rhea_cli_bad_value(error, b->long_name, value,
                           "not a share; use a decimal above 0 and at most 1, such as 0.8");
        return FALSE;
    }
    *(double *)b->dest = v;
    return TRUE;
}

gboolean rhea_cli_arg_format(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    if (!once(data, b, value, error))
        return FALSE;
    if (!rhea_format_parse(value, (RheaFormat *)b->dest, NULL)) {
        rhea_cli_bad_value(error, b->long_name, value,
                           "not a format; use text, md, csv, tex, json or html");
        return FALSE;
    }
    return TRUE;
}

gboolean rhea_cli_arg_product(const char *name, const char *value, gpointer data, GError **error)
{
    RheaCliOptions *o = data;
    Binding *b = bound(data, name);
    GPtrArray *ids = *(GPtrArray **)b->dest;
    if ((o->groups & RHEA_CLI_PRODUCT) && !once(data, b, value, error))
        return FALSE;
    if (!showable(b, value, error))
        return FALSE;
    for (guint i = 0; i < ids->len; i++) {
        if (strcmp(g_ptr_array_index(ids, i), value) == 0) {
            rhea_cli_bad_value(error, b->long_name, value, "given twice; name each product once");
            return FALSE;
        }
    }
    g_ptr_array_add(ids, g_strdup(value));
    return TRUE;
}

gboolean rhea_cli_arg_regex(const char *name, const char *value, gpointer data, GError **error)
{
    Binding *b = bound(data, name);
    /* an empty pattern matches everyone: every contributor would be a bot */
    if (!not_empty(b, value, error))
        return FALSE;
    g_autoptr(GError) local = NULL;
    GRegex *re = g_regex_new(value, G_REGEX_CASELESS, 0, &local);
    if (!re) {
        g_autofree char *why = g_strdup(local->message);
        g_strdelimit(why, "\n\r", ' ');
        rhea_cli_bad_value(error, b->long_name, value, "not a regular expression (%s)", why);
        return FALSE;
    }
    g_ptr_array_add(*(GPtrArray **)b->dest, re);
    return TRUE;
}
