/* test_contributors.c: the 80% cut, bots, backgrounds, and the sample product's contributors and
 * coupling through the store (docs/metrics.md, worked example). */
#include <check.h>
#include <math.h>

#include "classifiers/labeling.h"
#include "engine/ingest.h"
#include "engine/repo.h"
#include "metrics/backgrounds.h"
#include "metrics/contributors.h"
#include "metrics/transactions.h"
#include "samples/sample_product.h"
#include "tests/testutil.h"

START_TEST(core_size_and_ties_at_the_cut)
{
    guint a[] = {6, 1, 1, 1, 1}; /* 80% of 10 = 8: 6, 7, 8 */
    ck_assert_uint_eq(rhea_contributors_core_size(a, 5, 0.8), 3);
    guint b[] = {3, 3, 3, 1}; /* 3, 6, 9 */
    ck_assert_uint_eq(rhea_contributors_core_size(b, 4, 0.8), 3);
    guint c[] = {4, 1}; /* 80% of 5 = 4 exactly: the first alone reaches it */
    ck_assert_uint_eq(rhea_contributors_core_size(c, 2, 0.8), 1);
    guint d[] = {5, 5};
    ck_assert_uint_eq(rhea_contributors_core_size(d, 2, 0.8), 2);
    ck_assert_uint_eq(rhea_contributors_core_size(d, 2, 0.5), 1);
    ck_assert_uint_eq(rhea_contributors_core_size(d, 0, 0.8), 0);
    guint e[] = {7, 2, 1}; /* threshold 1: everyone */
    ck_assert_uint_eq(rhea_contributors_core_size(e, 3, 1.0), 3);
}
END_TEST

START_TEST(bots_by_marks_and_patterns)
{
    ck_assert(rhea_contributor_is_bot("dependabot[bot]", "x@y", NULL));
    ck_assert(rhea_contributor_is_bot("Renovate Bot", "bot@renovateapp.com", NULL));
    ck_assert(rhea_contributor_is_bot("ci", "41898282+GitHub-Actions[bot]@users.noreply.github.com",
                                      NULL));
    ck_assert(!rhea_contributor_is_bot("Rob Otto", "rob@example.com", NULL));
    g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
    g_ptr_array_add(extra, g_regex_new("^weblate$", G_REGEX_CASELESS, 0, NULL));
    ck_assert(rhea_contributor_is_bot("Weblate", "hosted@weblate.org", extra));
    ck_assert(!rhea_contributor_is_bot("Weblate fan", "me@x", extra));
}
END_TEST

START_TEST(backgrounds_file_and_its_errors)
{
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *good = g_build_filename(dir, "bg.csv", NULL);
    g_file_set_contents(good,
                        "\xEF\xBB\xBF"
                        "email,background\r\nAlice@Example.com,SE\r\nbob@example.com,ml\r\n",
                        -1, NULL);
    GError *error = NULL;
    GHashTable *bg = rhea_backgrounds_load(good, &error);
    ck_assert_ptr_nonnull(bg);
    ck_assert_str_eq(g_hash_table_lookup(bg, "alice@example.com"), "SE");
    ck_assert_str_eq(g_hash_table_lookup(bg, "bob@example.com"), "ML");
    g_hash_table_destroy(bg);
    g_autofree char *bad = g_build_filename(dir, "bad.csv", NULL);
    g_file_set_contents(bad, "a@x,SE\nb@x,wizard\n", -1, NULL);
    ck_assert_ptr_null(rhea_backgrounds_load(bad, &error));
    g_autofree char *want =
        g_strdup_printf("%s:2: background 'wizard' is not one of SE, ML, other, unsure", bad);
    ck_assert_str_eq(error->message, want);
    g_clear_error(&error);
    g_file_set_contents(bad, "a@x;SE\n", -1, NULL);
    ck_assert_ptr_null(rhea_backgrounds_load(bad, &error));
    ck_assert_ptr_nonnull(strstr(error->message, ":1: expected two columns"));
    g_clear_error(&error);
    testutil_rmtree(dir);
}
END_TEST

/* Regressions from tests/e2e/test_hostile_files.sh: a NUL byte used to free an uninitialized
 * GStrv (a crash); an empty file read as "nobody has a background"; an empty email was reported
 * as a bad background; a long or binary background was echoed whole. */
