/* synthetic.c: writes the large linear histories of samples/synthetic.h with libgit2.
 *
 * Speed is the point: an index rewrite per commit (what fixture.c does) writes every tree of the
 * repository, and loose objects cost a file each. Here the three tree levels (root, top folder,
 * leaf folder) are kept as ids and only the trees on a touched file's path are rebuilt, and objects
 * are written to an in-memory odb backend (mempack) that is flushed to a pack every FLUSH_EVERY
 * commits. The pack is written here, without deltas and stored uncompressed: delta search and
 * deflate were most of the time. Memory is bounded by one flush's objects, not by the history:
 * the pack is streamed to the indexer, and libgit2's object cache is kept small while writing
 * (it grew ~7 KiB a commit, 800 MB at 100k commits). 100k commits: ~25 s of CPU, 190 MB peak,
 * 181 MB on disk; 1M commits in 50 packs (docs/performance.md, "Generated histories").
 *
 * The pseudo-random sequence is a fixed 64-bit LCG rather than GLib's generator, so the history
 * does not depend on the GLib version. */
#include "samples/synthetic.h"

#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <string.h>
#include <zlib.h>

#include "samples/fixture.h"

#define TOPS 8
#define SUBS (RHEA_SYNTH_FOLDERS / TOPS)
#define FLUSH_EVERY 20000
#define SYNTH_CACHE_MAX (8 << 20)

typedef struct {
    const char *name, *email;
    int offset;
} Author;

static const Author AUTHORS[] = {
    {"Alice Smith", "alice@example.com", 60}, {"Bob Jones", "bob@example.com", -300},
    {"Carol Wu", "carol@example.com", 330},   {"Dan Brown", "dan@example.com", 0},
    {"Erin Okafor", "erin@example.com", 120},
};

typedef struct {
    git_repository *repo;
    git_odb *odb;
    git_odb_backend *mempack;
    guint64 seed;
    guint files;
    gboolean *present;
    guint *revision;
    GArray *written; /* ids of the objects in the mempack, in order of writing */
    git_oid leaf[RHEA_SYNTH_FOLDERS], top[TOPS], root;
    gboolean has_leaf[RHEA_SYNTH_FOLDERS], has_top[TOPS], has_root;
    GError **error;
} Synth;

static guint next_rand(Synth *s, guint n)
{
    s->seed = s->seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (guint)((s->seed >> 33) % n);
}

static int fail(Synth *s, const char *what)
{
    const git_error *e = git_error_last();
    g_set_error(s->error, RHEA_FIXTURE_ERROR, 1, "%s: %s", what, e ? e->message : "failed");
    return -1;
}

/* Rebuilds the tree `*id` (absent when !*has) with the given changes: names[i] set to ids[i], or
 * removed when ids[i] is NULL. */
static int rebuild(Synth *s, git_oid *id, gboolean *has, guint n, char **names, const git_oid **ids,
                   git_filemode_t mode)
{
    git_tree *old = NULL;
    git_treebuilder *tb = NULL;
    int rc = -1;
    if (*has && git_tree_lookup(&old, s->repo, id) < 0)
        goto cleanup;
    if (git_treebuilder_new(&tb, s->repo, old) < 0)
        goto cleanup;
    for (guint i = 0; i < n; i++) {
        if (ids[i] ? git_treebuilder_insert(NULL, tb, names[i], ids[i], mode)
                   : (git_treebuilder_get(tb, names[i]) ? git_treebuilder_remove(tb, names[i]) : 0))
            goto cleanup;
    }
    *has = git_treebuilder_entrycount(tb) > 0;
    if (*has) {
        if (git_treebuilder_write(id, tb) < 0)
            goto cleanup;
        g_array_append_val(s->written, *id);
    }
    rc = 0;
cleanup:
    git_treebuilder_free(tb);
    git_tree_free(old);
    return rc < 0 ? fail(s, "tree") : 0;
}

