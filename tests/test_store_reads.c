/* test_store_reads.c: the store's typed reads (engine/store_reads.h) on rows written by hand with
 * the store's writers: two products, a merge without changed paths, a change without line stats,
 * windows that cut between commits, and an iteration stopped by its callback. */
#include <check.h>

#include "engine/store_evidence.h"
#include "engine/store_kinds.h"
#include "engine/store_reads.h"
#include "tests/testutil.h"

typedef struct {
    char *dir;
    RheaStore *store;
} Env;

static void add(RheaStore *s, const char *product, const char *sha, const char *name, gint64 time,
                unsigned parents, const char *const *paths, const gint64 *added, const char *kinds)
{
    GError *error = NULL;
    RheaCommitRow row = {.sha = sha,
                         .author_name = name,
                         .author_email = "raw@x",
                         .author_time = time,
                         .committer_name = name,
                         .committer_email = "raw@x",
                         .committer_time = time,
                         .mailmap_name = name,
                         .mailmap_email = g_strdup_printf("%s@example.com", name),
                         .summary = sha,
                         .parent_count = parents};
    g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(RheaChangeRow));
    for (guint i = 0; paths && paths[i]; i++) {
        RheaChangeRow r = {paths[i], strlen(paths[i]), kinds[i], added[i], added[i] < 0 ? -1 : 1};
        g_array_append_val(rows, r);
    }
    gint64 cid = rhea_store_add_commit(s, product, &row, (const RheaChangeRow *)(void *)rows->data,
                                       rows->len, &error);
    ck_assert_msg(cid > 0, "%s", error ? error->message : "?");
    g_free((char *)row.mailmap_email);
}

/* p: c1 (t=100, alice: a.py +3-1 added, b.js without line stats, added), c2 (t=200, a merge), c3
 * (t=300, bob: a.py +1-1 deleted, docs/x.md +2-1 added); q: c4 (t=150: q.txt, a type change).
 * Written in the order c1, c2, c4, c3, so path ids in first-written order are a.py 1, b.js 2, q.txt
 * 3, docs/x.md 4. */
static Env env_new(void)
{
    Env e = {.dir = testutil_tmpdir()};
    g_autofree char *path = g_build_filename(e.dir, "r.sqlite", NULL);
    GError *error = NULL;
    e.store = rhea_store_open(path, &error);
    ck_assert_ptr_nonnull(e.store);
    ck_assert_int_eq(rhea_store_begin(e.store, &error), 0);
    for (const char *const *id = (const char *const[]){"p", "q", NULL}; *id; id++) {
        RheaProduct prod = {.id = (char *)*id, .repo_path = "/r", .ref = "HEAD"};
        ck_assert_int_eq(rhea_store_product_save(e.store, &prod, &error), 0);
    }
    add(e.store, "p", "c1", "alice", 100, 0, (const char *const[]){"a.py", "b.js", NULL},
        (const gint64[]){3, -1}, "AA");
    add(e.store, "p", "c2", "alice", 200, 2, NULL, NULL, NULL);
    add(e.store, "q", "c4", "carol", 150, 0, (const char *const[]){"q.txt", NULL},
        (const gint64[]){1}, "T");
    add(e.store, "p", "c3", "bob", 300, 1, (const char *const[]){"docs/x.md", "a.py", NULL},
        (const gint64[]){2, 1}, "AD");
    ck_assert_int_eq(rhea_store_commit(e.store, &error), 0);
    return e;
}

static void env_free(Env *e)
{
    rhea_store_close(e->store);
    testutil_rmtree(e->dir);
    g_free(e->dir);
}

typedef struct {
    GString *log;
    int stop_after; /* return 7 from the nth call; 0: never */
    int calls;
} Log;

/* "cid time merge name email: pid/added/removed/kind ..." per commit */
static int log_commit(const RheaStoredCommit *c, const RheaStoredChange *ch, guint n, gpointer data)
{
    Log *l = data;
    g_string_append_printf(l->log, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d %s %s:", c->cid,
                           c->time, c->merge, c->name, c->email);
    for (guint i = 0; i < n; i++)
        g_string_append_printf(l->log,
                               " %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%c",
                               ch[i].pid, ch[i].added, ch[i].removed, ch[i].kind);
    g_string_append_c(l->log, '\n');
    return ++l->calls == l->stop_after ? 7 : 0;
}

