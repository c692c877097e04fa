/* test_summary_cache.c: stored report figures (metrics/summary_cache.h, summary_codec.h,
 * engine/store_summary_cache.h) on the RQ history of tests/histories.h.
 *
 * The reference is rhea_summary_compute on the same inputs: what comes back from the store must
 * equal it field by field (doubles bit for bit, NaN included). An entry planted under a key (a
 * "poisoned" one, whose core_ml is 99 where the history gives 1) proves which lookups read the
 * store: the same inputs must return it, and each changed input must not. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "engine/build_id.h"
#include "engine/store_ingest_state.h"
#include "metrics/summary_cache.h"
#include "metrics/summary_codec.h"
#include "tests/histories.h"
#include "tests/testutil.h"

#define POISON 99

typedef struct {
    char *dir, *rules_path;
    RheaStore *store;
    RheaWindow window;
    RheaSummaryOptions o;
    GHashTable *backgrounds;
} Env;

static Env env_new(void)
{
    Env e = {0};
    e.dir = testutil_tmpdir();
    e.store = testutil_ingest(e.dir, "rq", histories_rq, HISTORIES_RQ_RULES);
    e.rules_path = g_build_filename(e.dir, "other.rules", NULL);
    ck_assert(g_file_set_contents(e.rules_path, HISTORIES_RQ_RULES, -1, NULL));
    e.o = (RheaSummaryOptions){.seed = 7, .permutations = 30, .bootstrap = 30, .top = 3};
    rhea_contributor_options_init(&e.o.contributors);
    e.backgrounds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_insert(e.backgrounds, g_strdup("bob@example.com"), g_strdup("ML"));
    e.o.contributors.backgrounds = e.backgrounds;
    return e;
}

static void env_free(Env *e)
{
    rhea_store_close(e->store);
    g_hash_table_destroy(e->backgrounds);
    if (e->o.contributors.bot_patterns)
        g_ptr_array_unref(e->o.contributors.bot_patterns);
    testutil_rmtree(e->dir);
    g_free(e->dir);
    g_free(e->rules_path);
}

static RheaProductSummary *compute(Env *e)
{
    GError *error = NULL;
    RheaProductSummary *s = rhea_summary_compute(e->store, "rq", &e->window, &e->o, &error);
    ck_assert_msg(s != NULL, "%s", error ? error->message : "");
    return s;
}

static RheaSummaryRequest *request(Env *e)
{
    GError *error = NULL;
    RheaSummaryRequest *r = rhea_summary_request_new(e->store, "rq", &e->window, &e->o, &error);
    ck_assert_msg(r != NULL, "%s", error ? error->message : "");
    return r;
}

static RheaProductSummary *lookup(Env *e)
{
    GError *error = NULL;
    g_autoptr(RheaSummaryRequest) r = request(e);
    RheaProductSummary *s = rhea_summary_request_lookup(e->store, r, &error);
    ck_assert_msg(error == NULL, "%s", error ? error->message : "");
    return s;
}

static gboolean stored(Env *e, const RheaProductSummary *s)
{
    GError *error = NULL;
    gboolean kept = FALSE;
    g_autoptr(RheaSummaryRequest) r = request(e);
    ck_assert_int_eq(rhea_summary_request_store(e->store, e->store, r, s, &kept, &error), 0);
    return kept;
}

static gint64 entries(Env *e)
{
    GError *error = NULL;
    return rhea_store_summary_cache_count(e->store, "rq", &error);
}

/* ---- field-by-field equality ---- */

