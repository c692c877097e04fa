/* binding.h: a product id belongs to one repository, and is a name rhea can show.
 *
 * A stored product is bound to the repository it was read from: its path and its root commits.
 * Reading another repository under the same id would drop the first one's data, so it is refused
 * unless the caller asked to replace it. The same repository is recognized by its path (a
 * rewritten history keeps its path, and is read again as before) or, when it moved or is another
 * clone, by one of the stored root commits being in it. */
#pragma once
#include <git2.h>
#include <glib.h>

#include "engine/store.h"

/* 0 when repo (at repo_path, absolute) may be read into the stored product; -1 with a one-line
 * error naming both repositories and the fix (--product NEW, or --replace) otherwise. */
int rhea_binding_check(RheaStore *store, git_repository *repo, const RheaProduct *stored,
                       const char *repo_path, GError **error);
/* 0 when id can be a product id: not empty, valid UTF-8, no control characters; else -1 with
 * a one-line usage error naming the id (quoted with \xNN escapes). */
int rhea_product_id_check(const char *id, GError **error);
