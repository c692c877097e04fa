/* table_cells.h: reading one cell of a report table by column key, for the report tests. */
#pragma once
#include <check.h>
#include <glib.h>

#include "reports/table.h"

/* The cell of column key in row as machines read it (NULL for a null cell), or, with display, as
 * people read it. Fails the test when there is no such column or row. */
char *table_cell(const RheaTable *t, guint row, const char *key, gboolean display);

#define ck_cell(t, row, key, want)                                                                 \
    do {                                                                                           \
        g_autofree char *got_ = table_cell(t, row, key, FALSE);                                    \
        ck_assert_str_eq(got_ ? got_ : "(null)", want);                                            \
    } while (0)
#define ck_shown(t, row, key, want)                                                                \
    do {                                                                                           \
        g_autofree char *got_ = table_cell(t, row, key, TRUE);                                     \
        ck_assert_str_eq(got_ ? got_ : "(null)", want);                                            \
    } while (0)
