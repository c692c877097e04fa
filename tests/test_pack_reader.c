/* test_pack_reader.c: commit headers read straight from a pack (engine/pack_reader.c), checked
 * against libgit2's reading of the same objects.
 *
 * The history: root R; A on main; S on side; M merges side into main; O is an octopus of main,
 * side and a third root T; L has a message of 1.5 MiB. The repository is packed with libgit2's
 * packbuilder and its loose objects removed, so both readers see the pack alone. */
#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

#include "engine/history.h"
#include "engine/pack_backend.h"
#include "engine/pack_files.h"
#include "engine/pack_reader.h"
#include "engine/repo.h"
#include "engine/store.h"
#include "samples/fixture.h"
#include "tests/testutil.h"

#define T0 1672653600 /* 2023-01-02T10:00:00Z */
#define BIG_MESSAGE (1536 * 1024)

typedef struct {
    char *dir, *git;
    git_repository *repo;
    git_oid r, a, s, m, t, o, l;
} Packed;

/* O: an octopus of main's tip, side's tip and t, with main's tree. */
static void octopus(git_repository *repo, git_oid *t, git_oid *o)
{
    git_signature *sig = NULL;
    git_treebuilder *tb = NULL;
    git_oid empty;
    git_tree *empty_tree = NULL, *tree = NULL;
    git_commit *p[3] = {NULL};
    git_reference *main_ref = NULL, *side_ref = NULL;
    ck_assert_int_eq(git_signature_new(&sig, "O", "o@x", T0 + 10, 0), 0);
    ck_assert_int_eq(git_treebuilder_new(&tb, repo, NULL), 0);
    ck_assert_int_eq(git_treebuilder_write(&empty, tb), 0);
    ck_assert_int_eq(git_tree_lookup(&empty_tree, repo, &empty), 0);
    ck_assert_int_eq(git_commit_create(t, repo, NULL, sig, sig, NULL, "T\n", empty_tree, 0, NULL),
                     0);
    ck_assert_int_eq(git_reference_lookup(&main_ref, repo, "refs/heads/main"), 0);
    ck_assert_int_eq(git_reference_lookup(&side_ref, repo, "refs/heads/side"), 0);
    ck_assert_int_eq(git_commit_lookup(&p[0], repo, git_reference_target(main_ref)), 0);
    ck_assert_int_eq(git_commit_lookup(&p[1], repo, git_reference_target(side_ref)), 0);
    ck_assert_int_eq(git_commit_lookup(&p[2], repo, t), 0);
    ck_assert_int_eq(git_commit_tree(&tree, p[0]), 0);
    ck_assert_int_eq(git_commit_create(o, repo, "refs/heads/main", sig, sig, NULL, "O\n", tree, 3,
                                       (const git_commit **)p),
                     0);
    for (int i = 0; i < 3; i++)
        git_commit_free(p[i]);
    git_reference_free(main_ref);
    git_reference_free(side_ref);
    git_tree_free(tree);
    git_tree_free(empty_tree);
    git_treebuilder_free(tb);
    git_signature_free(sig);
}

/* L: a child of O whose message is larger than the reader's limit. */
static void large(git_repository *repo, const git_oid *o, git_oid *l)
{
    git_signature *sig = NULL;
    git_commit *parent = NULL;
    git_tree *tree = NULL;
    ck_assert_int_eq(git_signature_new(&sig, "L", "l@x", T0 + 11, 0), 0);
    ck_assert_int_eq(git_commit_lookup(&parent, repo, o), 0);
    ck_assert_int_eq(git_commit_tree(&tree, parent), 0);
    char *message = g_malloc(BIG_MESSAGE + 1);
    memset(message, 'x', BIG_MESSAGE - 1);
    message[BIG_MESSAGE - 1] = '\n';
    message[BIG_MESSAGE] = '\0';
    const git_commit *parents[] = {parent};
    ck_assert_int_eq(
        git_commit_create(l, repo, "refs/heads/main", sig, sig, NULL, message, tree, 1, parents),
        0);
    g_free(message);
    git_tree_free(tree);
    git_commit_free(parent);
    git_signature_free(sig);
}

