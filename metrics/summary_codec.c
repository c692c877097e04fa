/* summary_codec.c: see summary_codec.h. GVariant, as for the stored evidence
 * (classifiers/evidence_codec.c): GLib's own serialization, with a checked type, safe to read from
 * untrusted bytes. Each part is its own tuple so that the encoder and decoder of one part sit
 * side by side. Strings the code keeps as static or borrowed pointers (a null model's reason, a
 * sensitivity figure's name, a contributor's background) come back as interned strings. */
#include "metrics/summary_codec.h"

#include <string.h>

#include "engine/error.h"

/* ---- encoding ---- */

static GVariant *enc_contributors(const RheaContributors *c)
{
    GVariantBuilder all;
    g_variant_builder_init(&all, G_VARIANT_TYPE("a(sasuduuuxxmsbu)"));
    for (guint i = 0; i < c->all->len; i++) {
        const RheaContributor *r = &g_array_index(c->all, RheaContributor, i);
        GVariantBuilder emails;
        g_variant_builder_init(&emails, G_VARIANT_TYPE("as"));
        for (guint e = 0; e < r->emails->len; e++)
            g_variant_builder_add(&emails, "s", (const char *)g_ptr_array_index(r->emails, e));
        g_variant_builder_add(&all, "(s@asuduuuxxmsbu)", r->name, g_variant_builder_end(&emails),
                              r->commits, r->share, r->ml_commits, r->nonml_commits,
                              r->both_commits, (gint64)r->ml_lines, (gint64)r->nonml_lines,
                              r->background, r->core, r->key);
    }
    GVariant *person_of = g_variant_new_fixed_array(G_VARIANT_TYPE_INT32, c->person_of->data,
                                                    c->person_of->len, sizeof(gint32));
    return g_variant_new("(uudub@a(sasuduuuxxmsbu)@ai)", c->commits, c->bot_commits, c->threshold,
                         c->core, c->line_stats, g_variant_builder_end(&all), person_of);
}

static GVariant *enc_coupling(const RheaCoupling *c)
{
    return g_variant_new("(uuuttdddudddmsuudddddddt)", c->transactions, c->ml_files, c->nonml_files,
                         (guint64)c->cross_pairs, (guint64)c->pairs, c->eci, c->expected_eci,
                         c->rci, c->both, c->eci_tx, c->expected_eci_tx, c->rci_tx, c->null_reason,
                         c->permutations, c->bootstrap, c->p_value, c->p_greater, c->p_less,
                         c->ci_low, c->ci_high, c->null_low, c->null_high, (guint64)c->seed);
}

static GVariant *enc_top(const RheaProductSummary *s)
{
    if (!s->top_pairs)
        return g_variant_new_maybe(G_VARIANT_TYPE("(a(uuuddd)as)"), NULL);
    GVariantBuilder pairs, paths;
    g_variant_builder_init(&pairs, G_VARIANT_TYPE("a(uuuddd)"));
    for (guint i = 0; i < s->top_pairs->len; i++) {
        const RheaCoupledPair *p = &g_array_index(s->top_pairs, RheaCoupledPair, i);
        g_variant_builder_add(&pairs, "(uuuddd)", p->ml_file, p->nonml_file, p->together,
                              p->support, p->confidence_ml, p->confidence_nonml);
    }
    g_variant_builder_init(&paths, G_VARIANT_TYPE("as"));
    for (guint i = 0; i < s->top_paths->len; i++)
        g_variant_builder_add(&paths, "s", (const char *)g_ptr_array_index(s->top_paths, i));
    return g_variant_new_maybe(NULL, g_variant_new("(@a(uuuddd)@as)", g_variant_builder_end(&pairs),
                                                   g_variant_builder_end(&paths)));
}

static GVariant *enc_counts(const RheaProductSummary *s)
{
    return g_variant_new("(uuuuuuuuxxxuuuu)", s->dropped_large, s->core_ml, s->core_nonml,
                         s->core_both, s->ml_paths, s->nonml_paths, s->excluded_paths,
                         s->ml_folders, (gint64)s->first_commit, (gint64)s->first_ml,
                         (gint64)s->first_nonml, s->test_paths, s->test_paths_ml, s->ops_paths,
                         s->ops_commits);
}

