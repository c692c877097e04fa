/* file_map.h: a whole file mapped read-only, and the big-endian numbers binary files store (git's
 * pack indexes, packs and commit-graph; SQLite's header, engine/store_path.c). */
#pragma once
#include <glib.h>

/* The regular file at path, mapped whole; NULL when it cannot be opened, is empty or is not a
 * regular file. *len is its size. rhea_file_unmap gives it back. */
const unsigned char *rhea_file_map(const char *path, size_t *len);
void rhea_file_unmap(const unsigned char *map, size_t len);

static inline guint32 rhea_be32(const unsigned char *p)
{
    return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

static inline guint64 rhea_be64(const unsigned char *p)
{
    return (guint64)rhea_be32(p) << 32 | rhea_be32(p + 4);
}
