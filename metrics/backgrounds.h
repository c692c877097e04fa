/* backgrounds.h: the backgrounds file of Finding 1: people's judgment of each contributor's
 * background (SE, ML, other, unsure), one `email,background` a line (docs/metrics.md,
 * "Contributors"). The map it gives is RheaContributorOptions.backgrounds (contributors.h). */
#pragma once
#include <glib.h>

/* Reads a backgrounds CSV (`email,background`; a header row is allowed) into lower-cased
 * email -> background. Errors name FILE:LINE. */
GHashTable *rhea_backgrounds_load(const char *path, GError **error);
/* The same from text[0..len) (NUL bytes are an error); source names it in messages. An empty file
 * (nothing but blanks and comments) is an error; a header row alone is an empty map. */
GHashTable *rhea_backgrounds_parse(const char *text, gsize len, const char *source, GError **error);
