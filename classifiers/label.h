/* label.h: the three labels a path can get (docs/rules.md) and their names, as rules files and
 * every output format write them. */
#pragma once
#include <glib.h>

typedef enum { RHEA_LABEL_NONML = 0, RHEA_LABEL_ML = 1, RHEA_LABEL_EXCLUDE = 2 } RheaLabel;
#define RHEA_LABEL_COUNT 3

/* "nonml", "ml", "exclude". */
const char *rhea_label_name(RheaLabel label);
/* The label named name; FALSE when it is none of the three. */
gboolean rhea_label_from_name(const char *name, RheaLabel *out);
