/* store_kinds.h: the kind of every stored change (A added, M modified, D deleted, T type change)
 * of a product, for figures that need to know who created a file and whether it is still there
 * (the truck factor, docs/metrics.md "Truck factor"). */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct {
    gint64 cid, pid;
    char kind; /* 'A', 'M', 'D' or 'T' */
} RheaChangeKind;

/* Every change of product's commits with committer time < until (has_until FALSE: all), sorted by
 * (cid, pid): an array of RheaChangeKind. */
GArray *rhea_store_change_kinds(RheaStore *store, const char *product, gboolean has_until,
                                gint64 until, GError **error);
/* The kind of (cid, pid) in an array from rhea_store_change_kinds; 0 when absent. */
char rhea_change_kind_find(const GArray *kinds, gint64 cid, gint64 pid);