static char *commits(RheaStore *s, const char *product, gint64 since, gint64 until, int stop,
                     int *ret)
{
    Log l = {.log = g_string_new(NULL), .stop_after = stop};
    GError *error = NULL;
    *ret = rhea_store_each_commit(s, product, since, until, log_commit, &l, &error);
    ck_assert_msg(*ret >= 0, "%s", error ? error->message : "?");
    return g_string_free(l.log, FALSE);
}

START_TEST(commits_in_a_window_with_their_changes)
{
    Env e = env_new();
    int ret;
    /* cids in insertion order: c1 1, c2 2, c4 3, c3 4; c3's paths by pid, not insertion order */
    g_autofree char *all = commits(e.store, "p", G_MININT64, G_MAXINT64, 0, &ret);
    ck_assert_int_eq(ret, 0);
    ck_assert_str_eq(all, "1 100 0 alice alice@example.com: 1/3/1/A 2/-1/-1/A\n"
                          "2 200 1 alice alice@example.com:\n"
                          "4 300 0 bob bob@example.com: 1/1/1/D 4/2/1/A\n");
    /* [since, until): 100 is in, 300 is out */
    g_autofree char *cut = commits(e.store, "p", 100, 300, 0, &ret);
    ck_assert_str_eq(cut, "1 100 0 alice alice@example.com: 1/3/1/A 2/-1/-1/A\n"
                          "2 200 1 alice alice@example.com:\n");
    g_autofree char *mid = commits(e.store, "p", 101, 300, 0, &ret);
    ck_assert_str_eq(mid, "2 200 1 alice alice@example.com:\n");
    g_autofree char *none = commits(e.store, "p", 301, G_MAXINT64, 0, &ret);
    ck_assert_str_eq(none, "");
    g_autofree char *q = commits(e.store, "q", G_MININT64, G_MAXINT64, 0, &ret);
    ck_assert_str_eq(q, "3 150 0 carol carol@example.com: 3/1/1/T\n");
    g_autofree char *nobody = commits(e.store, "r", G_MININT64, G_MAXINT64, 0, &ret);
    ck_assert_str_eq(nobody, "");
    /* the callback's non-zero value stops the walk and is returned */
    g_autofree char *two = commits(e.store, "p", G_MININT64, G_MAXINT64, 2, &ret);
    ck_assert_int_eq(ret, 7);
    ck_assert_str_eq(two, "1 100 0 alice alice@example.com: 1/3/1/A 2/-1/-1/A\n"
                          "2 200 1 alice alice@example.com:\n");
    env_free(&e);
}
END_TEST

static void log_path(gint64 pid, const char *path, gsize len, gpointer data)
{
    ck_assert_uint_eq(strlen(path), len);
    g_string_append_printf(data, "%" G_GINT64_FORMAT " %s\n", pid, path);
}

static int cmp_pid(gconstpointer a, gconstpointer b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return x < y ? -1 : x > y;
}

static char *window_pids(RheaStore *s, const char *product, gint64 since, gint64 until)
{
    GError *error = NULL;
    g_autoptr(GArray) ids = rhea_store_window_path_ids(s, product, since, until, &error);
    ck_assert_ptr_nonnull(ids);
    g_array_sort(ids, cmp_pid);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < ids->len; i++)
        g_string_append_printf(out, "%s%" G_GINT64_FORMAT, i ? " " : "",
                               g_array_index(ids, gint64, i));
    return g_string_free(out, FALSE);
}

START_TEST(paths_of_a_product_and_of_a_window)
{
    Env e = env_new();
    GError *error = NULL;
    GString *p = g_string_new(NULL);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "p", log_path, p, &error), 0);
    ck_assert_str_eq(p->str, "1 a.py\n2 b.js\n4 docs/x.md\n"); /* by path; q.txt is q's */
    g_string_free(p, TRUE);
    GString *q = g_string_new(NULL);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "q", log_path, q, &error), 0);
    ck_assert_str_eq(q->str, "3 q.txt\n");
    g_string_free(q, TRUE);

    g_autofree char *all = window_pids(e.store, "p", G_MININT64, G_MAXINT64);
    ck_assert_str_eq(all, "1 2 4"); /* a.py changed twice, counted once */
    g_autofree char *late = window_pids(e.store, "p", 101, G_MAXINT64);
    ck_assert_str_eq(late, "1 4");
    g_autofree char *early = window_pids(e.store, "p", G_MININT64, 300);
    ck_assert_str_eq(early, "1 2");
    g_autofree char *merge_only = window_pids(e.store, "p", 200, 201);
    ck_assert_str_eq(merge_only, "");
    env_free(&e);
}
END_TEST