/* Every object reachable from main into one pack; the loose objects are removed. */
static void pack_and_drop_loose(git_repository *repo, const char *git)
{
    git_packbuilder *pb = NULL;
    git_revwalk *walk = NULL;
    ck_assert_int_eq(git_packbuilder_new(&pb, repo), 0);
    ck_assert_int_eq(git_revwalk_new(&walk, repo), 0);
    ck_assert_int_eq(git_revwalk_push_ref(walk, "refs/heads/main"), 0);
    ck_assert_int_eq(git_packbuilder_insert_walk(pb, walk), 0);
    ck_assert_int_eq(git_packbuilder_write(pb, NULL, 0, NULL, NULL), 0);
    git_revwalk_free(walk);
    git_packbuilder_free(pb);
    g_autofree char *objects = g_build_filename(git, "objects", NULL);
    GDir *d = g_dir_open(objects, 0, NULL);
    ck_assert_ptr_nonnull(d);
    const char *name;
    while ((name = g_dir_read_name(d)))
        if (strlen(name) == 2 && g_ascii_isxdigit(name[0]) && g_ascii_isxdigit(name[1])) {
            g_autofree char *sub = g_build_filename(objects, name, NULL);
            testutil_rmtree(sub);
        }
    g_dir_close(d);
}

static Packed packed_open(gboolean pack)
{
    Packed k = {0};
    git_libgit2_init(); /* held past the fixture's own shutdown, until packed_close */
    k.dir = testutil_tmpdir();
    k.git = g_build_filename(k.dir, "p.git", NULL);
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(k.git, TRUE, &error);
    ck_assert_ptr_nonnull(fx);
    int rc = 0;
    rc |= rhea_fixture_write(fx, "r", "1\n");
    rc |= rhea_fixture_commit(fx, "R", "r@x", T0, 0, "R", &k.r);
    rc |= rhea_fixture_checkout(fx, "side");
    rc |= rhea_fixture_write(fx, "s", "2\n");
    rc |= rhea_fixture_commit(fx, "S", "s@x", T0 + 1, 0, "S", &k.s);
    rc |= rhea_fixture_checkout(fx, "main");
    rc |= rhea_fixture_write(fx, "a", "3\n");
    rc |= rhea_fixture_commit(fx, "A", "a@x", T0 + 2, 0, "A", &k.a);
    rc |= rhea_fixture_merge(fx, "side", "M", "m@x", T0 + 3, 0, "M", &k.m);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(rhea_fixture_finish(fx, &error), 0);
    ck_assert_int_eq(git_repository_open(&k.repo, k.git), 0);
    octopus(k.repo, &k.t, &k.o);
    large(k.repo, &k.o, &k.l);
    if (pack)
        pack_and_drop_loose(k.repo, k.git);
    return k;
}

static void packed_close(Packed *k)
{
    git_repository_free(k->repo);
    git_libgit2_shutdown();
    testutil_rmtree(k->dir);
    g_free(k->git);
    g_free(k->dir);
}

/* The header as libgit2 reads the commit: its text up to the "author" line. */
static char *expected_header(git_repository *repo, const git_oid *id)
{
    git_odb *odb = NULL;
    git_odb_object *obj = NULL;
    ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
    ck_assert_int_eq(git_odb_read(&obj, odb, id), 0);
    const char *data = git_odb_object_data(obj);
    const char *author = g_strstr_len(data, (gssize)git_odb_object_size(obj), "\nauthor ");
    ck_assert_ptr_nonnull(author);
    char *header = g_strndup(data, (gsize)(author + 1 - data));
    git_odb_object_free(obj);
    git_odb_free(odb);
    return header;
}

/* The commits the reader must answer, with the parents each has. */
#define ANSWERED 6

static const git_oid *answered(const Packed *k, int i)
{
    const git_oid *ids[ANSWERED] = {&k->r, &k->s, &k->a, &k->m, &k->t, &k->o};
    return ids[i];
}

START_TEST(every_header_equals_libgit2s_reading)
{
    Packed k = packed_open(TRUE);
    const unsigned parents[ANSWERED] = {0, 1, 1, 2, 0, 3};
    RheaPackReader *r = rhea_pack_reader_new(k.repo);
    for (int i = 0; i < ANSWERED; i++) {
        g_autofree char *want = expected_header(k.repo, answered(&k, i));
        const char *text = NULL;
        size_t len = 0;
        ck_assert_int_eq(rhea_pack_reader_header(r, answered(&k, i), &text, &len), 0);
        ck_assert_uint_eq(len, 46 + 48 * parents[i]);
        ck_assert_uint_eq(len, strlen(want));
        ck_assert_int_eq(memcmp(text, want, len), 0);
    }
    /* larger than the reader's limit: left to libgit2; so is an object that is not a commit */
    const char *text = NULL;
    size_t len = 0;
    ck_assert_int_eq(rhea_pack_reader_header(r, &k.l, &text, &len), -1);
    git_commit *o = NULL;
    ck_assert_int_eq(git_commit_lookup(&o, k.repo, &k.o), 0);
    ck_assert_int_eq(rhea_pack_reader_header(r, git_commit_tree_id(o), &text, &len), -1);
    git_commit_free(o);
    rhea_pack_reader_free(r);
    packed_close(&k);
}
END_TEST

