/* pack_reader.c: objects straight from pack files (see the header for why).
 *
 * A delta (git's Documentation/gitformat-pack.txt) is the base's size and the result's size as
 * variable-length numbers, then instructions: a byte with the top bit set copies a range of the
 * base (its low 4 bits say which offset bytes follow, the next 3 which size bytes; size 0 means
 * 0x10000), a byte 1-127 inserts that many bytes that follow, 0 is reserved. A chain is resolved
 * from the innermost whole object outward; every object met on the way that another delta builds
 * on, and the trees and blobs asked for (read_again), are kept in a cache of 2 MiB, oldest use out
 * first. Reading a history parents first meets chains from their far end (git deltas an older
 * version against a newer one), so the next version's chain is mostly in the cache. */
#include "engine/pack_reader.h"

#include <libdeflate.h>
#include <string.h>

#include "engine/pack_files.h"

/* Larger commits (a message of megabytes) are left to libgit2: the header buffer stays small. */
#define HEADER_COMMIT_MAX (1024 * 1024)
#define OBJECT_MAX (64 * 1024 * 1024)
/* Per reading process, each entry counted with its upkeep (CACHE_ENTRY). libgit2 allows 16 MiB;
 * past 4 MiB the tree reads of GridCal and Audiveris took 2% fewer instructions for 11-14 MiB
 * more peak memory (docs/performance.md, change 16), and 2 MiB cost no more instructions than
 * 4 MiB but 3 MiB less memory on datashare (change 25). With the trees asked for kept too
 * (change 41), 1 MiB gave back most of what keeping them saves on Audiveris. */
#define CACHE_MAX (2 * 1024 * 1024)
/* What an entry costs beside its bytes: its Cached, list link, GBytes, hash slot and allocation
 * headers. A generated history's trees are about as small. */
#define CACHE_ENTRY 160
/* git writes chains of at most 4095 deltas */
#define CHAIN_MAX 10000
typedef struct {
    guint64 key;
    GBytes *bytes;
    int type;
    GList *link; /* in the reader's lru queue */
} Cached;

struct RheaPackReader {
    RheaPackFiles *files;
    /* libdeflate, not zlib: whole-buffer decoding, which is all a pack entry needs, in a third
     * fewer instructions (docs/performance.md, sixth session) */
    struct libdeflate_decompressor *inflater;
    GByteArray *buf;   /* commit headers */
    GByteArray *delta; /* the delta at hand, inflated: one buffer for all, not one each */
    GArray *chain;     /* of RheaPackEntry: the deltas of the object at hand, outermost first */
    GHashTable *cache; /* &Cached.key -> Cached */
    GQueue lru;        /* of Cached, the most recently used first */
    gsize cached_bytes;
    guint64 deltas, hits;
};

static void cached_free(gpointer p)
{
    Cached *c = p;
    g_bytes_unref(c->bytes);
    g_free(c);
}

RheaPackReader *rhea_pack_reader_new(git_repository *repo)
{
    RheaPackReader *r = g_new0(RheaPackReader, 1);
    r->files = rhea_pack_files_new(repo);
    r->inflater = libdeflate_alloc_decompressor();
    r->buf = g_byte_array_new();
    r->delta = g_byte_array_new();
    r->chain = g_array_new(FALSE, FALSE, sizeof(RheaPackEntry));
    r->cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, cached_free);
    g_queue_init(&r->lru);
    return r;
}

void rhea_pack_reader_free(RheaPackReader *r)
{
    if (!r)
        return;
    rhea_pack_files_free(r->files);
    if (r->inflater)
        libdeflate_free_decompressor(r->inflater);
    g_byte_array_free(r->buf, TRUE);
    g_byte_array_free(r->delta, TRUE);
    g_array_free(r->chain, TRUE);
    g_queue_clear(&r->lru);
    g_hash_table_destroy(r->cache);
    g_free(r);
}

void rhea_pack_reader_counts(const RheaPackReader *r, guint64 *deltas, guint64 *cache_hits)
{
    *deltas = r->deltas;
    *cache_hits = r->hits;
}

/* Inflates e's zlib stream, which must hold exactly e->size bytes, into out (room for e->size:
 * libdeflate needs no more, where zlib's fast loop wanted 258 bytes). The whole stream, so that
 * its checksum (adler32) is checked; without an actual-size argument libdeflate fails a stream of
 * any other length. */
static gboolean inflate_entry(RheaPackReader *r, const RheaPackEntry *e, unsigned char *out)
{
    if (!r->inflater)
        return FALSE;
    return libdeflate_zlib_decompress(r->inflater, e->data, (size_t)(e->end - e->data), out,
                                      (size_t)e->size, NULL) == LIBDEFLATE_SUCCESS;
}

