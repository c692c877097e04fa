/* oid_table.h: hashing git object ids as GHashTable keys (key: a git_oid the table does not copy).
 * An id is already a uniform hash, so its first four bytes serve as the hash. */
#pragma once
#include <git2.h>
#include <glib.h>
#include <string.h>

static inline guint rhea_oid_hash(gconstpointer p)
{
    guint h;
    memcpy(&h, ((const git_oid *)p)->id, sizeof h);
    return h;
}

static inline gboolean rhea_oid_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(((const git_oid *)a)->id, ((const git_oid *)b)->id, GIT_OID_RAWSZ) == 0;
}