START_TEST(loose_objects_are_left_to_libgit2)
{
    Packed k = packed_open(FALSE);
    RheaPackReader *r = rhea_pack_reader_new(k.repo);
    const char *text = NULL;
    size_t len = 0;
    for (int i = 0; i < ANSWERED; i++)
        ck_assert_int_eq(rhea_pack_reader_header(r, answered(&k, i), &text, &len), -1);
    rhea_pack_reader_free(r);
    packed_close(&k);
}
END_TEST

/* The walk over the pack alone: parents first, first parent's line first, L read by libgit2. */
START_TEST(the_walk_over_a_pack_is_the_walk_over_loose_objects)
{
    Packed loose = packed_open(FALSE), packed = packed_open(TRUE);
    GError *error = NULL;
    g_autoptr(GHashTable) shallow = rhea_history_shallow(packed.repo);
    g_autoptr(GArray) a =
        rhea_history_walk(loose.repo, &loose.l, shallow, NULL, NULL, NULL, &error);
    g_autoptr(GArray) b =
        rhea_history_walk(packed.repo, &packed.l, shallow, NULL, NULL, NULL, &error);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(a->len, 7);
    ck_assert_uint_eq(b->len, 7);
    /* the same fixture, so the same ids: R A S M T O L */
    const git_oid *order[] = {&loose.r, &loose.a, &loose.s, &loose.m, &loose.t, &loose.o, &loose.l};
    for (guint i = 0; i < 7; i++) {
        ck_assert(git_oid_equal(&g_array_index(a, git_oid, i), order[i]));
        ck_assert(git_oid_equal(&g_array_index(b, git_oid, i), order[i]));
    }
    packed_close(&loose);
    packed_close(&packed);
}
END_TEST

/* 300 commits in a line, each changing one file: ids[i] is the i-th. */
static void linear_300(const char *git, git_oid ids[300])
{
    GError *error = NULL;
    RheaFixture *fx = rhea_fixture_new(git, TRUE, &error);
    ck_assert_ptr_nonnull(fx);
    for (int i = 0; i < 300; i++) {
        g_autofree char *text = g_strdup_printf("%d\n", i);
        ck_assert_int_eq(rhea_fixture_write(fx, "f", text), 0);
        ck_assert_int_eq(rhea_fixture_commit(fx, "N", "n@x", T0 + i, 0, text, &ids[i]), 0);
    }
    ck_assert_int_eq(rhea_fixture_finish(fx, &error), 0);
}

/* 300 commits, so that the index's binary search takes every path: each is answered. */
START_TEST(a_pack_of_many_commits_answers_each)
{
    git_libgit2_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *git = g_build_filename(dir, "many.git", NULL);
    git_oid ids[300];
    linear_300(git, ids);
    git_repository *repo = NULL;
    ck_assert_int_eq(git_repository_open(&repo, git), 0);
    pack_and_drop_loose(repo, git);
    RheaPackReader *r = rhea_pack_reader_new(repo);
    for (int i = 0; i < 300; i++) {
        g_autofree char *want = expected_header(repo, &ids[i]);
        const char *text = NULL;
        size_t len = 0;
        ck_assert_int_eq(rhea_pack_reader_header(r, &ids[i], &text, &len), 0);
        ck_assert_uint_eq(len, i ? 94 : 46);
        ck_assert_int_eq(memcmp(text, want, len), 0);
    }
    rhea_pack_reader_free(r);
    git_repository_free(repo);
    git_libgit2_shutdown();
    testutil_rmtree(dir);
}
END_TEST

static char *only_file(const char *dir, const char *suffix)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    ck_assert_ptr_nonnull(d);
    char *found = NULL;
    const char *name;
    while ((name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, suffix)) {
            ck_assert_ptr_null(found);
            found = g_build_filename(dir, name, NULL);
        }
    g_dir_close(d);
    ck_assert_ptr_nonnull(found);
    return found;
}

/* Every single byte of the pack changed in turn: each header read is the true one or refused
 * (zlib's checksum, the sizes and the counts), never another text; under ASan, no read strays. */
