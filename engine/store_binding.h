/* store_binding.h: what binds a stored product to its repository (engine/binding.h). */
#pragma once
#include "engine/store.h"

/* The hex ids of the product's stored root commits (no parent, or a shallow clone's boundary),
 * at most max of them, ascending; an empty array when none is stored. */
GPtrArray *rhea_store_root_commits(RheaStore *store, const char *product, guint max,
                                   GError **error);
