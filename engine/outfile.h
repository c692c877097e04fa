/* outfile.h: the one writer of every file rhea produces (`--out PATH`, the `--charts DIR` files).
 *
 * It does what the shell's `>` does with whatever PATH names, and adds one safety for plain files:
 *   - a symlink is followed: its target is written and the link stays a link;
 *   - a FIFO or a character device (/dev/null, /dev/full, a terminal) is opened and written to;
 *   - a regular file with a single link is replaced atomically: the text goes to a temporary file
 *     in the same folder that takes the old file's mode and owner, is synced and renamed over it,
 *     so a failed write leaves the old file exactly as it was;
 *   - a regular file with several hard links (or whose owner rhea cannot give to a new file, or
 *     whose folder rhea cannot write) is truncated and written in place, as `>` would, so the
 *     links, the mode and the owner are kept;
 *   - a new path becomes a regular file of mode 0666 less the umask, written through a temporary
 *     file as well;
 *   - a folder or a socket is refused.
 * Errors are one line naming PATH, what went wrong and what to do. */
#pragma once
#include <glib.h>

int rhea_outfile_write(const char *path, const void *data, gsize len, GError **error);
