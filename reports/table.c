/* table.c: the table model (see table.h for the invariants it keeps). */
#include "reports/table.h"

#include <math.h>
#include <string.h>

struct RheaTable {
    char *key, *title, *caption;
    GArray *columns; /* of RheaColumn */
    GPtrArray *rows; /* of RheaCell[n_columns] */
    guint next_col;  /* where the next push goes in the last row */
};

static void cell_clear(RheaCell *c)
{
    if (c->kind == RHEA_CELL_STRING)
        g_free(c->v.s);
    memset(c, 0, sizeof *c);
}

static void column_clear(gpointer p)
{
    RheaColumn *col = p;
    g_free(col->key);
    g_free(col->label);
}

RheaTable *rhea_table_new(const char *key, const char *title)
{
    g_return_val_if_fail(key != NULL, NULL);
    RheaTable *t = g_new0(RheaTable, 1);
    t->key = g_utf8_make_valid(key, -1);
    t->title = title ? g_utf8_make_valid(title, -1) : NULL;
    t->columns = g_array_new(FALSE, TRUE, sizeof(RheaColumn));
    g_array_set_clear_func(t->columns, column_clear);
    t->rows = g_ptr_array_new();
    return t;
}

void rhea_table_free(RheaTable *t)
{
    if (!t)
        return;
    for (guint r = 0; r < t->rows->len; r++) {
        RheaCell *cells = t->rows->pdata[r];
        for (guint c = 0; c < t->columns->len; c++)
            cell_clear(&cells[c]);
        g_free(cells);
    }
    g_ptr_array_free(t->rows, TRUE);
    g_array_free(t->columns, TRUE);
    g_free(t->key);
    g_free(t->title);
    g_free(t->caption);
    g_free(t);
}

void rhea_table_set_caption(RheaTable *t, const char *caption)
{
    g_free(t->caption);
    t->caption = caption ? g_utf8_make_valid(caption, -1) : NULL;
}

guint rhea_table_add_column(RheaTable *t, const char *key, const char *label, RheaAlign align)
{
    g_return_val_if_fail(t->rows->len == 0, 0);
    g_return_val_if_fail(key != NULL, 0);
    for (guint i = 0; i < t->columns->len; i++) /* keys name JSON members: they must differ */
        g_return_val_if_fail(strcmp(g_array_index(t->columns, RheaColumn, i).key, key) != 0, i);
    RheaColumn col = {
        .key = g_utf8_make_valid(key, -1),
        .label = g_utf8_make_valid(label ? label : key, -1),
        .align = align,
    };
    g_array_append_val(t->columns, col);
    return t->columns->len - 1;
}

guint rhea_table_add_row(RheaTable *t)
{
    g_ptr_array_add(t->rows, g_new0(RheaCell, MAX(t->columns->len, 1)));
    t->next_col = 0;
    return t->rows->len - 1;
}

static RheaCell *cell_at(RheaTable *t, guint row, guint col)
{
    g_return_val_if_fail(row < t->rows->len && col < t->columns->len, NULL);
    RheaCell *c = &((RheaCell *)t->rows->pdata[row])[col];
    cell_clear(c);
    return c;
}

void rhea_table_set_string(RheaTable *t, guint row, guint col, const char *s)
{
    RheaCell *c = cell_at(t, row, col);
    if (c && s) {
        c->kind = RHEA_CELL_STRING;
        c->v.s = g_utf8_make_valid(s, -1);
    }
}

void rhea_table_set_int(RheaTable *t, guint row, guint col, gint64 v)
{
    RheaCell *c = cell_at(t, row, col);
    if (c) {
        c->kind = RHEA_CELL_INT;
        c->v.i = v;
    }
}

void rhea_table_set_double(RheaTable *t, guint row, guint col, double v, int precision)
{
    RheaCell *c = cell_at(t, row, col);
    if (c && isfinite(v)) {
        c->kind = RHEA_CELL_DOUBLE;
        c->v.d = v;
        c->precision = CLAMP(precision, 0, 17);
    }
}

