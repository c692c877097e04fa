/* default_labels.h: the built-in defaults' label of many paths, remembered per path component.
 *
 * Labeling a product labels every path it ever had (ten thousand and more), and the defaults are
 * about a hundred patterns, each tried against the path and every folder above it: most of a
 * metrics command's time went there. Every default pattern is unanchored (no `/` but a trailing
 * one), and an unanchored pattern matches a path or folder exactly when it matches its last
 * component (glob.h, gitignore(5)). So a path's matching defaults are the union, over its
 * components, of the defaults matching that component as a folder (all but the last) or as a
 * file (the last), and those sets are worked out once per distinct component and remembered;
 * the last default in the union decides, as in rhea_rules_label_default. Should a default ever be
 * anchored, every path goes through rhea_rules_label_default instead. */
#pragma once
#include <glib.h>

#include "classifiers/label.h"

typedef struct RheaDefaultLabels RheaDefaultLabels;

RheaDefaultLabels *rhea_default_labels_new(void);
void rhea_default_labels_free(RheaDefaultLabels *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaDefaultLabels, rhea_default_labels_free)

/* The same label and *why (may be NULL) as rhea_rules_label_default(path, why). */
RheaLabel rhea_default_labels_get(RheaDefaultLabels *d, const char *path, const char **why);