START_TEST(a_damaged_pack_gives_the_true_header_or_none)
{
    Packed k = packed_open(TRUE);
    g_autofree char *packdir = g_build_filename(k.git, "objects", "pack", NULL);
    g_autofree char *pack = only_file(packdir, ".pack");
    g_autofree char *idx = only_file(packdir, ".idx");
    char *want[ANSWERED];
    for (int i = 0; i < ANSWERED; i++)
        want[i] = expected_header(k.repo, answered(&k, i));
    g_autofree char *pristine = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents(pack, &pristine, &len, NULL));
    ck_assert_int_eq(g_chmod(pack, 0644), 0);
    guint refused = 0, reads = 0;
    for (gsize at = 0; at < len; at++) {
        pristine[at] ^= 0x5a;
        ck_assert(g_file_set_contents(pack, pristine, (gssize)len, NULL));
        pristine[at] ^= 0x5a;
        RheaPackReader *r = rhea_pack_reader_new(k.repo);
        for (int i = 0; i < ANSWERED; i++) {
            const char *text = NULL;
            size_t n = 0;
            reads++;
            if (rhea_pack_reader_header(r, answered(&k, i), &text, &n) < 0) {
                refused++;
                continue;
            }
            ck_assert_uint_eq(n, strlen(want[i]));
            ck_assert_int_eq(memcmp(text, want[i], n), 0);
        }
        rhea_pack_reader_free(r);
    }
    /* the pack's header (12 bytes) alone refuses every read in 12 of those rounds */
    ck_assert_uint_ge(refused, 12 * ANSWERED);
    ck_assert_uint_lt(refused, reads);
    ck_assert(g_file_set_contents(pack, pristine, (gssize)len, NULL));

    /* a damaged index: bad magic, a count that falls, cut short */
    g_autofree char *good_idx = NULL;
    gsize idx_len = 0;
    ck_assert(g_file_get_contents(idx, &good_idx, &idx_len, NULL));
    ck_assert_int_eq(g_chmod(idx, 0644), 0);
    for (int damage = 0; damage < 3; damage++) {
        g_autofree char *bad = g_memdup2(good_idx, idx_len);
        gsize bad_len = idx_len;
        if (damage == 0)
            bad[0] = 'x';
        else if (damage == 1)
            memset(bad + 8 + 4 * 200, 0, 4); /* fan-out entry 200 below entry 199 */
        else
            bad_len = 8 + 256 * 4 + 10;
        ck_assert(g_file_set_contents(idx, bad, (gssize)bad_len, NULL));
        RheaPackReader *r = rhea_pack_reader_new(k.repo);
        for (int i = 0; i < ANSWERED; i++) {
            const char *text = NULL;
            size_t n = 0;
            ck_assert_int_eq(rhea_pack_reader_header(r, answered(&k, i), &text, &n), -1);
        }
        rhea_pack_reader_free(r);
    }
    for (int i = 0; i < ANSWERED; i++)
        g_free(want[i]);
    packed_close(&k);
}
END_TEST

/* n commits over twelve files of one folder, each changing two of them, one file removed and one
 * added every fifth commit: trees and blobs close enough for the packbuilder to store as deltas. */
static int build_similar(const char *path, int n, gboolean pack, GError **error)
{
    RheaFixture *fx = rhea_fixture_new(path, TRUE, error);
    if (!fx)
        return -1;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        for (int f = 0; f < 12; f++) {
            if (f != i % 12 && f != (i * 5 + 3) % 12 && i > 0)
                continue;
            g_autofree char *name = g_strdup_printf("src/file%02d.c", f);
            g_autofree char *text = g_strdup_printf(
                "/* file %d */\nint f%d(void) { return %d; }\n%s", f, f, i,
                "static const char *filler = \"abcdefghijklmnopqrstuvwxyz0123456789\";\n");
            rc |= rhea_fixture_write(fx, name, text);
        }
        if (i % 5 == 4) {
            g_autofree char *gone = g_strdup_printf("src/extra%02d.c", i - 5);
            g_autofree char *added = g_strdup_printf("src/extra%02d.c", i);
            if (i >= 9)
                rc |= rhea_fixture_remove(fx, gone);
            rc |= rhea_fixture_write(fx, added, "int extra;\n");
        }
        g_autofree char *msg = g_strdup_printf("change %d", i);
        rc |= rhea_fixture_commit(fx, "N", "n@x", T0 + i, 0, msg, NULL);
    }
    if (rc != 0) {
        rhea_fixture_free(fx);
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "fixture failed");
        return -1;
    }
    if (rhea_fixture_finish(fx, error) < 0)
        return -1;
    if (pack) {
        git_repository *repo = NULL;
        ck_assert_int_eq(git_repository_open(&repo, path), 0);
        pack_and_drop_loose(repo, path);
        git_repository_free(repo);
    }
    return 0;
}

