/* treediff.c: a merge-walk of two git trees that recurses only into subtrees that differ.
 *
 * git_diff_tree_to_tree expands both whole trees for every commit; on real histories that measured
 * 2.4x-22x the time of `git log`. Most commits touch a handful of folders, so comparing tree ids
 * and descending only where they differ visits a few dozen entries per commit instead of the whole
 * tree.
 *
 * Trees are walked in their stored form ("<octal mode> <name>\0<20-byte id>" per entry, from
 * engine/tree_reader.c), as git's own tree_desc does: no parsed git_tree, no entry arrays, no
 * object cache. Modes are normalized as libgit2 and git do (any 04xxxx is a folder, an executable
 * bit makes an executable file, 12xxxx a symlink, 16xxxx a gitlink, anything else a file).
 *
 * Both entry lists are in git's tree order, where a folder sorts as if its name ended in '/'. The
 * walk advances whichever side has the smaller name; equal names with the same kind (both folders,
 * or both non-folders) are compared by id and mode. A file replaced by a folder of the same name
 * has two different sort keys ("foo" and "foo/"), so it shows as a deletion and additions, as git
 * shows it. */
#include "engine/treediff.h"

#include <string.h>

#include "engine/error.h"

typedef struct {
    RheaTreeReader *reader;
    RheaChangeFn fn;
    void *payload;
    GString *path;
    GError **error;
} Walk;

/* One entry of a raw tree, and where the next one starts. */
typedef struct {
    const unsigned char *p, *end;
    const char *name;
    size_t name_len;
    git_filemode_t mode;
    const git_oid *id;
    gboolean valid; /* an entry is at hand */
} Cursor;

static git_filemode_t normalize_mode(unsigned m)
{
    if ((m & 0170000) == 0040000)
        return GIT_FILEMODE_TREE;
    if (m & 0111)
        return GIT_FILEMODE_BLOB_EXECUTABLE;
    if ((m & 0170000) == 0160000)
        return GIT_FILEMODE_COMMIT;
    if ((m & 0170000) == 0120000)
        return GIT_FILEMODE_LINK;
    return GIT_FILEMODE_BLOB;
}

/* Moves to the next entry. Returns 0 (c->valid FALSE at the end) or -1 for a malformed tree. */
static int cursor_next(Cursor *c)
{
    c->valid = FALSE;
    if (c->p >= c->end)
        return 0;
    unsigned mode = 0;
    const unsigned char *p = c->p;
    while (p < c->end && *p >= '0' && *p <= '7' && mode < 01000000)
        mode = mode * 8 + (unsigned)(*p++ - '0');
    if (p == c->p || p >= c->end || *p != ' ')
        return -1;
    const unsigned char *name = ++p;
    const unsigned char *nul = memchr(name, '\0', (size_t)(c->end - name));
    if (!nul || nul == name || (size_t)(c->end - nul - 1) < GIT_OID_RAWSZ)
        return -1;
    c->name = (const char *)name;
    c->name_len = (size_t)(nul - name);
    c->mode = normalize_mode(mode);
    c->id = (const git_oid *)(nul + 1);
    c->p = nul + 1 + GIT_OID_RAWSZ;
    c->valid = TRUE;
    return 0;
}

static int is_tree(const Cursor *c)
{
    return c->mode == GIT_FILEMODE_TREE;
}

/* git's base_name_compare: names compare bytewise, and a folder's name ends in '/'. */
static int entry_cmp(const Cursor *a, const Cursor *b)
{
    size_t len = a->name_len < b->name_len ? a->name_len : b->name_len;
    int cmp = memcmp(a->name, b->name, len);
    if (cmp != 0)
        return cmp;
    unsigned char ac = len < a->name_len ? (unsigned char)a->name[len] : (is_tree(a) ? '/' : '\0');
    unsigned char bc = len < b->name_len ? (unsigned char)b->name[len] : (is_tree(b) ? '/' : '\0');
    return (int)ac - (int)bc;
}

/* Regular files (either mode) are one kind; symlinks and gitlinks are others. */
static int mode_kind(git_filemode_t mode)
{
    switch (mode) {
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE:
        return 0;
    case GIT_FILEMODE_LINK:
        return 1;
    case GIT_FILEMODE_COMMIT:
        return 2;
    default:
        return 3;
    }
}

static int walk_trees(Walk *w, const git_oid *old_id, const git_oid *new_id);

/* Descends into the folder entry old_e and/or new_e (one may be NULL). */
static int descend(Walk *w, const Cursor *old_e, const Cursor *new_e)
{
    const Cursor *e = new_e ? new_e : old_e;
    size_t saved = w->path->len;
    g_string_append_len(w->path, e->name, (gssize)e->name_len);
    g_string_append_c(w->path, '/');
    int rc = walk_trees(w, old_e ? old_e->id : NULL, new_e ? new_e->id : NULL);
    g_string_truncate(w->path, saved);
    return rc;
}

