/* pack_backend.c: the pack reader as a libgit2 object database backend (see the header). */
#include "engine/pack_backend.h"

#include <git2/sys/odb_backend.h>
#include <glib.h>
#include <string.h>

#include "engine/pack_reader.h"

/* Above libgit2's own backends (loose 1, packed 2): the database asks it first. */
#define RHEA_PACK_BACKEND_PRIORITY 3

typedef struct {
    git_odb_backend parent;
    RheaPackReader *reader;
    GMutex lock; /* the reader (its zlib stream, its cache) serves one call at a time */
} Backend;

static int backend_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b,
                        const git_oid *id)
{
    Backend *be = (Backend *)b;
    GBytes *bytes = NULL;
    g_mutex_lock(&be->lock);
    int got = rhea_pack_reader_object(be->reader, id, &bytes, type);
    g_mutex_unlock(&be->lock);
    if (got < 0)
        return GIT_PASSTHROUGH; /* libgit2's backends read it, or say what is wrong */
    gsize n = 0;
    const void *src = g_bytes_get_data(bytes, &n);
    /* NUL-terminated, as libgit2's own backends return objects */
    char *buf = git_odb_backend_data_alloc(b, n + 1);
    if (!buf) {
        g_bytes_unref(bytes);
        return -1;
    }
    memcpy(buf, src, n);
    buf[n] = '\0';
    g_bytes_unref(bytes);
    *data = buf;
    *len = n;
    return 0;
}

static void backend_free(git_odb_backend *b)
{
    Backend *be = (Backend *)b;
    rhea_pack_reader_free(be->reader);
    g_mutex_clear(&be->lock);
    g_free(be);
}

int rhea_pack_backend_add(git_repository *repo)
{
    git_odb *odb = NULL;
    int rc = git_repository_odb(&odb, repo);
    if (rc < 0)
        return rc;
    Backend *be = g_new0(Backend, 1);
    git_odb_init_backend(&be->parent, GIT_ODB_BACKEND_VERSION);
    be->parent.read = backend_read;
    be->parent.free = backend_free;
    be->reader = rhea_pack_reader_new(repo);
    g_mutex_init(&be->lock);
    rc = git_odb_add_backend(odb, &be->parent, RHEA_PACK_BACKEND_PRIORITY);
    if (rc < 0)
        backend_free(&be->parent);
    git_odb_free(odb);
    return rc;
}
