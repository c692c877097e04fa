/* cli_stored.c: see cli_stored.h. The command reads through a read-only connection; a writable
 * one is opened only when there is an entry to store, so a report that finds everything stored
 * never asks for the database's write lock. The children read the database through connections
 * of their own (a SQLite connection must not cross fork) and send the encoded result back on
 * their stdout; the parent decodes it in product order and stores each entry in its own
 * transaction, so an interrupted command leaves only whole entries. */
#include "cli/cli_stored.h"

#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "engine/error.h"
#include "engine/store_cache_writer.h"
#include "engine/workers.h"

static gboolean writable(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    /* WAL mode writes -wal and -shm files beside the database */
    return access(path, W_OK) == 0 && access(dir, W_OK) == 0;
}

RheaStore *rhea_cli_stored_open(const char *path, gboolean read_only, gboolean *keep,
                                GError **error)
{
    RheaStore *store = rhea_store_open_readonly(path, error);
    *keep = store && !read_only && writable(path);
    return store;
}

typedef struct {
    const RheaCliStoredKind *kind;
    gpointer ctx;
    RheaStore *store;  /* read-only, or the study's own */
    RheaStore *writer; /* the study's store, or opened at the first entry to store */
    gboolean own_writer;
    gboolean keep, tolerant;
    const char *command;
    GPtrArray *ids;      /* char *, the products */
    GPtrArray *requests; /* per product */
    GPtrArray *results;  /* per product, or NULL */
    GArray *missing;     /* guint product indices */
    gboolean fork;
} Fill;

static void warn(const Fill *f, const char *product, const char *what, const char *message)
{
    fprintf(stderr, "rhea %s: warning: %s: %s %s: %s\n", f->command, product, f->kind->what, what,
            message);
}

/* A computed result into the results and, when kept, into the store. The first failure to store
 * (another process holding the database's write lock for long, a full disk) is said once, and the
 * rest is computed and not stored: the output itself is right either way. */
static void keep_result(Fill *f, guint i, gpointer result)
{
    gconstpointer r = g_ptr_array_index(f->requests, i);
    gboolean storable = f->keep && f->kind->storable(r);
    g_autoptr(GError) not_stored = NULL;
    gboolean stored = FALSE;
    if (storable && !f->writer) {
        f->writer = rhea_store_cache_writer(rhea_store_path(f->store), &not_stored);
        f->own_writer = TRUE;
    }
    if (storable &&
        (!f->writer || f->kind->store(f->writer, f->store, r, result, &stored, &not_stored) < 0)) {
        warn(f, g_ptr_array_index(f->ids, i),
             "not stored (the rest of this run is not stored either)", not_stored->message);
        f->keep = FALSE;
    }
    if (f->tolerant) /* a study only stores: memory stays flat over many products */
        f->kind->result_free(result);
    else
        g_ptr_array_index(f->results, i) = result;
}

static int failed(Fill *f, const char *product, const char *message, GError **error)
{
    if (f->tolerant) {
        warn(f, product, "not computed", message);
        return 0;
    }
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "%s", message);
    return -1;
}

static gboolean fill_start(guint task, gpointer user)
{
    (void)task;
    return ((Fill *)user)->fork;
}

