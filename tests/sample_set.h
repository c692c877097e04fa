/* sample_set.h: the sample product ingested with its curated rules (samples/rules/sample.rules)
 * into a store of its own, labelled, and loaded whole (no window): the fixture of the tests whose
 * figures were worked by hand on it (test_ownership, test_parts, test_sensitivity, test_silo). */
#pragma once
#include "classifiers/labeling.h"
#include "engine/store.h"
#include "metrics/commitset.h"

typedef struct {
    char *dir; /* the temporary folder holding the repository and the store */
    RheaStore *store;
    RheaLabeling *labels;
    RheaCommitSet *set;
} SampleSet;

/* Builds and loads it; the test fails when any step does. */
SampleSet sample_set_open(void);
/* Frees it all and removes the folder: declared g_auto(SampleSet), it goes last, after what the
 * test computed from it. */
void sample_set_close(SampleSet *s);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(SampleSet, sample_set_close)
