/* multimatch.h: Aho-Corasick over literal anchors, ASCII case-insensitive: one pass over a text
 * says which of many literals occur in it. The evidence catalog (evidence_catalog.c) takes from
 * each pattern the literals every match must contain (rhea_multimatch_literals), finds them all
 * in one pass, and runs only the patterns whose literals occur. */
#pragma once
#include <glib.h>

typedef struct RheaMultiMatch RheaMultiMatch;

RheaMultiMatch *rhea_multimatch_new(void);
void rhea_multimatch_free(RheaMultiMatch *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaMultiMatch, rhea_multimatch_free)
/* Adds a literal (matched ASCII case-insensitively) reported as id. Before compile only. */
void rhea_multimatch_add(RheaMultiMatch *m, const char *literal, guint id);
/* Builds the automaton; after it, only scans. */
void rhea_multimatch_compile(RheaMultiMatch *m);
/* Sets hit[id] = 1 for the id of every literal that occurs in text[0..len). */
void rhea_multimatch_scan(const RheaMultiMatch *m, const char *text, gsize len, guint8 *hit);

/* Calls fn(id, end, payload) for every occurrence of a literal in text[0..len): end is the
 * offset just past it. Occurrences come in text order. */
typedef void (*RheaMultiMatchFn)(guint id, gsize end, void *payload);
void rhea_multimatch_each(const RheaMultiMatch *m, const char *text, gsize len, RheaMultiMatchFn fn,
                          void *payload);

/* Literals that every match of a PCRE pattern contains, one per top-level alternative (each the
 * longest run of plain characters outside groups, classes and optional items, lowercased), as a
 * NULL-terminated array; NULL when some alternative has no literal of at least min_len bytes (the
 * pattern must then always be run). */
char **rhea_multimatch_literals(const char *pattern, gsize min_len);
