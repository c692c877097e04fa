/* replay.c: the main() a fuzz target gets when it is built without libFuzzer, so that ctest (and
 * the sanitizer build in CI) runs every input of its corpora once: a crash found once stays
 * fixed. Arguments are files or folders (every regular file inside, in name order); each file is
 * read whole and handed to LLVMFuzzerTestOneInput. Fails when an argument cannot be read or
 * names no input at all. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, guint *count)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    g_autoptr(GError) error = NULL;
    if (!g_file_get_contents(path, &data, &len, &error)) {
        fprintf(stderr, "replay: %s\n", error->message);
        return -1;
    }
    /* a copy of the exact size, so ASan sees a read past the input's end */
    g_autofree uint8_t *copy = g_memdup2(data, len ? len : 1);
    LLVMFuzzerTestOneInput(copy, len);
    (*count)++;
    return 0;
}

/* g_ptr_array_sort hands the comparator pointers to the elements */
static int by_name(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *path, guint *count)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) dir = g_dir_open(path, 0, &error);
    if (!dir) {
        fprintf(stderr, "replay: %s\n", error->message);
        return -1;
    }
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    for (const char *name; (name = g_dir_read_name(dir));)
        g_ptr_array_add(names, g_build_filename(path, name, NULL));
    g_ptr_array_sort(names, by_name);
    for (guint i = 0; i < names->len; i++) {
        const char *file = names->pdata[i];
        if (g_file_test(file, G_FILE_TEST_IS_REGULAR) && run_file(file, count) < 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    guint count = 0;
    for (int i = 1; i < argc; i++) {
        int rc = g_file_test(argv[i], G_FILE_TEST_IS_DIR) ? run_dir(argv[i], &count)
                                                          : run_file(argv[i], &count);
        if (rc < 0)
            return 1;
    }
    if (count == 0) {
        fprintf(stderr, "replay: no input in the arguments\n");
        return 1;
    }
    printf("%u inputs replayed\n", count);
    return 0;
}
