/* judgments.c: reading a judgments file (see judgments.h). The keys and the values each takes are
 * the table below; docs/evidence.md lists the same table. */
#include "metrics/judgments.h"

#include <string.h>

#include "engine/error.h"
#include "engine/lines.h"

typedef struct {
    const char *key;
    const char *values; /* "|"-separated; NULL: yes or no */
} KeySpec;

static const KeySpec KEYS[] = {
    /* verdicts rhea proposes (docs/evidence.md, "Verdicts") */
    {"model_source", "third-party|self-trained|both|none found"},
    {"multiple_models", NULL},
    {"pipeline", "none found|manual steps|data retrieval only|training in the GUI|automated"},
    {"model_docs", NULL},
    {"data_docs", NULL},
    {"big_data", NULL},
    {"cloud", NULL},
    {"trajectory", "model-first|product-first|together|unknown"},
    {"software_tests", NULL},
    {"model_eval", NULL},
    {"data_validation", NULL},
    {"retraining", "run time|scheduled|none"},
    {"telemetry", NULL},
    {"mlops", NULL},
    {"responsible_ai", NULL},
    /* findings only reading settles */
    {"model_importance", "core|significant|optional"},
    {"prediction_use", "automate|prompt|display"},
    {"post_processing", "none|two-phase|checks|threshold|retraining|other"},
    {"models_independent", NULL},
    {"team_responsibilities", NULL},
};

struct RheaJudgments {
    GPtrArray *items;  /* RheaJudgment* */
    GHashTable *index; /* "product\tkey" -> RheaJudgment* */
};

gboolean rhea_judgment_key_known(const char *key, const char **values)
{
    for (gsize i = 0; i < G_N_ELEMENTS(KEYS); i++)
        if (strcmp(KEYS[i].key, key) == 0) {
            if (values)
                *values = KEYS[i].values;
            return TRUE;
        }
    return FALSE;
}

static gboolean value_ok(const char *values, const char *v)
{
    if (!values)
        return !strcmp(v, "yes") || !strcmp(v, "no");
    g_auto(GStrv) choices = g_strsplit(values, "|", -1);
    for (char **c = choices; *c; c++)
        if (strcmp(*c, v) == 0)
            return TRUE;
    return FALSE;
}

static void judgment_free(gpointer p)
{
    RheaJudgment *j = p;
    g_free(j->product);
    g_free(j->key);
    g_free(j->value);
    g_free(j->note);
    g_free(j->where);
    g_free(j);
}

void rhea_judgments_free(RheaJudgments *j)
{
    if (!j)
        return;
    g_hash_table_destroy(j->index);
    g_ptr_array_unref(j->items);
    g_free(j);
}

/* Splits one CSV line into fields (RFC 4180 quoting within the line). NULL on an unterminated
 * quote. */
static GPtrArray *split_csv(const char *line)
{
    GPtrArray *f = g_ptr_array_new_with_free_func(g_free);
    const char *p = line;
    for (;;) {
        GString *cell = g_string_new(NULL);
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p) {
                    g_string_free(cell, TRUE);
                    g_ptr_array_unref(f);
                    return NULL;
                }
                if (*p == '"' && p[1] == '"') {
                    g_string_append_c(cell, '"');
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    g_string_append_c(cell, *p++);
                }
            }
            while (*p && *p != ',')
                g_string_append_c(cell, *p++); /* text after the closing quote */
        } else {
            while (*p && *p != ',')
                g_string_append_c(cell, *p++);
        }
        g_ptr_array_add(f, g_strstrip(g_string_free(cell, FALSE)));
        if (*p != ',')
            break;
        p++;
    }
    return f;
}

static int fail(GError **error, const char *source, guint line, const char *what)
{
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID, "%s:%u: %s", source, line, what);
    return -1;
}

static int parse_line(RheaJudgments *j, const char *line, const char *source, guint lineno,
                      gboolean first, GError **error)
{
    g_autoptr(GPtrArray) f = split_csv(line);
    if (!f)
        return fail(error, source, lineno, "unterminated quote; close the \"...\" field");
    if (f->len != 4)
        return fail(error, source, lineno,
                    "expected four fields product,key,value,note (quote a note that holds commas)");
    const char *product = g_ptr_array_index(f, 0), *key = g_ptr_array_index(f, 1),
               *value = g_ptr_array_index(f, 2);
    if (first && !strcmp(product, "product") && !strcmp(key, "key"))
        return 0;
    if (!*product)
        return fail(error, source, lineno, "empty product id");
    const char *values = NULL;
    if (!rhea_judgment_key_known(key, &values)) {
        g_autofree char *q = rhea_error_quote(key);
        g_autofree char *msg =
            g_strdup_printf("unknown key '%s' (the keys are listed in docs/evidence.md)", q);
        return fail(error, source, lineno, msg);
    }
    if (!value_ok(values, value)) {
        g_autofree char *q = rhea_error_quote(value);
        g_autofree char *msg =
            g_strdup_printf("key %s takes %s, not '%s'", key, values ? values : "yes|no", q);
        return fail(error, source, lineno, msg);
    }
    g_autofree char *id = g_strconcat(product, "\t", key, NULL);
    const RheaJudgment *prev = g_hash_table_lookup(j->index, id);
    if (prev) {
        g_autofree char *msg =
            g_strdup_printf("%s %s is judged twice (first at %s)", product, key, prev->where);
        return fail(error, source, lineno, msg);
    }
    RheaJudgment *jd = g_new0(RheaJudgment, 1);
    jd->product = g_strdup(product);
    jd->key = g_strdup(key);
    jd->value = g_strdup(value);
    jd->note = g_strdup(g_ptr_array_index(f, 3));
    jd->where = g_strdup_printf("%s:%u", source, lineno);
    g_ptr_array_add(j->items, jd);
    g_hash_table_insert(j->index, g_steal_pointer(&id), jd);
    return 0;
}

RheaJudgments *rhea_judgments_parse(const char *text, gsize len, const char *source, GError **error)
{
    if (rhea_lines_check_text(text, len, source,
                              "binary content; expected a CSV of product,key,value,note",
                              error) < 0)
        return NULL;
    RheaJudgments *j = g_new0(RheaJudgments, 1);
    j->items = g_ptr_array_new_with_free_func(judgment_free);
    j->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_auto(RheaLines) lines = {0};
    rhea_lines_init(&lines, text, len);
    gboolean first = TRUE; /* the first line that is not a comment may be the header */
    for (char *line; (line = rhea_lines_next(&lines));) {
        char *l = g_strstrip(line);
        if (!*l || l[0] == '#')
            continue;
        int rc = parse_line(j, l, source, lines.lineno, first, error);
        first = FALSE;
        if (rc < 0) {
            rhea_judgments_free(j);
            return NULL;
        }
    }
    return j;
}

RheaJudgments *rhea_judgments_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (rhea_lines_read_file(path, RHEA_INPUT_MAX, "judgments file", &text, &len, error) < 0)
        return NULL;
    return rhea_judgments_parse(text, len, path, error);
}

const RheaJudgment *rhea_judgments_get(const RheaJudgments *j, const char *product, const char *key)
{
    if (!j)
        return NULL;
    g_autofree char *id = g_strconcat(product, "\t", key, NULL);
    return g_hash_table_lookup(j->index, id);
}

guint rhea_judgments_size(const RheaJudgments *j)
{
    return j ? j->items->len : 0;
}