#define SAME_D(a, b)                                                                               \
    ck_assert_msg(memcmp(&(a), &(b), sizeof(double)) == 0, "%s: %.17g vs %.17g", #a, a, b)

static void same_contributors(const RheaContributors *a, const RheaContributors *b)
{
    ck_assert_uint_eq(a->commits, b->commits);
    ck_assert_uint_eq(a->bot_commits, b->bot_commits);
    SAME_D(a->threshold, b->threshold);
    ck_assert_uint_eq(a->core, b->core);
    ck_assert_int_eq(a->line_stats, b->line_stats);
    ck_assert_uint_eq(a->all->len, b->all->len);
    for (guint i = 0; i < a->all->len; i++) {
        const RheaContributor *x = &g_array_index(a->all, RheaContributor, i);
        const RheaContributor *y = &g_array_index(b->all, RheaContributor, i);
        ck_assert_str_eq(x->name, y->name);
        ck_assert_uint_eq(x->emails->len, y->emails->len);
        for (guint j = 0; j < x->emails->len; j++)
            ck_assert_str_eq(g_ptr_array_index(x->emails, j), g_ptr_array_index(y->emails, j));
        ck_assert_uint_eq(x->commits, y->commits);
        SAME_D(x->share, y->share);
        ck_assert_uint_eq(x->ml_commits, y->ml_commits);
        ck_assert_uint_eq(x->nonml_commits, y->nonml_commits);
        ck_assert_uint_eq(x->both_commits, y->both_commits);
        ck_assert_int_eq(x->ml_lines, y->ml_lines);
        ck_assert_int_eq(x->nonml_lines, y->nonml_lines);
        ck_assert_str_eq(x->background ? x->background : "(none)",
                         y->background ? y->background : "(none)");
        ck_assert_int_eq(x->core, y->core);
        ck_assert_uint_eq(x->key, y->key);
    }
    ck_assert_uint_eq(a->person_of->len, b->person_of->len);
    ck_assert(memcmp(a->person_of->data, b->person_of->data, a->person_of->len * sizeof(gint)) ==
              0);
}

static void same_coupling(const RheaCoupling *a, const RheaCoupling *b)
{
    ck_assert_uint_eq(a->transactions, b->transactions);
    ck_assert_uint_eq(a->ml_files, b->ml_files);
    ck_assert_uint_eq(a->nonml_files, b->nonml_files);
    ck_assert_uint_eq(a->cross_pairs, b->cross_pairs);
    ck_assert_uint_eq(a->pairs, b->pairs);
    SAME_D(a->eci, b->eci);
    SAME_D(a->expected_eci, b->expected_eci);
    SAME_D(a->rci, b->rci);
    ck_assert_uint_eq(a->both, b->both);
    SAME_D(a->eci_tx, b->eci_tx);
    SAME_D(a->expected_eci_tx, b->expected_eci_tx);
    SAME_D(a->rci_tx, b->rci_tx);
    ck_assert_str_eq(a->null_reason ? a->null_reason : "(none)",
                     b->null_reason ? b->null_reason : "(none)");
    ck_assert_uint_eq(a->permutations, b->permutations);
    ck_assert_uint_eq(a->bootstrap, b->bootstrap);
    SAME_D(a->p_value, b->p_value);
    SAME_D(a->p_greater, b->p_greater);
    SAME_D(a->p_less, b->p_less);
    SAME_D(a->ci_low, b->ci_low);
    SAME_D(a->ci_high, b->ci_high);
    SAME_D(a->null_low, b->null_low);
    SAME_D(a->null_high, b->null_high);
    ck_assert_uint_eq(a->seed, b->seed);
}

static void same_silo(const RheaSiloFigure *a, const RheaSiloFigure *b)
{
    ck_assert_uint_eq(a->commits, b->commits);
    ck_assert_uint_eq(a->people, b->people);
    SAME_D(a->mi, b->mi);
    SAME_D(a->h_side, b->h_side);
    SAME_D(a->nmi, b->nmi);
    ck_assert_uint_eq(a->permutations, b->permutations);
    SAME_D(a->p_value, b->p_value);
}

static void same_side(const RheaSideOwnership *a, const RheaSideOwnership *b)
{
    ck_assert_uint_eq(a->files, b->files);
    SAME_D(a->mean_ownership, b->mean_ownership);
    ck_assert_uint_eq(a->owners, b->owners);
    ck_assert_uint_eq(a->exclusive_owners, b->exclusive_owners);
    ck_assert_uint_eq(a->exclusive_files, b->exclusive_files);
}

static void same_depth(const RheaProductSummary *a, const RheaProductSummary *b)
{
    same_silo(&a->silo.all, &b->silo.all);
    same_silo(&a->silo.core, &b->silo.core);
    ck_assert_uint_eq(a->silo.seed, b->silo.seed);
    ck_assert_uint_eq(a->ownership->files->len, b->ownership->files->len);
    for (guint i = 0; i < a->ownership->files->len; i++) {
        const RheaFileOwner *x = &g_array_index(a->ownership->files, RheaFileOwner, i);
        const RheaFileOwner *y = &g_array_index(b->ownership->files, RheaFileOwner, i);
        ck_assert_int_eq(x->pid, y->pid);
        ck_assert_int_eq(x->label, y->label);
        ck_assert_uint_eq(x->commits, y->commits);
        ck_assert_uint_eq(x->main_author, y->main_author);
        ck_assert_uint_eq(x->main_commits, y->main_commits);
        SAME_D(x->ownership, y->ownership);
    }
    same_side(&a->ownership->ml, &b->ownership->ml);
    same_side(&a->ownership->nonml, &b->ownership->nonml);
    const RheaTruckFactor *t = a->truck_factor, *u = b->truck_factor;
    ck_assert_uint_eq(t->files, u->files);
    ck_assert_uint_eq(t->orphan_at_start, u->orphan_at_start);
    ck_assert_uint_eq(t->truck_factor, u->truck_factor);
    ck_assert_uint_eq(t->authors->len, u->authors->len);
    for (guint i = 0; i < t->authors->len; i++)
        ck_assert_str_eq(g_ptr_array_index(t->authors, i), g_ptr_array_index(u->authors, i));
    ck_assert_uint_eq(t->author_files->len, u->author_files->len);
    for (guint i = 0; i < t->author_files->len; i++)
        ck_assert_uint_eq(g_array_index(t->author_files, guint, i),
                          g_array_index(u->author_files, guint, i));
    SAME_D(t->coverage_after, u->coverage_after);
    const RheaSensitivity *x = a->sensitivity, *y = b->sensitivity;
    ck_assert_uint_eq(x->rows->len, y->rows->len);
    for (guint i = 0; i < x->rows->len; i++) {
        const RheaSensitivityRow *p = &g_array_index(x->rows, RheaSensitivityRow, i);
        const RheaSensitivityRow *q = &g_array_index(y->rows, RheaSensitivityRow, i);
        ck_assert_str_eq(p->figure, q->figure);
        ck_assert_str_eq(p->choice, q->choice);
        SAME_D(p->value, q->value);
    }
    SAME_D(x->rci_min, y->rci_min);
    SAME_D(x->rci_max, y->rci_max);
    ck_assert_int_eq(x->rci_changes_side, y->rci_changes_side);
    SAME_D(x->core_min, y->core_min);
    SAME_D(x->core_max, y->core_max);
}

static void same_summary(const RheaProductSummary *a, const RheaProductSummary *b)
{
    ck_assert_str_eq(a->product, b->product);
    same_contributors(a->contributors, b->contributors);
    same_coupling(&a->coupling, &b->coupling);
    ck_assert_uint_eq(a->dropped_large, b->dropped_large);
    ck_assert_int_eq(a->top_pairs != NULL, b->top_pairs != NULL);
    if (a->top_pairs) {
        ck_assert_uint_eq(a->top_pairs->len, b->top_pairs->len);
        for (guint i = 0; i < a->top_pairs->len; i++) {
            const RheaCoupledPair *x = &g_array_index(a->top_pairs, RheaCoupledPair, i);
            const RheaCoupledPair *y = &g_array_index(b->top_pairs, RheaCoupledPair, i);
            ck_assert_uint_eq(x->ml_file, y->ml_file);
            ck_assert_uint_eq(x->nonml_file, y->nonml_file);
            ck_assert_uint_eq(x->together, y->together);
            SAME_D(x->support, y->support);
            SAME_D(x->confidence_ml, y->confidence_ml);
            SAME_D(x->confidence_nonml, y->confidence_nonml);
        }
        ck_assert_uint_eq(a->top_paths->len, b->top_paths->len);
        for (guint i = 0; i < a->top_paths->len; i++)
            ck_assert_str_eq(g_ptr_array_index(a->top_paths, i),
                             g_ptr_array_index(b->top_paths, i));
    }
    ck_assert_uint_eq(a->core_ml, b->core_ml);
    ck_assert_uint_eq(a->core_nonml, b->core_nonml);
    ck_assert_uint_eq(a->core_both, b->core_both);
    ck_assert_uint_eq(a->ml_paths, b->ml_paths);
    ck_assert_uint_eq(a->nonml_paths, b->nonml_paths);
    ck_assert_uint_eq(a->excluded_paths, b->excluded_paths);
    ck_assert_uint_eq(a->ml_folders, b->ml_folders);
    ck_assert_int_eq(a->first_commit, b->first_commit);
    ck_assert_int_eq(a->first_ml, b->first_ml);
    ck_assert_int_eq(a->first_nonml, b->first_nonml);
    ck_assert_uint_eq(a->test_paths, b->test_paths);
    ck_assert_uint_eq(a->test_paths_ml, b->test_paths_ml);
    ck_assert_uint_eq(a->ops_paths, b->ops_paths);
    ck_assert_uint_eq(a->ops_commits, b->ops_commits);
    ck_assert_uint_eq(a->months->len, b->months->len);
    ck_assert(memcmp(a->months->data, b->months->data, a->months->len * sizeof(RheaMonthCount)) ==
              0);
    same_depth(a, b);
}

static RheaProductSummary *round_trip(const RheaProductSummary *s, GError **error)
{
    g_autoptr(GBytes) data = rhea_summary_encode(s);
    return rhea_summary_decode(data, s->product, error);
}

/* Every field survives, on the whole history (NaN p-values: no permutations asked) and on a
 * window with a null model, bootstrap, top pairs and a background. */
START_TEST(round_trip_keeps_every_figure)
{
    Env e = env_new();
    GError *error = NULL;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            e.o.permutations = e.o.bootstrap = 0;
            e.o.top = 0;
            ck_assert_int_eq(rhea_window_init(&e.window, "2023-04-01", NULL, &error), 0);
        }
        g_autoptr(RheaProductSummary) s = compute(&e);
        /* the figures the fixture must exercise for the comparison to mean something */
        ck_assert_uint_eq(s->contributors->all->len, 3);
        ck_assert_uint_eq(s->months->len, pass == 0 ? 2 : 1);
        if (pass == 0) {
            ck_assert_ptr_nonnull(s->top_pairs);
            ck_assert_uint_gt(s->top_pairs->len, 0);
            ck_assert_str_eq(g_array_index(s->contributors->all, RheaContributor, 1).background,
                             "ML"); /* Bob, second by name among the two with 2 commits */
            ck_assert(!isnan(s->coupling.p_value));
        } else {
            ck_assert(isnan(s->coupling.p_value));
        }
        g_autoptr(RheaProductSummary) back = round_trip(s, &error);
        ck_assert_msg(back != NULL, "%s", error ? error->message : "");
        ck_assert_ptr_null(back->meta);
        same_summary(s, back);
    }
    env_free(&e);
}
END_TEST

