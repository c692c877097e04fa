/* label.c: label names (see label.h). */
#include "classifiers/label.h"

#include <string.h>

static const char *const LABEL_NAMES[RHEA_LABEL_COUNT] = {"nonml", "ml", "exclude"};

const char *rhea_label_name(RheaLabel label)
{
    g_return_val_if_fail((unsigned)label < RHEA_LABEL_COUNT, "?");
    return LABEL_NAMES[label];
}

gboolean rhea_label_from_name(const char *name, RheaLabel *out)
{
    for (int i = 0; i < RHEA_LABEL_COUNT; i++)
        if (strcmp(name, LABEL_NAMES[i]) == 0) {
            *out = (RheaLabel)i;
            return TRUE;
        }
    return FALSE;
}
