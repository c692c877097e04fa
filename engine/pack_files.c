/* pack_files.c: pack files and indexes, mapped and checked (see the header for the formats). */
#include "engine/pack_files.h"

#include <string.h>

#include "engine/fanout.h"
#include "engine/file_map.h"

#define IDX_HEADER (8 + 256 * 4)
/* A repository of more packs than this (one never repacked) has the rest read by libgit2: each
 * reader maps two files per pack, and three readers are open during an ingest. */
#define PACKS_MAX 256

typedef struct {
    const unsigned char *idx, *pack;
    size_t idx_len, pack_len;
    guint32 count;
    const unsigned char *names, *offsets, *large;
    size_t large_count;
} Pack;

struct RheaPackFiles {
    GArray *packs; /* of Pack */
    guint last;    /* the pack of the last object found: most often the next one's too */
};

static void unmap_pack(Pack *p)
{
    rhea_file_unmap(p->idx, p->idx_len);
    rhea_file_unmap(p->pack, p->pack_len);
    memset(p, 0, sizeof *p);
}

/* Maps one pack and its index and checks every size and count the lookups will trust. */
static gboolean open_pack(const char *idx_path, Pack *p)
{
    memset(p, 0, sizeof *p);
    g_autofree char *stem = g_strndup(idx_path, strlen(idx_path) - 4);
    g_autofree char *pack_path = g_strconcat(stem, ".pack", NULL);
    if (!(p->idx = rhea_file_map(idx_path, &p->idx_len)) ||
        !(p->pack = rhea_file_map(pack_path, &p->pack_len)))
        goto bad;
    if (p->idx_len < IDX_HEADER + 40 || memcmp(p->idx, "\377tOc", 4) != 0 ||
        rhea_be32(p->idx + 4) != 2)
        goto bad;
    const unsigned char *fan = p->idx + 8;
    if (!rhea_fanout_ordered(fan))
        goto bad;
    p->count = rhea_be32(fan + 4 * 255);
    guint64 fixed = IDX_HEADER + (guint64)p->count * 28 + 40;
    if (fixed > p->idx_len || (p->idx_len - fixed) % 8 != 0)
        goto bad;
    p->names = p->idx + IDX_HEADER;
    p->offsets = p->names + (size_t)p->count * 24; /* past the names and their CRCs */
    p->large = p->offsets + (size_t)p->count * 4;
    p->large_count = (p->idx_len - fixed) / 8;
    if (p->pack_len < 12 + 20 || memcmp(p->pack, "PACK", 4) != 0 ||
        (rhea_be32(p->pack + 4) != 2 && rhea_be32(p->pack + 4) != 3) ||
        rhea_be32(p->pack + 8) != p->count)
        goto bad;
    return TRUE;
bad:
    unmap_pack(p);
    return FALSE;
}

RheaPackFiles *rhea_pack_files_new(git_repository *repo)
{
    RheaPackFiles *f = g_new0(RheaPackFiles, 1);
    f->packs = g_array_new(FALSE, FALSE, sizeof(Pack));
    g_autofree char *dir =
        g_build_filename(git_repository_commondir(repo), "objects", "pack", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && f->packs->len < PACKS_MAX && (name = g_dir_read_name(d))) {
        if (!g_str_has_prefix(name, "pack-") || !g_str_has_suffix(name, ".idx"))
            continue;
        g_autofree char *path = g_build_filename(dir, name, NULL);
        Pack p;
        if (open_pack(path, &p))
            g_array_append_val(f->packs, p);
    }
    if (d)
        g_dir_close(d);
    return f;
}

void rhea_pack_files_free(RheaPackFiles *files)
{
    if (!files)
        return;
    for (guint i = 0; i < files->packs->len; i++)
        unmap_pack(&g_array_index(files->packs, Pack, i));
    g_array_free(files->packs, TRUE);
    g_free(files);
}

