/* commit_graph.c: parents from the commit-graph file (see the header for the format and why). */
#include "engine/commit_graph.h"

#include <string.h>

#include "engine/fanout.h"
#include "engine/file_map.h"

#define HEADER 8
#define CHUNK_ENTRY 12
#define TRAILER 20 /* SHA-1 */
#define CDAT_WIDTH 36
#define PARENT_NONE 0x70000000u
#define PARENT_EDGE 0x80000000u
#define ID_OIDF 0x4f494446u /* "OIDF" */
#define ID_OIDL 0x4f49444cu
#define ID_CDAT 0x43444154u
#define ID_EDGE 0x45444745u

struct RheaCommitGraph {
    const unsigned char *map;
    size_t len;
    const unsigned char *fanout, *ids, *data, *edges;
    guint32 count;
    guint64 edge_count;
};

void rhea_commit_graph_free(RheaCommitGraph *g)
{
    if (!g)
        return;
    rhea_file_unmap(g->map, g->len);
    g_free(g);
}

/* The SHA-1 at the end covers everything before it. */
static gboolean checksum_ok(const unsigned char *map, size_t len)
{
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA1);
    const unsigned char *p = map;
    for (size_t left = len - TRAILER; left > 0;) {
        gssize n = (gssize)MIN(left, (size_t)G_MAXSSIZE / 2);
        g_checksum_update(sum, p, n);
        p += n;
        left -= (size_t)n;
    }
    guint8 digest[20];
    gsize digest_len = sizeof digest;
    g_checksum_get_digest(sum, digest, &digest_len);
    return digest_len == TRAILER && memcmp(digest, map + len - TRAILER, TRAILER) == 0;
}

/* A parent position from CDAT or EDGE: below the number of commits. */
static gboolean position_ok(const RheaCommitGraph *g, guint32 pos)
{
    return pos < g->count;
}

/* Every parent of every commit names a listed commit; every octopus list ends inside EDGE. */
static gboolean parents_ok(const RheaCommitGraph *g)
{
    for (guint32 i = 0; i < g->count; i++) {
        const unsigned char *c = g->data + (size_t)i * CDAT_WIDTH + 20;
        guint32 p1 = rhea_be32(c), p2 = rhea_be32(c + 4);
        if (p1 != PARENT_NONE && !position_ok(g, p1))
            return FALSE;
        if (p2 == PARENT_NONE)
            continue;
        if (p1 == PARENT_NONE)
            return FALSE; /* a second parent without a first */
        if (!(p2 & PARENT_EDGE)) {
            if (!position_ok(g, p2))
                return FALSE;
            continue;
        }
        for (guint64 e = p2 & ~PARENT_EDGE;; e++) {
            if (e >= g->edge_count)
                return FALSE;
            guint32 v = rhea_be32(g->edges + e * 4);
            if (!position_ok(g, v & ~PARENT_EDGE))
                return FALSE;
            if (v & PARENT_EDGE)
                break;
        }
    }
    return TRUE;
}

/* Places the chunks the walk reads and checks their sizes against each other. */
static gboolean chunks_ok(RheaCommitGraph *g)
{
    const unsigned char *m = g->map;
    guint chunks = m[6];
    size_t table_end = HEADER + ((size_t)chunks + 1) * CHUNK_ENTRY;
    if (table_end > g->len - TRAILER)
        return FALSE;
    guint64 oidl_len = 0, cdat_len = 0, edge_len = 0;
    gboolean oidf = FALSE;
    for (guint i = 0; i < chunks; i++) {
        const unsigned char *e = m + HEADER + (size_t)i * CHUNK_ENTRY;
        guint32 id = rhea_be32(e);
        guint64 at = rhea_be64(e + 4), next = rhea_be64(e + 4 + CHUNK_ENTRY);
        if (at < table_end || next < at || next > g->len - TRAILER)
            return FALSE;
        guint64 size = next - at;
        if (id == ID_OIDF) {
            if (size != 256 * 4)
                return FALSE;
            g->fanout = m + at;
            oidf = TRUE;
        } else if (id == ID_OIDL) {
            g->ids = m + at;
            oidl_len = size;
        } else if (id == ID_CDAT) {
            g->data = m + at;
            cdat_len = size;
        } else if (id == ID_EDGE) {
            g->edges = m + at;
            edge_len = size;
        }
    }
    if (!oidf || !g->ids || !g->data || edge_len % 4)
        return FALSE;
    g->count = rhea_be32(g->fanout + 255 * 4);
    g->edge_count = edge_len / 4;
    if (oidl_len != (guint64)g->count * 20 || cdat_len != (guint64)g->count * CDAT_WIDTH)
        return FALSE;
    if (!rhea_fanout_ordered(g->fanout))
        return FALSE;
    /* sorted, strictly, and each id under the fan-out's first byte */
    for (guint32 i = 0; i < g->count; i++) {
        const unsigned char *id = g->ids + (size_t)i * 20;
        if (i && memcmp(id - 20, id, 20) >= 0)
            return FALSE;
        guint32 lo, hi;
        rhea_fanout_range(g->fanout, id[0], &lo, &hi);
        if (i < lo || i >= hi)
            return FALSE;
    }
    return parents_ok(g);
}

RheaCommitGraph *rhea_commit_graph_open(git_repository *repo)
{
    g_autofree char *path =
        g_build_filename(git_repository_commondir(repo), "objects", "info", "commit-graph", NULL);
    size_t len = 0;
    const unsigned char *m = rhea_file_map(path, &len);
    if (!m)
        return NULL;
    RheaCommitGraph *g = g_new0(RheaCommitGraph, 1);
    g->map = m;
    g->len = len;
    /* version 1, SHA-1, no base graphs */
    if (len < HEADER + CHUNK_ENTRY + TRAILER || memcmp(g->map, "CGPH", 4) != 0 || g->map[4] != 1 ||
        g->map[5] != 1 || g->map[7] != 0 || !chunks_ok(g) || !checksum_ok(g->map, g->len)) {
        rhea_commit_graph_free(g);
        return NULL;
    }
    return g;
}

static void append(const RheaCommitGraph *g, guint32 pos, GArray *parents)
{
    git_oid id;
    memcpy(id.id, g->ids + (size_t)pos * 20, 20);
    g_array_append_val(parents, id);
}

int rhea_commit_graph_parents(const RheaCommitGraph *g, const git_oid *id, GArray *parents)
{
    gint64 pos = rhea_fanout_find(g->fanout, g->ids, id->id);
    if (pos < 0)
        return 0;
    const unsigned char *c = g->data + (size_t)pos * CDAT_WIDTH + 20;
    guint32 p1 = rhea_be32(c), p2 = rhea_be32(c + 4);
    if (p1 == PARENT_NONE)
        return 1;
    append(g, p1, parents);
    if (p2 == PARENT_NONE)
        return 1;
    if (!(p2 & PARENT_EDGE)) {
        append(g, p2, parents);
        return 1;
    }
    /* checked at open: the list ends inside EDGE */
    for (guint64 e = p2 & ~PARENT_EDGE;; e++) {
        guint32 v = rhea_be32(g->edges + e * 4);
        append(g, v & ~PARENT_EDGE, parents);
        if (v & PARENT_EDGE)
            return 1;
    }
}
