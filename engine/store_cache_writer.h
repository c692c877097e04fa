/* store_cache_writer.h: the connection through which a command that reads the database read-only
 * stores what it computed (the evidence, engine/store_evidence_cache.h; the report figures,
 * engine/store_summary_cache.h) while other processes may write the same database. */
#pragma once
#include <glib.h>

#include "engine/store.h"

/* A connection to the existing database at path: it creates nothing, brings an older schema up to
 * date (rhea_store_open), and waits at most RHEA_STORE_CACHE_BUSY_MS for another writer's lock,
 * so a busy database costs a report a moment, not the store's usual 10 s per entry. */
#define RHEA_STORE_CACHE_BUSY_MS 2000
RheaStore *rhea_store_cache_writer(const char *path, GError **error);
/* Closes such a connection after copying what it wrote from the write-ahead log into the
 * database file (a passive checkpoint, which waits for no one): the command's read-only
 * connection closes last and cannot, so the entries would otherwise stay in the -wal file until
 * the next writer, and a copy of the database file alone would lack them. */
void rhea_store_cache_writer_close(RheaStore *writer);
