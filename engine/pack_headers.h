/* pack_headers.h: the first lines of a commit ("tree", "parent"), read straight from the
 * repository's pack files.
 *
 * The history walk (engine/history.c) reads every commit's parents before the parallel part of an
 * ingest can start, so its cost is paid on one core. Through libgit2 each read set up a zlib
 * stream, took the pack's locks and inflated the whole commit (54 ms of GridCal's 8,145 commits).
 * This reader maps each pack and its index once, finds an object through the index's fan-out
 * table and a binary search, and inflates only the header with one reused zlib stream.
 *
 * It answers only for what it can read that way: a commit stored whole in a pack (index version
 * 2). Anything else (a loose object, an alternate, a commit stored as a delta, a pack it cannot
 * map, a pack written after it was opened) is left to the caller, who asks libgit2. */
#pragma once
#include <git2.h>
#include <glib.h>

typedef struct RheaPackHeaders RheaPackHeaders;

/* Maps the packs under the repository's objects/pack. Never NULL: a repository without packs
 * gives a reader that answers nothing. */
RheaPackHeaders *rhea_pack_headers_new(git_repository *repo);

/* The start of commit id's text, up to and including its last "parent" line (or its "tree" line
 * when it has no parent), in a buffer owned by the reader and valid until the next call. 0, or
 * -1 when this reader cannot answer (the caller then asks libgit2). */
int rhea_pack_headers_read(RheaPackHeaders *r, const git_oid *id, const char **text, size_t *len);

void rhea_pack_headers_free(RheaPackHeaders *r);
