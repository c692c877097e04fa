/* evidence_verdicts.c: the rules that turn evidence into verdicts (docs/evidence.md, "Verdicts",
 * states each rule; keep the two in step). A rule names the hit that decided it, or the signal
 * kinds it looked for and did not find, so a reader can check the verdict against the code. Hits in
 * test files (the `test` entries' paths) do not decide RQ2, RQ3 or RQ5 verdicts: a test that
 * imports a library is not the product using it. */
#include "metrics/evidence_verdicts.h"

#include <string.h>

static const char *const KEYS[] = {
    "model_source",   "multiple_models", "pipeline",        "model_docs",
    "data_docs",      "big_data",        "cloud",           "trajectory",
    "software_tests", "model_eval",      "data_validation", "retraining",
    "telemetry",      "mlops",           "responsible_ai",  NULL};

const char *const *rhea_evidence_verdict_keys(void)
{
    return KEYS;
}

gboolean rhea_evidence_verdict_key_is_bool(const char *key)
{
    return strcmp(key, "model_source") && strcmp(key, "pipeline") && strcmp(key, "trajectory") &&
           strcmp(key, "retraining");
}

char *rhea_evidence_verdicts_date(gint64 t)
{
    if (t < 0)
        return NULL;
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    return dt ? g_date_time_format(dt, "%Y-%m-%d") : NULL;
}

static void verdict_free(gpointer p)
{
    RheaEvidenceVerdict *v = p;
    g_free(v->value);
    g_free(v->decided_by);
    g_free(v->note);
    g_free(v);
}

void rhea_evidence_verdicts_free(RheaEvidenceVerdicts *v)
{
    if (!v)
        return;
    g_free(v->product);
    g_ptr_array_unref(v->list);
    g_free(v);
}

const RheaEvidenceVerdict *rhea_evidence_verdicts_get(const RheaEvidenceVerdicts *v,
                                                      const char *key)
{
    for (guint i = 0; i < v->list->len; i++) {
        const RheaEvidenceVerdict *x = g_ptr_array_index(v->list, i);
        if (strcmp(x->key, key) == 0)
            return x;
    }
    return NULL;
}

/* ---- reading the evidence ---- */

typedef struct {
    const RheaEvidence *ev;
    GHashTable *test_paths; /* paths with a test-file path hit */
    GHashTable *ui_paths;   /* non-test paths with a ui hit */
    GHashTable *ui_dirs;    /* their folders */
    GHashTable *train_paths;
    GHashTable *train_dirs; /* folders of non-test files with a training line (is_training_site) */
} Ctx;

static gboolean is_kind(const RheaEvidenceHit *h, const char *kind)
{
    return strcmp(h->e->kind, kind) == 0;
}

/* A test file: a `test` path entry matched it, or a folder on its path is a test folder (test
 * resources such as src/test/resources/app/index.html are no product code either). */
static gboolean in_test(const Ctx *c, const RheaEvidenceHit *h)
{
    if (g_hash_table_contains(c->test_paths, h->path))
        return TRUE;
    static const char *const FOLDERS[] = {"test",        "tests",     "__tests__", "spec",
                                          "androidTest", "unittests", "testdata",  "test-data"};
    g_auto(GStrv) parts = g_strsplit(h->path, "/", -1);
    for (guint i = 0; parts[i] && parts[i + 1]; i++)
        for (gsize k = 0; k < G_N_ELEMENTS(FOLDERS); k++)
            if (!strcmp(parts[i], FOLDERS[k]))
                return TRUE;
    return FALSE;
}

static char *describe(const RheaEvidenceHit *h)
{
    g_autofree char *date = rhea_evidence_verdicts_date(h->first_time);
    if (h->line)
        return g_strdup_printf("%s (%s) at %s:%u%s%s", h->e->name, h->e->kind, h->path, h->line,
                               date ? " since " : "", date ? date : "");
    return g_strdup_printf("%s (%s) at %s%s%s", h->e->name, h->e->kind, h->path,
                           date ? " since " : "", date ? date : "");
}

/* Whether a is older evidence than b (undated hits come last, then the evidence's order). */
static gboolean older(const RheaEvidenceHit *a, const RheaEvidenceHit *b)
{
    if (!b)
        return TRUE;
    if (a->first_time < 0)
        return FALSE;
    return b->first_time < 0 || a->first_time < b->first_time;
}

/* The oldest non-test hit of kind (the one that has been there longest decides), or NULL. */
static const RheaEvidenceHit *first_of(const Ctx *c, const char *kind, gboolean tests_count)
{
    const RheaEvidenceHit *best = NULL;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (is_kind(h, kind) && (tests_count || !in_test(c, h)) && older(h, best))
            best = h;
    }
    return best;
}

