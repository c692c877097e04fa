/* make_sample_repo.c: `rhea-sample-repo DIR` writes the sample product's repository at DIR;
 * `rhea-sample-repo --synthetic N [--files F] [--bare] DIR` writes an N-commit synthetic linear
 * history instead (samples/synthetic.h), for stress and crash-safety tests. */
#include <stdio.h>

#include "samples/sample_product.h"
#include "samples/synthetic.h"

int main(int argc, char **argv)
{
    gint synthetic = 0, files = 200;
    gboolean bare = FALSE;
    GOptionEntry entries[] = {
        {"synthetic", 0, 0, G_OPTION_ARG_INT, &synthetic,
         "Write an N-commit synthetic linear history instead of the sample product", "N"},
        {"files", 0, 0, G_OPTION_ARG_INT, &files,
         "Files in the synthetic history's first commit (default 200)", "F"},
        {"bare", 0, 0, G_OPTION_ARG_NONE, &bare, "Write a bare repository (synthetic only)", NULL},
        {NULL, 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL}};
    g_autoptr(GOptionContext) ctx = g_option_context_new("DIR");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 2 || synthetic < 0 ||
        files < 1) {
        fprintf(stderr, "usage: rhea-sample-repo [--synthetic N [--files F] [--bare]] DIR%s%s\n",
                error ? ": " : "", error ? error->message : "");
        g_clear_error(&error);
        return 2;
    }
    if (g_file_test(argv[1], G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "rhea-sample-repo: %s: already exists; remove it or pick another folder\n",
                argv[1]);
        return 1;
    }
    int rc = synthetic > 0
                 ? rhea_synthetic_build(argv[1], (guint)synthetic, (guint)files, bare, &error)
                 : rhea_sample_product_build(argv[1], &error);
    if (rc < 0) {
        fprintf(stderr, "rhea-sample-repo: %s\n", error->message);
        g_error_free(error);
        return 1;
    }
    if (synthetic > 0)
        printf("synthetic history of %d commits written to %s\n", synthetic, argv[1]);
    else
        printf("sample product written to %s\n", argv[1]);
    return 0;
}
