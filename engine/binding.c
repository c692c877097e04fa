/* binding.c: see binding.h. */
#include "engine/binding.h"

#include <string.h>

#include "engine/error.h"
#include "engine/store_binding.h"

int rhea_product_id_check(const char *id, GError **error)
{
    const char *why = NULL;
    if (!id || !*id)
        why = "it is empty";
    else if (!g_utf8_validate(id, -1, NULL))
        why = "it is not valid UTF-8";
    else
        for (const char *p = id; *p && !why; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0))
                why = "it holds a control character";
        }
    if (!why)
        return 0;
    g_autofree char *shown = rhea_error_quote(id ? id : "");
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                "product id '%s' cannot be used: %s; choose another with --product ID", shown, why);
    return -1;
}

int rhea_binding_check(RheaStore *store, git_repository *repo, const RheaProduct *stored,
                       const char *repo_path, GError **error)
{
    if (!stored || !stored->repo_path || strcmp(stored->repo_path, repo_path) == 0)
        return 0;
    /* the same repository elsewhere (moved, another clone) still holds the stored roots */
    g_autoptr(GPtrArray) roots = rhea_store_root_commits(store, stored->id, 64, error);
    if (!roots)
        return -1;
    git_odb *odb = NULL;
    if (git_repository_odb(&odb, repo) < 0)
        return rhea_error_git(error, "%s: cannot open the object database", repo_path);
    gboolean shared = FALSE;
    for (guint i = 0; i < roots->len && !shared; i++) {
        git_oid id;
        if (git_oid_fromstr(&id, g_ptr_array_index(roots, i)) == 0 && git_odb_exists(odb, &id))
            shared = TRUE;
    }
    git_odb_free(odb);
    if (shared)
        return 0;
    g_autofree char *id = rhea_error_quote(stored->id);
    g_autofree char *root =
        roots->len ? g_strdup_printf(" (root %.12s)", (const char *)roots->pdata[0]) : g_strdup("");
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                "product '%s' holds %s%s, and %s is another repository (no root commit in "
                "common); pass --product NEW to keep both, or --replace to drop '%s' and read "
                "this one",
                id, stored->repo_path, root, repo_path, id);
    return -1;
}