static int build_loose(const char *path, GError **error)
{
    return build_similar(path, 80, FALSE, error);
}

static int build_packed(const char *path, GError **error)
{
    return build_similar(path, 80, TRUE, error);
}

static gboolean collect_id(const git_oid *id, gpointer ids)
{
    g_array_append_val((GArray *)ids, *id);
    return TRUE;
}

static int collect(const git_oid *id, void *ids)
{
    return collect_id(id, ids) ? 0 : -1;
}

/* Every object of the pack, read whole, is libgit2's object: type and bytes. */
static void every_object_equals(git_repository *repo, guint64 *deltas, guint64 *hits)
{
    git_odb *odb = NULL;
    ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
    g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(git_oid));
    ck_assert_int_eq(git_odb_foreach(odb, collect, ids), 0);
    ck_assert_uint_gt(ids->len, 100);
    RheaPackReader *r = rhea_pack_reader_new(repo);
    for (guint i = 0; i < ids->len; i++) {
        const git_oid *id = &g_array_index(ids, git_oid, i);
        git_odb_object *want = NULL;
        ck_assert_int_eq(git_odb_read(&want, odb, id), 0);
        GBytes *got = NULL;
        git_object_t type = GIT_OBJECT_INVALID;
        ck_assert_int_eq(rhea_pack_reader_object(r, id, &got, &type), 0);
        ck_assert_int_eq(type, git_odb_object_type(want));
        gsize len = 0;
        const void *data = g_bytes_get_data(got, &len);
        ck_assert_uint_eq(len, git_odb_object_size(want));
        ck_assert_int_eq(memcmp(data, git_odb_object_data(want), len), 0);
        g_bytes_unref(got);
        git_odb_object_free(want);
    }
    rhea_pack_reader_counts(r, deltas, hits);
    rhea_pack_reader_free(r);
    git_odb_free(odb);
}

START_TEST(every_object_with_its_deltas_equals_libgit2s_reading)
{
    git_libgit2_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *git = g_build_filename(dir, "similar.git", NULL);
    GError *error = NULL;
    ck_assert_int_eq(build_packed(git, &error), 0);
    git_repository *repo = NULL;
    ck_assert_int_eq(git_repository_open(&repo, git), 0);
    guint64 deltas = 0, hits = 0;
    every_object_equals(repo, &deltas, &hits);
    /* the packbuilder stored versions as deltas, some on others: the cache served bases */
    ck_assert_uint_gt(deltas, 50);
    ck_assert_uint_gt(hits, 0);
    git_repository_free(repo);
    git_libgit2_shutdown();
    testutil_rmtree(dir);
}
END_TEST

/* The ids of every object of type want in repo's object database. */
static GArray *ids_of_type(git_repository *repo, git_object_t want)
{
    git_odb *odb = NULL;
    ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
    g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(git_oid));
    ck_assert_int_eq(git_odb_foreach(odb, collect, all), 0);
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(git_oid));
    for (guint i = 0; i < all->len; i++) {
        size_t len = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        const git_oid *id = &g_array_index(all, git_oid, i);
        ck_assert_int_eq(git_odb_read_header(&len, &type, odb, id), 0);
        if (type == want)
            g_array_append_val(ids, *id);
    }
    git_odb_free(odb);
    return ids;
}

/* Reads every object of ids once: the deltas applied and the cache's hits it took. */
static void read_each(RheaPackReader *r, const GArray *ids, guint64 *deltas, guint64 *hits)
{
    guint64 d0 = 0, h0 = 0;
    rhea_pack_reader_counts(r, &d0, &h0);
    for (guint i = 0; i < ids->len; i++) {
        GBytes *got = NULL;
        git_object_t type = GIT_OBJECT_INVALID;
        ck_assert_int_eq(rhea_pack_reader_object(r, &g_array_index(ids, git_oid, i), &got, &type),
                         0);
        g_bytes_unref(got);
    }
    rhea_pack_reader_counts(r, deltas, hits);
    *deltas -= d0;
    *hits -= h0;
}