static const RheaEvidenceHit *first_named(const Ctx *c, const char *name)
{
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (strcmp(h->e->name, name) == 0 && !in_test(c, h))
            return h;
    }
    return NULL;
}

static void add(RheaEvidenceVerdicts *v, const char *key, const char *value, char *decided_by)
{
    RheaEvidenceVerdict *x = g_new0(RheaEvidenceVerdict, 1);
    x->key = key;
    x->is_bool = rhea_evidence_verdict_key_is_bool(key);
    x->value = g_strdup(value);
    x->decided_by = decided_by;
    x->basis = RHEA_BASIS_HEURISTIC;
    g_ptr_array_add(v->list, x);
}

/* A yes/no verdict: yes when some hit of the kinds exists. */
static void add_presence(RheaEvidenceVerdicts *v, const Ctx *c, const char *key, const char *kind,
                         gboolean tests_count)
{
    const RheaEvidenceHit *h = first_of(c, kind, tests_count);
    add(v, key, h ? "yes" : "no", h ? describe(h) : g_strdup_printf("no %s signal found", kind));
}

/* Android Studio writes these with every new project (`assertEquals(4, 2 + 2)`, the package
 * name): they test nothing of the product, so they do not make software_tests yes. */
static gboolean is_ide_template_test(const char *path)
{
    static const char *const TEMPLATES[] = {
        "ExampleUnitTest.java",       "ExampleUnitTest.kt",   "ExampleInstrumentedTest.java",
        "ExampleInstrumentedTest.kt", "ApplicationTest.java", "ApplicationTest.kt"};
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    for (size_t i = 0; i < G_N_ELEMENTS(TEMPLATES); i++)
        if (strcmp(base, TEMPLATES[i]) == 0)
            return TRUE;
    return FALSE;
}

static void software_tests(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *best = NULL, *template = NULL;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (!is_kind(h, "test"))
            continue;
        /* a test framework declared (the IDE's build.gradle template does it) is not a test */
        if (rhea_file_kinds(h->path) & RHEA_FK_DEPENDENCY_MASK)
            continue;
        if (is_ide_template_test(h->path)) {
            if (older(h, template))
                template = h;
        } else if (older(h, best)) {
            best = h;
        }
    }
    if (best)
        add(v, "software_tests", "yes", describe(best));
    else if (template)
        add(v, "software_tests", "no",
            g_strdup_printf("only the IDE's template tests (%s), which test nothing of the "
                            "product",
                            template->path));
    else
        add(v, "software_tests", "no", g_strdup("no test signal found"));
}

static gboolean is_ml_code(const RheaEvidenceHit *h)
{
    return is_kind(h, "ml_library") || is_kind(h, "pretrained") || is_kind(h, "ml_api") ||
           is_kind(h, "model_url") || is_kind(h, "training") || is_kind(h, "model_file");
}

/* Weights loaded from a file next to code that trains are that code's output, not a model
 * trained elsewhere (as a model file in such a folder, multiple_models). */
static gboolean is_own_weights(const Ctx *c, const RheaEvidenceHit *h)
{
    if (strcmp(h->e->name, "Weights shipped with the code"))
        return FALSE;
    g_autofree char *dir = g_path_get_dirname(h->path);
    return g_hash_table_contains(c->train_dirs, dir);
}

/* The oldest non-test pre-trained hit, leaving out weights the product trains itself. */
static const RheaEvidenceHit *first_pretrained(const Ctx *c)
{
    const RheaEvidenceHit *best = NULL;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (is_kind(h, "pretrained") && !in_test(c, h) && !is_own_weights(c, h) && older(h, best))
            best = h;
    }
    return best;
}

static void model_source(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *train = first_of(c, "training", FALSE);
    /* the docs saying the authors trained or fine-tuned the shipped model on their own data: the
     * training happened outside the repository (P30's detector, fine-tuned from COCO) */
    if (!train)
        train = first_named(c, "Own training stated");
    const RheaEvidenceHit *third = first_pretrained(c);
    if (!third)
        third = first_of(c, "ml_api", FALSE);
    if (!third)
        third = first_of(c, "model_url", FALSE);
    if (!third && !train)
        third = first_of(c, "model_file", FALSE); /* a model in the tree, trained elsewhere */
    if (train && third) {
        g_autofree char *a = describe(train), *b = describe(third);
        add(v, "model_source", "both", g_strdup_printf("training: %s; third-party: %s", a, b));
    } else if (train) {
        add(v, "model_source", "self-trained", describe(train));
    } else if (third) {
        add(v, "model_source", "third-party", describe(third));
    } else {
        add(v, "model_source", "none found",
            g_strdup("no training, pre-trained model, ML API, model URL or model file found"));
    }
}

