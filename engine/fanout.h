/* fanout.h: git's sorted tables of 20-byte ids with a fan-out, as pack indexes (.idx) and the
 * commit-graph store them: 256 big-endian counts, entry b the number of ids whose first byte is
 * at most b, then the ids in order. Shared by engine/pack_files.c and engine/commit_graph.c. */
#pragma once
#include <glib.h>

/* TRUE when the counts never fall from one byte to the next. */
gboolean rhea_fanout_ordered(const unsigned char *fan);

/* The positions [*lo, *hi) of the ids whose first byte is first. */
void rhea_fanout_range(const unsigned char *fan, guint8 first, guint32 *lo, guint32 *hi);

/* The position of id among ids (sorted, as fan counts them), or -1. */
gint64 rhea_fanout_find(const unsigned char *fan, const unsigned char *ids,
                        const unsigned char *id);
