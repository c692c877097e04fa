/* path_roles.c: the test and CI/deployment path guesses of path_roles.h. A path is split into its
 * folders and its name; the name into words; every rule compares whole folders or whole words. */
#include "classifiers/path_roles.h"

#include <string.h>

static gboolean any_folder(const char *path, const char *const *names, gboolean any_case)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    guint n = g_strv_length(parts);
    for (guint i = 0; i + 1 < n; i++) /* the last part is the file's name */
        for (const char *const *f = names; *f; f++)
            if (any_case ? g_ascii_strcasecmp(parts[i], *f) == 0 : strcmp(parts[i], *f) == 0)
                return TRUE;
    return FALSE;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The words of a file name without its extension (see path_roles.h), in order. */
static GPtrArray *name_words(const char *base)
{
    const char *dot = strrchr(base, '.');
    gsize len = dot && dot != base ? (gsize)(dot - base) : strlen(base);
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    gsize start = 0;
    for (gsize i = 0; i <= len; i++) {
        gboolean sep = i == len || base[i] == '_' || base[i] == '-' || base[i] == '.';
        /* fooBar, foo2Bar, and the end of an acronym: XMLTests -> XML, Tests */
        gboolean hump =
            i > start && i < len && g_ascii_isupper(base[i]) &&
            (g_ascii_islower(base[i - 1]) || g_ascii_isdigit(base[i - 1]) ||
             (g_ascii_isupper(base[i - 1]) && i + 1 < len && g_ascii_islower(base[i + 1])));
        if ((sep || hump) && i > start)
            g_ptr_array_add(words, g_strndup(base + start, i - start));
        if (sep)
            start = i + 1;
        else if (hump)
            start = i;
    }
    return words;
}

static gboolean word_is(const GPtrArray *words, guint i, const char *const *choices)
{
    for (const char *const *c = choices; *c; c++)
        if (g_ascii_strcasecmp(g_ptr_array_index(words, i), *c) == 0)
            return TRUE;
    return FALSE;
}

gboolean rhea_path_is_test(const char *path)
{
    static const char *const folders[] = {"test",      "tests",       "spec",
                                          "__tests__", "androidtest", NULL};
    static const char *const first[] = {"test", "tests", NULL};
    static const char *const last[] = {"test", "tests", "spec", NULL};
    if (any_folder(path, folders, TRUE))
        return TRUE;
    g_autoptr(GPtrArray) words = name_words(base_name(path));
    return words->len > 0 && (word_is(words, 0, first) || word_is(words, words->len - 1, last));
}

/* name is word, alone or followed by '.', '-' or '_' and more */
static gboolean starts_with_word(const char *name, const char *word)
{
    gsize n = strlen(word);
    return strncmp(name, word, n) == 0 &&
           (name[n] == '\0' || name[n] == '.' || name[n] == '-' || name[n] == '_');
}

gboolean rhea_path_is_ops(const char *path)
{
    static const char *const files[] = {".travis.yml", ".gitlab-ci.yml", "azure-pipelines.yml",
                                        "Jenkinsfile", NULL};
    static const char *const folders[] = {"kubernetes", "helm", "k8s", NULL};
    const char *base = base_name(path);
    if (g_str_has_prefix(path, ".github/workflows/") || g_str_has_prefix(path, ".circleci/") ||
        g_strv_contains(files, path) || any_folder(path, folders, FALSE))
        return TRUE;
    return starts_with_word(base, "Dockerfile") || starts_with_word(base, "docker-compose") ||
           strcmp(base, "Procfile") == 0 || (g_str_has_suffix(base, ".tf") && strlen(base) > 3);
}
