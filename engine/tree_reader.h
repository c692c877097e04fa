/* tree_reader.h: raw git tree objects for the tree differ, read straight from the object database
 * backends and kept for two commits.
 *
 * The differ needs each tree's bytes once or twice (the commit's own tree is its child's parent
 * tree), never a parsed git_tree: parsing allocates an entry array per tree and libgit2's object
 * caches keep both forms until their 256 MiB limit, which is most of an ingest's memory and a
 * third of its time. Trees read for the current commit are kept until the end of the next one,
 * so a linear history reads each tree from the pack once; older ones are freed. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct RheaTreeReader RheaTreeReader;

/* A tree's entries as stored: "<octal mode> <name>\0<20-byte id>" repeated. */
typedef struct {
    const unsigned char *data;
    size_t len;
} RheaRawTree;

RheaTreeReader *rhea_tree_reader_new(git_repository *repo);
void rhea_tree_reader_free(RheaTreeReader *reader);

/* Reads tree id (valid until the second rhea_tree_reader_next_commit after this call). where is
 * the tree's path for messages ("model/"), NULL for a commit's root tree. Returns 0, or -1 with
 * *error naming the tree (missing, or not a tree). */
int rhea_tree_reader_get(RheaTreeReader *reader, const git_oid *id, const char *where,
                         RheaRawTree *out, GError **error);

/* Ends a commit: trees read before the previous call are freed. */
void rhea_tree_reader_next_commit(RheaTreeReader *reader);

/* Objects read from the object database so far (cache misses); for tests and profiles. */
guint64 rhea_tree_reader_reads(const RheaTreeReader *reader);
