/* make_sample_repo.c: `rhea-sample-repo DIR` writes the sample product's repository at DIR. */
#include <stdio.h>

#include "samples/sample_product.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: rhea-sample-repo DIR\n");
        return 2;
    }
    if (g_file_test(argv[1], G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "rhea-sample-repo: %s: already exists; remove it or pick another folder\n",
                argv[1]);
        return 1;
    }
    GError *error = NULL;
    if (rhea_sample_product_build(argv[1], &error) < 0) {
        fprintf(stderr, "rhea-sample-repo: %s\n", error->message);
        g_error_free(error);
        return 1;
    }
    printf("sample product written to %s\n", argv[1]);
    return 0;
}