/* Length of the header in a commit's text: its "tree" line and every "parent" line after it. 0
 * when the text does not start with a "tree" line. */
static size_t header_length(const char *text, size_t len)
{
    if (len < 46 || memcmp(text, "tree ", 5) != 0 || text[45] != '\n')
        return 0;
    size_t at = 46;
    while (len - at >= 48 && memcmp(text + at, "parent ", 7) == 0)
        at += 48;
    return at;
}

int rhea_pack_reader_header(RheaPackReader *r, const git_oid *id, const char **text, size_t *len)
{
    RheaPackEntry e;
    if (rhea_pack_files_find(r->files, id->id, &e) < 0 || e.type != RHEA_PACK_COMMIT ||
        e.size > HEADER_COMMIT_MAX)
        return -1; /* a delta, or not a commit: libgit2 says which */
    g_byte_array_set_size(r->buf, (guint)e.size);
    if (!inflate_entry(r, &e, r->buf->data))
        return -1; /* a damaged stream, which libgit2 will name */
    size_t n = header_length((const char *)r->buf->data, (size_t)e.size);
    if (!n)
        return -1;
    *text = (const char *)r->buf->data;
    *len = n;
    return 0;
}

static guint64 cache_key(const RheaPackEntry *e)
{
    return (guint64)e->pack << 48 | e->offset;
}

static Cached *cache_get(RheaPackReader *r, const RheaPackEntry *e)
{
    guint64 key = cache_key(e);
    Cached *c = g_hash_table_lookup(r->cache, &key);
    if (c) {
        g_queue_unlink(&r->lru, c->link);
        g_queue_push_head_link(&r->lru, c->link);
        r->hits++;
    }
    return c;
}

static void cache_put(RheaPackReader *r, const RheaPackEntry *e, GBytes *bytes, int type)
{
    gsize size = g_bytes_get_size(bytes) + CACHE_ENTRY;
    if (size > CACHE_MAX / 4)
        return;
    Cached *c = g_new0(Cached, 1);
    c->key = cache_key(e);
    c->bytes = g_bytes_ref(bytes);
    c->type = type;
    g_queue_push_head(&r->lru, c);
    c->link = r->lru.head;
    r->cached_bytes += size;
    g_hash_table_replace(r->cache, &c->key, c);
    while (r->cached_bytes > CACHE_MAX) {
        Cached *old = g_queue_pop_tail(&r->lru);
        r->cached_bytes -= g_bytes_get_size(old->bytes) + CACHE_ENTRY;
        g_hash_table_remove(r->cache, &old->key);
    }
}

/* A variable-length size at *at (below end), advancing *at; FALSE when cut short or too large. */
static gboolean delta_size(const unsigned char **at, const unsigned char *end, guint64 *out)
{
    guint64 v = 0;
    for (int shift = 0;; shift += 7) {
        if (*at >= end || shift > 56)
            return FALSE;
        unsigned c = *(*at)++;
        v |= (guint64)(c & 0x7f) << shift;
        if (!(c & 0x80))
            break;
    }
    *out = v;
    return TRUE;
}

/* The object delta d builds on base: a new buffer of *out_len bytes, or NULL for a delta that
 * does not fit its base or its own sizes. */
static unsigned char *apply_delta(const unsigned char *base, gsize base_len, const unsigned char *d,
                                  gsize d_len, gsize *out_len)
{
    const unsigned char *at = d, *end = d + d_len;
    guint64 src, dst;
    if (!delta_size(&at, end, &src) || src != base_len || !delta_size(&at, end, &dst) ||
        dst > OBJECT_MAX)
        return NULL;
    unsigned char *out = g_malloc(dst ? dst : 1), *o = out, *o_end = out + dst;
    while (at < end) {
        unsigned op = *at++;
        if (op & 0x80) {
            guint64 off = 0, n = 0;
            for (int i = 0; i < 4; i++)
                if (op & (1u << i)) {
                    if (at >= end)
                        goto bad;
                    off |= (guint64)*at++ << (8 * i);
                }
            for (int i = 0; i < 3; i++)
                if (op & (0x10u << i)) {
                    if (at >= end)
                        goto bad;
                    n |= (guint64)*at++ << (8 * i);
                }
            if (n == 0)
                n = 0x10000;
            if (off > base_len || n > base_len - off || n > (guint64)(o_end - o))
                goto bad;
            memcpy(o, base + off, n);
            o += n;
        } else if (op) {
            if (op > (guint64)(end - at) || op > (guint64)(o_end - o))
                goto bad;
            memcpy(o, at, op);
            at += op;
            o += op;
        } else {
            goto bad;
        }
    }
    if (o != o_end)
        goto bad;
    *out_len = dst;
    return out;
bad:
    g_free(out);
    return NULL;
}