/* A file that trains a model: a training line (an optimizer built, a fit or backward call), not
 * a path entry (a script's name), an epoch loop (it trains the model another file builds), the
 * GUI action nor a dispatched train command (they start another file's training). */
static gboolean is_training_site(const RheaEvidenceHit *h)
{
    return is_kind(h, "training") && h->line && strcmp(h->e->name, "Epoch loop") &&
           strcmp(h->e->name, "Training action in a GUI") &&
           strcmp(h->e->name, "Training command dispatched") &&
           strcmp(h->e->name, "Train subcommand");
}

/* Distinct models: pre-trained libraries and ML APIs by name, model files and model URLs by
 * path or text, self-trained models by the file that trains them (docs/evidence.md, "Verdicts"). */
static void multiple_models(RheaEvidenceVerdicts *v, const Ctx *c)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) first = g_ptr_array_new();
    gboolean own_counted = FALSE;
    GStringChunk *names = g_string_chunk_new(256);
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (in_test(c, h))
            continue;
        const char *id = NULL;
        g_autofree char *lib = NULL;
        if (is_kind(h, "pretrained") && !strcmp(h->e->name, "Weights shipped with the code")) {
            /* each file loading its own shipped network (a detector, a landmark model) */
            if (!is_own_weights(c, h))
                id = h->path;
        } else if (is_kind(h, "pretrained") || is_kind(h, "ml_api")) {
            /* "Stanford CoreNLP (Maven)" and "Stanford CoreNLP" are one library */
            const char *paren = strstr(h->e->name, " (");
            lib = paren ? g_strndup(h->e->name, (gsize)(paren - h->e->name)) : g_strdup(h->e->name);
            id = g_string_chunk_insert_const(names, lib);
        } else if (is_kind(h, "model_file")) {
            g_autofree char *dir = g_path_get_dirname(h->path);
            /* a model file next to the code that trains is that code's output, not another model */
            if (!g_hash_table_contains(c->train_dirs, dir))
                id = h->path;
        } else if (is_kind(h, "model_url"))
            id = h->text;
        else if (is_training_site(h)) {
            id = h->path; /* a model of the product's own, trained in that file */
            own_counted = TRUE;
        }
        if (!id || g_hash_table_contains(seen, id))
            continue;
        g_hash_table_add(seen, (gpointer)id);
        if (first->len < 2)
            g_ptr_array_add(first, (gpointer)h);
    }
    /* Training found only by a script's name, a train command or an epoch loop (the optimizer in
     * a framework no entry names: DeepFaceLab's own leras) still trains one model of the
     * product's own; a self-trained product without it would count none. */
    const RheaEvidenceHit *train = first_of(c, "training", FALSE);
    if (!own_counted && train) {
        g_hash_table_add(seen, (gpointer) "(a self-trained model)");
        if (first->len < 2)
            g_ptr_array_add(first, (gpointer)train);
    }
    guint n = g_hash_table_size(seen);
    g_string_chunk_free(names);
    if (n >= 2) {
        g_autofree char *a = describe(g_ptr_array_index(first, 0));
        g_autofree char *b = describe(g_ptr_array_index(first, 1));
        add(v, "multiple_models", "yes",
            g_strdup_printf("%u distinct models, e.g. %s; %s", n, a, b));
    } else {
        add(v, "multiple_models", "no",
            g_strdup_printf("%u distinct pre-trained model, ML API, model file, model URL or "
                            "file that trains a model",
                            n));
    }
}

/* Training launched from a user interface: the GUI-action entry, training code in a file that
 * also has user-interface code, the train command dispatched in a folder of user-interface
 * code (a GUI package's runner next to its widgets; a CLI's dispatcher is not), or a clustering
 * refitted on the data at hand in a product with user-interface code. */
static const RheaEvidenceHit *gui_training(const Ctx *c)
{
    const RheaEvidenceHit *h = first_named(c, "Training action in a GUI");
    if (h)
        return h;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        h = g_ptr_array_index(c->ev->hits, i);
        if (is_kind(h, "training") && h->line && !in_test(c, h) &&
            g_hash_table_contains(c->ui_paths, h->path))
            return h;
    }
    for (guint i = 0; i < c->ev->hits->len; i++) {
        h = g_ptr_array_index(c->ev->hits, i);
        if (strcmp(h->e->name, "Training command dispatched") || in_test(c, h))
            continue;
        g_autofree char *dir = g_path_get_dirname(h->path);
        if (g_hash_table_contains(c->ui_dirs, dir))
            return h;
    }
    /* a clustering refitted on the data at hand runs when the user starts an analysis: in a
     * product with user-interface code, from the GUI (GridCal's clustering time series, P26) */
    h = first_named(c, "Clustering fitted on the data at hand");
    if (h && g_hash_table_size(c->ui_paths) > 0)
        return h;
    return NULL;
}