static int emit(Walk *w, RheaChangeKind kind, const Cursor *old_e, const Cursor *new_e)
{
    const Cursor *e = new_e ? new_e : old_e;
    size_t saved = w->path->len;
    g_string_append_len(w->path, e->name, (gssize)e->name_len);
    RheaChange c = {
        .path = w->path->str,
        .path_len = w->path->len,
        .kind = kind,
        .old_id = old_e ? old_e->id : NULL,
        .new_id = new_e ? new_e->id : NULL,
        .old_mode = old_e ? old_e->mode : 0,
        .new_mode = new_e ? new_e->mode : 0,
    };
    int rc = w->fn(&c, w->payload);
    g_string_truncate(w->path, saved);
    return rc;
}

static int removed(Walk *w, const Cursor *e)
{
    return is_tree(e) ? descend(w, e, NULL) : emit(w, RHEA_CHANGE_DELETED, e, NULL);
}

static int added(Walk *w, const Cursor *e)
{
    return is_tree(e) ? descend(w, NULL, e) : emit(w, RHEA_CHANGE_ADDED, NULL, e);
}

static int malformed(Walk *w, const git_oid *id)
{
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, id);
    g_set_error(w->error, RHEA_ERROR, RHEA_ERROR_FAILED,
                "tree %s at '%s' is malformed (the repository is corrupt; git fsck shows where)",
                hex, w->path->len ? w->path->str : "/");
    return -1;
}

/* Opens tree id (NULL: the empty tree) at its first entry. */
static int cursor_open(Walk *w, const git_oid *id, Cursor *c)
{
    memset(c, 0, sizeof *c);
    if (!id)
        return 0;
    RheaRawTree raw;
    if (rhea_tree_reader_get(w->reader, id, w->path->len ? w->path->str : NULL, &raw, w->error) < 0)
        return -1;
    c->p = raw.data;
    c->end = raw.data + raw.len;
    return cursor_next(c) < 0 ? malformed(w, id) : 0;
}

/* Moves both cursors past every entry, from where they stand, whose bytes are the same in both
 * trees: most of a folder is unchanged between a commit and its parent, and such an entry needs
 * neither parsing (only its end, found in one tree) nor a comparison of names and ids. An entry
 * skipped here was parsed when its tree first differed from another (or was added whole), as the
 * same bytes. Leaves the cursors' current entries stale: cursor_next follows. */
static void skip_common(Cursor *a, Cursor *b)
{
    const unsigned char *pa = a->p, *pb = b->p;
    while (pa < a->end) {
        const unsigned char *nul = memchr(pa, '\0', (size_t)(a->end - pa));
        if (!nul || (size_t)(a->end - nul - 1) < GIT_OID_RAWSZ)
            break; /* malformed: cursor_next says so */
        size_t len = (size_t)(nul + 1 + GIT_OID_RAWSZ - pa);
        if ((size_t)(b->end - pb) < len || memcmp(pa, pb, len) != 0)
            break;
        pa += len;
        pb += len;
    }
    a->p = pa;
    b->p = pb;
}

static int walk_trees(Walk *w, const git_oid *old_id, const git_oid *new_id)
{
    Cursor a, b;
    /* an entry's id points into its tree's bytes, which the reader keeps for the whole commit */
    if (cursor_open(w, old_id, &a) < 0 || cursor_open(w, new_id, &b) < 0)
        return -1;
    int rc = 0;
    while (rc == 0 && (a.valid || b.valid)) {
        int cmp = a.valid && b.valid ? entry_cmp(&a, &b) : (a.valid ? -1 : 1);
        gboolean step_a = FALSE, step_b = FALSE;
        if (cmp < 0) {
            rc = removed(w, &a);
            step_a = TRUE;
        } else if (cmp > 0) {
            rc = added(w, &b);
            step_b = TRUE;
        } else {
            if (git_oid_equal(a.id, b.id) && a.mode == b.mode)
                skip_common(&a, &b);
            else if (is_tree(&a))
                rc = descend(w, &a, &b);
            else
                rc = emit(w,
                          mode_kind(a.mode) == mode_kind(b.mode) ? RHEA_CHANGE_MODIFIED
                                                                 : RHEA_CHANGE_TYPE,
                          &a, &b);
            step_a = step_b = TRUE;
        }
        if (rc != 0)
            break;
        if (step_a && cursor_next(&a) < 0)
            return malformed(w, old_id);
        if (step_b && cursor_next(&b) < 0)
            return malformed(w, new_id);
    }
    return rc;
}

int rhea_treediff_walk(RheaTreeReader *reader, const git_oid *old_tree, const git_oid *new_tree,
                       RheaChangeFn fn, void *payload, GError **error)
{
    g_return_val_if_fail(reader != NULL && fn != NULL, -1);
    if (old_tree && new_tree && git_oid_equal(old_tree, new_tree))
        return 0;
    Walk w = {reader, fn, payload, g_string_sized_new(256), error};
    int rc = walk_trees(&w, old_tree, new_tree);
    g_string_free(w.path, TRUE);
    return rc;
}
