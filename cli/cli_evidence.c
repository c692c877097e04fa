/* cli_evidence.c: see cli_evidence.h. The command reads through a read-only connection; a
 * writable one is opened only when there is an entry to store, so a report that finds everything
 * stored never asks for the database's write lock. The children read the database through
 * connections of their own (a SQLite connection must not cross fork) and send the encoded evidence
 * back on their stdout (classifiers/evidence_codec.h); the parent decodes it in product order and
 * stores each entry in its own transaction, so the database has one writer whatever the number
 * of jobs, and an interrupted report leaves only whole entries. */
#include "cli/cli_evidence.h"

#include <stdio.h>
#include <unistd.h>

#include "classifiers/evidence_cache.h"
#include "classifiers/evidence_codec.h"
#include "cli/cli.h"
#include "engine/error.h"
#include "engine/store_evidence_cache.h"
#include "engine/workers.h"

static gboolean writable(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    /* WAL mode writes -wal and -shm files beside the database */
    return access(path, W_OK) == 0 && access(dir, W_OK) == 0;
}

RheaStore *rhea_cli_open_store_keep(const RheaCliOptions *o, gboolean read_only, gboolean *keep,
                                    GError **error)
{
    const char *path = rhea_cli_options_db(o);
    RheaStore *store = rhea_store_open_readonly(path, error);
    *keep = store && !read_only && writable(path);
    return store;
}

typedef struct {
    RheaStore *store;  /* read-only, or the study's own */
    RheaStore *writer; /* the study's store, or opened at the first entry to store */
    gboolean own_writer;
    gboolean keep, tolerant;
    const RheaEvidenceCatalog *catalog;
    const char *command;
    GPtrArray *requests; /* RheaEvidenceRequest*, per product */
    GPtrArray *results;  /* RheaEvidence* or NULL, per product */
    GArray *missing;     /* guint product indices */
    gboolean fork;
} Fill;

static void warn(const Fill *f, const char *product, const char *what, const char *message)
{
    fprintf(stderr, "rhea %s: warning: %s: %s: %s\n", f->command, product, what, message);
}

/* A computed entry into the results and, when kept, into the store. The first failure to store
 * (another process holding the database's write lock for long, a full disk) is said once, and
 * the rest is computed and not stored: the report itself is right either way. */
static void keep_result(Fill *f, guint i, RheaEvidence *ev)
{
    const RheaEvidenceRequest *r = g_ptr_array_index(f->requests, i);
    g_autoptr(GError) not_stored = NULL;
    gboolean stored = FALSE;
    if (f->keep && rhea_evidence_request_key(r) && !f->writer) {
        f->writer = rhea_store_evidence_cache_writer(rhea_store_path(f->store), &not_stored);
        f->own_writer = TRUE;
    }
    if (f->keep && rhea_evidence_request_key(r) &&
        (!f->writer || rhea_evidence_request_store(f->writer, r, ev, &stored, &not_stored) < 0)) {
        warn(f, rhea_evidence_request_product(r),
             "evidence not stored (the rest of this run is not stored either)",
             not_stored->message);
        f->keep = FALSE;
    }
    if (f->tolerant) /* a study only stores: memory stays flat over many products */
        rhea_evidence_free(ev);
    else
        g_ptr_array_index(f->results, i) = ev;
}

static gboolean fill_start(guint task, gpointer user)
{
    return ((Fill *)user)->fork;
}

/* In the child: the product's evidence, encoded, on stdout; or the error's message, exit 1. */
static int fill_work(guint task, gpointer user)
{
    Fill *f = user;
    guint i = g_array_index(f->missing, guint, task);
    const RheaEvidenceRequest *r = g_ptr_array_index(f->requests, i);
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) own = rhea_store_open_readonly(rhea_store_path(f->store), &error);
    g_autoptr(RheaEvidence) ev =
        own ? rhea_evidence_request_compute(own, r, f->catalog, &error) : NULL;
    if (!ev) {
        fputs(error->message, stdout);
        return 1;
    }
    g_autoptr(GBytes) data = rhea_evidence_encode(ev);
    gsize len = 0;
    const void *bytes = g_bytes_get_data(data, &len);
    return fwrite(bytes, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 2;
}

static int failed(Fill *f, const char *product, const char *message, GError **error)
{
    if (f->tolerant) {
        warn(f, product, "evidence not computed", message);
        return 0;
    }
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "%s", message);
    return -1;
}