/* Automated training: a CI job or script that runs training, or a scheduler in a file with
 * training code. */
static const RheaEvidenceHit *automated_training(const Ctx *c)
{
    const RheaEvidenceHit *h = first_named(c, "CI job runs training");
    if (h)
        return h;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        h = g_ptr_array_index(c->ev->hits, i);
        if (is_kind(h, "automation") && g_hash_table_contains(c->train_paths, h->path))
            return h;
    }
    return NULL;
}

/* Data retrieval run on its own: a data_fetch hit outside the files that train (a download in a
 * training script is one of its manual steps, not an automated retrieval). */
static const RheaEvidenceHit *data_retrieval(const Ctx *c)
{
    const RheaEvidenceHit *best = NULL;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (is_kind(h, "data_fetch") && !in_test(c, h) &&
            !g_hash_table_contains(c->train_paths, h->path) && older(h, best))
            best = h;
    }
    return best;
}

static void pipeline(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *train = first_of(c, "training", FALSE), *h;
    if (!train)
        add(v, "pipeline", "none found", g_strdup("no training code found"));
    else if ((h = automated_training(c)))
        add(v, "pipeline", "automated", describe(h));
    else if ((h = gui_training(c)))
        add(v, "pipeline", "training in the GUI", describe(h));
    else if ((h = data_retrieval(c)))
        add(v, "pipeline", "data retrieval only", describe(h));
    else {
        g_autofree char *d = describe(train);
        add(v, "pipeline", "manual steps",
            g_strdup_printf("training code, no automation or GUI action: %s", d));
    }
}

static void trajectory(RheaEvidenceVerdicts *v, const Ctx *c, guint threshold_days)
{
    const RheaEvidenceHit *ml = NULL, *ui = NULL;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (h->first_time < 0 || in_test(c, h))
            continue;
        if (is_ml_code(h) && (!ml || h->first_time < ml->first_time))
            ml = h;
        if (is_kind(h, "ui") && (!ui || h->first_time < ui->first_time))
            ui = h;
    }
    v->first_ml = ml ? ml->first_time : -1;
    v->first_ui = ui ? ui->first_time : -1;
    if (!ml || !ui) {
        add(v, "trajectory", "unknown",
            g_strdup_printf("no dated %s code found", ml ? "user-interface" : "ML"));
        return;
    }
    gint64 gap = (ui->first_time - ml->first_time) / 86400; /* days UI came after ML */
    const char *value = gap > (gint64)threshold_days    ? "model-first"
                        : -gap > (gint64)threshold_days ? "product-first"
                                                        : "together";
    g_autofree char *a = describe(ml), *b = describe(ui);
    add(v, "trajectory", value,
        g_strdup_printf("first ML code %s; first UI code %s; UI %+" G_GINT64_FORMAT
                        " days after ML (together within %u days)",
                        a, b, gap, threshold_days));
}

/* Cloud as readers count it (Finding 14): a cloud SDK or service, or a hosted ML API (the model
 * runs in someone's cloud). */
static void cloud(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *h = first_of(c, "cloud", FALSE);
    if (!h)
        h = first_of(c, "ml_api", FALSE);
    add(v, "cloud", h ? "yes" : "no",
        h ? describe(h) : g_strdup("no cloud or ml_api signal found"));
}

/* Model evaluation: evaluation code anywhere (tests included); an assertion naming predictions
 * only in a test (in product code it checks a value's type or presence, not the model). */
static void model_eval(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *best = NULL;
    for (guint i = 0; i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(c->ev->hits, i);
        if (!is_kind(h, "model_eval"))
            continue;
        if (!strcmp(h->e->name, "Test asserting predictions") && !in_test(c, h))
            continue;
        if (older(h, best))
            best = h;
    }
    add(v, "model_eval", best ? "yes" : "no",
        best ? describe(best)
             : g_strdup("no model_eval signal found (an assertion naming "
                        "predictions counts in test files only)"));
}

