/* pack_headers.c: commit headers straight from pack files (see the header for why).
 *
 * Formats (git's Documentation/gitformat-pack.txt): an index of version 2 is "\377tOc", version,
 * 256 cumulative counts by first byte (fan-out), the sorted ids, their CRCs, their 31-bit offsets
 * (the top bit set points into a table of 64-bit offsets that follows), two checksums. A pack is
 * "PACK", version, object count, then entries: a type and size in a variable-length header, then
 * the zlib stream of the object's bytes (whole for a commit, type 1; deltas are types 6 and 7). */
#include "engine/pack_headers.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define IDX_HEADER (8 + 256 * 4)
#define OBJ_COMMIT 1
/* Larger commits (a message of megabytes) are left to libgit2: the reader's buffer stays small. */
#define RHEA_PACK_HEADERS_MAX (1024 * 1024)

typedef struct {
    const unsigned char *idx, *pack;
    size_t idx_len, pack_len;
    guint32 count;
    const unsigned char *names, *offsets, *large;
    size_t large_count;
} Pack;

struct RheaPackHeaders {
    GArray *packs; /* of Pack */
    z_stream z;
    gboolean z_ready;
    GByteArray *buf;
};

static guint32 be32(const unsigned char *p)
{
    return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

static guint64 be64(const unsigned char *p)
{
    return (guint64)be32(p) << 32 | be32(p + 4);
}

static const unsigned char *map_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (guint64)st.st_size <= G_MAXSIZE) {
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        *len = (size_t)st.st_size;
    }
    close(fd);
    return m == MAP_FAILED ? NULL : m;
}

static void unmap_pack(Pack *p)
{
    if (p->idx)
        munmap((void *)p->idx, p->idx_len);
    if (p->pack)
        munmap((void *)p->pack, p->pack_len);
    memset(p, 0, sizeof *p);
}

/* Maps one pack and its index and checks every size and count the lookups will trust. */
static gboolean open_pack(const char *idx_path, Pack *p)
{
    memset(p, 0, sizeof *p);
    g_autofree char *stem = g_strndup(idx_path, strlen(idx_path) - 4);
    g_autofree char *pack_path = g_strconcat(stem, ".pack", NULL);
    if (!(p->idx = map_file(idx_path, &p->idx_len)) ||
        !(p->pack = map_file(pack_path, &p->pack_len)))
        goto bad;
    if (p->idx_len < IDX_HEADER + 40 || memcmp(p->idx, "\377tOc", 4) != 0 || be32(p->idx + 4) != 2)
        goto bad;
    const unsigned char *fan = p->idx + 8;
    for (int i = 1; i < 256; i++)
        if (be32(fan + 4 * i) < be32(fan + 4 * (i - 1)))
            goto bad;
    p->count = be32(fan + 4 * 255);
    guint64 fixed = IDX_HEADER + (guint64)p->count * 28 + 40;
    if (fixed > p->idx_len || (p->idx_len - fixed) % 8 != 0)
        goto bad;
    p->names = p->idx + IDX_HEADER;
    p->offsets = p->names + (size_t)p->count * 24; /* past the names and their CRCs */
    p->large = p->offsets + (size_t)p->count * 4;
    p->large_count = (p->idx_len - fixed) / 8;
    if (p->pack_len < 12 + 20 || memcmp(p->pack, "PACK", 4) != 0 ||
        (be32(p->pack + 4) != 2 && be32(p->pack + 4) != 3) || be32(p->pack + 8) != p->count)
        goto bad;
    return TRUE;
bad:
    unmap_pack(p);
    return FALSE;
}

RheaPackHeaders *rhea_pack_headers_new(git_repository *repo)
{
    RheaPackHeaders *r = g_new0(RheaPackHeaders, 1);
    r->packs = g_array_new(FALSE, FALSE, sizeof(Pack));
    r->buf = g_byte_array_new();
    r->z_ready = inflateInit(&r->z) == Z_OK;
    g_autofree char *dir =
        g_build_filename(git_repository_commondir(repo), "objects", "pack", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (!g_str_has_prefix(name, "pack-") || !g_str_has_suffix(name, ".idx"))
            continue;
        g_autofree char *path = g_build_filename(dir, name, NULL);
        Pack p;
        if (open_pack(path, &p))
            g_array_append_val(r->packs, p);
    }
    if (d)
        g_dir_close(d);
    return r;
}

void rhea_pack_headers_free(RheaPackHeaders *r)
{
    if (!r)
        return;
    for (guint i = 0; i < r->packs->len; i++)
        unmap_pack(&g_array_index(r->packs, Pack, i));
    g_array_free(r->packs, TRUE);
    if (r->z_ready)
        inflateEnd(&r->z);
    g_byte_array_free(r->buf, TRUE);
    g_free(r);
}

/* The offset of id's entry in pack p, or 0 when p does not hold it (no entry starts at 0). */
static guint64 find(const Pack *p, const git_oid *id)
{
    const unsigned char *fan = p->idx + 8;
    guint32 lo = id->id[0] ? be32(fan + 4 * (id->id[0] - 1)) : 0, hi = be32(fan + 4 * id->id[0]);
    while (lo < hi) {
        guint32 mid = lo + (hi - lo) / 2;
        int c = memcmp(p->names + (size_t)mid * 20, id->id, 20);
        if (c == 0) {
            guint64 off = be32(p->offsets + (size_t)mid * 4);
            if (off & 0x80000000u) {
                off &= 0x7fffffffu;
                if (off >= p->large_count)
                    return 0;
                off = be64(p->large + off * 8);
            }
            return off >= 12 && off < p->pack_len - 20 ? off : 0;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
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

int rhea_pack_headers_read(RheaPackHeaders *r, const git_oid *id, const char **text, size_t *len)
{
    if (!r->z_ready)
        return -1;
    const Pack *p = NULL;
    guint64 off = 0;
    for (guint i = 0; i < r->packs->len && !off; i++)
        off = find(p = &g_array_index(r->packs, Pack, i), id);
    if (!off)
        return -1;
    const unsigned char *at = p->pack + off, *end = p->pack + p->pack_len - 20;
    unsigned c = *at++;
    if (((c >> 4) & 7) != OBJ_COMMIT)
        return -1; /* a delta, or not a commit: libgit2 says which */
    guint64 size = c & 15;
    for (int shift = 4; c & 0x80; shift += 7) {
        if (at >= end || shift > 57)
            return -1;
        c = *at++;
        size |= (guint64)(c & 0x7f) << shift;
    }
    if (size > RHEA_PACK_HEADERS_MAX || inflateReset(&r->z) != Z_OK)
        return -1;
    /* The whole commit, so that zlib checks its checksum. The output has room for 258 bytes more
     * than the commit: zlib decodes with its fast loop only while that much room is left, and
     * byte by byte after, which cost the walk a fifth more. */
    g_byte_array_set_size(r->buf, (guint)size + 258);
    r->z.next_in = (unsigned char *)at;
    r->z.avail_in = (uInt)MIN((guint64)(end - at), G_MAXUINT32);
    r->z.next_out = r->buf->data;
    r->z.avail_out = (uInt)size + 258;
    if (inflate(&r->z, Z_FINISH) != Z_STREAM_END || r->z.total_out != size)
        return -1; /* a damaged stream, which libgit2 will name */
    size_t n = header_length((const char *)r->buf->data, (size_t)size);
    if (!n)
        return -1;
    *text = (const char *)r->buf->data;
    *len = n;
    return 0;
}