/* Applies the file changes of one commit to the three tree levels. */
static int apply(Synth *s, guint commit, const guint *touched, guint n)
{
    gboolean leaf_dirty[RHEA_SYNTH_FOLDERS] = {0}, top_dirty[TOPS] = {0};
    for (guint l = 0; l < RHEA_SYNTH_FOLDERS; l++) {
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(GArray) blobs = g_array_new(FALSE, FALSE, sizeof(git_oid));
        g_autoptr(GArray) gone = g_array_new(FALSE, FALSE, sizeof(gboolean));
        for (guint i = 0; i < n; i++) {
            guint f = touched[i];
            if (f % RHEA_SYNTH_FOLDERS != l)
                continue;
            g_ptr_array_add(names, g_strdup_printf("f%06u.txt", f));
            git_oid blob = {{0}};
            if (s->present[f]) {
                g_autofree char *text = g_strdup_printf("file %u\nrevision %u (commit %u)\n", f,
                                                        s->revision[f], commit);
                if (git_blob_create_from_buffer(&blob, s->repo, text, strlen(text)) < 0)
                    return fail(s, "blob");
                g_array_append_val(s->written, blob);
            }
            g_array_append_val(blobs, blob);
            gboolean g = !s->present[f];
            g_array_append_val(gone, g);
        }
        if (names->len == 0)
            continue;
        const git_oid **ids = g_new0(const git_oid *, names->len);
        for (guint i = 0; i < names->len; i++)
            ids[i] = g_array_index(gone, gboolean, i) ? NULL : &g_array_index(blobs, git_oid, i);
        int rc = rebuild(s, &s->leaf[l], &s->has_leaf[l], names->len, (char **)names->pdata, ids,
                         GIT_FILEMODE_BLOB);
        g_free(ids);
        if (rc < 0)
            return -1;
        leaf_dirty[l] = top_dirty[l / SUBS] = TRUE;
    }
    for (guint t = 0; t < TOPS; t++) {
        if (!top_dirty[t])
            continue;
        char *names[SUBS];
        const git_oid *ids[SUBS];
        guint n_sub = 0;
        for (guint k = 0; k < SUBS; k++) {
            guint l = t * SUBS + k;
            if (!leaf_dirty[l])
                continue;
            names[n_sub] = g_strdup_printf("sub%u", k);
            ids[n_sub++] = s->has_leaf[l] ? &s->leaf[l] : NULL;
        }
        int rc = rebuild(s, &s->top[t], &s->has_top[t], n_sub, names, ids, GIT_FILEMODE_TREE);
        for (guint k = 0; k < n_sub; k++)
            g_free(names[k]);
        if (rc < 0)
            return -1;
    }
    char *names[TOPS];
    const git_oid *ids[TOPS];
    guint n_top = 0;
    for (guint t = 0; t < TOPS; t++) {
        if (!top_dirty[t])
            continue;
        names[n_top] = g_strdup_printf("top%u", t);
        ids[n_top++] = s->has_top[t] ? &s->top[t] : NULL;
    }
    int rc = rebuild(s, &s->root, &s->has_root, n_top, names, ids, GIT_FILEMODE_TREE);
    for (guint t = 0; t < n_top; t++)
        g_free(names[t]);
    if (rc == 0 && !s->has_root) { /* every file deleted: the empty tree */
        git_treebuilder *tb = NULL;
        if (git_treebuilder_new(&tb, s->repo, NULL) < 0 || git_treebuilder_write(&s->root, tb) < 0)
            rc = fail(s, "empty tree");
        else
            g_array_append_val(s->written, s->root);
        git_treebuilder_free(tb);
    }
    return rc;
}

/* Appends a pack object header: type and size, 7 bits a byte after the first 4. */
static void pack_header(GByteArray *out, git_object_t type, size_t size)
{
    guint8 b = (guint8)((type << 4) | (size & 15));
    size >>= 4;
    while (size) {
        b |= 0x80;
        g_byte_array_append(out, &b, 1);
        b = size & 0x7f;
        size >>= 7;
    }
    g_byte_array_append(out, &b, 1);
}

