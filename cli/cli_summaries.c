/* cli_summaries.c: see cli_summaries.h. As with the evidence (cli/cli_evidence.c), children read
 * the database through connections of their own and send the encoded figures back on their
 * stdout (metrics/summary_codec.h); the parent decodes them in product order and stores each
 * entry in its own transaction, so the database has one writer whatever the number of jobs. */
#include "cli/cli_summaries.h"

#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_input.h"
#include "engine/error.h"
#include "engine/store_evidence_cache.h"
#include "engine/workers.h"
#include "metrics/summary_cache.h"
#include "metrics/summary_codec.h"

typedef struct {
    RheaStore *store;  /* read-only, or the study's own */
    RheaStore *writer; /* the study's store, or opened at the first entry to store */
    gboolean own_writer;
    gboolean keep, tolerant;
    const char *command;
    GPtrArray *ids;      /* char *, the products */
    GPtrArray *requests; /* RheaSummaryRequest*, per product */
    GPtrArray *results;  /* RheaProductSummary* or NULL, per product */
    GArray *missing;     /* guint product indices */
    gboolean fork;
} Fill;

/* A computed summary into the results and, when kept, into the store. The first failure to store
 * is said once and the rest is not stored: the report itself is right either way. */
static void keep_result(Fill *f, guint i, RheaProductSummary *s)
{
    const RheaSummaryRequest *r = g_ptr_array_index(f->requests, i);
    g_autoptr(GError) not_stored = NULL;
    gboolean stored = FALSE;
    if (f->keep && rhea_summary_request_key(r) && !f->writer) {
        f->writer = rhea_store_evidence_cache_writer(rhea_store_path(f->store), &not_stored);
        f->own_writer = TRUE;
    }
    if (f->keep && rhea_summary_request_key(r) &&
        (!f->writer ||
         rhea_summary_request_store(f->writer, f->store, r, s, &stored, &not_stored) < 0)) {
        fprintf(stderr,
                "rhea %s: warning: %s: figures not stored (the rest of this run is not stored "
                "either): %s\n",
                f->command, (const char *)g_ptr_array_index(f->ids, i), not_stored->message);
        f->keep = FALSE;
    }
    if (f->tolerant) /* a study only stores: memory stays flat over many products */
        rhea_summary_free(s);
    else
        g_ptr_array_index(f->results, i) = s;
}

/* A product that failed: the whole call's error, or a study's warning line. Takes one. */
static int failed(Fill *f, const char *product, GError *one, GError **error)
{
    if (f->tolerant) {
        fprintf(stderr, "rhea %s: warning: %s: figures not computed: %s\n", f->command, product,
                one->message);
        g_error_free(one);
        return 0;
    }
    g_propagate_error(error, one);
    return -1;
}

static gboolean fill_start(guint task, gpointer user)
{
    (void)task;
    return ((Fill *)user)->fork;
}

static RheaProductSummary *compute(RheaStore *store, const RheaSummaryRequest *r, GError **error)
{
    gboolean computed = FALSE;
    return rhea_summary_request_get(store, r, &computed, error);
}

/* In the child: the product's figures, encoded, on stdout; or the error's message, exit 1. */
static int fill_work(guint task, gpointer user)
{
    Fill *f = user;
    guint i = g_array_index(f->missing, guint, task);
    const RheaSummaryRequest *r = g_ptr_array_index(f->requests, i);
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) own = rhea_store_open_readonly(rhea_store_path(f->store), &error);
    g_autoptr(RheaProductSummary) s = own ? compute(own, r, &error) : NULL;
    if (!s) {
        fputs(error->message, stdout);
        return 1;
    }
    g_autoptr(GBytes) data = rhea_summary_encode(s);
    gsize len = 0;
    const void *bytes = g_bytes_get_data(data, &len);
    return fwrite(bytes, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 2;
}

