/* pack_reader.h: objects read straight from the repository's pack files (engine/pack_files.h):
 * commit headers for the history walk, whole trees for the tree differ.
 *
 * Through libgit2 each read took the pack's locks, allocated a zlib stream and inflated into a
 * buffer of the object's exact size, so zlib decoded the last 258 bytes, most of a small tree or
 * delta, byte by byte. This reader inflates each entry whole with libdeflate (a decoder made for
 * whole buffers, about a third fewer instructions than zlib on commits and trees; the stream's
 * checksum is still checked) and resolves deltas itself with a cache of their bases and of the
 * trees and blobs read (2 MiB).
 *
 * It answers only for what it can read that way. Anything else (a loose object, an alternate, a
 * base outside the packs, an object over its size limits, a damaged entry, a pack written after
 * it was opened) is left to the caller, who asks libgit2, which then names what is wrong. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct RheaPackReader RheaPackReader;

/* Maps the packs under the repository's objects/pack. Never NULL: a repository without packs
 * gives a reader that answers nothing. */
RheaPackReader *rhea_pack_reader_new(git_repository *repo);
void rhea_pack_reader_free(RheaPackReader *r);

/* The start of commit id's text, up to and including its last "parent" line (or its "tree" line
 * when it has no parent), in a buffer owned by the reader and valid until the next call. 0, or
 * -1 when this reader cannot answer. Commits over 1 MiB are left to libgit2. */
int rhea_pack_reader_header(RheaPackReader *r, const git_oid *id, const char **text, size_t *len);

/* Object id whole, a delta applied to its bases: 0 with *out a new reference and *type the
 * object's type, or -1 when this reader cannot answer. Objects over 64 MiB are left to libgit2. */
int rhea_pack_reader_object(RheaPackReader *r, const git_oid *id, GBytes **out, git_object_t *type);

/* For tests and profiles: deltas applied, and bases found in the cache, so far. */
void rhea_pack_reader_counts(const RheaPackReader *r, guint64 *deltas, guint64 *cache_hits);
