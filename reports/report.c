/* report.c: the report model of report.h: sections of paragraphs, tables and charts. */
#include "reports/report.h"

#include "reports/chart.h"

struct RheaReport {
    char *title;
    GPtrArray *sections; /* of RheaSection* */
};

static void block_free(gpointer p)
{
    RheaBlock *b = p;
    g_free(b->text);
    rhea_table_free(b->table);
    rhea_chart_free(b->chart);
    g_free(b);
}

static void section_free(gpointer p)
{
    RheaSection *s = p;
    g_free(s->heading);
    g_ptr_array_free(s->blocks, TRUE);
    g_free(s);
}

RheaReport *rhea_report_new(const char *title)
{
    RheaReport *r = g_new0(RheaReport, 1);
    r->title = title ? g_utf8_make_valid(title, -1) : NULL;
    r->sections = g_ptr_array_new_with_free_func(section_free);
    return r;
}

void rhea_report_free(RheaReport *r)
{
    if (!r)
        return;
    g_ptr_array_free(r->sections, TRUE);
    g_free(r->title);
    g_free(r);
}

const char *rhea_report_title(const RheaReport *r)
{
    return r->title;
}

RheaSection *rhea_report_add_section(RheaReport *r, const char *heading)
{
    RheaSection *s = g_new0(RheaSection, 1);
    s->heading = heading ? g_utf8_make_valid(heading, -1) : NULL;
    s->blocks = g_ptr_array_new_with_free_func(block_free);
    g_ptr_array_add(r->sections, s);
    return s;
}

static RheaBlock *add_block(RheaSection *s, RheaBlockKind kind)
{
    RheaBlock *b = g_new0(RheaBlock, 1);
    b->kind = kind;
    g_ptr_array_add(s->blocks, b);
    return b;
}

void rhea_section_add_text(RheaSection *s, const char *paragraph)
{
    add_block(s, RHEA_BLOCK_TEXT)->text = g_utf8_make_valid(paragraph ? paragraph : "", -1);
}

void rhea_section_add_table(RheaSection *s, RheaTable *t)
{
    g_return_if_fail(t != NULL);
    add_block(s, RHEA_BLOCK_TABLE)->table = t;
}

void rhea_section_add_chart(RheaSection *s, RheaChart *c)
{
    g_return_if_fail(c != NULL);
    add_block(s, RHEA_BLOCK_CHART)->chart = c;
}

guint rhea_report_n_sections(const RheaReport *r)
{
    return r->sections->len;
}

const RheaSection *rhea_report_section(const RheaReport *r, guint i)
{
    g_return_val_if_fail(i < r->sections->len, NULL);
    return r->sections->pdata[i];
}
