/* judgments.h: what a person decided about a product (`--judgments FILE`, docs/evidence.md,
 * "Judgments"): a CSV of product,key,value,note. A judgment overrides the verdict rhea proposes
 * for that key, and supplies the findings only reading can settle (model importance, use of
 * predictions, post-processing, independence of models, team responsibilities). */
#pragma once
#include <glib.h>

typedef struct {
    char *product, *key, *value, *note;
    char *where; /* "FILE:LINE" */
} RheaJudgment;

typedef struct RheaJudgments RheaJudgments;

/* Fails with "FILE:LINE: what is wrong" on a line without four fields, an unknown key, a value
 * the key does not take, or the same product and key twice. The first line that is not a `#`
 * comment may be the header "product,key,value,note". Fields may be double-quoted ("" for a quote).
 */
RheaJudgments *rhea_judgments_parse(const char *text, gsize len, const char *source,
                                    GError **error);
RheaJudgments *rhea_judgments_load(const char *path, GError **error);
void rhea_judgments_free(RheaJudgments *j);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaJudgments, rhea_judgments_free)

/* The judgment of product on key, or NULL. j may be NULL. */
const RheaJudgment *rhea_judgments_get(const RheaJudgments *j, const char *product,
                                       const char *key);
guint rhea_judgments_size(const RheaJudgments *j);
/* Whether key is a key the file may hold; *values gets its values as "a|b|c" (NULL: yes/no). */
gboolean rhea_judgment_key_known(const char *key, const char **values);
