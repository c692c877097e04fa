/* evidence_report.c: see evidence_report.h. The JSON keys are fixed by issue 11 and listed in
 * docs/evidence.md; yes/no verdicts are JSON booleans, the others strings, dates YYYY-MM-DD. */
#include "reports/evidence_report.h"

#include <string.h>

static const char *const JUDGED_ONLY[] = {"model_importance", "prediction_use", "post_processing",
                                          "models_independent", "team_responsibilities"};

guint rhea_evidence_verdict_rq(const char *key)
{
    static const char *const RQ3[] = {"trajectory"};
    static const char *const RQ4[] = {"software_tests", "model_eval", "data_validation"};
    static const char *const RQ5[] = {"retraining", "telemetry", "mlops"};
    if (!strcmp(key, RQ3[0]))
        return 3;
    for (gsize i = 0; i < G_N_ELEMENTS(RQ4); i++)
        if (!strcmp(key, RQ4[i]))
            return 4;
    for (gsize i = 0; i < G_N_ELEMENTS(RQ5); i++)
        if (!strcmp(key, RQ5[i]))
            return 5;
    if (!strcmp(key, "responsible_ai"))
        return 6;
    return 2;
}

static RheaTable *signals_table(const RheaEvidence *ev, guint rq)
{
    RheaTable *t = rhea_table_new("signals", "Signals in the tree");
    const char *cols[][2] = {{"rq", "RQ"},
                             {"kind", "Kind"},
                             {"name", "Signal"},
                             {"path", "Path"},
                             {"line", "Line"},
                             {"text", "Text"},
                             {"first_commit", "First commit"},
                             {"first_date", "Since"}};
    for (gsize i = 0; i < G_N_ELEMENTS(cols); i++)
        rhea_table_add_column(t, cols[i][0], cols[i][1],
                              i == 0 || i == 4 ? RHEA_ALIGN_RIGHT : RHEA_ALIGN_LEFT);
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        if (rq && h->e->rq != rq)
            continue;
        g_autofree char *date = rhea_evidence_verdicts_date(h->first_time);
        g_autofree char *short_sha = h->first_commit ? g_strndup(h->first_commit, 10) : NULL;
        rhea_table_add_row(t);
        rhea_table_push_int(t, h->e->rq);
        rhea_table_push_string(t, h->e->kind);
        rhea_table_push_string(t, h->e->name);
        rhea_table_push_string(t, h->path);
        if (h->line)
            rhea_table_push_int(t, h->line);
        else
            rhea_table_push_null(t);
        rhea_table_push_string(t, h->text);
        rhea_table_push_string(t, short_sha);
        rhea_table_push_string(t, date);
    }
    return t;
}

static RheaTable *verdicts_table(const RheaEvidenceVerdicts *v, guint rq)
{
    RheaTable *t = rhea_table_new("verdicts", "Verdicts");
    rhea_table_add_column(t, "rq", "RQ", RHEA_ALIGN_RIGHT);
    rhea_table_add_column(t, "key", "Verdict", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "value", "Value", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "basis", "Basis", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "decided_by", "Decided by", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "note", "Note", RHEA_ALIGN_LEFT);
    for (guint i = 0; i < v->list->len; i++) {
        const RheaEvidenceVerdict *x = g_ptr_array_index(v->list, i);
        guint r = rhea_evidence_verdict_rq(x->key);
        if (rq && r != rq)
            continue;
        rhea_table_add_row(t);
        rhea_table_push_int(t, r);
        rhea_table_push_string(t, x->key);
        rhea_table_push_string(t, x->value);
        rhea_table_push_string(t, x->basis == RHEA_BASIS_JUDGED ? "judged" : "heuristic");
        rhea_table_push_string(t, x->decided_by);
        rhea_table_push_string(t, x->note);
    }
    g_autofree char *a = rhea_evidence_verdicts_date(v->first_ml),
                    *b = rhea_evidence_verdicts_date(v->first_ui);
    g_autofree char *cap = g_strdup_printf(
        "First ML code %s, first user-interface code %s; trajectory: together when within %u "
        "days (docs/evidence.md, Verdicts).",
        a ? a : "not found", b ? b : "not found", v->threshold_days);
    rhea_table_set_caption(t, cap);
    return t;
}

static RheaTable *judged_table(const char *product, const RheaJudgments *j)
{
    RheaTable *t = rhea_table_new("judged", "Judged findings (from --judgments)");
    rhea_table_add_column(t, "key", "Key", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "value", "Value", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "note", "Note", RHEA_ALIGN_LEFT);
    rhea_table_add_column(t, "where", "Where", RHEA_ALIGN_LEFT);
    for (gsize i = 0; i < G_N_ELEMENTS(JUDGED_ONLY); i++) {
        const RheaJudgment *jd = rhea_judgments_get(j, product, JUDGED_ONLY[i]);
        if (!jd)
            continue;
        rhea_table_add_row(t);
        rhea_table_push_string(t, jd->key);
        rhea_table_push_string(t, jd->value);
        rhea_table_push_string(t, jd->note);
        rhea_table_push_string(t, jd->where);
    }
    return t;
}