/* The old query (an IN list and ORDER BY path in SQL), the independent path */
static int old_row(void *data, int n, char **values, char **names)
{
    g_string_append_printf(data, "%s %s\n", values[0], values[1]);
    return 0;
}

START_TEST(product_paths_in_byte_order_as_sql_sorts_them)
{
    Env e = env_new();
    GError *error = NULL;
    /* written after a.py 1, b.js 2, q.txt 3, docs/x.md 4: ids 5.. in this order; bytewise,
     * 'B' < 'a', "a" < "a.b/c" < "a.py" < "a/b" ('.' < '/'), UTF-8's lead byte 0xc3 after 'z' */
    ck_assert_int_eq(rhea_store_begin(e.store, &error), 0);
    add(e.store, "p", "c5", "dan", 400, 1,
        (const char *const[]){"\xc3\x84.txt", "a/b", "a.b/c", "a", "B.md", "a.py", NULL},
        (const gint64[]){1, 1, 1, 1, 1, 1}, "AAAAAM");
    add(e.store, "q", "c6", "carol", 500, 1, (const char *const[]){"B.md", "zz", NULL},
        (const gint64[]){1, 1}, "MA");
    /* r: 200 new paths (ids 11..210, one scan); s: ids 1, 161 and 211, far apart (the store then
     * looks each up, and sorts the ids instead of a bitmap); p's 1, 2 and 4 are one scan that
     * reads q's 3 and skips it */
    for (const char *const *id = (const char *const[]){"r", "s", NULL}; *id; id++) {
        RheaProduct prod = {.id = (char *)*id, .repo_path = "/r", .ref = "HEAD"};
        ck_assert_int_eq(rhea_store_product_save(e.store, &prod, &error), 0);
    }
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func(g_free);
    g_autofree gint64 *ones = g_new(gint64, 200);
    for (int i = 0; i < 200; i++) {
        g_ptr_array_add(many, g_strdup_printf("r/%03d", 199 - i));
        ones[i] = 1;
    }
    g_ptr_array_add(many, NULL);
    g_autofree char *added = g_strnfill(200, 'A');
    add(e.store, "r", "c7", "erin", 600, 1, (const char *const *)many->pdata, ones, added);
    add(e.store, "s", "c8", "finn", 700, 1, (const char *const[]){"r/049", "a.py", "s.txt", NULL},
        (const gint64[]){1, 1, 1}, "MMA");
    /* u: a merge, then u.txt (new: 213) and B.md, then a merge, with v's commits between (v.txt,
     * new: 212, and a.py; then a merge): neither fills its range of commit ids, and each starts or
     * ends with a commit without changes. w: one merge. x: a merge, then x.txt (214), its ids in
     * one range: the range of rows starts at its second commit's */
    for (const char *const *id = (const char *const[]){"u", "v", "w", "x", NULL}; *id; id++) {
        RheaProduct prod = {.id = (char *)*id, .repo_path = "/r", .ref = "HEAD"};
        ck_assert_int_eq(rhea_store_product_save(e.store, &prod, &error), 0);
    }
    add(e.store, "u", "c9", "gus", 800, 2, NULL, NULL, NULL);
    add(e.store, "v", "c10", "vic", 810, 1, (const char *const[]){"v.txt", "a.py", NULL},
        (const gint64[]){1, 1}, "AM");
    add(e.store, "u", "c11", "gus", 820, 1, (const char *const[]){"u.txt", "B.md", NULL},
        (const gint64[]){1, 1}, "AM");
    add(e.store, "v", "c12", "vic", 830, 2, NULL, NULL, NULL);
    add(e.store, "u", "c13", "gus", 840, 2, NULL, NULL, NULL);
    add(e.store, "w", "c14", "wes", 850, 2, NULL, NULL, NULL);
    add(e.store, "x", "c15", "xia", 860, 2, NULL, NULL, NULL);
    add(e.store, "x", "c16", "xia", 870, 1, (const char *const[]){"x.txt", NULL},
        (const gint64[]){1}, "A");
    ck_assert_int_eq(rhea_store_commit(e.store, &error), 0);
    const char *const expected[][2] = {{"u", "9 B.md\n213 u.txt\n"},
                                       {"v", "1 a.py\n212 v.txt\n"},
                                       {"w", ""},
                                       {"x", "214 x.txt\n"}};
    for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
        g_autoptr(GString) got = g_string_new(NULL);
        ck_assert_int_eq(
            rhea_store_each_product_path(e.store, expected[i][0], log_path, got, &error), 0);
        ck_assert_str_eq(got->str, expected[i][1]);
    }
    g_autoptr(GString) s = g_string_new(NULL);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "s", log_path, s, &error), 0);
    ck_assert_str_eq(s->str, "1 a.py\n161 r/049\n211 s.txt\n");
    g_autoptr(GString) p = g_string_new(NULL);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "p", log_path, p, &error), 0);
    ck_assert_str_eq(p->str, "9 B.md\n8 a\n7 a.b/c\n1 a.py\n6 a/b\n2 b.js\n4 docs/x.md\n"
                             "5 \xc3\x84.txt\n");
    g_autoptr(GString) q = g_string_new(NULL);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "q", log_path, q, &error), 0);
    ck_assert_str_eq(q->str, "9 B.md\n3 q.txt\n10 zz\n"); /* a path two products share */
    g_autoptr(GString) none = g_string_new(NULL);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "t", log_path, none, &error), 0);
    ck_assert_str_eq(none->str, "");
    /* and as the old query had them */
    g_autofree char *path = g_build_filename(e.dir, "r.sqlite", NULL);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (const char *const *id =
             (const char *const[]){"p", "q", "r", "s", "u", "v", "w", "x", NULL};
         *id; id++) {
        g_autoptr(GString) mine = g_string_new(NULL);
        ck_assert_int_eq(rhea_store_each_product_path(e.store, *id, log_path, mine, &error), 0);
        g_autoptr(GString) old = g_string_new(NULL);
        g_autofree char *sql = g_strdup_printf(
            "SELECT p.pid, p.path FROM paths p WHERE p.pid IN (SELECT ch.pid FROM changes ch"
            " JOIN commits c ON c.cid = ch.cid WHERE c.product = '%s') ORDER BY p.path",
            *id);
        ck_assert_int_eq(sqlite3_exec(db, sql, old_row, old, NULL), SQLITE_OK);
        ck_assert_str_eq(old->str, mine->str);
    }
    sqlite3_close(db);
    env_free(&e);
}
END_TEST