static GVariant *enc_months(const GArray *months)
{
    GVariantBuilder b;
    g_variant_builder_init(&b, G_VARIANT_TYPE("a(xuu)"));
    for (guint i = 0; i < months->len; i++) {
        const RheaMonthCount *m = &g_array_index(months, RheaMonthCount, i);
        g_variant_builder_add(&b, "(xuu)", (gint64)m->start, m->ml, m->nonml);
    }
    return g_variant_builder_end(&b);
}

static GVariant *enc_silo_figure(const RheaSiloFigure *f)
{
    return g_variant_new("(uudddud)", f->commits, f->people, f->mi, f->h_side, f->nmi,
                         f->permutations, f->p_value);
}

static GVariant *enc_side(const RheaSideOwnership *o)
{
    return g_variant_new("(uduuu)", o->files, o->mean_ownership, o->owners, o->exclusive_owners,
                         o->exclusive_files);
}

static GVariant *enc_ownership(const RheaOwnership *o)
{
    GVariantBuilder files;
    g_variant_builder_init(&files, G_VARIANT_TYPE("a(xiuuud)"));
    for (guint i = 0; i < o->files->len; i++) {
        const RheaFileOwner *f = &g_array_index(o->files, RheaFileOwner, i);
        g_variant_builder_add(&files, "(xiuuud)", (gint64)f->pid, (gint32)f->label, f->commits,
                              f->main_author, f->main_commits, f->ownership);
    }
    return g_variant_new("(@a(xiuuud)@(uduuu)@(uduuu))", g_variant_builder_end(&files),
                         enc_side(&o->ml), enc_side(&o->nonml));
}

static GVariant *enc_truck(const RheaTruckFactor *t)
{
    GVariantBuilder authors;
    g_variant_builder_init(&authors, G_VARIANT_TYPE("as"));
    for (guint i = 0; i < t->authors->len; i++)
        g_variant_builder_add(&authors, "s", (const char *)g_ptr_array_index(t->authors, i));
    GVariant *files = g_variant_new_fixed_array(G_VARIANT_TYPE_UINT32, t->author_files->data,
                                                t->author_files->len, sizeof(guint32));
    return g_variant_new("(uuu@as@aud)", t->files, t->orphan_at_start, t->truck_factor,
                         g_variant_builder_end(&authors), files, t->coverage_after);
}

static GVariant *enc_sensitivity(const RheaSensitivity *s)
{
    GVariantBuilder rows;
    g_variant_builder_init(&rows, G_VARIANT_TYPE("a(ssd)"));
    for (guint i = 0; i < s->rows->len; i++) {
        const RheaSensitivityRow *r = &g_array_index(s->rows, RheaSensitivityRow, i);
        g_variant_builder_add(&rows, "(ssd)", r->figure, r->choice, r->value);
    }
    return g_variant_new("(@a(ssd)ddbdd)", g_variant_builder_end(&rows), s->rci_min, s->rci_max,
                         s->rci_changes_side, s->core_min, s->core_max);
}

GBytes *rhea_summary_encode(const RheaProductSummary *s)
{
    GVariant *parts[] = {
        enc_contributors(s->contributors),
        enc_coupling(&s->coupling),
        enc_top(s),
        enc_counts(s),
        enc_months(s->months),
        g_variant_new("(@(uudddud)@(uudddud)t)", enc_silo_figure(&s->silo.all),
                      enc_silo_figure(&s->silo.core), (guint64)s->silo.seed),
        enc_ownership(s->ownership),
        enc_truck(s->truck_factor),
        enc_sensitivity(s->sensitivity),
    };
    g_autoptr(GVariant) v = g_variant_ref_sink(g_variant_new_tuple(parts, G_N_ELEMENTS(parts)));
    g_assert(g_variant_is_of_type(v, G_VARIANT_TYPE(RHEA_SUMMARY_CODEC_TYPE)));
    if (G_BYTE_ORDER == G_BIG_ENDIAN) {
        g_autoptr(GVariant) swapped = g_variant_byteswap(v);
        return g_variant_get_data_as_bytes(swapped);
    }
    return g_variant_get_data_as_bytes(v);
}

