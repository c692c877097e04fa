/* path_roles.c: the test and CI/deployment path guesses of path_roles.h. Folder rules compare
 * whole folder names; name rules are bounded by separators (`_`, `-`, `.`) or case humps on both
 * sides, so that a word inside another word never matches. */
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

/* A word starts at name[i]: the name's start, after `_`, `-` or `.`, or at a case hump (fooBar,
 * foo2Bar, and the end of an acronym: XMLTests). */
static gboolean word_starts(const char *name, gsize i)
{
    if (i == 0 || name[i - 1] == '_' || name[i - 1] == '-' || name[i - 1] == '.')
        return TRUE;
    return g_ascii_isupper(name[i]) &&
           (g_ascii_islower(name[i - 1]) || g_ascii_isdigit(name[i - 1]) ||
            (g_ascii_isupper(name[i - 1]) && g_ascii_islower(name[i + 1])));
}

/* name is the word word (any case) at its end, then the extension ext: FooTest.java */
static gboolean ends_with_word(const char *name, const char *word, const char *ext)
{
    gsize n = strlen(name), w = strlen(word), e = strlen(ext);
    if (n < w + e)
        return FALSE;
    gsize at = n - w - e;
    return g_ascii_strncasecmp(name + at, word, w) == 0 &&
           g_ascii_strcasecmp(name + at + w, ext) == 0 && word_starts(name, at);
}

gboolean rhea_path_is_test(const char *path)
{
    static const char *const folders[] = {"test",      "tests",       "spec",
                                          "__tests__", "androidtest", NULL};
    if (any_folder(path, folders, TRUE))
        return TRUE;
    const char *base = base_name(path);
    g_autofree char *lower = g_ascii_strdown(base, -1);
    return g_str_has_prefix(lower, "test_") || strstr(lower, "_test.") || strstr(lower, ".test.") ||
           strstr(lower, ".spec.") || ends_with_word(base, "test", ".java") ||
           ends_with_word(base, "test", ".kt") || ends_with_word(base, "tests", ".cs");
}

/* name begins with the word word: then its end, `.`, `-`, `_` or a new word (DockerfileGpu) */
static gboolean starts_with_word(const char *name, const char *word)
{
    gsize n = strlen(word);
    return strncmp(name, word, n) == 0 && (name[n] == '\0' || name[n] == '.' || name[n] == '-' ||
                                           name[n] == '_' || word_starts(name, n));
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
