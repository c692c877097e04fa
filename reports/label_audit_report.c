/* label_audit_report.c: see label_audit_report.h. */
#include "reports/label_audit_report.h"

#include "reports/table.h"

RheaReport *rhea_label_audit_report(const char *product, const char *commit, GArray *rows,
                                    const guint counts[RHEA_AUDIT_KIND_COUNT])
{
    g_autofree char *title = g_strdup_printf("Label audit of %s at %s", product, commit);
    RheaReport *r = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(r, NULL);
    RheaTable *c = rhea_table_new("counts", "flagged files per kind:");
    rhea_table_add_column(c, "kind", "KIND", RHEA_ALIGN_LEFT);
    rhea_table_add_column(c, "files", "FILES", RHEA_ALIGN_RIGHT);
    for (guint k = 0; k < RHEA_AUDIT_KIND_COUNT; k++) {
        rhea_table_add_row(c);
        rhea_table_push_string(c, rhea_audit_kind_name((RheaAuditKind)k));
        rhea_table_push_int(c, counts[k]);
    }
    rhea_section_add_table(s, c);
    RheaTable *t = rhea_table_new("flagged", "flagged files:");
    rhea_table_add_column(t, "kind", "KIND", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "path", "PATH", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "label", "LABEL", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "rule", "RULE", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "evidence", "EVIDENCE", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < rows->len; i++) {
        const RheaAuditRow *row = &g_array_index(rows, RheaAuditRow, i);
        rhea_table_add_row(t);
        rhea_table_push_string(t, rhea_audit_kind_name(row->kind));
        rhea_table_push_string(t, row->path);
        rhea_table_push_string(t, row->label);
        rhea_table_push_string(t, row->rule);
        if (row->evidence)
            rhea_table_push_string(t, row->evidence);
        else
            rhea_table_push_null(t);
    }
    rhea_section_add_table(s, t);
    return r;
}