/* How many of the trees of ids the cache holds once each was read: those stored as a delta, whole
 * ones of 512 bytes or more (engine/pack_reader.c, read_again), and the bases another delta was
 * built on. *small gets the others' count. The fixture's pack is one file. */
static guint trees_kept(git_repository *repo, const GArray *ids, guint *small)
{
    RheaPackFiles *files = rhea_pack_files_new(repo);
    g_autoptr(GHashTable) bases = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    for (guint i = 0; i < ids->len; i++) {
        RheaPackEntry e;
        ck_assert_int_eq(rhea_pack_files_find(files, g_array_index(ids, git_oid, i).id, &e), 0);
        while (e.type == RHEA_PACK_OFS_DELTA || e.type == RHEA_PACK_REF_DELTA) {
            ck_assert_int_eq(e.type == RHEA_PACK_OFS_DELTA
                                 ? rhea_pack_files_entry(files, e.pack, e.base_offset, &e)
                                 : rhea_pack_files_find(files, e.base_id, &e),
                             0);
            g_hash_table_add(bases, g_memdup2(&e.offset, sizeof(gint64)));
        }
    }
    guint kept = 0;
    *small = 0;
    for (guint i = 0; i < ids->len; i++) {
        RheaPackEntry e;
        ck_assert_int_eq(rhea_pack_files_find(files, g_array_index(ids, git_oid, i).id, &e), 0);
        gboolean delta = e.type == RHEA_PACK_OFS_DELTA || e.type == RHEA_PACK_REF_DELTA;
        if (delta || e.size >= 512 || g_hash_table_contains(bases, &e.offset))
            kept++;
        else
            (*small)++;
    }
    rhea_pack_files_free(files);
    return kept;
}

/* A blob asked for again comes from the cache, and so does a tree that was dear to make: no delta
 * applied again, one hit each (the tree differ reads a tree again after a commit of another
 * branch; the line counts read a file's old version, the previous commit's new one). A small whole
 * tree is inflated again, a commit too. */
START_TEST(trees_and_blobs_read_again_come_from_the_cache)
{
    git_libgit2_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *git = g_build_filename(dir, "similar.git", NULL);
    GError *error = NULL;
    ck_assert_int_eq(build_packed(git, &error), 0);
    git_repository *repo = NULL;
    ck_assert_int_eq(git_repository_open(&repo, git), 0);
    const git_object_t kinds[] = {GIT_OBJECT_TREE, GIT_OBJECT_BLOB};
    for (guint k = 0; k < G_N_ELEMENTS(kinds); k++) {
        g_autoptr(GArray) ids = ids_of_type(repo, kinds[k]);
        ck_assert_uint_gt(ids->len, 20);
        guint small = 0;
        guint kept = kinds[k] == GIT_OBJECT_TREE ? trees_kept(repo, ids, &small) : ids->len;
        if (kinds[k] == GIT_OBJECT_TREE) /* the root trees, one entry each, are stored whole */
            ck_assert_uint_gt(small, 0);
        RheaPackReader *r = rhea_pack_reader_new(repo);
        guint64 deltas = 0, hits = 0;
        read_each(r, ids, &deltas, &hits);
        ck_assert_uint_gt(deltas, 10); /* the packbuilder stored some as deltas */
        read_each(r, ids, &deltas, &hits);
        ck_assert_uint_eq(deltas, 0);
        ck_assert_uint_eq(hits, kept);
        rhea_pack_reader_free(r);
    }
    /* the 80 commits are whole objects, read whole again */
    g_autoptr(GArray) commits = ids_of_type(repo, GIT_OBJECT_COMMIT);
    ck_assert_uint_eq(commits->len, 80);
    RheaPackReader *r = rhea_pack_reader_new(repo);
    guint64 deltas = 0, hits = 0;
    read_each(r, commits, &deltas, &hits);
    read_each(r, commits, &deltas, &hits);
    ck_assert_uint_eq(hits, 0);
    rhea_pack_reader_free(r);
    git_repository_free(repo);
    git_libgit2_shutdown();
    testutil_rmtree(dir);
}
END_TEST

/* The ingest reads trees through the pack reader: over the pack it stores what it stores over the
 * loose objects, every change with its kind and line counts. */