/* ---- decoding ---- */

static void dec_contributors(GVariant *v, RheaProductSummary *s)
{
    RheaContributors *c = s->contributors = g_new0(RheaContributors, 1);
    g_autoptr(GVariant) all = NULL, person_of = NULL;
    g_variant_get(v, "(uudub@a(sasuduuuxxmsbu)@ai)", &c->commits, &c->bot_commits, &c->threshold,
                  &c->core, &c->line_stats, &all, &person_of);
    gsize n = g_variant_n_children(all);
    c->all = g_array_sized_new(FALSE, TRUE, sizeof(RheaContributor), (guint)n);
    for (gsize i = 0; i < n; i++) {
        RheaContributor r = {0};
        const char *name = NULL, *background = NULL;
        g_autofree const char **emails = NULL;
        gint64 ml_lines = 0, nonml_lines = 0;
        g_variant_get_child(all, i, "(&s^a&suduuuxxm&sbu)", &name, &emails, &r.commits, &r.share,
                            &r.ml_commits, &r.nonml_commits, &r.both_commits, &ml_lines,
                            &nonml_lines, &background, &r.core, &r.key);
        r.name = g_strdup(name);
        r.ml_lines = ml_lines;
        r.nonml_lines = nonml_lines;
        r.background = background ? g_intern_string(background) : NULL;
        r.emails = g_ptr_array_new_with_free_func(g_free);
        for (const char **e = emails; e && *e; e++)
            g_ptr_array_add(r.emails, g_strdup(*e));
        g_array_append_val(c->all, r);
    }
    gsize len = 0;
    const gint32 *of = g_variant_get_fixed_array(person_of, &len, sizeof(gint32));
    c->person_of = g_array_sized_new(FALSE, FALSE, sizeof(gint), (guint)len);
    if (len)
        g_array_append_vals(c->person_of, of, (guint)len);
}

static void dec_coupling(GVariant *v, RheaCoupling *c)
{
    guint64 cross = 0, pairs = 0, seed = 0;
    const char *reason = NULL;
    g_variant_get(v, "(uuuttdddudddm&suudddddddt)", &c->transactions, &c->ml_files, &c->nonml_files,
                  &cross, &pairs, &c->eci, &c->expected_eci, &c->rci, &c->both, &c->eci_tx,
                  &c->expected_eci_tx, &c->rci_tx, &reason, &c->permutations, &c->bootstrap,
                  &c->p_value, &c->p_greater, &c->p_less, &c->ci_low, &c->ci_high, &c->null_low,
                  &c->null_high, &seed);
    c->cross_pairs = cross;
    c->pairs = pairs;
    c->seed = seed;
    c->null_reason = reason ? g_intern_string(reason) : NULL;
}

static void dec_top(GVariant *v, RheaProductSummary *s)
{
    g_autoptr(GVariant) inner = g_variant_get_maybe(v);
    if (!inner)
        return;
    g_autoptr(GVariant) pairs = g_variant_get_child_value(inner, 0);
    g_autoptr(GVariant) paths = g_variant_get_child_value(inner, 1);
    gsize n = g_variant_n_children(pairs);
    s->top_pairs = g_array_sized_new(FALSE, TRUE, sizeof(RheaCoupledPair), (guint)n);
    for (gsize i = 0; i < n; i++) {
        RheaCoupledPair p;
        g_variant_get_child(pairs, i, "(uuuddd)", &p.ml_file, &p.nonml_file, &p.together,
                            &p.support, &p.confidence_ml, &p.confidence_nonml);
        g_array_append_val(s->top_pairs, p);
    }
    n = g_variant_n_children(paths);
    s->top_paths = g_ptr_array_new_full((guint)n, g_free);
    for (gsize i = 0; i < n; i++) {
        const char *path = NULL;
        g_variant_get_child(paths, i, "&s", &path);
        g_ptr_array_add(s->top_paths, g_strdup(path));
    }
}

