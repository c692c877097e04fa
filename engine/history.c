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

#include "engine/commit_graph.h"
#include "engine/commit_header.h"
#include "engine/error.h"
#include "engine/lines.h"
#include "engine/odb_raw.h"
#include "engine/oid_table.h"
#include "engine/pack_reader.h"
#include "engine/walk_ahead.h"

typedef struct {
    git_oid id;
    gboolean expanded;
} Frame;

/* Read from the "shallow" file in the git folder. */
GHashTable *rhea_history_shallow(git_repository *repo)
{
    GHashTable *set = g_hash_table_new_full(rhea_oid_hash, rhea_oid_equal, g_free, NULL);
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

/* Appends the parents of commit id to parents, read from its stored header without parsing the
 * rest or putting it in libgit2's cache (the walk visits every commit of the history, and the
 * ingest reads each one again anyway): from the packs by rhea's reader, else from the object
 * database's backends. -1 when the object is missing or its header is not in that form (the
 * caller asks libgit2 then). */
static int raw_parents(RheaPackReader *packs, git_odb *odb, const git_oid *id, GArray *parents)
{
    const char *text;
    size_t len;
    if (rhea_pack_reader_header(packs, id, &text, &len) == 0 &&
        rhea_commit_header_parents(text, len, parents) == 0)
        return 0;
    g_array_set_size(parents, 0);
    RheaOdbRaw raw;
    if (!odb || rhea_odb_raw_read(odb, id, &raw) < 0) {
        git_error_clear();
        return -1;
    }
    int rc = raw.type == GIT_OBJECT_COMMIT
                 ? rhea_commit_header_parents((const char *)raw.data, raw.len, parents)
                 : -1;
    rhea_odb_raw_free(&raw);
    return rc;
}

/* The parents of commit id: from its raw header, or through libgit2 when that fails (which then
 * says why). */
static int commit_parents(git_repository *repo, const RheaCommitGraph *graph, RheaWalkAhead *ahead,
                          RheaPackReader *packs, git_odb *odb, const git_oid *id, GArray *parents)
{
    g_array_set_size(parents, 0);
    if (graph && rhea_commit_graph_parents(graph, id, parents))
        return 0;
    if (rhea_walk_ahead_parents(ahead, id, parents))
        return 0;
    if (raw_parents(packs, odb, id, parents) == 0)
        return 0;
    g_array_set_size(parents, 0);
    git_commit *commit = NULL;
    if (git_commit_lookup(&commit, repo, id) < 0)
        return -1;
    for (unsigned i = 0; i < git_commit_parentcount(commit); i++)
        g_array_append_val(parents, *git_commit_parent_id(commit, i));
    git_commit_free(commit);
    return 0;
}

int rhea_history_stop_in_set(const char *hex, void *ctx, GError **error)
{
    (void)error;
    return g_hash_table_contains(ctx, hex) ? 1 : 0;
}

GArray *rhea_history_walk(git_repository *repo, const git_oid *tip, GHashTable *shallow,
                          RheaHistoryStopFn stop, void *stop_ctx, GHashTable **reached,
                          GError **error)
{
    g_autoptr(GHashTable) visited =
        g_hash_table_new_full(rhea_oid_hash, rhea_oid_equal, g_free, NULL);
    g_autoptr(GArray) stack = g_array_new(FALSE, FALSE, sizeof(Frame));
    GArray *out = g_array_new(FALSE, FALSE, sizeof(git_oid));
    g_autoptr(GArray) parents = g_array_new(FALSE, FALSE, sizeof(git_oid));
    RheaPackReader *packs = rhea_pack_reader_new(repo);
    /* Parents without inflating commits, where `git gc` left a commit-graph; only for a walk of
     * the whole history. Opening checks the whole file (its SHA-1 among the rest), which an
     * incremental walk, reading its k new commits, must not pay for the whole history. */
    RheaCommitGraph *graph = stop ? NULL : rhea_commit_graph_open(repo);
    /* a second thread reads parents from the other end, for the same kind of walk */
    RheaWalkAhead *ahead = stop || graph ? NULL : rhea_walk_ahead_start(repo);
    git_odb *odb = NULL;
    if (git_repository_odb(&odb, repo) < 0)
        odb = NULL; /* every commit then goes through libgit2 */
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
        int stopped = stop ? stop(hex, stop_ctx, error) : 0;
        if (stopped < 0)
            goto fail;
        if (stopped) {
            if (reached)
                g_hash_table_add(*reached, g_strdup(hex));
            continue;
        }
        if (commit_parents(repo, graph, ahead, packs, odb, &f.id, parents) < 0) {
            rhea_error_git(error, "cannot read commit %s (the repository is incomplete or corrupt)",
                           hex);
            goto fail;
        }
        f.expanded = TRUE;
        g_array_append_val(stack, f);
        guint n = g_hash_table_contains(shallow, &f.id) ? 0 : parents->len;
        /* pushed last-first so the first parent's line is walked first */
        for (guint i = n; i-- > 0;) {
            Frame p = {.expanded = FALSE};
            git_oid_cpy(&p.id, &g_array_index(parents, git_oid, i));
            if (!g_hash_table_contains(visited, &p.id))
                g_array_append_val(stack, p);
        }
    }
    rhea_walk_ahead_stop(ahead);
    git_odb_free(odb);
    rhea_pack_reader_free(packs);
    rhea_commit_graph_free(graph);
    return out;
fail:
    g_array_free(out, TRUE);
    if (reached)
        g_clear_pointer(reached, g_hash_table_destroy);
    rhea_walk_ahead_stop(ahead);
    git_odb_free(odb);
    rhea_pack_reader_free(packs);
    rhea_commit_graph_free(graph);
    return NULL;
}
