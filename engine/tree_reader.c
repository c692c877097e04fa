/* tree_reader.c: raw trees from the object database backends, kept for two commits (see the
 * header for why).
 *
 * Reading goes to the pack files through engine/pack_reader.c, and to the backends directly
 * (engine/odb_raw.c) for what it leaves, so that nothing lands in libgit2's object cache. Two
 * generations of trees are kept in hash tables keyed by id: a lookup that hits the older one
 * moves the tree to the current one, so a tree used by every commit (an unchanged folder next to
 * a busy one) is read once for the whole run. */
#include "engine/tree_reader.h"

#include <string.h>

#include "engine/error.h"
#include "engine/odb_raw.h"
#include "engine/oid_table.h"
#include "engine/pack_reader.h"

typedef struct {
    git_oid id;
    RheaOdbRaw raw;
    GBytes *bytes; /* when read by the pack reader: raw points into it */
} Entry;

struct RheaTreeReader {
    git_odb *odb;
    RheaPackReader *packs;
    GHashTable *current, *previous; /* git_oid* -> Entry*, the key inside the entry */
    guint64 reads;
};

static void entry_free(gpointer p)
{
    Entry *e = p;
    if (e->bytes)
        g_bytes_unref(e->bytes);
    else
        rhea_odb_raw_free(&e->raw);
    g_free(e);
}

static GHashTable *generation_new(void)
{
    return g_hash_table_new_full(rhea_oid_hash, rhea_oid_equal, NULL, entry_free);
}

RheaTreeReader *rhea_tree_reader_new(git_repository *repo)
{
    git_odb *odb = NULL;
    if (git_repository_odb(&odb, repo) < 0)
        return NULL;
    RheaTreeReader *r = g_new0(RheaTreeReader, 1);
    r->odb = odb;
    r->packs = rhea_pack_reader_new(repo);
    r->current = generation_new();
    r->previous = generation_new();
    return r;
}

void rhea_tree_reader_free(RheaTreeReader *reader)
{
    if (!reader)
        return;
    g_hash_table_destroy(reader->current);
    g_hash_table_destroy(reader->previous);
    git_odb_free(reader->odb);
    rhea_pack_reader_free(reader->packs);
    g_free(reader);
}

void rhea_tree_reader_next_commit(RheaTreeReader *reader)
{
    GHashTable *old = reader->previous;
    reader->previous = reader->current;
    g_hash_table_remove_all(old);
    reader->current = old;
}

guint64 rhea_tree_reader_reads(const RheaTreeReader *reader)
{
    return reader->reads;
}

int rhea_tree_reader_get(RheaTreeReader *reader, const git_oid *id, const char *where,
                         RheaRawTree *out, GError **error)
{
    Entry *e = g_hash_table_lookup(reader->current, id);
    if (!e) {
        /* only the value is asked for: the key is &entry->id, the same pointer as the entry, and
         * GLib 2.74 then keeps one array for both and clears it when the key is stolen */
        gpointer value = NULL;
        if (g_hash_table_steal_extended(reader->previous, id, NULL, &value)) {
            e = value;
        } else {
            e = g_new0(Entry, 1);
            git_oid_cpy(&e->id, id);
            int rc = 0;
            if (rhea_pack_reader_object(reader->packs, id, &e->bytes, &e->raw.type) == 0)
                e->raw.data = g_bytes_get_data(e->bytes, &e->raw.len);
            else
                rc = rhea_odb_raw_read(reader->odb, id, &e->raw);
            git_object_t type = e->raw.type;
            reader->reads++;
            if (rc < 0 || type != GIT_OBJECT_TREE) {
                char hex[GIT_OID_HEXSZ + 1];
                git_oid_tostr(hex, sizeof hex, id);
                if (rc < 0)
                    rhea_error_git(error, "cannot read %s%s%s%s%s",
                                   where ? "tree " : "the root tree ", hex, where ? " at '" : "",
                                   where ? where : "", where ? "'" : "");
                else
                    g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                                "object %s%s%s%s should be a tree but is a %s", hex,
                                where ? " at '" : "", where ? where : "", where ? "'" : "",
                                git_object_type2string(type));
                entry_free(e);
                return -1;
            }
        }
        g_hash_table_insert(reader->current, &e->id, e);
    }
    out->data = e->raw.data;
    out->len = e->raw.len;
    return 0;
}
