/* commit_header.c: the parents named in a commit's stored text (see the header). */
#include "engine/commit_header.h"

#include <git2.h>
#include <string.h>

int rhea_commit_header_parents(const char *p, size_t len, GArray *parents)
{
    const char *end = p + len;
    if (end - p < 46 || memcmp(p, "tree ", 5) != 0 || p[45] != '\n')
        return -1;
    for (p += 46; end - p >= 48 && memcmp(p, "parent ", 7) == 0; p += 48) {
        git_oid parent;
        if (p[47] != '\n' || git_oid_fromstrn(&parent, p + 7, GIT_OID_HEXSZ) < 0)
            return -1;
        g_array_append_val(parents, parent);
    }
    return 0;
}
