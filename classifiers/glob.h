/* glob.h: one gitignore(5) pattern, compiled once and matched against repository paths.
 *
 * A RheaGlob follows git's own matcher (dir.c + wildmatch.c with WM_PATHNAME) byte for byte:
 * `*`, `?` and `[...]` never match `/`; `**` is special only as a whole path component (`**`,
 * `**` + `/`, `/` + `**`); a pattern with a `/` at its start or middle is anchored at the root, one
 * without is matched against the basename at any depth; a trailing `/` matches folders only;
 * backslash escapes the next byte; trailing unescaped spaces are dropped. Paths are the bytes git
 * stores, relative to the root, without a leading `/`. */
#pragma once
#include <glib.h>

typedef enum {
    RHEA_GLOB_CASEFOLD = 1 << 0, /* ASCII letters match either case (rhea's built-in defaults) */
} RheaGlobFlags;

typedef struct RheaGlob RheaGlob;

/* Compiles pattern (NUL-terminated, one line of a rules file without its newline). Fails with
 * RHEA_ERROR_INVALID when nothing is left to match (empty, only spaces, only `/`). A leading `!` is
 * taken literally here: refusing negation is the rules file's business. */
RheaGlob *rhea_glob_new(const char *pattern, RheaGlobFlags flags, GError **error);
void rhea_glob_free(RheaGlob *glob);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaGlob, rhea_glob_free)

/* The pattern as given to rhea_glob_new (trailing spaces dropped). */
const char *rhea_glob_pattern(const RheaGlob *glob);

/* Whether the pattern is matched against the last component only (no `/` but a trailing one):
 * then it matches a path exactly when it matches the path's last component. */
gboolean rhea_glob_is_basename(const RheaGlob *glob);

/* Whether the pattern matches the path itself (len bytes, no trailing `/`), a folder when is_dir.
 */
gboolean rhea_glob_match_one(const RheaGlob *glob, const char *path, gsize len, gboolean is_dir);

/* Whether the pattern matches a file at path or any folder above it: gitignore's "a pattern that
 * matches a folder applies to everything below it". path is NUL-terminated. */
gboolean rhea_glob_match_file(const RheaGlob *glob, const char *path);
