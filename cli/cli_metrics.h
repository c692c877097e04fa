/* cli_metrics.h: the options every metric command shares (--product, --db, --rules, --since,
 * --until, --format, --content-signals) and loading a product's commit set with them. */
#pragma once
#include <glib.h>

#include "classifiers/labeling.h"
#include "engine/store.h"
#include "metrics/commitset.h"
#include "metrics/window.h"

typedef struct {
    char *product, *db, *rules, *since, *until, *format, *out;
    gboolean content_signals;
} RheaMetricArgs;

/* Adds the shared options to ctx's main group (args must outlive the parse). */
void rhea_metric_args_add(GOptionContext *ctx, RheaMetricArgs *args);
void rhea_metric_args_clear(RheaMetricArgs *args);

typedef struct {
    RheaStore *store;
    RheaLabeling *labels;
    RheaCommitSet *set;
    RheaWindow window;
    char *window_text;
} RheaMetricInput;

/* Opens the database read-only, labels the product's paths and loads the commits in the window.
 * Usage problems (no --product, bad dates) are RHEA_ERROR_USAGE. */
int rhea_metric_input_load(const RheaMetricArgs *args, RheaMetricInput *in, GError **error);
void rhea_metric_input_clear(RheaMetricInput *in);
