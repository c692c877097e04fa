/* rules.h: a rules file (one `LABEL PATTERN` a line) and rhea's built-in defaults, which together
 * label every path ML, non-ML or excluded. Format and defaults: docs/rules.md.
 *
 * The last user rule that matches a path decides; a path no user rule matches is labeled by the
 * built-in defaults, themselves a rule list with the same last-match-wins order. */
#pragma once
#include <glib.h>

#include "classifiers/label.h"

typedef struct RheaRules RheaRules;

/* One rule as rhea_rules_explain reports it; owned by its RheaRules (or static, for defaults). */
typedef struct {
    RheaLabel label;
    const char *pattern;
    const char *why; /* "FILE:LINE" or "default:NAME" */
} RheaRuleMatch;

/* Parses a rules file's text (len < 0: NUL-terminated). source_name names it in messages and in
 * each rule's "FILE:LINE". Fails with RHEA_ERROR_INVALID "FILE:LINE: what is wrong" on an unknown
 * label, a missing or empty pattern, `!` negation, or NUL bytes. */
RheaRules *rhea_rules_parse(const char *text, gssize len, const char *source_name, GError **error);
/* Reads and parses the file at path. */
RheaRules *rhea_rules_load(const char *path, GError **error);
void rhea_rules_free(RheaRules *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaRules, rhea_rules_free)

/* Number of user rules. */
guint rhea_rules_count(const RheaRules *rules);
/* User rule i (i < rhea_rules_count) as a list, in file order (for classifiers/user_labels.c):
 * its match and compiled pattern. */
const RheaRuleMatch *rhea_rules_match(const RheaRules *rules, guint i);
const struct RheaGlob *rhea_rules_glob(const RheaRules *rules, guint i);

/* Label of a path: the last matching user rule wins; with no user match, rhea's built-in defaults
 * decide. rules may be NULL (defaults only). *why (may be NULL) gets "FILE:LINE" or
 * "default:NAME", owned by rules/static. */
RheaLabel rhea_rules_label(const RheaRules *rules, const char *path, const char **why);
/* The user rules alone: TRUE and *label, *why (either may be NULL) when one matches path. */
gboolean rhea_rules_label_user(const RheaRules *rules, const char *path, RheaLabel *label,
                               const char **why);
/* The built-in defaults alone. */
RheaLabel rhea_rules_label_default(const char *path, const char **why);
/* The built-in defaults as a list, in order (for classifiers/default_labels.c): their number,
 * and rule i's match and compiled pattern. */
guint rhea_rules_default_count(void);
const RheaRuleMatch *rhea_rules_default_match(guint i);
const struct RheaGlob *rhea_rules_default_glob(guint i);

/* Every rule (user, then default) that matches path, in file order, for `classify --explain`:
 * an array of const RheaRuleMatch * (not to be freed individually). */
GPtrArray *rhea_rules_explain(const RheaRules *rules, const char *path);