START_TEST(backgrounds_hostile_text)
{
    struct {
        const char *text;
        gsize len;
        const char *message;
    } cases[] = {
        {"email,background\na@x,SE\nb\0@x,ML\n", 32,
         "bg.csv:3: NUL byte: binary content; expected a CSV of email,background"},
        {"", 0, "bg.csv:1: empty backgrounds file; expected email,background lines"},
        {"\xEF\xBB\xBF\r\n# nothing\r\n", 16,
         "bg.csv:1: empty backgrounds file; expected email,background lines"},
        {"a@x,SE\n,ML\n", 11, "bg.csv:2: empty email; each line is email,background"},
        {"a@x,\x1b[2J\xff"
         "0123456789012345678901234567890123456789012345678901234567890123456789\n",
         80,
         "bg.csv:1: background '\\x1b[2J\\xff0123456789012345678901234567890123456789012345678"
         "...' is not one of SE, ML, other, unsure"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *error = NULL;
        ck_assert_ptr_null(rhea_backgrounds_parse(cases[i].text, cases[i].len, "bg.csv", &error));
        ck_assert_str_eq(error->message, cases[i].message);
        g_error_free(error);
    }
    /* a header row alone is a valid, empty file */
    GError *error = NULL;
    GHashTable *bg = rhea_backgrounds_parse("email,background\n", 17, "bg.csv", &error);
    ck_assert_ptr_nonnull(bg);
    ck_assert_uint_eq(g_hash_table_size(bg), 0);
    g_hash_table_destroy(bg);
}
END_TEST

typedef struct {
    char *dir;
    RheaStore *store;
    RheaLabeling *labels;
} Sample;

static Sample sample_open(void)
{
    Sample s;
    s.dir = testutil_tmpdir();
    g_autofree char *repo_path = g_build_filename(s.dir, "wordwise", NULL);
    g_autofree char *db = g_build_filename(s.dir, "r.sqlite", NULL);
    GError *error = NULL;
    ck_assert_int_eq(rhea_sample_product_build(repo_path, &error), 0);
    s.store = rhea_store_open(db, &error);
    git_repository *repo = rhea_repo_open(repo_path, &error);
    g_autofree char *rules = NULL;
    ck_assert(g_file_get_contents("samples/rules/sample.rules", &rules, NULL, &error));
    RheaIngestOptions o = {.product = "wordwise",
                           .repo_path = repo_path,
                           .line_stats = TRUE,
                           .rules_path = "samples/rules/sample.rules",
                           .rules_text = rules};
    RheaIngestStats st;
    ck_assert_int_eq(rhea_ingest_run(s.store, repo, &o, &st, &error), 0);
    git_repository_free(repo);
    s.labels = rhea_labeling_new(s.store, "wordwise", NULL, FALSE, &error);
    ck_assert_ptr_nonnull(s.labels);
    return s;
}

static void sample_close(Sample *s)
{
    rhea_labeling_free(s->labels);
    rhea_store_close(s->store);
    testutil_rmtree(s->dir);
    g_free(s->dir);
}

static const RheaContributor *person(const RheaContributors *c, guint i)
{
    return &g_array_index(c->all, RheaContributor, i);
}

START_TEST(sample_contributors_by_hand)
{
    Sample s = sample_open();
    RheaWindow w = {0};
    GError *error = NULL;
    g_autoptr(RheaCommitSet) set = rhea_commitset_load(s.store, "wordwise", &w, s.labels, &error);
    ck_assert_ptr_nonnull(set);
    ck_assert_uint_eq(set->commits->len, 13);
    RheaContributorOptions o;
    rhea_contributor_options_init(&o);
    g_autoptr(RheaContributors) c = rhea_contributors_compute(set, &o);
    /* 12 non-merge commits, one by dependabot */
    ck_assert_uint_eq(c->commits, 11);
    ck_assert_uint_eq(c->bot_commits, 1);
    ck_assert_uint_eq(c->all->len, 3);
    ck_assert_uint_eq(c->core, 2);                       /* 5 + 4 = 9 >= 8.8 */
    ck_assert_str_eq(person(c, 0)->name, "Alice Smith"); /* .mailmap joined alice@home.example */
    ck_assert_uint_eq(person(c, 0)->commits, 5);
    ck_assert_uint_eq(person(c, 0)->ml_commits, 2);
    ck_assert_uint_eq(person(c, 0)->nonml_commits, 4);
    ck_assert_uint_eq(person(c, 0)->both_commits, 2);
    ck_assert_double_eq_tol(person(c, 0)->share, 5.0 / 11.0, 1e-12);
    ck_assert_str_eq(person(c, 1)->name, "Bob Jones");
    ck_assert_uint_eq(person(c, 1)->commits, 4);
    ck_assert_uint_eq(person(c, 1)->ml_commits, 4);
    ck_assert_uint_eq(person(c, 1)->nonml_commits, 0);
    ck_assert_str_eq(person(c, 2)->name, "Carol Wu");
    ck_assert_uint_eq(person(c, 2)->nonml_commits, 2);
    ck_assert(!person(c, 2)->core);
    /* line stats: Bob added/removed 6 + 6 + 3 + 5 lines of ML code (git log --numstat agrees) */
    ck_assert_int_eq(person(c, 1)->nonml_lines, 0);
    ck_assert_int_eq(person(c, 1)->ml_lines, 20);

    /* with bots and merges: dependabot joins, Alice gets the merge */
    o.include_bots = TRUE;
    o.include_merges = TRUE;
    g_autoptr(RheaContributors) all = rhea_contributors_compute(set, &o);
    ck_assert_uint_eq(all->commits, 13);
    ck_assert_uint_eq(all->bot_commits, 0);
    ck_assert_uint_eq(person(all, 0)->commits, 6);
    ck_assert_uint_eq(all->all->len, 4);

    /* a window from day 6 (Bob's "Explore the corpus") to before day 11 */
    RheaWindow w2;
    ck_assert_int_eq(rhea_window_init(&w2, "2023-01-08", "2023-01-13", &error), 0);
    g_autoptr(RheaCommitSet) part = rhea_commitset_load(s.store, "wordwise", &w2, s.labels, &error);
    rhea_contributor_options_init(&o);
    g_autoptr(RheaContributors) pc = rhea_contributors_compute(part, &o);
    /* days 6..10: Bob c7, merge c8, bot c9, Alice c10, Carol c11 */
    ck_assert_uint_eq(part->commits->len, 5);
    ck_assert_uint_eq(pc->commits, 3);
    ck_assert_uint_eq(pc->bot_commits, 1);
    sample_close(&s);
}
END_TEST

START_TEST(sample_coupling_by_hand)
{
    Sample s = sample_open();
    RheaWindow w = {0};
    GError *error = NULL;
    g_autoptr(RheaCommitSet) set = rhea_commitset_load(s.store, "wordwise", &w, s.labels, &error);
    g_autoptr(RheaTransactions) t = rhea_transactions_build(set, 0);
    RheaCoupling c;
    rhea_coupling_compute(&t->input, 0, 0, 1, &c);
    ck_assert_uint_eq(c.transactions, 11);
    ck_assert_uint_eq(c.ml_files, 4);
    ck_assert_uint_eq(c.nonml_files, 4);
    ck_assert_uint_eq(c.pairs, 10);
    ck_assert_uint_eq(c.cross_pairs, 3);
    ck_assert_double_eq_tol(c.rci, 0.525, 1e-12);
    ck_assert_double_eq_tol(c.rci_tx, 7.0 / 17.0, 1e-12);
    /* --max-files 2 drops commit 10 (three files): 2 pairs less, 2 cross pairs less */
    g_autoptr(RheaTransactions) t2 = rhea_transactions_build(set, 2);
    ck_assert_uint_eq(t2->dropped_large, 1);
    rhea_coupling_compute(&t2->input, 0, 0, 1, &c);
    ck_assert_uint_eq(c.transactions, 10);
    ck_assert_uint_eq(c.pairs, 7);
    ck_assert_uint_eq(c.cross_pairs, 1);
    sample_close(&s);
}
END_TEST

int main(void)
{
    git_libgit2_init();
    Suite *s = suite_create("contributors");
    TCase *tc = tcase_create("contributors");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, core_size_and_ties_at_the_cut);
    tcase_add_test(tc, bots_by_marks_and_patterns);
    tcase_add_test(tc, backgrounds_file_and_its_errors);
    tcase_add_test(tc, backgrounds_hostile_text);
    tcase_add_test(tc, sample_contributors_by_hand);
    tcase_add_test(tc, sample_coupling_by_hand);
    suite_add_tcase(s, tc);
    int failed = testutil_run(s);
    git_libgit2_shutdown();
    return failed;
}