START_TEST(an_ingest_over_a_pack_equals_one_over_loose_objects)
{
    g_autofree char *loose_dir = testutil_tmpdir();
    g_autofree char *packed_dir = testutil_tmpdir();
    RheaStore *loose = testutil_ingest(loose_dir, "p", build_loose, NULL);
    RheaStore *packed = testutil_ingest(packed_dir, "p", build_packed, NULL);
    const char *sql = "SELECT group_concat(c.sha || ' ' || p.path || ' ' || ch.kind || ' ' || "
                      "ifnull(ch.added, '-') || ' ' || ifnull(ch.removed, '-'), char(10)) FROM "
                      "(SELECT * FROM changes ORDER BY cid, pid) ch JOIN commits c USING (cid) "
                      "JOIN paths p USING (pid)";
    g_autofree char *want = testutil_text(loose, sql);
    g_autofree char *got = testutil_text(packed, sql);
    ck_assert_ptr_nonnull(want);
    ck_assert_str_eq(got, want);
    /* 80 commits, the first adding twelve files and a sixteenth of them adding and removing more */
    ck_assert_int_eq(testutil_int(packed, "SELECT count(*) FROM commits"), 80);
    ck_assert_int_ge(testutil_int(packed, "SELECT count(*) FROM changes"), 12 + 79 * 2);
    rhea_store_close(loose);
    rhea_store_close(packed);
    testutil_rmtree(loose_dir);
    testutil_rmtree(packed_dir);
}
END_TEST

/* Every object of the repository at git, as libgit2 reads it: *ids gets their ids, and the
 * result their bytes in the same order. */
static GPtrArray *read_all(const char *git, GArray **ids)
{
    git_repository *repo = NULL;
    git_odb *odb = NULL;
    ck_assert_int_eq(git_repository_open(&repo, git), 0);
    ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
    *ids = g_array_new(FALSE, FALSE, sizeof(git_oid));
    ck_assert_int_eq(git_odb_foreach(odb, collect, *ids), 0);
    GPtrArray *bytes = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    for (guint i = 0; i < (*ids)->len; i++) {
        git_odb_object *o = NULL;
        ck_assert_int_eq(git_odb_read(&o, odb, &g_array_index(*ids, git_oid, i)), 0);
        g_ptr_array_add(bytes, g_bytes_new(git_odb_object_data(o), git_odb_object_size(o)));
        git_odb_object_free(o);
    }
    git_odb_free(odb);
    git_repository_free(repo);
    return bytes;
}

/* Every single byte of a smaller pack of deltas changed in turn: each object read is libgit2's
 * object as it was or refused; under ASan, no read strays. */
START_TEST(a_damaged_pack_of_deltas_gives_the_true_object_or_none)
{
    git_libgit2_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *git = g_build_filename(dir, "small.git", NULL);
    GError *error = NULL;
    ck_assert_int_eq(build_similar(git, 12, TRUE, &error), 0);
    g_autoptr(GArray) ids = NULL;
    GPtrArray *want = read_all(git, &ids);
    git_repository *repo = NULL;
    ck_assert_int_eq(git_repository_open(&repo, git), 0);
    g_autofree char *packdir = g_build_filename(git, "objects", "pack", NULL);
    g_autofree char *pack = only_file(packdir, ".pack");
    g_autofree char *pristine = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents(pack, &pristine, &len, NULL));
    ck_assert_int_eq(g_chmod(pack, 0644), 0);
    guint64 refused = 0, reads = 0;
    for (gsize at = 0; at < len; at++) {
        pristine[at] ^= 0x5a;
        ck_assert(g_file_set_contents(pack, pristine, (gssize)len, NULL));
        pristine[at] ^= 0x5a;
        RheaPackReader *r = rhea_pack_reader_new(repo);
        for (guint i = 0; i < ids->len; i++) {
            GBytes *got = NULL;
            git_object_t type;
            reads++;
            if (rhea_pack_reader_object(r, &g_array_index(ids, git_oid, i), &got, &type) < 0) {
                refused++;
                continue;
            }
            ck_assert_msg(g_bytes_equal(got, g_ptr_array_index(want, i)),
                          "byte %zu changed: object %u read wrong", (size_t)at, i);
            g_bytes_unref(got);
        }
        rhea_pack_reader_free(r);
    }
    ck_assert_uint_ge(refused, 12 * ids->len);
    ck_assert_uint_lt(refused, reads);
    g_ptr_array_free(want, TRUE);
    git_repository_free(repo);
    git_libgit2_shutdown();
    testutil_rmtree(dir);
}
END_TEST

/* A repository opened by rhea reads through the pack reader first: with the pack files deleted
 * after the open, libgit2's own backend (which opens a pack's index at its first lookup) finds
 * nothing, and rhea's, which mapped them at the open, still reads every object. */