/* Streams `len` bytes to the pack being written and to its checksum, through a 1 MiB buffer. */
static int pack_put(Synth *s, git_odb_writepack *wp, GByteArray *buf, GChecksum *sha,
                    const void *data, size_t len, git_indexer_progress *stats)
{
    g_byte_array_append(buf, data, (guint)len);
    if (buf->len < (1u << 20))
        return 0;
    g_checksum_update(sha, buf->data, buf->len);
    int rc = wp->append(wp, buf->data, buf->len, stats);
    g_byte_array_set_size(buf, 0);
    return rc < 0 ? fail(s, "pack") : 0;
}

/* Moves the objects held in memory into a pack (format v2, no deltas, SHA-1 trailer). The pack is
 * streamed to libgit2's indexer in 1 MiB pieces rather than built in memory: its header needs the
 * object count, so the distinct ids are counted first. */
static int flush(Synth *s)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_bytes_hash, g_bytes_equal);
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    g_autoptr(GPtrArray) order = g_ptr_array_new();
    g_autoptr(GByteArray) buf = g_byte_array_sized_new((1u << 20) + 4096);
    g_autoptr(GByteArray) obj_head = g_byte_array_new();
    g_autoptr(GChecksum) sha = g_checksum_new(G_CHECKSUM_SHA1);
    git_odb_writepack *wp = NULL;
    git_indexer_progress stats = {0};
    guchar *zbuf = NULL;
    uLong zcap = 0;
    int rc = -1;
    for (guint i = 0; i < s->written->len; i++) {
        const git_oid *id = &g_array_index(s->written, git_oid, i);
        GBytes *key = g_bytes_new(id->id, GIT_OID_RAWSZ);
        g_ptr_array_add(keys, key);
        if (g_hash_table_add(seen, key))
            g_ptr_array_add(order, (gpointer)id);
    }
    if (order->len == 0) {
        rc = 0;
        goto cleanup;
    }
    if (git_odb_write_pack(&wp, s->odb, NULL, NULL) < 0) {
        fail(s, "pack");
        goto cleanup;
    }
    guint32 count = order->len;
    guint8 head[12] = {'P', 'A', 'C', 'K', 0, 0, 0, 2};
    for (int k = 0; k < 4; k++)
        head[8 + k] = (guint8)(count >> (24 - 8 * k));
    if (pack_put(s, wp, buf, sha, head, sizeof head, &stats) < 0)
        goto cleanup;
    for (guint i = 0; i < order->len; i++) {
        git_odb_object *obj = NULL;
        if (git_odb_read(&obj, s->odb, order->pdata[i]) < 0) {
            fail(s, "pack");
            goto cleanup;
        }
        size_t len = git_odb_object_size(obj);
        uLongf zlen = compressBound((uLong)len);
        if (zlen > zcap) {
            zcap = zlen;
            zbuf = g_realloc(zbuf, zcap);
        }
        int z = compress2(zbuf, &zlen, git_odb_object_data(obj), (uLong)len, Z_NO_COMPRESSION);
        g_byte_array_set_size(obj_head, 0);
        pack_header(obj_head, git_odb_object_type(obj), len);
        git_odb_object_free(obj);
        if (z != Z_OK) {
            g_set_error(s->error, RHEA_FIXTURE_ERROR, 1, "pack: zlib error %d", z);
            goto cleanup;
        }
        if (pack_put(s, wp, buf, sha, obj_head->data, obj_head->len, &stats) < 0 ||
            pack_put(s, wp, buf, sha, zbuf, zlen, &stats) < 0)
            goto cleanup;
    }
    g_checksum_update(sha, buf->data, buf->len);
    guint8 digest[20];
    gsize dlen = sizeof digest;
    g_checksum_get_digest(sha, digest, &dlen);
    g_byte_array_append(buf, digest, sizeof digest);
    if (wp->append(wp, buf->data, buf->len, &stats) < 0 || wp->commit(wp, &stats) < 0) {
        fail(s, "pack");
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (wp)
        wp->free(wp);
    g_free(zbuf);
    if (rc == 0) {
        g_array_set_size(s->written, 0);
        if (git_mempack_reset(s->mempack) < 0)
            rc = fail(s, "pack");
    }
    return rc;
}

