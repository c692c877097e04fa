/* catalog.h: the catalog of ML libraries behind content signals (classifiers/ml-libraries.tsv).
 *
 * Each entry is a language, a byte fragment (an import statement) and the library it names. A
 * file's language comes from its extension; the catalog answers which library, if any, a file's
 * text imports. */
#pragma once
#include <glib.h>

typedef struct RheaCatalog RheaCatalog;

/* Reads a catalog file (TAB-separated LANGUAGE FRAGMENT LIBRARY, `#` comments). Fails with
 * "FILE:LINE: what is wrong" on a malformed line or an unknown language. */
RheaCatalog *rhea_catalog_load(const char *path, GError **error);
/* The same from text[0..len) (NUL bytes are an error); source names it in messages. */
RheaCatalog *rhea_catalog_parse(const char *text, gsize len, const char *source, GError **error);
/* The catalog shipped with rhea, ml-libraries.tsv in its data folder (engine/datadir.h: the
 * installation's share/rhea, a build's source tree, or $RHEA_DATA_DIR). */
RheaCatalog *rhea_catalog_load_default(GError **error);
void rhea_catalog_free(RheaCatalog *catalog);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaCatalog, rhea_catalog_free)

/* Whether some entry applies to a file at path (its extension names a language in the catalog). */
gboolean rhea_catalog_covers(const RheaCatalog *catalog, const char *path);
/* The library of the first entry (in file order) for path's language whose fragment occurs in
 * text[0..len), or NULL. The string belongs to the catalog. */
const char *rhea_catalog_scan(const RheaCatalog *catalog, const char *path, const char *text,
                              gsize len);
/* Number of entries. */
guint rhea_catalog_size(const RheaCatalog *catalog);