START_TEST(a_repository_rhea_opens_reads_through_the_pack_reader)
{
    git_libgit2_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *git = g_build_filename(dir, "similar.git", NULL);
    GError *error = NULL;
    ck_assert_int_eq(build_similar(git, 20, TRUE, &error), 0);
    g_autoptr(GArray) ids = NULL;
    GPtrArray *want = read_all(git, &ids);
    git_repository *plain = NULL;
    git_repository *ours = rhea_repo_open(git, &error);
    ck_assert_ptr_nonnull(ours);
    ck_assert_int_eq(git_repository_open(&plain, git), 0);
    g_autofree char *packdir = g_build_filename(git, "objects", "pack", NULL);
    testutil_rmtree(packdir);
    git_odb *odb = NULL, *control = NULL;
    ck_assert_int_eq(git_repository_odb(&odb, ours), 0);
    ck_assert_int_eq(git_repository_odb(&control, plain), 0);
    for (guint i = 0; i < ids->len; i++) {
        const git_oid *id = &g_array_index(ids, git_oid, i);
        git_odb_object *o = NULL;
        ck_assert_int_eq(git_odb_read(&o, odb, id), 0);
        GBytes *got = g_bytes_new(git_odb_object_data(o), git_odb_object_size(o));
        ck_assert(g_bytes_equal(got, g_ptr_array_index(want, i)));
        ck_assert_int_eq(((const char *)git_odb_object_data(o))[git_odb_object_size(o)], 0);
        g_bytes_unref(got);
        git_odb_object_free(o);
        ck_assert_int_eq(git_odb_read(&o, control, id), GIT_ENOTFOUND);
    }
    git_error_clear();
    git_odb_free(odb);
    git_odb_free(control);
    git_repository_free(plain);
    git_repository_free(ours);
    g_ptr_array_free(want, TRUE);
    git_libgit2_shutdown();
    testutil_rmtree(dir);
}
END_TEST

/* A repository of 300 packs (one per commit): the reader maps the first 256 it lists and answers
 * for their commits alone; the walk still reads all 300, the rest through libgit2. */
START_TEST(packs_past_the_first_256_are_left_to_libgit2)
{
    git_libgit2_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *git = g_build_filename(dir, "many-packs.git", NULL);
    git_oid ids[300];
    linear_300(git, ids);
    git_repository *repo = NULL;
    ck_assert_int_eq(git_repository_open(&repo, git), 0);
    for (int i = 0; i < 300; i++) {
        git_packbuilder *pb = NULL;
        ck_assert_int_eq(git_packbuilder_new(&pb, repo), 0);
        ck_assert_int_eq(git_packbuilder_insert_commit(pb, &ids[i]), 0);
        ck_assert_int_eq(git_packbuilder_write(pb, NULL, 0, NULL, NULL), 0);
        git_packbuilder_free(pb);
    }
    RheaPackReader *r = rhea_pack_reader_new(repo);
    int answered = 0;
    for (int i = 0; i < 300; i++) {
        const char *text = NULL;
        size_t len = 0;
        answered += rhea_pack_reader_header(r, &ids[i], &text, &len) == 0;
    }
    ck_assert_int_eq(answered, 256);
    rhea_pack_reader_free(r);
    g_autoptr(GHashTable) shallow = rhea_history_shallow(repo);
    GError *error = NULL;
    g_autoptr(GArray) walk = rhea_history_walk(repo, &ids[299], shallow, NULL, NULL, NULL, &error);
    ck_assert_ptr_nonnull(walk);
    ck_assert_uint_eq(walk->len, 300);
    ck_assert(git_oid_equal(&g_array_index(walk, git_oid, 0), &ids[0]));
    git_repository_free(repo);
    git_libgit2_shutdown();
    testutil_rmtree(dir);
}
END_TEST

int main(void)
{
    return testutil_main(
        "pack_reader", 300, every_header_equals_libgit2s_reading, loose_objects_are_left_to_libgit2,
        the_walk_over_a_pack_is_the_walk_over_loose_objects, a_pack_of_many_commits_answers_each,
        a_damaged_pack_gives_the_true_header_or_none,
        every_object_with_its_deltas_equals_libgit2s_reading,
        trees_and_blobs_read_again_come_from_the_cache,
        an_ingest_over_a_pack_equals_one_over_loose_objects,
        a_damaged_pack_of_deltas_gives_the_true_object_or_none,
        a_repository_rhea_opens_reads_through_the_pack_reader,
        packs_past_the_first_256_are_left_to_libgit2, NULL);
}