static int fill_done(guint task, int status, const char *output, gsize len, gboolean cancelled,
                     gpointer user, GError **error)
{
    Fill *f = user;
    guint i = g_array_index(f->missing, guint, task);
    const RheaSummaryRequest *r = g_ptr_array_index(f->requests, i);
    const char *product = g_ptr_array_index(f->ids, i);
    RheaProductSummary *s = NULL;
    GError *one = NULL;
    if (cancelled)
        return 0;
    if (status == RHEA_WORKERS_IN_PARENT) {
        s = compute(f->store, r, &one);
    } else if (status == 0) {
        g_autoptr(GBytes) data = g_bytes_new(output, len);
        if ((s = rhea_summary_decode(data, product, &one)))
            s->meta = rhea_store_meta_get(f->store, product);
    } else if (status == 1) {
        g_set_error(&one, RHEA_ERROR, RHEA_ERROR_FAILED, "%.*s", (int)MIN(len, G_MAXINT), output);
    } else {
        g_set_error(&one, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "%s: the worker process computing its figures %s %d; run the command again",
                    product,
                    status >= RHEA_WORKERS_SIGNALED ? "was killed by signal" : "exited with",
                    status >= RHEA_WORKERS_SIGNALED ? status - RHEA_WORKERS_SIGNALED : status);
    }
    if (!s)
        return failed(f, product, one, error);
    keep_result(f, i, s);
    return 0;
}

/* Looks every product up, then computes the missing ones on the workers. */
static int fill_run(Fill *f, guint jobs, const RheaWindow *w, const RheaSummaryOptions *o,
                    GError **error)
{
    for (guint i = 0; i < f->ids->len; i++) {
        const char *id = g_ptr_array_index(f->ids, i);
        GError *one = NULL;
        RheaSummaryRequest *r = rhea_summary_request_new(f->store, id, w, o, &one);
        RheaProductSummary *s = r ? rhea_summary_request_lookup(f->store, r, &one) : NULL;
        gboolean found = s != NULL;
        g_ptr_array_add(f->requests, r);
        g_ptr_array_add(f->results, f->tolerant ? NULL : s);
        if (f->tolerant)
            rhea_summary_free(s);
        if (one) {
            if (failed(f, id, one, error) < 0)
                return -1;
            continue;
        }
        /* a study stores; what cannot be stored it leaves to the report */
        if (!found && (!f->tolerant || rhea_summary_request_key(r)))
            g_array_append_val(f->missing, i);
    }
    if (f->missing->len == 0)
        return 0;
    jobs = MIN(jobs, f->missing->len);
    f->fork = jobs > 1;
    const RheaWorkerCalls calls = {fill_start, fill_work, fill_done};
    return rhea_workers_run(MAX(jobs, 1), f->missing->len, &calls, f, rhea_cli_catch_signals(),
                            error);
}

static void request_free(gpointer p)
{
    rhea_summary_request_free(p);
}

static void summary_free(gpointer p)
{
    rhea_summary_free(p);
}

GPtrArray *rhea_cli_summaries(RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                              const RheaWindow *w, const RheaSummaryOptions *o, const char *command,
                              GError **error)
{
    g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func(request_free);
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func(summary_free);
    g_autoptr(GArray) missing = g_array_new(FALSE, FALSE, sizeof(guint));
    Fill f = {.store = store,
              .keep = keep,
              .command = command,
              .ids = ids,
              .requests = requests,
              .results = results,
              .missing = missing};
    int rc = fill_run(&f, jobs, w, o, error);
    if (f.own_writer)
        rhea_store_evidence_cache_writer_close(f.writer);
    return rc < 0 ? NULL : g_steal_pointer(&results);
}

int rhea_cli_summaries_fill(RheaStore *store, guint jobs, GPtrArray *ids, const RheaWindow *w,
                            const RheaSummaryOptions *o, const char *command, GError **error)
{
    g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func(request_free);
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func(summary_free);
    g_autoptr(GArray) missing = g_array_new(FALSE, FALSE, sizeof(guint));
    Fill f = {.store = store,
              .writer = store,
              .keep = TRUE,
              .tolerant = TRUE,
              .command = command,
              .ids = ids,
              .requests = requests,
              .results = results,
              .missing = missing};
    return fill_run(&f, jobs, w, o, error);
}

void rhea_cli_summary_options(const RheaCliOptions *o, GHashTable *backgrounds,
                              RheaSummaryOptions *out)
{
    *out = (RheaSummaryOptions){
        .rules_path = o->rules,
        .content_signals = o->content_signals,
        .permutations = o->permutations,
        .bootstrap = o->bootstrap,
        .max_files = o->max_files,
        .seed = o->seed,
        .top = o->top,
    };
    rhea_cli_contributor_options(o, backgrounds, &out->contributors);
}
