/* fuzz_pack_reader.c: libFuzzer target for the pack reader (engine/pack_files.c,
 * engine/pack_reader.c), which reads a repository's pack files without libgit2: arbitrary bytes
 * as a pack index and its pack, then every id the index lists (up to 64) and one it does not, read
 * as a commit header and as a whole object with its deltas resolved, twice (the second reading
 * gives the same bytes, from the cache or not); then the walk-ahead's listing and parents
 * (engine/walk_ahead.c) over the same pack. The input is a 4-byte little-endian length, that many
 * bytes of index, and the pack. Seeds: tests/fuzz/corpus/fuzz_pack_reader/ (small packs git
 * wrote, with deltas of trees and blobs). */
#include <git2.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "engine/pack_reader.h"
#include "engine/walk_ahead.h"

#define IDS_MAX 64

static git_repository *repo;
static char *idx_path, *pack_path;

/* Reads id as a header and as a whole object: the object's bytes (NULL when refused). */
static GBytes *read_id(RheaPackReader *r, const unsigned char *raw)
{
    git_oid id;
    memcpy(id.id, raw, GIT_OID_RAWSZ);
    const char *text = NULL;
    size_t len = 0;
    if (rhea_pack_reader_header(r, &id, &text, &len) == 0 && (len < 46 || text[len - 1] != '\n'))
        __builtin_trap(); /* a header is whole lines, the tree's at least */
    GBytes *bytes = NULL;
    git_object_t type = GIT_OBJECT_INVALID;
    if (rhea_pack_reader_object(r, &id, &bytes, &type) == 0) {
        if (type < GIT_OBJECT_COMMIT || type > GIT_OBJECT_TAG)
            __builtin_trap();
        return bytes;
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!repo) {
        git_libgit2_init();
        g_autofree char *dir = g_dir_make_tmp("rhea-fuzz-pack-XXXXXX", NULL);
        if (!dir || git_repository_init(&repo, dir, 1) < 0)
            __builtin_trap();
        idx_path = g_build_filename(dir, "objects", "pack", "pack-fuzz.idx", NULL);
        pack_path = g_build_filename(dir, "objects", "pack", "pack-fuzz.pack", NULL);
    }
    if (size < 4)
        return 0;
    guint32 idx_len =
        (guint32)data[0] | (guint32)data[1] << 8 | (guint32)data[2] << 16 | (guint32)data[3] << 24;
    if (idx_len > size - 4)
        idx_len = (guint32)(size - 4);
    const uint8_t *idx = data + 4, *pack = idx + idx_len;
    size_t pack_len = size - 4 - idx_len;
    if (!g_file_set_contents(idx_path, (const char *)idx, idx_len, NULL) ||
        !g_file_set_contents(pack_path, (const char *)pack, (gssize)pack_len, NULL))
        __builtin_trap();
    RheaPackReader *r = rhea_pack_reader_new(repo);
    /* the ids the index lists, where a version 2 index keeps them; read twice, the second time
     * from the cache where the reader kept the object, with the same bytes */
    GBytes *first[IDS_MAX] = {0};
    size_t n = 0;
    for (; n < IDS_MAX && 8 + 1024 + (n + 1) * GIT_OID_RAWSZ <= idx_len; n++)
        first[n] = read_id(r, idx + 8 + 1024 + n * GIT_OID_RAWSZ);
    for (size_t i = 0; i < n; i++) {
        GBytes *again = read_id(r, idx + 8 + 1024 + i * GIT_OID_RAWSZ);
        if (first[i] && (!again || !g_bytes_equal(again, first[i])))
            __builtin_trap();
        if (again)
            g_bytes_unref(again);
        if (first[i])
            g_bytes_unref(first[i]);
    }
    static const unsigned char absent[GIT_OID_RAWSZ] = {0};
    GBytes *none = read_id(r, absent);
    if (none)
        g_bytes_unref(none);
    rhea_pack_reader_free(r);
    /* the walk-ahead's listing and reading over the same bytes, then every id asked for */
    RheaWalkAhead *ahead = rhea_walk_ahead_read_all(repo);
    GArray *parents = g_array_new(FALSE, FALSE, sizeof(git_oid));
    for (size_t i = 0; i < n; i++) {
        git_oid id;
        memcpy(id.id, idx + 8 + 1024 + i * GIT_OID_RAWSZ, GIT_OID_RAWSZ);
        g_array_set_size(parents, 0);
        if (rhea_walk_ahead_parents(ahead, &id, parents) && parents->len > 2)
            __builtin_trap(); /* the thread keeps two parents at most */
    }
    g_array_free(parents, TRUE);
    rhea_walk_ahead_stop(ahead);
    return 0;
}