static void refused(GBytes *data, const char *why)
{
    GError *error = NULL;
    RheaProductSummary *s = rhea_summary_decode(data, "rq", &error);
    ck_assert_ptr_null(s);
    ck_assert_msg(error && strstr(error->message, "stored figures of product 'rq' are damaged") &&
                      strstr(error->message, why),
                  "%s", error ? error->message : "(no error)");
    g_error_free(error);
}

START_TEST(damaged_entries_are_refused)
{
    Env e = env_new();
    RheaProductSummary *s = compute(&e);
    g_autoptr(GBytes) good = rhea_summary_encode(s);
    gsize len = 0;
    const guint8 *bytes = g_bytes_get_data(good, &len);
    /* cut short or empty: not a value of the type */
    g_autoptr(GBytes) half = g_bytes_new(bytes, len / 2);
    refused(half, "not in normal form");
    g_autoptr(GBytes) empty = g_bytes_new(NULL, 0);
    refused(empty, "not in normal form");
    /* well-formed values whose indices do not fit */
    guint core = s->contributors->core;
    s->contributors->core = s->contributors->all->len + 1;
    g_autoptr(GBytes) too_many = rhea_summary_encode(s);
    refused(too_many, "more core contributors than contributors");
    s->contributors->core = core;
    g_array_index(s->contributors->person_of, gint, 0) = (gint)s->contributors->all->len;
    g_autoptr(GBytes) person = rhea_summary_encode(s);
    refused(person, "a commit's contributor out of range");
    g_array_index(s->contributors->person_of, gint, 0) = 0;
    g_array_index(s->top_pairs, RheaCoupledPair, 0).ml_file = s->top_paths->len;
    g_autoptr(GBytes) pair = rhea_summary_encode(s);
    refused(pair, "a coupled pair's file out of range");
    g_array_index(s->top_pairs, RheaCoupledPair, 0).ml_file = 0;
    g_array_index(s->sensitivity->rows, RheaSensitivityRow, 0).figure = "eci";
    g_autoptr(GBytes) figure = rhea_summary_encode(s);
    refused(figure, "an unknown sensitivity figure");
    rhea_summary_free(s);
    /* any single byte changed: refused or decoded, never a crash (ASan runs this too) */
    g_autofree guint8 *copy = g_memdup2(bytes, len);
    for (gsize i = 0; i < len; i++) {
        guint8 was = copy[i];
        copy[i] ^= 0x5a;
        g_autoptr(GBytes) changed = g_bytes_new(copy, len);
        GError *error = NULL;
        RheaProductSummary *x = rhea_summary_decode(changed, "rq", &error);
        ck_assert((x == NULL) == (error != NULL));
        rhea_summary_free(x);
        g_clear_error(&error);
        copy[i] = was;
    }
    env_free(&e);
}
END_TEST