/* Inflates a whole object or a delta: a new GBytes, or NULL. */
static GBytes *inflate_bytes(RheaPackReader *r, const RheaPackEntry *e)
{
    if (e->size > OBJECT_MAX)
        return NULL;
    unsigned char *data = g_malloc(e->size ? e->size : 1);
    if (!inflate_entry(r, e, data)) {
        g_free(data);
        return NULL;
    }
    return g_bytes_new_take(data, e->size); /* no copy */
}

/* The delta buffer keeps at most this much between objects. */
#define DELTA_KEEP (1024 * 1024)

/* Inflates delta entry d into the reader's delta buffer: its d->size bytes, or NULL. */
static const unsigned char *inflate_delta(RheaPackReader *r, const RheaPackEntry *d)
{
    if (d->size > OBJECT_MAX)
        return NULL;
    g_byte_array_set_size(r->delta, (guint)(d->size ? d->size : 1));
    return inflate_entry(r, d, r->delta->data) ? r->delta->data : NULL;
}

/* A whole tree smaller than this is not kept: inflating it again costs about what keeping it does
 * (a generated history's trees, a few entries each, took 4% more instructions kept). */
#define KEEP_WHOLE_MIN 512

/* Whether an object asked for is kept in the cache as well as the bases met on the way to it. A
 * tree is asked for again when the commit read just before was on another branch (the reading
 * order is topological) or was a sibling, and when a folder's tree read by one commit is its
 * parent's tree for the next commit to change something in it; a blob when the line counts read
 * a file's old version, which the commit before read as its new one. Kept: every blob, and a tree
 * that was dear to make (a delta applied, or a larger whole one). A commit is read once. */
static gboolean read_again(int type, gsize size, gboolean from_delta)
{
    if (type == RHEA_PACK_BLOB)
        return TRUE;
    return type == RHEA_PACK_TREE && (from_delta || size >= KEEP_WHOLE_MIN);
}

int rhea_pack_reader_object(RheaPackReader *r, const git_oid *id, GBytes **out, git_object_t *type)
{
    RheaPackEntry e;
    GBytes *obj = NULL;
    int obj_type = 0;
    g_array_set_size(r->chain, 0);
    if (rhea_pack_files_find(r->files, id->id, &e) < 0)
        return -1;
    /* down the chain to a cached object or a whole one */
    for (;;) {
        Cached *c = cache_get(r, &e);
        if (c) {
            obj = g_bytes_ref(c->bytes);
            obj_type = c->type;
            break;
        }
        if (e.type != RHEA_PACK_OFS_DELTA && e.type != RHEA_PACK_REF_DELTA) {
            if (!(obj = inflate_bytes(r, &e)))
                return -1;
            obj_type = e.type;
            if (r->chain->len || read_again(obj_type, g_bytes_get_size(obj), FALSE))
                cache_put(r, &e, obj, obj_type);
            break;
        }
        if (r->chain->len >= CHAIN_MAX)
            return -1;
        g_array_append_val(r->chain, e);
        int found = e.type == RHEA_PACK_OFS_DELTA
                        ? rhea_pack_files_entry(r->files, e.pack, e.base_offset, &e)
                        : rhea_pack_files_find(r->files, e.base_id, &e);
        if (found < 0)
            return -1; /* a base outside the packs, or a damaged entry */
    }
    /* and back up, each delta applied to the object below it */
    for (guint i = r->chain->len; i-- > 0;) {
        const RheaPackEntry *d = &g_array_index(r->chain, RheaPackEntry, i);
        const unsigned char *dd = inflate_delta(r, d);
        gsize len = 0;
        unsigned char *next = NULL;
        if (dd) {
            gsize base_len = 0;
            const unsigned char *base = g_bytes_get_data(obj, &base_len);
            next = apply_delta(base, base_len, dd, (gsize)d->size, &len);
        }
        if (r->delta->len > DELTA_KEEP) { /* a huge delta's buffer is not kept */
            g_byte_array_free(r->delta, TRUE);
            r->delta = g_byte_array_new();
        }
        g_bytes_unref(obj);
        if (!next)
            return -1;
        obj = g_bytes_new_take(next, len);
        r->deltas++;
        if (i > 0 || read_again(obj_type, len, TRUE))
            cache_put(r, d, obj, obj_type);
    }
    *out = obj;
    *type = (git_object_t)obj_type; /* 1-4: git's numbers, which libgit2 keeps */
    return 0;
}
