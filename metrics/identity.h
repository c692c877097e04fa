/* identity.h: joining the identities one person commits under (docs/metrics.md, "Identities"). */
#pragma once
#include <glib.h>

typedef struct RheaIdentities RheaIdentities;

/* merge_by_name: also join identities whose normalized names are equal (else by email only). */
RheaIdentities *rhea_identities_new(gboolean merge_by_name);
void rhea_identities_free(RheaIdentities *ids);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaIdentities, rhea_identities_free)

/* Records one commit by (name, email) (after .mailmap); returns the raw key of that exact pair. */
guint rhea_identities_add(RheaIdentities *ids, const char *name, const char *email);
/* Joins raw keys that share an email (case-insensitive) or a normalized name, transitively, and
 * numbers the people 0..count-1 in order of first appearance. Call once, after every add. */
void rhea_identities_resolve(RheaIdentities *ids);
guint rhea_identities_count(const RheaIdentities *ids);
/* The person a raw key belongs to. */
guint rhea_identities_person(const RheaIdentities *ids, guint raw);
/* The person's most frequent name (ties: the smallest in byte order). */
const char *rhea_identities_name(const RheaIdentities *ids, guint person);
/* The person's distinct emails, lower-cased, sorted. */
GPtrArray *rhea_identities_emails(const RheaIdentities *ids, guint person);

/* Lower-case, runs of white space collapsed to one space, trimmed. */
char *rhea_identity_normalize_name(const char *name);
