/* odb_raw.c: object bytes straight from the backends (see the header for why). */
#include "engine/odb_raw.h"

#include <git2/sys/odb_backend.h>
#include <string.h>

int rhea_odb_raw_read(git_odb *odb, const git_oid *id, RheaOdbRaw *out)
{
    memset(out, 0, sizeof *out);
    size_t n = git_odb_num_backends(odb);
    for (size_t i = 0; i < n; i++) {
        git_odb_backend *b = NULL;
        if (git_odb_get_backend(&b, odb, i) < 0 || !b->read)
            continue;
        void *data = NULL;
        int rc = b->read(&data, &out->len, &out->type, b, id);
        if (rc == GIT_ENOTFOUND || rc == GIT_PASSTHROUGH)
            continue;
        if (rc < 0)
            return rc;
        out->data = data;
        out->backend = b;
        return 0;
    }
    git_error_clear();
    int rc = git_odb_read(&out->object, odb, id);
    if (rc < 0)
        return rc;
    out->data = git_odb_object_data(out->object);
    out->len = git_odb_object_size(out->object);
    out->type = git_odb_object_type(out->object);
    return 0;
}

void rhea_odb_raw_free(RheaOdbRaw *raw)
{
    if (raw->object)
        git_odb_object_free(raw->object);
    else if (raw->backend)
        git_odb_backend_data_free(raw->backend, (void *)raw->data);
    memset(raw, 0, sizeof *raw);
}