/* A poisoned entry under the key of the options it was stored with; every other input misses. */
START_TEST(each_input_is_in_the_key)
{
    Env e = env_new();
    GError *error = NULL;
    e.o.rules_path = e.rules_path;
    {
        g_autoptr(RheaProductSummary) s = compute(&e);
        g_autoptr(RheaProductSummary) none = lookup(&e);
        ck_assert_ptr_null(none);
        s->core_ml = POISON;
        ck_assert(stored(&e, s));
    }
    g_autoptr(RheaProductSummary) hit = lookup(&e);
    ck_assert_ptr_nonnull(hit);
    ck_assert_uint_eq(hit->core_ml, POISON);
    ck_assert_ptr_nonnull(hit->meta); /* read from the store, not the entry */
    RheaSummaryOptions base = e.o;
    RheaWindow window = e.window;
    /* one changed input at a time; each must miss */
    const char *changes[] = {"since",     "until",    "seed",      "permutations", "bootstrap",
                             "max-files", "top",      "threshold", "merges",       "bots",
                             "by-name",   "patterns", "content",   "no-rules"};
    for (guint i = 0; i < G_N_ELEMENTS(changes); i++) {
        const char *c = changes[i];
        e.o = base;
        e.window = window;
        g_autoptr(GPtrArray) patterns =
            g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
        if (!strcmp(c, "since"))
            ck_assert_int_eq(rhea_window_init(&e.window, "2023-03-02", NULL, &error), 0);
        else if (!strcmp(c, "until"))
            ck_assert_int_eq(rhea_window_init(&e.window, NULL, "2024-01-01", &error), 0);
        else if (!strcmp(c, "seed"))
            e.o.seed++;
        else if (!strcmp(c, "permutations"))
            e.o.permutations++;
        else if (!strcmp(c, "bootstrap"))
            e.o.bootstrap++;
        else if (!strcmp(c, "max-files"))
            e.o.max_files = 2;
        else if (!strcmp(c, "top"))
            e.o.top++;
        else if (!strcmp(c, "threshold"))
            e.o.contributors.threshold = 0.5;
        else if (!strcmp(c, "merges"))
            e.o.contributors.include_merges = TRUE;
        else if (!strcmp(c, "bots"))
            e.o.contributors.include_bots = TRUE;
        else if (!strcmp(c, "by-name"))
            e.o.contributors.merge_by_name = !e.o.contributors.merge_by_name;
        else if (!strcmp(c, "patterns")) {
            g_ptr_array_add(patterns, g_regex_new("carol", G_REGEX_CASELESS, 0, NULL));
            e.o.contributors.bot_patterns = patterns;
        } else if (!strcmp(c, "content"))
            e.o.content_signals = TRUE;
        else if (!strcmp(c, "no-rules"))
            e.o.rules_path = NULL; /* the recorded rules: the same text, so the same key */
        g_autoptr(RheaProductSummary) s = lookup(&e);
        if (!strcmp(c, "no-rules"))
            ck_assert_msg(s && s->core_ml == POISON, "the recorded rules' text is the file's");
        else
            ck_assert_msg(s == NULL, "%s: still the stored entry", c);
    }
    e.o = base;
    e.window = window;
    /* the rules file's text, and the backgrounds map's content */
    ck_assert(g_file_set_contents(e.rules_path, "ml app/\n", -1, NULL));
    g_autoptr(RheaProductSummary) rules = lookup(&e);
    ck_assert_ptr_null(rules);
    ck_assert(g_file_set_contents(e.rules_path, HISTORIES_RQ_RULES, -1, NULL));
    g_hash_table_insert(e.backgrounds, g_strdup("bob@example.com"), g_strdup("SE"));
    g_autoptr(RheaProductSummary) bg = lookup(&e);
    ck_assert_ptr_null(bg);
    g_hash_table_insert(e.backgrounds, g_strdup("bob@example.com"), g_strdup("ML"));
    g_autoptr(RheaProductSummary) again = lookup(&e);
    ck_assert(again && again->core_ml == POISON);
    /* an ingest in progress or interrupted: no key, nothing read */
    ck_assert_int_eq(rhea_store_ingest_mark(e.store, "rq", &error), 0);
    {
        g_autoptr(RheaSummaryRequest) r = request(&e);
        ck_assert_ptr_null(rhea_summary_request_key(r));
        g_autoptr(RheaProductSummary) s = lookup(&e);
        ck_assert_ptr_null(s);
    }
    ck_assert_int_eq(rhea_store_ingest_unmark(e.store, "rq", &error), 0);
    g_autoptr(RheaProductSummary) back = lookup(&e);
    ck_assert(back && back->core_ml == POISON);
    env_free(&e);
}
END_TEST