/* In the child: the product's result, encoded, on stdout; or the error's message, exit 1. */
static int fill_work(guint task, gpointer user)
{
    Fill *f = user;
    guint i = g_array_index(f->missing, guint, task);
    gconstpointer r = g_ptr_array_index(f->requests, i);
    g_autoptr(GError) error = NULL;
    g_autoptr(RheaStore) own = rhea_store_open_readonly(rhea_store_path(f->store), &error);
    gpointer result = own ? f->kind->compute(own, r, f->ctx, &error) : NULL;
    if (!result) {
        fputs(error->message, stdout);
        return 1;
    }
    g_autoptr(GBytes) data = f->kind->encode(result);
    f->kind->result_free(result);
    gsize len = 0;
    const void *bytes = g_bytes_get_data(data, &len);
    return fwrite(bytes, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 2;
}

static int fill_done(guint task, int status, const char *output, gsize len, gboolean cancelled,
                     gpointer user, GError **error)
{
    Fill *f = user;
    guint i = g_array_index(f->missing, guint, task);
    gconstpointer r = g_ptr_array_index(f->requests, i);
    const char *product = g_ptr_array_index(f->ids, i);
    g_autoptr(GError) one = NULL;
    gpointer result = NULL;
    if (cancelled)
        return 0;
    if (status == RHEA_WORKERS_IN_PARENT) {
        result = f->kind->compute(f->store, r, f->ctx, &one);
    } else if (status == 0) {
        g_autoptr(GBytes) data = g_bytes_new(output, len);
        result = f->kind->decode(f->store, data, product, f->ctx, &one);
    } else if (status == 1) {
        g_autofree char *message = g_strndup(output, len);
        return failed(f, product, message, error);
    } else {
        g_autofree char *message = g_strdup_printf(
            "%s: the worker process computing its %s %s %d; run the command again", product,
            f->kind->what, status >= RHEA_WORKERS_SIGNALED ? "was killed by signal" : "exited with",
            status >= RHEA_WORKERS_SIGNALED ? status - RHEA_WORKERS_SIGNALED : status);
        return failed(f, product, message, error);
    }
    if (!result)
        return failed(f, product, one->message, error);
    keep_result(f, i, result);
    return 0;
}

/* Looks every product up, then computes the missing ones on the workers. */
static int fill_run(Fill *f, guint jobs, gconstpointer opts, GError **error)
{
    for (guint i = 0; i < f->ids->len; i++) {
        const char *id = g_ptr_array_index(f->ids, i);
        g_autoptr(GError) one = NULL;
        gpointer r = f->kind->request_new(f->store, id, opts, f->ctx, &one);
        gpointer result = r ? f->kind->lookup(f->store, r, f->ctx, &one) : NULL;
        gboolean found = result != NULL;
        g_ptr_array_add(f->requests, r);
        g_ptr_array_add(f->results, f->tolerant ? NULL : result);
        if (f->tolerant && result)
            f->kind->result_free(result);
        if (one) {
            if (failed(f, id, one->message, error) < 0)
                return -1;
            continue;
        }
        /* a study stores; what cannot be stored it leaves to the report */
        if (!found && (!f->tolerant || f->kind->storable(r)))
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

static Fill fill_init(const RheaCliStoredKind *kind, gpointer ctx, RheaStore *store, GPtrArray *ids,
                      const char *command)
{
    return (Fill){.kind = kind,
                  .ctx = ctx,
                  .store = store,
                  .command = command,
                  .ids = ids,
                  .requests = g_ptr_array_new_with_free_func(kind->request_free),
                  .results = g_ptr_array_new_with_free_func(kind->result_free),
                  .missing = g_array_new(FALSE, FALSE, sizeof(guint))};
}

static void fill_clear(Fill *f)
{
    if (f->own_writer)
        rhea_store_cache_writer_close(f->writer);
    g_clear_pointer(&f->requests, g_ptr_array_unref);
    g_clear_pointer(&f->results, g_ptr_array_unref);
    g_clear_pointer(&f->missing, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Fill, fill_clear)

GPtrArray *rhea_cli_stored_many(const RheaCliStoredKind *kind, gpointer ctx, gconstpointer opts,
                                RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                                const char *command, GError **error)
{
    g_auto(Fill) f = fill_init(kind, ctx, store, ids, command);
    f.keep = keep; /* a writer is opened at the first entry to store */
    if (fill_run(&f, jobs, opts, error) < 0)
        return NULL;
    return g_steal_pointer(&f.results);
}

int rhea_cli_stored_fill(const RheaCliStoredKind *kind, gpointer ctx, gconstpointer opts,
                         RheaStore *store, guint jobs, GPtrArray *ids, const char *command,
                         GError **error)
{
    g_auto(Fill) f = fill_init(kind, ctx, store, ids, command);
    f.writer = store; /* the study's own store */
    f.keep = TRUE;
    f.tolerant = TRUE;
    return fill_run(&f, jobs, opts, error);
}