static void dec_counts(GVariant *v, RheaProductSummary *s)
{
    gint64 first = 0, first_ml = 0, first_nonml = 0;
    g_variant_get(v, "(uuuuuuuuxxxuuuu)", &s->dropped_large, &s->core_ml, &s->core_nonml,
                  &s->core_both, &s->ml_paths, &s->nonml_paths, &s->excluded_paths, &s->ml_folders,
                  &first, &first_ml, &first_nonml, &s->test_paths, &s->test_paths_ml, &s->ops_paths,
                  &s->ops_commits);
    s->first_commit = first;
    s->first_ml = first_ml;
    s->first_nonml = first_nonml;
}

static void dec_months(GVariant *v, RheaProductSummary *s)
{
    gsize n = g_variant_n_children(v);
    s->months = g_array_sized_new(FALSE, TRUE, sizeof(RheaMonthCount), (guint)n);
    for (gsize i = 0; i < n; i++) {
        RheaMonthCount m;
        gint64 start = 0;
        g_variant_get_child(v, i, "(xuu)", &start, &m.ml, &m.nonml);
        m.start = start;
        g_array_append_val(s->months, m);
    }
}

static void dec_silo_figure(GVariant *v, RheaSiloFigure *f)
{
    g_variant_get(v, "(uudddud)", &f->commits, &f->people, &f->mi, &f->h_side, &f->nmi,
                  &f->permutations, &f->p_value);
}

static void dec_silo(GVariant *v, RheaSilo *silo)
{
    g_autoptr(GVariant) all = NULL, core = NULL;
    guint64 seed = 0;
    g_variant_get(v, "(@(uudddud)@(uudddud)t)", &all, &core, &seed);
    dec_silo_figure(all, &silo->all);
    dec_silo_figure(core, &silo->core);
    silo->seed = seed;
}

static void dec_side(GVariant *v, RheaSideOwnership *o)
{
    g_variant_get(v, "(uduuu)", &o->files, &o->mean_ownership, &o->owners, &o->exclusive_owners,
                  &o->exclusive_files);
}

static void dec_ownership(GVariant *v, RheaProductSummary *s)
{
    RheaOwnership *o = s->ownership = g_new0(RheaOwnership, 1);
    g_autoptr(GVariant) files = NULL, ml = NULL, nonml = NULL;
    g_variant_get(v, "(@a(xiuuud)@(uduuu)@(uduuu))", &files, &ml, &nonml);
    gsize n = g_variant_n_children(files);
    o->files = g_array_sized_new(FALSE, TRUE, sizeof(RheaFileOwner), (guint)n);
    for (gsize i = 0; i < n; i++) {
        RheaFileOwner f;
        gint64 pid = 0;
        gint32 label = 0;
        g_variant_get_child(files, i, "(xiuuud)", &pid, &label, &f.commits, &f.main_author,
                            &f.main_commits, &f.ownership);
        f.pid = pid;
        f.label = (RheaLabel)label;
        g_array_append_val(o->files, f);
    }
    dec_side(ml, &o->ml);
    dec_side(nonml, &o->nonml);
}

static void dec_truck(GVariant *v, RheaProductSummary *s)
{
    RheaTruckFactor *t = s->truck_factor = g_new0(RheaTruckFactor, 1);
    g_autofree const char **authors = NULL;
    g_autoptr(GVariant) files = NULL;
    g_variant_get(v, "(uuu^a&s@aud)", &t->files, &t->orphan_at_start, &t->truck_factor, &authors,
                  &files, &t->coverage_after);
    t->authors = g_ptr_array_new_with_free_func(g_free);
    for (const char **a = authors; a && *a; a++)
        g_ptr_array_add(t->authors, g_strdup(*a));
    gsize n = 0;
    const guint32 *counts = g_variant_get_fixed_array(files, &n, sizeof(guint32));
    t->author_files = g_array_sized_new(FALSE, FALSE, sizeof(guint), (guint)n);
    if (n)
        g_array_append_vals(t->author_files, counts, (guint)n);
}

static void clear_row(gpointer p)
{
    g_free(((RheaSensitivityRow *)p)->choice);
}

