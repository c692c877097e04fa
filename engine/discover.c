/* discover.c: finding repositories under folders (discover.h). */
#include "engine/discover.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/error.h"

static gboolean is_dir(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static gboolean exists_no_follow(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* A work tree (.git folder or gitfile) or a bare repository. */
static gboolean is_repository(const char *dir)
{
    g_autofree char *dotgit = g_build_filename(dir, ".git", NULL);
    if (exists_no_follow(dotgit))
        return TRUE;
    g_autofree char *head = g_build_filename(dir, "HEAD", NULL);
    g_autofree char *objects = g_build_filename(dir, "objects", NULL);
    g_autofree char *refs = g_build_filename(dir, "refs", NULL);
    return exists_no_follow(head) && is_dir(objects) && is_dir(refs);
}

void rhea_discovery_free(RheaDiscovery *d)
{
    if (!d)
        return;
    g_ptr_array_unref(d->repositories);
    g_ptr_array_unref(d->problems);
    g_free(d);
}

static gint by_string(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

RheaDiscovery *rhea_discover_repositories(const char *const *roots, guint n_roots, GError **error)
{
    for (guint i = 0; i < n_roots; i++)
        if (!g_file_test(roots[i], G_FILE_TEST_IS_DIR)) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "%s: %s; name folders that hold git repositories", roots[i],
                        g_file_test(roots[i], G_FILE_TEST_EXISTS) ? "not a folder"
                                                                  : "no such folder");
            return NULL;
        }
    RheaDiscovery *d = g_new0(RheaDiscovery, 1);
    d->repositories = g_ptr_array_new_with_free_func(g_free);
    d->problems = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func(g_free);
    for (guint i = n_roots; i-- > 0;)
        g_ptr_array_add(stack, g_strdup(roots[i]));
    while (stack->len) {
        char *dir = g_ptr_array_steal_index(stack, stack->len - 1);
        if (is_repository(dir)) {
            g_ptr_array_add(d->repositories, dir);
            continue;
        }
        g_autoptr(GError) e = NULL;
        GDir *gd = g_dir_open(dir, 0, &e);
        if (!gd) {
            g_ptr_array_add(d->problems, g_strdup_printf("%s: %s", dir, e->message));
            g_free(dir);
            continue;
        }
        g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func(g_free);
        for (const char *name; (name = g_dir_read_name(gd));) {
            g_autofree char *child = g_build_filename(dir, name, NULL);
            if (is_dir(child)) /* lstat: a symlink to a folder is not followed */
                g_ptr_array_add(children, g_steal_pointer(&child));
        }
        g_dir_close(gd);
        g_ptr_array_sort(children, by_string);
        for (guint i = children->len; i-- > 0;)
            g_ptr_array_add(stack, g_ptr_array_steal_index(children, i));
        g_free(dir);
    }
    g_ptr_array_sort(d->repositories, by_string);
    return d;
}
