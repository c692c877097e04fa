/* odb_raw.h: one object's stored bytes, read from the object database backends without going
 * through libgit2's object cache.
 *
 * An ingest reads each commit and most trees once or twice; libgit2 keeps every object it reads
 * in a cache of up to 256 MiB, which made an ingest's memory grow with the history's length. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct {
    const unsigned char *data;
    size_t len;
    git_object_t type;
    /* private: who frees data */
    git_odb_backend *backend;
    git_odb_object *object;
} RheaOdbRaw;

/* Reads id: packs first, then loose objects, in libgit2's backend order; an object no backend has
 * (a pack added meanwhile) comes from git_odb_read, which looks for new packs. 0, or a libgit2
 * error code (GIT_ENOTFOUND when the object is missing) with libgit2's error set. */
int rhea_odb_raw_read(git_odb *odb, const git_oid *id, RheaOdbRaw *out);

/* Frees what rhea_odb_raw_read returned (nothing after a failed read). */
void rhea_odb_raw_free(RheaOdbRaw *raw);
