/* user_labels.h: a rules file's label of many paths, the folders' matches remembered.
 *
 * A user rule matches a path when it matches the path itself or any folder above it (glob.h,
 * rhea_glob_match_file), and the last matching rule decides (rules.h). Matched path by path, every
 * rule is tried against every folder of every path: most paths share their folders with the path
 * before them when a product's paths come sorted (labeling.c), so the last rule matching each
 * folder of the previous path is kept on a stack, and a path only tries its new folders, then
 * itself, against the rules after the last one its folders matched: a rule that comes earlier
 * cannot decide any more. Anchored patterns, `**` and folder-only patterns are all matched by
 * rhea_glob_match_one as before; only the order of the work changes. */
#pragma once
#include <glib.h>

#include "classifiers/rules.h"

typedef struct RheaUserLabels RheaUserLabels;

/* rules may be NULL (no user rules: nothing ever matches); it must outlive the result. */
RheaUserLabels *rhea_user_labels_new(const RheaRules *rules);
void rhea_user_labels_free(RheaUserLabels *u);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaUserLabels, rhea_user_labels_free)

/* The same answer as rhea_rules_label_user(rules, path, label, why). path is NUL-terminated;
 * paths in any order are answered right, sorted ones fastest. */
gboolean rhea_user_labels_get(RheaUserLabels *u, const char *path, RheaLabel *label,
                              const char **why);
