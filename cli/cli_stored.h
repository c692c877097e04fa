/* cli_stored.h: per-product results that the store keeps under a key of their inputs (the RQ2-RQ6
 * evidence, the report figures), for `rhea report`, `rhea evidence` and `rhea study`: each
 * product's result is read from the store when stored under the same key, the rest computed on up
 * to `jobs` worker processes (engine/workers.h) and stored by this process, which alone writes
 * the database. A kind (RheaCliStoredKind) says how to resolve, look up, compute, encode, decode
 * and store one product's result; cli_evidence.c and cli_summaries.c are the two kinds. */
#pragma once
#include <glib.h>

#include "engine/store.h"

typedef struct {
    const char *what; /* "evidence", "figures": the warnings say it */
    /* The request for product id: its key resolved from opts and ctx; NULL with *error set. */
    gpointer (*request_new)(RheaStore *store, const char *id, gconstpointer opts, gpointer ctx,
                            GError **error);
    void (*request_free)(gpointer request);
    /* Whether a result of the request is ever stored (not for an incomplete ingest). */
    gboolean (*storable)(gconstpointer request);
    /* The stored result, or NULL: none (no error), or *error set. */
    gpointer (*lookup)(RheaStore *store, gconstpointer request, gpointer ctx, GError **error);
    gpointer (*compute)(RheaStore *store, gconstpointer request, gpointer ctx, GError **error);
    GBytes *(*encode)(gconstpointer result);
    /* A child's encoded result, read back in the parent (store: its read connection). */
    gpointer (*decode)(RheaStore *store, GBytes *data, const char *product, gpointer ctx,
                       GError **error);
    /* Stores result through writer (reader: the command's connection); *stored says whether. */
    int (*store)(RheaStore *writer, RheaStore *reader, gconstpointer request, gconstpointer result,
                 gboolean *stored, GError **error);
    void (*result_free)(gpointer result);
} RheaCliStoredKind;

/* Opens --db read-only for a command that stores results; *keep says whether it may store
 * (read_only is FALSE and the user can write the file and its folder): a second, writable
 * connection is then opened when there is something to store. */
RheaStore *rhea_cli_stored_open(const char *path, gboolean read_only, gboolean *keep,
                                GError **error);

/* The results of every product of ids, in the order of ids. keep: store what was computed (a
 * failure to store is one warning line, and the rest is not stored). A product whose result cannot
 * be computed fails the whole call with its message. */
GPtrArray *rhea_cli_stored_many(const RheaCliStoredKind *kind, gpointer ctx, gconstpointer opts,
                                RheaStore *store, gboolean keep, guint jobs, GPtrArray *ids,
                                const char *command, GError **error);
/* `rhea study`: computes and stores, through store itself, the results of the products of ids
 * that can be stored and have nothing stored for the key; they are not kept in memory. A product
 * that fails is a warning line. -1 with *error set only when interrupted or when no worker could
 * be started. */
int rhea_cli_stored_fill(const RheaCliStoredKind *kind, gpointer ctx, gconstpointer opts,
                         RheaStore *store, guint jobs, GPtrArray *ids, const char *command,
                         GError **error);