static int cmp_text(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every read of the store, as one text: commits with their changes, each product's paths, the
 * windows' path ids, the kinds in (cid, pid) order and the evidence paths. */
static char *every_read(RheaStore *s)
{
    GString *out = g_string_new(NULL);
    GError *error = NULL;
    int ret;
    for (const char *const *id = (const char *const[]){"p", "q", NULL}; *id; id++) {
        g_autofree char *all = commits(s, *id, G_MININT64, G_MAXINT64, 0, &ret);
        g_autofree char *window = window_pids(s, *id, 101, G_MAXINT64);
        g_string_append_printf(out, "%s%s\n", all, window);
        ck_assert_int_eq(rhea_store_each_product_path(s, *id, log_path, out, &error), 0);
        g_autoptr(GArray) kinds = rhea_store_change_kinds(s, *id, FALSE, 0, &error);
        ck_assert_ptr_nonnull(kinds);
        for (guint i = 0; i < kinds->len; i++) {
            const RheaChangeKind *k = &g_array_index(kinds, RheaChangeKind, i);
            g_string_append_printf(out, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "%c ", k->cid,
                                   k->pid, k->kind);
        }
        g_autoptr(GPtrArray) paths = rhea_store_evidence_paths(s, *id, &error);
        ck_assert_ptr_nonnull(paths);
        g_ptr_array_sort(paths, cmp_text);
        for (guint i = 0; i < paths->len; i++)
            g_string_append_printf(out, "\n%s", (const char *)g_ptr_array_index(paths, i));
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* A database of schema version 5 opened read-only is not upgraded: its (cid, pid) key is read
 * instead of the runs of row ids, with the same answers (those of the tests above). */
START_TEST(an_older_database_opened_read_only_reads_the_same)
{
    Env e = env_new();
    g_autofree char *now = every_read(e.store);
    ck_assert_ptr_nonnull(strstr(now, "4 300 0 bob bob@example.com: 1/1/1/D 4/2/1/A\n"));
    ck_assert_ptr_nonnull(strstr(now, "1/1A 1/2A 4/1D 4/4A \n"));
    g_autofree char *path = g_strdup(rhea_store_path(e.store));
    rhea_store_close(e.store);
    testutil_schema_v5(path, NULL);
    e.store = rhea_store_open_readonly(path, NULL);
    ck_assert_ptr_nonnull(e.store);
    g_autofree char *older = every_read(e.store);
    ck_assert_str_eq(older, now);
    ck_assert_int_eq(testutil_file_int(path, "PRAGMA user_version"), 5);
    env_free(&e);
}
END_TEST

/* The commits of a product whose rows are dense in their ranges of cids and row ids (t, stored in
 * one go; p, with q's commit and change between its own) are read by two range scans put in
 * order in C, the rows of other commits skipped; those of a sparse product (u: two commits around
 * ten of v's) by the join. Both give what was worked out by hand, and what the join gives on the
 * same rows in a version 5 file (read-only, not upgraded). */
START_TEST(commits_read_by_ranges_or_joined)
{
    Env e = env_new(); /* paths a.py 1, b.js 2, q.txt 3, docs/x.md 4; commits 1-4 */
    GError *error = NULL;
    ck_assert_int_eq(rhea_store_begin(e.store, &error), 0);
    RheaProduct prod = {.id = "t", .repo_path = "/r", .ref = "HEAD"};
    ck_assert_int_eq(rhea_store_product_save(e.store, &prod, &error), 0);
    /* cids 5-9, committed in this order, times out of it; x.py 5, y.py 6, z.py 7 */
    add(e.store, "t", "t1", "tom", 500, 1, (const char *const[]){"x.py", "y.py", NULL},
        (const gint64[]){1, 2}, "AA");
    add(e.store, "t", "t2", "tom", 400, 1, (const char *const[]){"x.py", NULL}, (const gint64[]){3},
        "M");
    add(e.store, "t", "t3", "tom", 600, 2, NULL, NULL, NULL);
    add(e.store, "t", "t4", "uma", 450, 1, (const char *const[]){"z.py", "y.py", NULL},
        (const gint64[]){4, -1}, "AD");
    add(e.store, "t", "t5", "uma", 700, 1, (const char *const[]){"x.py", NULL}, (const gint64[]){0},
        "D");
    /* u: cids 10 and 21 around v's 11-20 */
    for (const char *const *id = (const char *const[]){"u", "v", NULL}; *id; id++) {
        RheaProduct more = {.id = (char *)*id, .repo_path = "/r", .ref = "HEAD"};
        ck_assert_int_eq(rhea_store_product_save(e.store, &more, &error), 0);
    }
    add(e.store, "u", "u1", "val", 900, 0, (const char *const[]){"y.py", "a.py", NULL},
        (const gint64[]){1, 1}, "AA");
    for (int i = 0; i < 10; i++) {
        g_autofree char *sha = g_strdup_printf("v%d", i);
        add(e.store, "v", sha, "vic", 800 + i, 1, (const char *const[]){"x.py", NULL},
            (const gint64[]){1}, "M");
    }
    add(e.store, "u", "u2", "val", 850, 1, (const char *const[]){"z.py", NULL}, (const gint64[]){2},
        "M");
    ck_assert_int_eq(rhea_store_commit(e.store, &error), 0);
    int ret;
    const char *all_want = "6 400 0 tom tom@example.com: 5/3/1/M\n"
                           "8 450 0 uma uma@example.com: 6/-1/-1/D 7/4/1/A\n"
                           "5 500 0 tom tom@example.com: 5/1/1/A 6/2/1/A\n"
                           "7 600 1 tom tom@example.com:\n"
                           "9 700 0 uma uma@example.com: 5/0/1/D\n";
    /* [400, 520): commits 5, 6 and 8, their runs one span (7 has none); [450, 650): 5, 7 and 8,
     * with 6's row between 5's and 8's */
    const char *span_want = "6 400 0 tom tom@example.com: 5/3/1/M\n"
                            "8 450 0 uma uma@example.com: 6/-1/-1/D 7/4/1/A\n"
                            "5 500 0 tom tom@example.com: 5/1/1/A 6/2/1/A\n";
    const char *gap_want = "8 450 0 uma uma@example.com: 6/-1/-1/D 7/4/1/A\n"
                           "5 500 0 tom tom@example.com: 5/1/1/A 6/2/1/A\n"
                           "7 600 1 tom tom@example.com:\n";
    for (int older = 0; older < 2; older++) {
        g_autofree char *all = commits(e.store, "t", G_MININT64, G_MAXINT64, 0, &ret);
        ck_assert_str_eq(all, all_want);
        g_autofree char *span = commits(e.store, "t", 400, 520, 0, &ret);
        ck_assert_str_eq(span, span_want);
        g_autofree char *gap = commits(e.store, "t", 450, 650, 0, &ret);
        ck_assert_str_eq(gap, gap_want);
        g_autofree char *empty = commits(e.store, "t", 800, 900, 0, &ret);
        ck_assert_str_eq(empty, "");
        g_autofree char *p = commits(e.store, "p", G_MININT64, G_MAXINT64, 0, &ret);
        ck_assert_str_eq(p, "1 100 0 alice alice@example.com: 1/3/1/A 2/-1/-1/A\n"
                            "2 200 1 alice alice@example.com:\n"
                            "4 300 0 bob bob@example.com: 1/1/1/D 4/2/1/A\n");
        g_autofree char *u = commits(e.store, "u", G_MININT64, G_MAXINT64, 0, &ret);
        ck_assert_str_eq(u, "21 850 0 val val@example.com: 7/2/1/M\n"
                            "10 900 0 val val@example.com: 1/1/1/A 6/1/1/A\n");
        g_autofree char *stopped = commits(e.store, "t", G_MININT64, G_MAXINT64, 2, &ret);
        ck_assert_int_eq(ret, 7);
        ck_assert_str_eq(stopped, "6 400 0 tom tom@example.com: 5/3/1/M\n"
                                  "8 450 0 uma uma@example.com: 6/-1/-1/D 7/4/1/A\n");
        if (older)
            break;
        g_autofree char *path = g_strdup(rhea_store_path(e.store));
        rhea_store_close(e.store);
        testutil_schema_v5(path, NULL);
        e.store = rhea_store_open_readonly(path, NULL);
        ck_assert_ptr_nonnull(e.store);
    }
    env_free(&e);
}
END_TEST

START_TEST(reads_fail_with_the_database_named)
{
    Env e = env_new();
    rhea_store_close(e.store);
    /* a database from before the commits table existed: every read fails and names the file */
    g_autofree char *other = g_build_filename(e.dir, "other.sqlite", NULL);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(other, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version=2", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    e.store = rhea_store_open_readonly(other, NULL);
    ck_assert_ptr_nonnull(e.store);
    g_autoptr(GError) error = NULL;
    int ret;
    Log l = {.log = g_string_new(NULL)};
    ret = rhea_store_each_commit(e.store, "p", G_MININT64, G_MAXINT64, log_commit, &l, &error);
    g_string_free(l.log, TRUE);
    ck_assert_int_eq(ret, -1);
    ck_assert(g_str_has_prefix(error->message, other));
    ck_assert_ptr_nonnull(strstr(error->message, "cannot read commits"));
    g_clear_error(&error);
    ck_assert_int_eq(rhea_store_each_product_path(e.store, "p", log_path, NULL, &error), -1);
    ck_assert_ptr_nonnull(strstr(error->message, "cannot read the product's paths"));
    g_clear_error(&error);
    ck_assert_ptr_null(rhea_store_window_path_ids(e.store, "p", 0, 1, &error));
    ck_assert_ptr_nonnull(strstr(error->message, "cannot read the product's changed paths"));
    env_free(&e);
}
END_TEST

/* "sha time kind" per commit of a path's history, as text. */
static char *history(RheaPathHistory *h, const char *path, gint64 until)
{
    GError *error = NULL;
    g_autoptr(GArray) out = g_array_new(FALSE, FALSE, sizeof(RheaPathCommit));
    ck_assert_int_eq(rhea_store_path_history_get(h, path, until, out, &error), 0);
    GString *t = g_string_new(NULL);
    for (guint i = 0; i < out->len; i++) {
        const RheaPathCommit *pc = &g_array_index(out, RheaPathCommit, i);
        g_string_append_printf(t, "%s%s %" G_GINT64_FORMAT " %c", i ? ", " : "", pc->sha, pc->time,
                               pc->kind);
    }
    return g_string_free(t, FALSE);
}

static int old_history_row(void *data, int n, char **values, char **names)
{
    g_string_append_printf(data, "%s%s %s %s", ((GString *)data)->len ? ", " : "", values[0],
                           values[1], values[2]);
    return 0;
}

/* A product's path histories (read once, kept in memory, no index on path ids): by hand on the
 * two products above, with two commits at the same time (ordered by row), a path of the other
 * product and one no commit changed; then every path of both products at every cut against the
 * query that used the index, the independent path. */
START_TEST(path_histories_of_a_product)
{
    Env e = env_new();
    GError *error = NULL;
    ck_assert_int_eq(rhea_store_begin(e.store, &error), 0);
    /* c5 at c3's time, after it: a.py added again */
    add(e.store, "p", "c5", "dan", 300, 1, (const char *const[]){"a.py", NULL}, (const gint64[]){4},
        "A");
    ck_assert_int_eq(rhea_store_commit(e.store, &error), 0);
    RheaPathHistory *h = rhea_store_path_history_new(e.store, "p", &error);
    ck_assert_ptr_nonnull(h);
    g_autofree char *a = history(h, "a.py", G_MAXINT64);
    ck_assert_str_eq(a, "c1 100 A, c3 300 D, c5 300 A");
    g_autofree char *a_early = history(h, "a.py", 299);
    ck_assert_str_eq(a_early, "c1 100 A");
    g_autofree char *x = history(h, "docs/x.md", 300);
    ck_assert_str_eq(x, "c3 300 A");
    g_autofree char *theirs = history(h, "q.txt", G_MAXINT64); /* q's path */
    ck_assert_str_eq(theirs, "");
    g_autofree char *none = history(h, "nowhere.c", G_MAXINT64);
    ck_assert_str_eq(none, "");
    rhea_store_path_history_free(h); /* its statement, before the store closes */
    g_autofree char *path = g_strdup(rhea_store_path(e.store));
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (const char *const *id = (const char *const[]){"p", "q", NULL}; *id; id++) {
        g_autoptr(RheaPathHistory) ph = rhea_store_path_history_new(e.store, *id, &error);
        ck_assert_ptr_nonnull(ph);
        for (const char *const *f =
                 (const char *const[]){"a.py", "b.js", "q.txt", "docs/x.md", "none", NULL};
             *f; f++)
            for (gint64 until = 99; until <= 301; until++) {
                g_autofree char *mine = history(ph, *f, until);
                g_autoptr(GString) old = g_string_new(NULL);
                g_autofree char *sql = g_strdup_printf(
                    "SELECT c.sha, c.committer_time, ch.kind FROM changes ch"
                    " JOIN commits c ON c.cid = ch.cid"
                    " WHERE ch.pid = (SELECT pid FROM paths WHERE path = '%s')"
                    " AND c.product = '%s' AND c.committer_time <= %" G_GINT64_FORMAT
                    " ORDER BY c.committer_time, c.cid",
                    *f, *id, until);
                ck_assert_int_eq(sqlite3_exec(db, sql, old_history_row, old, NULL), SQLITE_OK);
                ck_assert_str_eq(mine, old->str);
            }
    }
    sqlite3_close(db);
    env_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store_reads");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, commits_in_a_window_with_their_changes);
    tcase_add_test(tc, paths_of_a_product_and_of_a_window);
    tcase_add_test(tc, product_paths_in_byte_order_as_sql_sorts_them);
    tcase_add_test(tc, an_older_database_opened_read_only_reads_the_same);
    tcase_add_test(tc, commits_read_by_ranges_or_joined);
    tcase_add_test(tc, reads_fail_with_the_database_named);
    tcase_add_test(tc, path_histories_of_a_product);
    suite_add_tcase(s, tc);
    return testutil_run(s) ? 1 : 0;
}