/* The offset of the object at index position at of pack p, or 0 for a large offset out of range. */
static guint64 offset_at(const Pack *p, guint32 at)
{
    guint64 off = rhea_be32(p->offsets + (size_t)at * 4);
    if (off & 0x80000000u) {
        off &= 0x7fffffffu;
        if (off >= p->large_count)
            return 0;
        off = rhea_be64(p->large + off * 8);
    }
    return off;
}

/* The offset of id's entry in pack p, or 0 when p does not hold it (no entry starts at 0). */
static guint64 find_offset(const Pack *p, const unsigned char *id)
{
    gint64 at = rhea_fanout_find(p->idx + 8, p->names, id);
    return at < 0 ? 0 : offset_at(p, (guint32)at);
}

guint rhea_pack_files_packs(const RheaPackFiles *files)
{
    return files->packs->len;
}

guint32 rhea_pack_files_objects(const RheaPackFiles *files, guint pack)
{
    return pack < files->packs->len ? g_array_index(files->packs, Pack, pack).count : 0;
}

const unsigned char *rhea_pack_files_nth(const RheaPackFiles *files, guint pack, guint32 i,
                                         guint64 *offset)
{
    *offset = 0;
    if (pack >= files->packs->len)
        return NULL;
    const Pack *p = &g_array_index(files->packs, Pack, pack);
    if (i >= p->count)
        return NULL;
    *offset = offset_at(p, i);
    return p->names + (size_t)i * 20;
}

gint64 rhea_pack_files_position(const RheaPackFiles *files, guint pack, const unsigned char *id)
{
    if (pack >= files->packs->len)
        return -1;
    const Pack *p = &g_array_index(files->packs, Pack, pack);
    return rhea_fanout_find(p->idx + 8, p->names, id);
}

int rhea_pack_files_find(RheaPackFiles *files, const unsigned char *id, RheaPackEntry *out)
{
    guint n = files->packs->len;
    for (guint k = 0; k < n; k++) {
        guint i = (files->last + k) % n;
        guint64 off = find_offset(&g_array_index(files->packs, Pack, i), id);
        if (off) {
            files->last = i;
            return rhea_pack_files_entry(files, i, off, out);
        }
    }
    return -1;
}

int rhea_pack_files_entry(const RheaPackFiles *files, guint pack, guint64 offset,
                          RheaPackEntry *out)
{
    memset(out, 0, sizeof *out);
    if (pack >= files->packs->len)
        return -1;
    const Pack *p = &g_array_index(files->packs, Pack, pack);
    const unsigned char *end = p->pack + p->pack_len - 20;
    if (offset < 12 || offset >= p->pack_len - 20)
        return -1;
    const unsigned char *at = p->pack + offset;
    unsigned c = *at++;
    out->pack = pack;
    out->offset = offset;
    out->type = (c >> 4) & 7;
    out->size = c & 15;
    for (int shift = 4; c & 0x80; shift += 7) {
        if (at >= end || shift > 57)
            return -1;
        c = *at++;
        out->size |= (guint64)(c & 0x7f) << shift;
    }
    if (out->type == RHEA_PACK_OFS_DELTA) {
        /* git's offset encoding: each further byte adds one before shifting */
        if (at >= end)
            return -1;
        c = *at++;
        guint64 back = c & 0x7f;
        while (c & 0x80) {
            if (at >= end || back > (G_MAXUINT64 >> 8))
                return -1;
            c = *at++;
            back = ((back + 1) << 7) | (c & 0x7f);
        }
        if (back == 0 || back > offset - 12)
            return -1;
        out->base_offset = offset - back;
    } else if (out->type == RHEA_PACK_REF_DELTA) {
        if (end - at < 20)
            return -1;
        out->base_id = at;
        at += 20;
    } else if (out->type < RHEA_PACK_COMMIT || out->type > RHEA_PACK_TAG) {
        return -1;
    }
    out->data = at;
    out->end = end;
    return 0;
}
