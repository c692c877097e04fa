/* parts.h: a parts file, which names the parts of a product (training, inference, ui, tests...)
 * by path: one `PART PATTERN` a line, PATTERN a gitignore(5) pattern as in a rules file, the last
 * matching line wins, and a path no line matches belongs to no part (docs/rules.md, "Parts").
 * Parts are free names, not the fixed ml / nonml / exclude labels, so they live in their own file
 * and reuse only the glob matcher. */
#pragma once
#include <glib.h>

typedef struct RheaParts RheaParts;

/* Parses text (len bytes). A part name is letters, digits, '_', '-' or '.', at most 64 bytes.
 * Errors: "SOURCE:LINE: what is wrong" (bad name, no pattern, `!` negation, NUL byte). */
RheaParts *rhea_parts_parse(const char *text, gsize len, const char *source, GError **error);
RheaParts *rhea_parts_load(const char *path, GError **error);
void rhea_parts_free(RheaParts *parts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaParts, rhea_parts_free)

/* The part of path (the last matching line), or NULL. Owned by parts. */
const char *rhea_parts_match(const RheaParts *parts, const char *path);
/* The distinct part names, in order of first appearance in the file (owned by parts). */
const GPtrArray *rhea_parts_names(const RheaParts *parts);