static void retraining(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *h;
    if ((h = gui_training(c)))
        add(v, "retraining", "run time", describe(h));
    else if ((h = automated_training(c)))
        add(v, "retraining", "scheduled", describe(h));
    else if ((h = first_of(c, "retraining", FALSE)))
        add(v, "retraining", "run time", describe(h));
    else if ((h = first_named(c, "Train subcommand")))
        /* the user trains the product's model by running the product (DeepFaceLab's `main.py
         * train`): retraining at run time, as the paper counts it (Finding 18) */
        add(v, "retraining", "run time", describe(h));
    else
        add(v, "retraining", "none",
            g_strdup("no retraining, GUI training or scheduled training found"));
}

static void responsible_ai(RheaEvidenceVerdicts *v, const Ctx *c)
{
    const RheaEvidenceHit *h = first_of(c, "fairness", TRUE);
    for (guint i = 0; !h && i < c->ev->hits->len; i++) {
        const RheaEvidenceHit *x = g_ptr_array_index(c->ev->hits, i);
        /* privacy policies are mostly unrelated to ML (Finding 21): listed, never decisive */
        if (is_kind(x, "ethics_docs") && !strstr(x->e->name, "Privacy"))
            h = x;
    }
    add(v, "responsible_ai", h ? "yes" : "no",
        h ? describe(h)
          : g_strdup(
                "no fairness library or ethics, bias, misuse or responsible-AI section found"));
}

static void apply_judgments(RheaEvidenceVerdicts *v, const RheaJudgments *j)
{
    for (guint i = 0; i < v->list->len; i++) {
        RheaEvidenceVerdict *x = g_ptr_array_index(v->list, i);
        const RheaJudgment *jd = rhea_judgments_get(j, v->product, x->key);
        if (!jd)
            continue;
        g_autofree char *was = g_strdup_printf("judged at %s (rhea proposed %s: %s)", jd->where,
                                               x->value, x->decided_by);
        g_free(x->value);
        g_free(x->decided_by);
        x->value = g_strdup(jd->value);
        x->decided_by = g_steal_pointer(&was);
        x->basis = RHEA_BASIS_JUDGED;
        x->note = *jd->note ? g_strdup(jd->note) : NULL;
    }
}

RheaEvidenceVerdicts *rhea_evidence_verdicts_compute(const RheaEvidence *ev, guint threshold_days,
                                                     const RheaJudgments *j)
{
    RheaEvidenceVerdicts *v = g_new0(RheaEvidenceVerdicts, 1);
    v->product = g_strdup(ev->product);
    v->list = g_ptr_array_new_with_free_func(verdict_free);
    v->threshold_days = threshold_days;
    Ctx c = {.ev = ev};
    c.test_paths = g_hash_table_new(g_str_hash, g_str_equal);
    c.ui_paths = g_hash_table_new(g_str_hash, g_str_equal);
    c.ui_dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c.train_paths = g_hash_table_new(g_str_hash, g_str_equal);
    c.train_dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        if (is_kind(h, "test") && h->line == 0)
            g_hash_table_add(c.test_paths, h->path);
    }
    for (guint i = 0; i < ev->hits->len; i++) {
        const RheaEvidenceHit *h = g_ptr_array_index(ev->hits, i);
        if (in_test(&c, h))
            continue;
        if (is_kind(h, "ui")) {
            g_hash_table_add(c.ui_paths, h->path);
            g_hash_table_add(c.ui_dirs, g_path_get_dirname(h->path));
        }
        if (is_kind(h, "training"))
            g_hash_table_add(c.train_paths, h->path);
        if (is_training_site(h))
            g_hash_table_add(c.train_dirs, g_path_get_dirname(h->path));
    }
    model_source(v, &c);
    multiple_models(v, &c);
    pipeline(v, &c);
    add_presence(v, &c, "model_docs", "model_docs", TRUE);
    add_presence(v, &c, "data_docs", "data_docs", TRUE);
    add_presence(v, &c, "big_data", "big_data", FALSE);
    cloud(v, &c);
    trajectory(v, &c, threshold_days);
    software_tests(v, &c);
    model_eval(v, &c);
    add_presence(v, &c, "data_validation", "data_validation", TRUE);
    retraining(v, &c);
    add_presence(v, &c, "telemetry", "telemetry", FALSE);
    add_presence(v, &c, "mlops", "mlops", TRUE);
    responsible_ai(v, &c);
    g_hash_table_destroy(c.test_paths);
    g_hash_table_destroy(c.ui_paths);
    g_hash_table_destroy(c.ui_dirs);
    g_hash_table_destroy(c.train_paths);
    g_hash_table_destroy(c.train_dirs);
    apply_judgments(v, j);
    return v;
}
