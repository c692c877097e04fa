/* pack_files.h: a repository's pack files and their indexes, mapped, and the entries in them.
 *
 * Formats (git's Documentation/gitformat-pack.txt): an index of version 2 is "\377tOc", version,
 * 256 cumulative counts by first byte (fan-out), the sorted ids, their CRCs, their 31-bit offsets
 * (the top bit set points into a table of 64-bit offsets that follows), two checksums. A pack is
 * "PACK", version, object count, then entries: a type and size in a variable-length header, for a
 * delta its base (types 6, an offset back, and 7, an id), then the zlib stream of the bytes.
 *
 * Every size and count a lookup trusts is checked when a pack is opened; a pack that fails is
 * left out, and what it holds is left to libgit2, as are the packs past the first 256. */
#pragma once
#include <git2.h>
#include <glib.h>

#define RHEA_PACK_COMMIT 1
#define RHEA_PACK_TREE 2
#define RHEA_PACK_BLOB 3
#define RHEA_PACK_TAG 4
#define RHEA_PACK_OFS_DELTA 6
#define RHEA_PACK_REF_DELTA 7

typedef struct RheaPackFiles RheaPackFiles;

/* One entry: its type, the size of its bytes (a delta's own size for types 6 and 7), where its
 * zlib stream starts and ends (the end of the pack's data), and a delta's base. */
typedef struct {
    guint pack;
    guint64 offset;
    int type;
    guint64 size;
    const unsigned char *data, *end;
    guint64 base_offset;          /* type 6: in the same pack */
    const unsigned char *base_id; /* type 7: 20 bytes */
} RheaPackEntry;

/* Maps the packs under the repository's objects/pack. Never NULL: a repository without packs
 * gives a set that finds nothing. */
RheaPackFiles *rhea_pack_files_new(git_repository *repo);
void rhea_pack_files_free(RheaPackFiles *files);

/* The entry of object id (20 bytes): 0, or -1 when no mapped pack holds it. The pack that held
 * the last object found is searched first. */
int rhea_pack_files_find(RheaPackFiles *files, const unsigned char *id, RheaPackEntry *out);

/* The entry at offset in pack (a delta's base): 0, or -1 when its header is damaged. */
int rhea_pack_files_entry(const RheaPackFiles *files, guint pack, guint64 offset,
                          RheaPackEntry *out);

/* The mapped packs, and the objects of one: how many, and the id (20 bytes, in the index's order)
 * and entry offset of the i-th. Out of range gives 0 and NULL. */
guint rhea_pack_files_packs(const RheaPackFiles *files);
guint32 rhea_pack_files_objects(const RheaPackFiles *files, guint pack);
const unsigned char *rhea_pack_files_nth(const RheaPackFiles *files, guint pack, guint32 i,
                                         guint64 *offset);

/* The index position of object id (20 bytes) in pack, or -1 when that pack does not hold it. */
gint64 rhea_pack_files_position(const RheaPackFiles *files, guint pack, const unsigned char *id);