static int fill_done(guint task, int status, const char *output, gsize len, gboolean cancelled,
                     gpointer user, GError **error)
{
    Fill *f = user;
    guint i = g_array_index(f->missing, guint, task);
    const RheaEvidenceRequest *r = g_ptr_array_index(f->requests, i);
    const char *product = rhea_evidence_request_product(r);
    g_autoptr(GError) one = NULL;
    if (cancelled)
        return 0;
    if (status == RHEA_WORKERS_IN_PARENT) {
        RheaEvidence *ev = rhea_evidence_request_compute(f->store, r, f->catalog, &one);
        if (!ev)
            return failed(f, product, one->message, error);
        keep_result(f, i, ev);
        return 0;
    }
    if (status == 0) {
        g_autoptr(GBytes) data = g_bytes_new(output, len);
        RheaEvidence *ev = rhea_evidence_decode(data, product, f->catalog, &one);
        if (!ev)
            return failed(f, product, one->message, error);
        keep_result(f, i, ev);
        return 0;
    }
    if (status == 1) {
        g_autofree char *message = g_strndup(output, len);
        return failed(f, product, message, error);
    }
    g_autofree char *message =
        g_strdup_printf("the worker process computing its evidence %s %d; run the command again",
                        status >= RHEA_WORKERS_SIGNALED ? "was killed by signal" : "exited with",
                        status >= RHEA_WORKERS_SIGNALED ? status - RHEA_WORKERS_SIGNALED : status);
    g_autofree char *full = g_strdup_printf("%s: %s", product, message);
    return failed(f, product, full, error);
}

/* Looks every product up, then computes the missing ones on the workers. */
static int fill_run(Fill *f, guint jobs, GPtrArray *ids, const RheaEvidenceOptions *o,
                    GError **error)
{
    for (guint i = 0; i < ids->len; i++) {
        const char *id = g_ptr_array_index(ids, i);
        g_autoptr(GError) one = NULL;
        RheaEvidenceRequest *r = rhea_evidence_request_new(f->store, id, f->catalog, o, &one);
        RheaEvidence *ev = r ? rhea_evidence_request_lookup(f->store, r, f->catalog, &one) : NULL;
        g_ptr_array_add(f->requests, r);
        g_ptr_array_add(f->results, ev);
        if (one) {
            if (failed(f, id, one->message, error) < 0)
                return -1;
            continue;
        }
        /* a study stores; what cannot be stored it leaves to the report */
        if (!ev && (!f->tolerant || rhea_evidence_request_key(r)))
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
    rhea_evidence_request_free(p);
}

static void evidence_free(gpointer p)
{
    rhea_evidence_free(p);
}

/* What both callers share: the store, the catalog and empty per-product arrays. Each caller then
 * says only its writer, whether it keeps, and whether a product's failure is a warning. */
static Fill fill_init(RheaStore *store, const RheaEvidenceCatalog *catalog, const char *command)
{
    return (Fill){.store = store,
                  .catalog = catalog,
                  .command = command,
                  .requests = g_ptr_array_new_with_free_func(request_free),
                  .results = g_ptr_array_new_with_free_func(evidence_free),
                  .missing = g_array_new(FALSE, FALSE, sizeof(guint))};
}

static void fill_clear(Fill *f)
{
    if (f->own_writer)
        rhea_store_evidence_cache_writer_close(f->writer);
    g_clear_pointer(&f->requests, g_ptr_array_unref);
    g_clear_pointer(&f->results, g_ptr_array_unref);
    g_clear_pointer(&f->missing, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Fill, fill_clear)

GPtrArray *rhea_cli_evidence_many(RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                                  const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                                  const char *command, GError **error)
{
    g_auto(Fill) f = fill_init(store, catalog, command);
    f.keep = keep; /* a writer is opened at the first entry to store */
    if (fill_run(&f, jobs, ids, o, error) < 0)
        return NULL;
    return g_steal_pointer(&f.results);
}

int rhea_cli_evidence_fill(RheaStore *store, guint jobs, GPtrArray *ids,
                           const RheaEvidenceCatalog *catalog, const RheaEvidenceOptions *o,
                           const char *command, GError **error)
{
    g_auto(Fill) f = fill_init(store, catalog, command);
    f.writer = store; /* the study's own store */
    f.keep = TRUE;
    f.tolerant = TRUE;
    return fill_run(&f, jobs, ids, o, error);
}