int rhea_synthetic_build(const char *path, guint commits, guint files, gboolean bare,
                         GError **error)
{
    g_return_val_if_fail(commits > 0 && files > 0, -1);
    RheaFixture *fx = rhea_fixture_new(path, bare, error);
    if (!fx)
        return -1;
    Synth s = {.repo = rhea_fixture_repo(fx), .seed = 42, .files = files, .error = error};
    s.written = g_array_new(FALSE, FALSE, sizeof(git_oid));
    s.present = g_new0(gboolean, files);
    s.revision = g_new0(guint, files);
    g_autofree guint *touched = g_new(guint, MAX(files, 5));
    git_oid parent, id;
    int rc = -1;
    /* libgit2's object cache would keep every tree looked up here (its 256 MiB limit counts raw
     * sizes, so parsed trees took ~7 KiB of heap per commit); the trees needed next are in the
     * mempack anyway. The process-wide limit is restored before returning. */
    ssize_t cached = 0, allowed = 0;
    git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &cached, &allowed);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)SYNTH_CACHE_MAX);
    if (git_repository_odb(&s.odb, s.repo) < 0 || git_mempack_new(&s.mempack) < 0 ||
        git_odb_add_backend(s.odb, s.mempack, 1000) < 0) {
        fail(&s, "odb");
        goto cleanup;
    }
    for (guint c = 0; c < commits; c++) {
        guint n = 0;
        if (c == 0) {
            for (guint f = 0; f < files; f++) {
                s.present[f] = TRUE;
                touched[n++] = f;
            }
        } else {
            guint want = 1 + next_rand(&s, 5);
            while (n < want && n < files) {
                guint f = next_rand(&s, files);
                gboolean dup = FALSE;
                for (guint i = 0; i < n; i++)
                    dup |= touched[i] == f;
                if (dup)
                    continue;
                touched[n++] = f;
                if (!s.present[f])
                    s.present[f] = TRUE;
                else if (next_rand(&s, 8) == 0)
                    s.present[f] = FALSE;
                s.revision[f]++;
            }
        }
        if (apply(&s, c, touched, n) < 0)
            goto cleanup;
        const Author *a = &AUTHORS[next_rand(&s, G_N_ELEMENTS(AUTHORS))];
        git_signature *sig = NULL;
        g_autofree char *msg =
            g_strdup_printf("commit %u: touch %u file%s\n", c, n, n == 1 ? "" : "s");
        const git_oid *parents[1] = {&parent};
        if (git_signature_new(&sig, a->name, a->email, (gint64)RHEA_SYNTH_T0 + (gint64)c * 3600,
                              a->offset) < 0 ||
            git_commit_create_from_ids(&id, s.repo, NULL, sig, sig, NULL, msg, &s.root,
                                       c == 0 ? 0 : 1, parents) < 0) {
            git_signature_free(sig);
            fail(&s, "commit");
            goto cleanup;
        }
        git_signature_free(sig);
        g_array_append_val(s.written, id);
        git_oid_cpy(&parent, &id);
        if ((c + 1) % FLUSH_EVERY == 0 && flush(&s) < 0)
            goto cleanup;
    }
    if (flush(&s) < 0)
        goto cleanup;
    git_reference *ref = NULL;
    if (git_reference_create(&ref, s.repo, "refs/heads/main", &parent, 1, NULL) < 0) {
        fail(&s, "ref");
        goto cleanup;
    }
    git_reference_free(ref);
    rc = 0;
cleanup:
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, allowed);
    /* the odb owns the mempack backend once added */
    git_odb_free(s.odb);
    g_array_unref(s.written);
    g_free(s.present);
    g_free(s.revision);
    if (rc < 0) {
        rhea_fixture_free(fx);
        return -1;
    }
    return rhea_fixture_finish(fx, error);
}
