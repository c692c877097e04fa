/* cli_summaries.c: see cli_summaries.h. As with the evidence (cli/cli_evidence.c), children read
 * the database through connections of their own and send the encoded figures back on their
 * stdout (metrics/summary_codec.h); the parent decodes them in product order and stores each
 * entry in its own transaction. */
#include "cli/cli_summaries.h"

#include <stdio.h>

#include "cli/cli.h"
#include "engine/error.h"
#include "engine/store_evidence_cache.h"
#include "engine/workers.h"
#include "metrics/summary_cache.h"
#include "metrics/summary_codec.h"

typedef struct {
    RheaStore *store;  /* read-only */
    RheaStore *writer; /* opened at the first entry to store */
    gboolean keep;
    const char *command;
    GPtrArray *ids;      /* char *, the products */
    GPtrArray *requests; /* RheaSummaryRequest*, per product */
    GPtrArray *results;  /* RheaProductSummary* or NULL, per product */
    GArray *missing;     /* guint product indices */
    gboolean fork;
} Fill;

/* A computed summary into the results and, when kept, into the store; the first failure to store
 * is said once and the rest is not stored: the report itself is right either way. */
static void keep_result(Fill *f, guint i, RheaProductSummary *s)
{
    const RheaSummaryRequest *r = g_ptr_array_index(f->requests, i);
    g_ptr_array_index(f->results, i) = s;
    if (!f->keep || !rhea_summary_request_key(r))
        return;
    g_autoptr(GError) not_stored = NULL;
    gboolean stored = FALSE;
    if (!f->writer)
        f->writer = rhea_store_evidence_cache_writer(rhea_store_path(f->store), &not_stored);
    if (!f->writer ||
        rhea_summary_request_store(f->writer, f->store, r, s, &stored, &not_stored) < 0) {
        fprintf(stderr,
                "rhea %s: warning: %s: figures not stored (the rest of this run is not stored "
                "either): %s\n",
                f->command, rhea_summary_request_key(r)->product, not_stored->message);
        f->keep = FALSE;
    }
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
    if (cancelled)
        return 0;
    if (status == RHEA_WORKERS_IN_PARENT) {
        if (!(s = compute(f->store, r, error)))
            return -1;
    } else if (status == 0) {
        g_autoptr(GBytes) data = g_bytes_new(output, len);
        if (!(s = rhea_summary_decode(data, product, error)))
            return -1;
        s->meta = rhea_store_meta_get(f->store, product);
    } else if (status == 1) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "%.*s", (int)MIN(len, G_MAXINT), output);
        return -1;
    } else {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "%s: the worker process computing its figures %s %d; run the command again",
                    product,
                    status >= RHEA_WORKERS_SIGNALED ? "was killed by signal" : "exited with",
                    status >= RHEA_WORKERS_SIGNALED ? status - RHEA_WORKERS_SIGNALED : status);
        return -1;
    }
    keep_result(f, i, s);
    return 0;
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
    int rc = 0;
    for (guint i = 0; i < ids->len && rc == 0; i++) {
        RheaSummaryRequest *r =
            rhea_summary_request_new(store, g_ptr_array_index(ids, i), w, o, error);
        RheaProductSummary *s = NULL;
        if (!r) {
            rc = -1;
            break;
        }
        g_autoptr(GError) failed = NULL;
        s = rhea_summary_request_lookup(store, r, &failed);
        g_ptr_array_add(requests, r);
        g_ptr_array_add(results, s);
        if (failed) {
            g_propagate_error(error, g_steal_pointer(&failed));
            rc = -1;
        } else if (!s) {
            g_array_append_val(missing, i);
        }
    }
    if (rc == 0 && missing->len > 0) {
        jobs = MIN(jobs, missing->len);
        f.fork = jobs > 1;
        const RheaWorkerCalls calls = {fill_start, fill_work, fill_done};
        rc = rhea_workers_run(MAX(jobs, 1), missing->len, &calls, &f, rhea_cli_catch_signals(),
                              error);
    }
    rhea_store_evidence_cache_writer_close(f.writer);
    return rc < 0 ? NULL : g_steal_pointer(&results);
}
