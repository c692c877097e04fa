/* table_cells.c: see table_cells.h. */
#include "tests/table_cells.h"

char *table_cell(const RheaTable *t, guint row, const char *key, gboolean display)
{
    for (guint c = 0; c < rhea_table_n_columns(t); c++)
        if (g_str_equal(rhea_table_column(t, c)->key, key)) {
            ck_assert_uint_lt(row, rhea_table_n_rows(t));
            const RheaCell *x = rhea_table_cell(t, row, c);
            return display ? rhea_cell_display(x) : rhea_cell_exact(x);
        }
    ck_abort_msg("no column %s", key);
    return NULL;
}