/* Figures computed while the rules file changed are not stored under the old text's key. */
START_TEST(inputs_changed_meanwhile_are_not_stored)
{
    Env e = env_new();
    GError *error = NULL;
    e.o.rules_path = e.rules_path;
    g_autoptr(RheaSummaryRequest) r = request(&e);
    g_autoptr(RheaProductSummary) s = compute(&e);
    ck_assert(g_file_set_contents(e.rules_path, "ml app/\n", -1, NULL));
    gboolean kept = TRUE;
    ck_assert_int_eq(rhea_summary_request_store(e.store, e.store, r, s, &kept, &error), 0);
    ck_assert(!kept);
    ck_assert_int_eq(entries(&e), 0);
    /* an ingest marked meanwhile: not stored either */
    ck_assert(g_file_set_contents(e.rules_path, HISTORIES_RQ_RULES, -1, NULL));
    g_autoptr(RheaSummaryRequest) r2 = request(&e);
    ck_assert_int_eq(rhea_store_ingest_mark(e.store, "rq", &error), 0);
    ck_assert_int_eq(rhea_summary_request_store(e.store, e.store, r2, s, &kept, &error), 0);
    ck_assert(!kept);
    ck_assert_int_eq(entries(&e), 0);
    env_free(&e);
}
END_TEST

