/* sample_set.c: see sample_set.h. */
#include "tests/sample_set.h"

#include <check.h>

#include "samples/sample_product.h"
#include "tests/testutil.h"

SampleSet sample_set_open(void)
{
    SampleSet s = {.dir = testutil_tmpdir()};
    GError *error = NULL;
    g_autofree char *rules = NULL;
    ck_assert(g_file_get_contents("samples/rules/sample.rules", &rules, NULL, &error));
    s.store = testutil_ingest(s.dir, "wordwise", rhea_sample_product_build, rules);
    s.labels = rhea_labeling_new(s.store, "wordwise", NULL, FALSE, &error);
    RheaWindow w = {0};
    s.set = rhea_commitset_load(s.store, "wordwise", &w, s.labels, &error);
    ck_assert_ptr_nonnull(s.set);
    return s;
}

void sample_set_close(SampleSet *s)
{
    rhea_commitset_free(s->set);
    rhea_labeling_free(s->labels);
    rhea_store_close(s->store);
    testutil_rmtree(s->dir);
    g_free(s->dir);
}