/* The figure names are the static strings sensitivity.c writes; anything else is damage. */
static gboolean dec_sensitivity(GVariant *v, RheaProductSummary *s)
{
    RheaSensitivity *x = s->sensitivity = g_new0(RheaSensitivity, 1);
    g_autoptr(GVariant) rows = NULL;
    g_variant_get(v, "(@a(ssd)ddbdd)", &rows, &x->rci_min, &x->rci_max, &x->rci_changes_side,
                  &x->core_min, &x->core_max);
    x->rows = g_array_new(FALSE, TRUE, sizeof(RheaSensitivityRow));
    g_array_set_clear_func(x->rows, clear_row);
    gsize n = g_variant_n_children(rows);
    for (gsize i = 0; i < n; i++) {
        const char *figure = NULL, *choice = NULL;
        RheaSensitivityRow r = {0};
        g_variant_get_child(rows, i, "(&s&sd)", &figure, &choice, &r.value);
        if (!strcmp(figure, "rci"))
            r.figure = "rci";
        else if (!strcmp(figure, "core"))
            r.figure = "core";
        else
            return FALSE;
        r.choice = g_strdup(choice);
        g_array_append_val(x->rows, r);
    }
    return TRUE;
}

/* Indices that point into other parts must stay in range, or a report would read past an array. */
static const char *inconsistent(const RheaProductSummary *s)
{
    const RheaContributors *c = s->contributors;
    if (c->core > c->all->len)
        return "more core contributors than contributors";
    for (guint i = 0; i < c->person_of->len; i++) {
        gint p = g_array_index(c->person_of, gint, i);
        if (p < -1 || p >= (gint)c->all->len)
            return "a commit's contributor out of range";
    }
    for (guint i = 0; i < s->ownership->files->len; i++)
        if (g_array_index(s->ownership->files, RheaFileOwner, i).main_author >= c->all->len)
            return "a file's main author out of range";
    if (s->truck_factor->authors->len != s->truck_factor->author_files->len)
        return "truck factor authors and their files differ in number";
    for (guint i = 0; s->top_pairs && i < s->top_pairs->len; i++) {
        const RheaCoupledPair *p = &g_array_index(s->top_pairs, RheaCoupledPair, i);
        if (p->ml_file >= s->top_paths->len || p->nonml_file >= s->top_paths->len)
            return "a coupled pair's file out of range";
    }
    return NULL;
}

static RheaProductSummary *refuse(GError **error, RheaProductSummary *s, const char *product,
                                  const char *why)
{
    rhea_summary_free(s);
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                "the stored figures of product '%s' are damaged (%s); they are computed again",
                product, why);
    return NULL;
}

RheaProductSummary *rhea_summary_decode(GBytes *data, const char *product, GError **error)
{
    g_autoptr(GVariant) raw = g_variant_ref_sink(
        g_variant_new_from_bytes(G_VARIANT_TYPE(RHEA_SUMMARY_CODEC_TYPE), data, FALSE));
    if (!g_variant_is_normal_form(raw))
        return refuse(error, NULL, product, "not in normal form");
    g_autoptr(GVariant) v =
        G_BYTE_ORDER == G_BIG_ENDIAN ? g_variant_byteswap(raw) : g_variant_ref(raw);
    RheaProductSummary *s = g_new0(RheaProductSummary, 1);
    s->product = g_strdup(product);
    GVariant *part[9];
    for (gsize i = 0; i < G_N_ELEMENTS(part); i++)
        part[i] = g_variant_get_child_value(v, i);
    dec_contributors(part[0], s);
    dec_coupling(part[1], &s->coupling);
    dec_top(part[2], s);
    dec_counts(part[3], s);
    dec_months(part[4], s);
    dec_silo(part[5], &s->silo);
    dec_ownership(part[6], s);
    dec_truck(part[7], s);
    gboolean figures_known = dec_sensitivity(part[8], s);
    for (gsize i = 0; i < G_N_ELEMENTS(part); i++)
        g_variant_unref(part[i]);
    if (!figures_known)
        return refuse(error, s, product, "an unknown sensitivity figure");
    const char *why = inconsistent(s);
    if (why)
        return refuse(error, s, product, why);
    return s;
}