/* Seeds 1..20 stored in turn: the newest RHEA_SUMMARY_CACHE_PER_PRODUCT stay. */
START_TEST(entries_per_product_are_bounded)
{
    Env e = env_new();
    e.o.permutations = e.o.bootstrap = 0;
    g_autoptr(RheaProductSummary) s = compute(&e);
    for (guint64 seed = 1; seed <= 20; seed++) {
        e.o.seed = seed;
        ck_assert(stored(&e, s));
    }
    ck_assert_int_eq(entries(&e), RHEA_SUMMARY_CACHE_PER_PRODUCT);
    for (guint64 seed = 1; seed <= 20; seed++) {
        e.o.seed = seed;
        g_autoptr(RheaProductSummary) x = lookup(&e);
        ck_assert_msg((x != NULL) == (seed > 20 - RHEA_SUMMARY_CACHE_PER_PRODUCT), "seed %d",
                      (int)seed);
    }
    /* storing the same key again replaces it: still 16 */
    ck_assert(stored(&e, s));
    ck_assert_int_eq(entries(&e), RHEA_SUMMARY_CACHE_PER_PRODUCT);
    env_free(&e);
}
END_TEST

/* Another history or build drops the product's entries; a cleared product has none. */
START_TEST(another_history_drops_the_old_entries)
{
    Env e = env_new();
    GError *error = NULL;
    g_autoptr(GBytes) data = g_bytes_new_static("x", 1);
    RheaSummaryCacheKey k = {.product = "rq", .history = "a 1 1", .build = "b", .inputs = "i"};
    ck_assert_int_eq(rhea_store_summary_cache_put(e.store, &k, data, &error), 0);
    k.inputs = "j";
    ck_assert_int_eq(rhea_store_summary_cache_put(e.store, &k, data, &error), 0);
    ck_assert_int_eq(entries(&e), 2);
    k.history = "a 1 2"; /* the same tip, stored again under new row ids */
    ck_assert_int_eq(rhea_store_summary_cache_put(e.store, &k, data, &error), 0);
    ck_assert_int_eq(entries(&e), 1);
    k.build = "c";
    ck_assert_int_eq(rhea_store_summary_cache_put(e.store, &k, data, &error), 0);
    ck_assert_int_eq(entries(&e), 1);
    ck_assert_int_eq(rhea_store_product_clear(e.store, "rq", &error), 0);
    ck_assert_int_eq(entries(&e), 0);
    env_free(&e);
}
END_TEST

/* The history part of the key names the tip, its commit count and the tip's row id. */
START_TEST(history_names_tip_count_and_row)
{
    Env e = env_new();
    GError *error = NULL;
    g_autofree char *h = rhea_store_summary_history(e.store, "rq", &error);
    g_autofree char *tip = testutil_text(e.store, "SELECT tip FROM products WHERE id = 'rq'");
    g_autofree char *want = g_strdup_printf(
        "%s 5 %" G_GINT64_FORMAT, tip,
        testutil_int(e.store, "SELECT c.cid FROM commits c JOIN products p ON p.tip = c.sha"));
    ck_assert_str_eq(h, want);
    env_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("summary_cache");
    TCase *tc = tcase_create("summary_cache");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, round_trip_keeps_every_figure);
    tcase_add_test(tc, damaged_entries_are_refused);
    tcase_add_test(tc, each_input_is_in_the_key);
    tcase_add_test(tc, inputs_changed_meanwhile_are_not_stored);
    tcase_add_test(tc, entries_per_product_are_bounded);
    tcase_add_test(tc, another_history_drops_the_old_entries);
    tcase_add_test(tc, history_names_tip_count_and_row);
    suite_add_tcase(s, tc);
    return testutil_run(s);
}
