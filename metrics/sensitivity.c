/* sensitivity.c: see sensitivity.h. One choice varies at a time; everything else stays at the
 * commands' defaults (no cap, threshold 0.8, bots in the transactions and out of the contributor
 * counts, names merged, no logical commits). Choices that act on commits (the cap, bots, logical
 * commits) act on the core count too: a capped commit or a bot's is not counted, and with logical
 * commits a person's change sets are counted instead of their commits. RCI is computed without
 * its null model or interval: the table shows how the point estimate moves. */
#include "metrics/sensitivity.h"

#include <math.h>

#include "metrics/contributors.h"
#include "metrics/coupling.h"
#include "metrics/transactions.h"

typedef struct {
    guint max_files;
    double threshold;
    int bots; /* -1: each figure's default, 0: out, 1: in */
    gboolean merge_by_name;
    guint logical_days;
} Choice;

/* A copy of set holding the commits keep[] marks (changes are copied with them). */
static RheaCommitSet *subset(const RheaCommitSet *set, const gboolean *keep)
{
    RheaCommitSet *out = g_new0(RheaCommitSet, 1);
    out->product = g_strdup(set->product);
    out->commits = g_array_new(FALSE, FALSE, sizeof(RheaCommitRec));
    out->changes = g_array_new(FALSE, FALSE, sizeof(RheaFileChange));
    out->strings = g_string_chunk_new(64); /* names point into set's chunk, which outlives out */
    out->line_stats = set->line_stats;
    for (guint i = 0; i < set->commits->len; i++) {
        if (!keep[i])
            continue;
        RheaCommitRec c = g_array_index(set->commits, RheaCommitRec, i);
        guint first = out->changes->len;
        g_array_append_vals(out->changes, &g_array_index(set->changes, RheaFileChange, c.first),
                            c.n);
        c.first = first;
        g_array_append_val(out->commits, c);
    }
    return out;
}

static double measure(const RheaCommitSet *set, GPtrArray *bot_patterns, const Choice *ch,
                      gboolean core)
{
    guint n = set->commits->len;
    g_autofree gboolean *keep = g_new(gboolean, n ? n : 1);
    gboolean bots_in = ch->bots < 0 ? !core : ch->bots == 1;
    for (guint i = 0; i < n; i++) {
        const RheaCommitRec *c = &g_array_index(set->commits, RheaCommitRec, i);
        keep[i] = !(ch->max_files && c->n > ch->max_files) &&
                  (bots_in || !rhea_contributor_is_bot(c->name, c->email, bot_patterns));
    }
    g_autoptr(RheaCommitSet) kept = subset(set, keep);
    RheaContributorOptions co;
    rhea_contributor_options_init(&co);
    co.merge_by_name = ch->merge_by_name;
    co.include_bots = TRUE; /* bots already dropped from kept when they are out */
    co.threshold = ch->threshold;
    co.bot_patterns = bot_patterns;
    g_autoptr(RheaContributors) people = rhea_contributors_compute(kept, &co);
    RheaTransactionOptions to = {.logical_days = ch->logical_days, .author_of = people->person_of};
    if (!core) {
        g_autoptr(RheaTransactions) tx = rhea_transactions_build_with(kept, &to);
        RheaCoupling c;
        rhea_coupling_compute(&tx->input, 0, 0, RHEA_COUPLING_DEFAULT_SEED, &c);
        return c.rci;
    }
    if (ch->logical_days == 0)
        return people->core;
    /* count change sets: a commit folded into its author's open set is not counted again */
    g_autofree gboolean *own = g_new(gboolean, kept->commits->len ? kept->commits->len : 1);
    g_autoptr(GHashTable) open = g_hash_table_new(g_direct_hash, g_direct_equal);
    gint64 span = (gint64)ch->logical_days * 86400;
    for (guint i = 0; i < kept->commits->len; i++) {
        const RheaCommitRec *c = &g_array_index(kept->commits, RheaCommitRec, i);
        gint who = g_array_index(people->person_of, gint, i);
        own[i] = TRUE;
        if (who < 0 || c->merge)
            continue;
        gpointer key = GINT_TO_POINTER(who + 1);
        guint first = GPOINTER_TO_UINT(g_hash_table_lookup(open, key));
        if (first && c->time - g_array_index(kept->commits, RheaCommitRec, first - 1).time <= span)
            own[i] = FALSE;
        else
            g_hash_table_insert(open, key, GUINT_TO_POINTER(i + 1));
    }
    g_autoptr(RheaCommitSet) sets = subset(kept, own);
    g_autoptr(RheaContributors) by_sets = rhea_contributors_compute(sets, &co);
    return by_sets->core;
}

