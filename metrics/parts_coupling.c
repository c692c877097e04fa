/* parts_coupling.c: see parts_coupling.h. The universe for a pair is the files of the two parts
 * changed in a transaction; transactions are cut to those files (a commit touching neither part is
 * not a transaction of the pair), and the first part plays the role of ML in the formulas. */
#include "metrics/parts_coupling.h"

#include <string.h>

static const char *label_part(RheaLabel l)
{
    return l == RHEA_LABEL_ML ? "ml" : l == RHEA_LABEL_NONML ? "nonml" : NULL;
}

GHashTable *rhea_parts_sides(const RheaLabeling *labels, const RheaParts *parts, const char *a,
                             const char *b)
{
    GHashTable *sides = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GArray) pids = rhea_labeling_pids(labels);
    for (guint i = 0; i < pids->len; i++) {
        gint64 pid = g_array_index(pids, gint64, i);
        const char *part = parts ? rhea_parts_match(parts, rhea_labeling_path(labels, pid))
                                 : label_part(rhea_labeling_get(labels, pid));
        int side = !part ? 0 : strcmp(part, a) == 0 ? 1 : strcmp(part, b) == 0 ? 2 : 0;
        if (side)
            g_hash_table_insert(sides, g_memdup2(&pid, sizeof pid), GINT_TO_POINTER(side));
    }
    return sides;
}

GPtrArray *rhea_parts_list(const RheaParts *parts)
{
    GPtrArray *out = g_ptr_array_new();
    if (!parts) {
        g_ptr_array_add(out, (gpointer) "ml");
        g_ptr_array_add(out, (gpointer) "nonml");
        return out;
    }
    const GPtrArray *names = rhea_parts_names(parts);
    for (guint i = 0; i < names->len; i++)
        g_ptr_array_add(out, g_ptr_array_index(names, i));
    return out;
}

GArray *rhea_parts_matrix(const RheaCommitSet *set, const RheaLabeling *labels,
                          const RheaParts *parts, const RheaTransactionOptions *base,
                          guint permutations, guint bootstrap, guint64 seed)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(RheaPartPair));
    g_autoptr(GPtrArray) names = rhea_parts_list(parts);
    for (guint i = 0; i < names->len; i++)
        for (guint j = i + 1; j < names->len; j++) {
            RheaPartPair pp = {.a = g_ptr_array_index(names, i), .b = g_ptr_array_index(names, j)};
            g_autoptr(GHashTable) sides = rhea_parts_sides(labels, parts, pp.a, pp.b);
            RheaTransactionOptions o = *base;
            o.sides = sides;
            g_autoptr(RheaTransactions) tx = rhea_transactions_build_with(set, &o);
            rhea_coupling_compute(&tx->input, permutations, bootstrap, seed, &pp.coupling);
            pp.transactions = tx->input.n_tx;
            g_array_append_val(out, pp);
        }
    return out;
}
