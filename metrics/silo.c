/* silo.c: the silo measure (docs/metrics.md, "Silos").
 *
 * With n_as the commits by author a on side s, I(A;S) = sum n_as/n ln(n n_as / (n_a n_s)). It is
 * normalized by H(S), the uncertainty about the side, so 0 says the author tells nothing about the
 * side and 1 that the author decides it. (Normalizing by H(A) as well would shrink the figure for a
 * product with many one-off contributors whatever their habits.) With few commits per author the
 * MI of independent variables is still above 0; the permutation null (authors shuffled across
 * commits, so each author keeps their commit count and each side its count) measures that bias,
 * and the p-value says whether the observation is above it. */
#include "metrics/silo.h"

#include <math.h>
#include <string.h>

#include "metrics/mt19937.h"

int rhea_silo_side(const RheaCommitRec *c)
{
    if (c->n_ml && c->n_nonml)
        return RHEA_SIDE_BOTH;
    if (c->n_ml)
        return RHEA_SIDE_ML;
    if (c->n_nonml)
        return RHEA_SIDE_NONML;
    return -1;
}

/* I(A;S) in nats from the pairs; counts is n_people x 3 scratch; per_person the commits of each
 * person, the same under every shuffle of the persons (counted once, by the caller). */
static double mutual_information(const guint *person, const guint *side, guint n, guint n_people,
                                 const guint *side_n, guint *counts, const guint *per_person)
{
    memset(counts, 0, sizeof(guint) * n_people * RHEA_SIDE_COUNT);
    for (guint i = 0; i < n; i++)
        counts[person[i] * RHEA_SIDE_COUNT + side[i]]++;
    double mi = 0;
    for (guint a = 0; a < n_people; a++)
        for (guint s = 0; s < RHEA_SIDE_COUNT; s++) {
            guint nas = counts[a * RHEA_SIDE_COUNT + s];
            if (nas)
                mi += (double)nas / n * log((double)n * nas / ((double)per_person[a] * side_n[s]));
        }
    return mi < 0 ? 0 : mi; /* rounding can leave -1e-17 for independent variables */
}

void rhea_silo_measure(const guint *person, const guint *side, guint n, guint n_people,
                       guint permutations, guint64 seed, RheaSiloFigure *out)
{
    memset(out, 0, sizeof *out);
    out->mi = out->h_side = out->nmi = out->p_value = NAN;
    out->commits = n;
    if (n == 0)
        return;
    guint side_n[RHEA_SIDE_COUNT] = {0};
    for (guint i = 0; i < n; i++)
        side_n[side[i]]++;
    out->h_side = 0;
    for (guint s = 0; s < RHEA_SIDE_COUNT; s++)
        if (side_n[s])
            out->h_side -= (double)side_n[s] / n * log((double)side_n[s] / n);
    g_autofree guint *counts = g_new(guint, (gsize)n_people * RHEA_SIDE_COUNT);
    g_autofree guint *per_person = g_new0(guint, n_people);
    for (guint i = 0; i < n; i++)
        per_person[person[i]]++;
    out->mi = mutual_information(person, side, n, n_people, side_n, counts, per_person);
    for (guint a = 0; a < n_people; a++)
        out->people += per_person[a] > 0;
    if (!(out->h_side > 0) || out->people < 2)
        return; /* one side or one person: no silo to measure */
    out->nmi = out->mi / out->h_side;
    if (permutations == 0)
        return;
    g_autofree guint *shuffled = g_memdup2(person, sizeof(guint) * n);
    RheaMt *rng = g_new(RheaMt, 1); /* GSL's mt19937, inlined: the same shuffles */
    g_autoptr(RheaMtShuffle) shuffle = rhea_mt_shuffle_new(n);
    rhea_mt_seed(rng, (unsigned long)seed);
    guint ge = 0;
    /* compare MI, not NMI: H(S) is the same under every shuffle; the tolerance keeps a shuffle
     * that reproduces the observation (same counts, other order of sums) a hit */
    double tol = 1e-12 * (out->mi > 1 ? out->mi : 1);
    for (guint p = 0; p < permutations; p++) {
        rhea_mt_shuffle_u32_with(rng, shuffle, shuffled);
        double mi = mutual_information(shuffled, side, n, n_people, side_n, counts, per_person);
        ge += mi >= out->mi - tol;
    }
    g_free(rng);
    out->permutations = permutations;
    out->p_value = (1.0 + ge) / (1.0 + permutations);
}

static void measure_subset(const RheaCommitSet *set, const RheaContributors *c, gboolean core_only,
                           guint permutations, guint64 seed, RheaSiloFigure *out)
{
    g_autoptr(GArray) person = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GArray) side = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < set->commits->len; i++) {
        gint who = g_array_index(c->person_of, gint, i);
        if (who < 0 || (core_only && (guint)who >= c->core))
            continue;
        int s = rhea_silo_side(&g_array_index(set->commits, RheaCommitRec, i));
        if (s < 0)
            continue;
        guint p = (guint)who, sd = (guint)s;
        g_array_append_val(person, p);
        g_array_append_val(side, sd);
    }
    rhea_silo_measure((const guint *)person->data, (const guint *)side->data, person->len,
                      c->all->len, permutations, seed, out);
}

typedef struct {
    const RheaCommitSet *set;
    const RheaContributors *c;
    guint permutations;
    guint64 seed;
    RheaSiloFigure *out;
} SubsetJob;

static gpointer subset_job(gpointer data)
{
    SubsetJob *job = data;
    measure_subset(job->set, job->c, TRUE, job->permutations, job->seed, job->out);
    return NULL;
}

void rhea_silo_compute(const RheaCommitSet *set, const RheaContributors *c, guint permutations,
                       guint64 seed, RheaSilo *out)
{
    out->seed = seed;
    /* the two measures share nothing but their inputs (each seeds its own generator): the core
     * one runs on a second thread, with the same results */
    SubsetJob job = {set, c, permutations, seed, &out->core};
    GThread *thread =
        permutations > 0 ? g_thread_try_new("silo-core", subset_job, &job, NULL) : NULL;
    measure_subset(set, c, FALSE, permutations, seed, &out->all);
    if (thread)
        g_thread_join(thread);
    else
        subset_job(&job);
}