static void add(RheaSensitivity *s, const char *figure, const char *choice, double v)
{
    RheaSensitivityRow r = {.figure = figure, .choice = g_strdup(choice), .value = v};
    g_array_append_val(s->rows, r);
    gboolean rci = figure[0] == 'r';
    if (!isfinite(v))
        return;
    double *lo = rci ? &s->rci_min : &s->core_min, *hi = rci ? &s->rci_max : &s->core_max;
    if (isnan(*lo) || v < *lo)
        *lo = v;
    if (isnan(*hi) || v > *hi)
        *hi = v;
}

static void clear_row(gpointer p)
{
    g_free(((RheaSensitivityRow *)p)->choice);
}

void rhea_sensitivity_free(RheaSensitivity *s)
{
    if (!s)
        return;
    g_array_free(s->rows, TRUE);
    g_free(s);
}

RheaSensitivity *rhea_sensitivity_compute(const RheaCommitSet *set, GPtrArray *bot_patterns)
{
    RheaSensitivity *s = g_new0(RheaSensitivity, 1);
    s->rows = g_array_new(FALSE, TRUE, sizeof(RheaSensitivityRow));
    g_array_set_clear_func(s->rows, clear_row);
    s->rci_min = s->rci_max = s->core_min = s->core_max = NAN;
    const Choice base = {.threshold = 0.8, .bots = -1, .merge_by_name = TRUE};
    static const guint caps[] = {1000, 100, 30};
    static const double thresholds[] = {0.7, 0.9};
    static const guint days[] = {1, 7};
    for (int core = 0; core <= 1; core++) {
        const char *fig = core ? "core" : "rci";
        add(s, fig, "baseline", measure(set, bot_patterns, &base, core));
        for (size_t i = 0; i < G_N_ELEMENTS(caps); i++) {
            Choice c = base;
            c.max_files = caps[i];
            g_autofree char *name = g_strdup_printf("max-files=%u", caps[i]);
            add(s, fig, name, measure(set, bot_patterns, &c, core));
        }
        if (core)
            for (size_t i = 0; i < G_N_ELEMENTS(thresholds); i++) {
                Choice c = base;
                c.threshold = thresholds[i];
                g_autofree char *name = g_strdup_printf("threshold=%.1f", thresholds[i]);
                add(s, fig, name, measure(set, bot_patterns, &c, core));
            }
        Choice b = base;
        b.bots = core ? 1 : 0; /* the other way from the figure's default */
        add(s, fig, core ? "bots=in" : "bots=out", measure(set, bot_patterns, &b, core));
        Choice m = base;
        m.merge_by_name = FALSE;
        add(s, fig, "name-merge=off", measure(set, bot_patterns, &m, core));
        for (size_t i = 0; i < G_N_ELEMENTS(days); i++) {
            Choice c = base;
            c.logical_days = days[i];
            g_autofree char *name = g_strdup_printf("logical-commits=%u", days[i]);
            add(s, fig, name, measure(set, bot_patterns, &c, core));
        }
    }
    s->rci_changes_side = isfinite(s->rci_min) && s->rci_min < 1.0 && s->rci_max > 1.0;
    return s;
}