RheaReport *rhea_evidence_report_build(const RheaEvidence *ev, const RheaEvidenceVerdicts *v,
                                       const RheaJudgments *j, guint rq)
{
    g_autofree char *date = rhea_evidence_verdicts_date(ev->time);
    g_autofree char *title =
        g_strdup_printf("Evidence for %s at %.10s (%s)", ev->product, ev->commit, date);
    RheaReport *r = rhea_report_new(title);
    RheaSection *s = rhea_report_add_section(r, NULL);
    g_autofree char *intro = g_strdup_printf(
        "%u files in the tree, %u read; skipped: %u excluded by the rules, %u binary, %u over the "
        "size cap; %u blobs missing (partial clone).",
        ev->files, ev->files_read, ev->skipped_excluded, ev->skipped_binary, ev->skipped_large,
        ev->missing_blobs);
    rhea_section_add_text(s, intro);
    rhea_section_add_table(s, verdicts_table(v, rq));
    if (j && (!rq || rq == 2)) {
        RheaTable *t = judged_table(ev->product, j);
        if (rhea_table_n_rows(t))
            rhea_section_add_table(s, t);
        else
            rhea_table_free(t);
    }
    rhea_section_add_table(s, signals_table(ev, rq));
    return r;
}

JsonNode *rhea_evidence_json(const RheaEvidence *ev, const RheaEvidenceVerdicts *v,
                             const RheaJudgments *j, guint rq)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autofree char *date = rhea_evidence_verdicts_date(ev->time);
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "product");
    json_builder_add_string_value(b, ev->product);
    json_builder_set_member_name(b, "commit");
    json_builder_add_string_value(b, ev->commit);
    json_builder_set_member_name(b, "date");
    json_builder_add_string_value(b, date);
    json_builder_set_member_name(b, "signals");
    json_builder_begin_array(b);
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        if (rq && h->e->rq != rq)
            continue;
        g_autofree char *d = rhea_evidence_verdicts_date(h->first_time);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "rq");
        json_builder_add_int_value(b, h->e->rq);
        json_builder_set_member_name(b, "kind");
        json_builder_add_string_value(b, h->e->kind);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, h->e->name);
        json_builder_set_member_name(b, "path");
        g_autofree char *path = g_utf8_make_valid(h->path, -1);
        json_builder_add_string_value(b, path);
        json_builder_set_member_name(b, "line");
        if (h->line)
            json_builder_add_int_value(b, h->line);
        else
            json_builder_add_null_value(b);
        json_builder_set_member_name(b, "text");
        json_builder_add_string_value(b, h->text);
        json_builder_set_member_name(b, "first_commit");
        if (h->first_commit)
            json_builder_add_string_value(b, h->first_commit);
        else
            json_builder_add_null_value(b);
        json_builder_set_member_name(b, "first_date");
        if (d)
            json_builder_add_string_value(b, d);
        else
            json_builder_add_null_value(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "verdicts");
    json_builder_begin_object(b);
    for (guint i = 0; i < v->list->len; i++) {
        const RheaEvidenceVerdict *x = g_ptr_array_index(v->list, i);
        json_builder_set_member_name(b, x->key);
        if (x->is_bool)
            json_builder_add_boolean_value(b, strcmp(x->value, "yes") == 0);
        else
            json_builder_add_string_value(b, x->value);
        if (!strcmp(x->key, "trajectory")) {
            g_autofree char *a = rhea_evidence_verdicts_date(v->first_ml);
            g_autofree char *c = rhea_evidence_verdicts_date(v->first_ui);
            json_builder_set_member_name(b, "first_ml_date");
            if (a)
                json_builder_add_string_value(b, a);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "first_ui_date");
            if (c)
                json_builder_add_string_value(b, c);
            else
                json_builder_add_null_value(b);
        }
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "missing_blobs");
    json_builder_add_int_value(b, ev->missing_blobs);
    /* extras */
    json_builder_set_member_name(b, "decided_by");
    json_builder_begin_object(b);
    for (guint i = 0; i < v->list->len; i++) {
        const RheaEvidenceVerdict *x = g_ptr_array_index(v->list, i);
        json_builder_set_member_name(b, x->key);
        g_autofree char *d = g_utf8_make_valid(x->decided_by, -1);
        json_builder_add_string_value(b, d);
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "basis");
    json_builder_begin_object(b);
    for (guint i = 0; i < v->list->len; i++) {
        const RheaEvidenceVerdict *x = g_ptr_array_index(v->list, i);
        json_builder_set_member_name(b, x->key);
        json_builder_add_string_value(b, x->basis == RHEA_BASIS_JUDGED ? "judged" : "heuristic");
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "judged");
    json_builder_begin_object(b);
    for (gsize i = 0; i < G_N_ELEMENTS(JUDGED_ONLY); i++) {
        const RheaJudgment *jd = rhea_judgments_get(j, ev->product, JUDGED_ONLY[i]);
        if (!jd)
            continue;
        json_builder_set_member_name(b, jd->key);
        json_builder_add_string_value(b, jd->value);
    }
    json_builder_end_object(b);
    json_builder_set_member_name(b, "trajectory_threshold_days");
    json_builder_add_int_value(b, v->threshold_days);
    json_builder_set_member_name(b, "files");
    json_builder_add_int_value(b, ev->files);
    json_builder_set_member_name(b, "files_read");
    json_builder_add_int_value(b, ev->files_read);
    json_builder_set_member_name(b, "skipped_excluded");
    json_builder_add_int_value(b, ev->skipped_excluded);
    json_builder_set_member_name(b, "skipped_binary");
    json_builder_add_int_value(b, ev->skipped_binary);
    json_builder_set_member_name(b, "skipped_large");
    json_builder_add_int_value(b, ev->skipped_large);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}
