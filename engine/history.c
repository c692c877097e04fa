/* history.c: a depth-first walk of the commit graph that emits each commit after its parents.
 *
 * rhea does not use git_revwalk here for two reasons. libgit2 1.5 cannot walk a shallow clone (it
 * fails on the missing parents of the boundary commits), and a resumed or incremental run needs to
 * stop at every commit already stored, not only below one hidden tip. Stored commits always form
 * an ancestor-closed set (they are written parents first), so stopping at them visits exactly the
 * new commits plus their stored frontier.
 *
 * The walk is iterative: a stack of (commit, expanded) frames. A frame popped unexpanded is marked
 * visited and pushed back expanded above its unvisited parents; popped expanded, the commit is
 * emitted. In a DAG no parent can still be on the stack expanded, so parents are always emitted
 * first. */
#include "engine/history.h"

#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"

typedef struct {
    git_oid id;
    gboolean expanded;
} Frame;

static guint oid_hash(gconstpointer p)
{
    guint h;
    memcpy(&h, ((const git_oid *)p)->id, sizeof h);
    return h;
}

static gboolean oid_equal(gconstpointer a, gconstpointer b)
{
    return git_oid_equal(a, b);
}

/* Read from the "shallow" file in the git folder. */
GHashTable *rhea_history_shallow(git_repository *repo)
{
    GHashTable *set = g_hash_table_new_full(oid_hash, oid_equal, g_free, NULL);
    g_autofree char *path = g_build_filename(git_repository_path(repo), "shallow", NULL);
    g_autofree char *text = NULL;
    gsize len;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "shallow list", &text, &len, NULL) < 0)
        return set;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        git_oid id;
        if (strlen(*l) >= GIT_OID_HEXSZ && git_oid_fromstrn(&id, *l, GIT_OID_HEXSZ) == 0)
            g_hash_table_add(set, g_memdup2(&id, sizeof id));
    }
    return set;
}

GArray *rhea_history_walk(git_repository *repo, const git_oid *tip, GHashTable *shallow,
                          GHashTable *stop, GHashTable **reached, GError **error)
{
    g_autoptr(GHashTable) visited = g_hash_table_new_full(oid_hash, oid_equal, g_free, NULL);
    g_autoptr(GArray) stack = g_array_new(FALSE, FALSE, sizeof(Frame));
    GArray *out = g_array_new(FALSE, FALSE, sizeof(git_oid));
    if (reached)
        *reached = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char hex[GIT_OID_HEXSZ + 1];

    Frame first = {.expanded = FALSE};
    git_oid_cpy(&first.id, tip);
    g_array_append_val(stack, first);
    while (stack->len > 0) {
        Frame f = g_array_index(stack, Frame, stack->len - 1);
        g_array_set_size(stack, stack->len - 1);
        if (f.expanded) {
            g_array_append_val(out, f.id);
            continue;
        }
        if (g_hash_table_contains(visited, &f.id))
            continue;
        g_hash_table_add(visited, g_memdup2(&f.id, sizeof f.id));
        git_oid_tostr(hex, sizeof hex, &f.id);
        if (stop && g_hash_table_contains(stop, hex)) {
            if (reached)
                g_hash_table_add(*reached, g_strdup(hex));
            continue;
        }
        git_commit *commit = NULL;
        if (git_commit_lookup(&commit, repo, &f.id) < 0) {
            rhea_error_git(error, "cannot read commit %s (the repository is incomplete or corrupt)",
                           hex);
            g_array_free(out, TRUE);
            if (reached)
                g_clear_pointer(reached, g_hash_table_destroy);
            return NULL;
        }
        f.expanded = TRUE;
        g_array_append_val(stack, f);
        unsigned n = g_hash_table_contains(shallow, &f.id) ? 0 : git_commit_parentcount(commit);
        /* pushed last-first so the first parent's line is walked first */
        for (unsigned i = n; i-- > 0;) {
            Frame p = {.expanded = FALSE};
            git_oid_cpy(&p.id, git_commit_parent_id(commit, i));
            if (!g_hash_table_contains(visited, &p.id))
                g_array_append_val(stack, p);
        }
        git_commit_free(commit);
    }
    return out;
}