void rhea_table_set_null(RheaTable *t, guint row, guint col)
{
    cell_at(t, row, col);
}

/* The (row, col) the next push fills, advancing; FALSE when the row is already full. */
static gboolean push_slot(RheaTable *t, guint *row, guint *col)
{
    g_return_val_if_fail(t->rows->len > 0, FALSE);
    g_return_val_if_fail(t->next_col < t->columns->len, FALSE);
    *row = t->rows->len - 1;
    *col = t->next_col++;
    return TRUE;
}

void rhea_table_push_string(RheaTable *t, const char *s)
{
    guint r, c;
    if (push_slot(t, &r, &c))
        rhea_table_set_string(t, r, c, s);
}

void rhea_table_push_int(RheaTable *t, gint64 v)
{
    guint r, c;
    if (push_slot(t, &r, &c))
        rhea_table_set_int(t, r, c, v);
}

void rhea_table_push_double(RheaTable *t, double v, int precision)
{
    guint r, c;
    if (push_slot(t, &r, &c))
        rhea_table_set_double(t, r, c, v, precision);
}

void rhea_table_push_null(RheaTable *t)
{
    guint r, c;
    if (push_slot(t, &r, &c))
        rhea_table_set_null(t, r, c);
}

const char *rhea_table_key(const RheaTable *t)
{
    return t->key;
}

const char *rhea_table_title(const RheaTable *t)
{
    return t->title;
}

const char *rhea_table_caption(const RheaTable *t)
{
    return t->caption;
}

guint rhea_table_n_columns(const RheaTable *t)
{
    return t->columns->len;
}

guint rhea_table_n_rows(const RheaTable *t)
{
    return t->rows->len;
}

const RheaColumn *rhea_table_column(const RheaTable *t, guint col)
{
    g_return_val_if_fail(col < t->columns->len, NULL);
    return &g_array_index(t->columns, RheaColumn, col);
}

const RheaCell *rhea_table_cell(const RheaTable *t, guint row, guint col)
{
    g_return_val_if_fail(row < t->rows->len && col < t->columns->len, NULL);
    return &((const RheaCell *)t->rows->pdata[row])[col];
}

char *rhea_cell_display(const RheaCell *c)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
    switch (c->kind) {
    case RHEA_CELL_STRING:
        return g_strdup(c->v.s);
    case RHEA_CELL_INT:
        return g_strdup_printf("%" G_GINT64_FORMAT, c->v.i);
    case RHEA_CELL_DOUBLE: {
        char fmt[16];
        g_snprintf(fmt, sizeof fmt, "%%.%df", c->precision);
        /* %f of a huge double is long: fall back to %g past 1e15 */
        if (fabs(c->v.d) >= 1e15)
            g_ascii_formatd(buf, sizeof buf, "%.6g", c->v.d);
        else
            g_ascii_formatd(buf, sizeof buf, fmt, c->v.d);
        /* rounding a small negative number gives "-0.00": show it as "0.00" */
        if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
            return g_strdup(buf + 1);
        return g_strdup(buf);
    }
    case RHEA_CELL_NULL:
        break;
    }
    return NULL;
}

char *rhea_cell_exact(const RheaCell *c)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (c->kind != RHEA_CELL_DOUBLE)
        return rhea_cell_display(c);
    /* the fewest significant digits that read back as the same double: 0.1, not 0.1000000000000001
     */
    for (int digits = 15; digits <= 17; digits++) {
        char fmt[8];
        g_snprintf(fmt, sizeof fmt, "%%.%dg", digits);
        g_ascii_formatd(buf, sizeof buf, fmt, c->v.d);
        if (g_ascii_strtod(buf, NULL) == c->v.d)
            break;
    }
    return g_strdup(buf);
}
