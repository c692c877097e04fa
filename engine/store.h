/* store.h: rhea's SQLite database (schema in docs/schema.md).
 *
 * One database holds many products. Writers group rows in transactions at commit granularity, so a
 * commit is either stored with all its parents and changed paths or not at all. The store hands
 * out no SQL handle: the history reads the other layers need are typed functions in
 * store_reads.h, and engine/store*.c are the only files that speak SQL. */
#pragma once
#include <glib.h>
#include <stdint.h>

#define RHEA_SCHEMA_VERSION 6

typedef struct RheaStore RheaStore;

typedef struct {
    char *id;
    char *repo_path;
    char *ref;
    char *tip; /* hex id of the last completely ingested tip, or NULL */
    char *rules_path;
    char *rules_text;
    gboolean line_stats;
    gboolean shallow;
} RheaProduct;

typedef struct {
    const char *sha;
    const char *author_name, *author_email;
    gint64 author_time;
    int author_offset; /* minutes east of UTC */
    const char *committer_name, *committer_email;
    gint64 committer_time;
    int committer_offset;
    const char *mailmap_name, *mailmap_email; /* author after .mailmap */
    const char *summary;
    unsigned parent_count;
} RheaCommitRow;

/* Opens (creating when absent) the database at path and brings its schema to this version.
 * Fails with a one-line message for a non-SQLite file, a foreign SQLite database, a newer schema,
 * or a location that cannot be written. */
RheaStore *rhea_store_open(const char *path, GError **error);
/* Opens an existing database for reading only; fails when absent. */
RheaStore *rhea_store_open_readonly(const char *path, GError **error);
void rhea_store_close(RheaStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaStore, rhea_store_close)
const char *rhea_store_path(RheaStore *store);

int rhea_store_begin(RheaStore *store, GError **error);
int rhea_store_commit(RheaStore *store, GError **error);
void rhea_store_rollback(RheaStore *store);
/* Around a load of many commits, inside transactions: drops the index of commit ids
 * (commits_by_sha), and builds it again. Opening a database for writing also builds it when
 * missing (and drops changes_by_path, an index of versions up to 6 nothing reads now). */
int rhea_store_bulk_begin(RheaStore *store, GError **error);
int rhea_store_bulk_end(RheaStore *store, GError **error);
/* The index alone (commits by id): dropped and built again, by bulk loads and by a study folding
 * many products into an empty database. */
int rhea_store_indexes_drop(RheaStore *store, GError **error);
int rhea_store_indexes_build(RheaStore *store, GError **error);
/* Waits for the checkpoint that rhea_store_indexes_build started on another thread (none: returns
 * at once); the transaction's commit or rollback and rhea_store_close wait for it too. */
void rhea_store_checkpoint_wait(RheaStore *store);
/* Runs SQL with no result rows. */
int rhea_store_exec(RheaStore *store, const char *sql, GError **error);
/* Sets *error from the connection's last SQLite error. Returns -1. */
int rhea_store_fail(RheaStore *store, GError **error, const char *what);

void rhea_product_free(RheaProduct *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RheaProduct, rhea_product_free)
/* *out is NULL (and 0 returned) when the product is not stored. */
int rhea_store_product_get(RheaStore *store, const char *id, RheaProduct **out, GError **error);
/* As rhea_store_product_get, but a product that is not stored is an error (RHEA_ERROR_NOT_FOUND,
 * saying to run rhea analyze first): -1, and *out is NULL. */
int rhea_store_product_require(RheaStore *store, const char *id, RheaProduct **out, GError **error);
/* Product ids, sorted. */
GPtrArray *rhea_store_product_list(RheaStore *store, GError **error);
/* Inserts the product or updates its repository, ref, rules and flags; the tip is not touched. */
int rhea_store_product_save(RheaStore *store, const RheaProduct *p, GError **error);
int rhea_store_product_set_tip(RheaStore *store, const char *id, const char *tip, GError **error);
/* Deletes every commit and change of the product (for a re-ingest after a history rewrite). */
int rhea_store_product_clear(RheaStore *store, const char *id, GError **error);
/* The set of commit ids (hex strings) stored for the product. */
GHashTable *rhea_store_commit_ids(RheaStore *store, const char *product, GError **error);
/* Whether commit sha is stored for product: 1, 0, or -1 with *error set. One index lookup, so an
 * incremental run asks only about the commits it visits. */
int rhea_store_has_commit(RheaStore *store, const char *product, const char *sha, GError **error);
/* How many commits are stored for product; -1 with *error set. */
gint64 rhea_store_commit_count(RheaStore *store, const char *product, GError **error);
/* Records that a complete run left commits commits for product at tip (a complete run's commits
 * are the ancestors of its tip, so the count is a function of the tip). */
int rhea_store_count_record(RheaStore *store, const char *product, const char *tip, gint64 commits,
                            GError **error);
/* The count recorded for product at tip, or counted when none was (another tip, a merged shard,
 * an older database); -1 with *error set. */
gint64 rhea_store_commit_count_at(RheaStore *store, const char *product, const char *tip,
                                  GError **error);

/* One changed path of a commit, for rhea_store_add_commit. */
typedef struct {
    const char *path; /* NUL-terminated at path_len */
    size_t path_len;
    char kind;             /* one of A, M, D, T */
    gint64 added, removed; /* < 0: NULL (no line stats) */
} RheaChangeRow;

/* Inserts a commit and the n paths it changed; returns its row id (> 0), or -1 with *error set.
 * The changes are one run of the changes table's row ids, in path-id order, which the commit's
 * row records (first_change, change_count; docs/schema.md). Change rows of consecutive commits
 * share multi-row statements, so the last few wait until rhea_store_changes_flush, which
 * rhea_store_commit and the index builds call first. */
gint64 rhea_store_add_commit(RheaStore *store, const char *product, const RheaCommitRow *row,
                             const RheaChangeRow *changes, guint n, GError **error);
int rhea_store_add_parent(RheaStore *store, gint64 cid, unsigned idx, const char *parent_sha,
                          GError **error);
/* Inserts the change rows rhea_store_add_commit left waiting. 0, or -1 with *error set. */
int rhea_store_changes_flush(RheaStore *store, GError **error);

/* Study metadata: manifest columns per product (name, genre, the paper's stars...). */
int rhea_store_meta_set(RheaStore *store, const char *product, const char *key, const char *value,
                        GError **error);
/* key -> value for the product (empty when none). */
GHashTable *rhea_store_meta_get(RheaStore *store, const char *product);
/* Study-wide settings (e.g. "until", the date a study is fixed at). */
int rhea_store_setting_set(RheaStore *store, const char *key, const char *value, GError **error);
char *rhea_store_setting_get(RheaStore *store, const char *key);

/* Process-wide SQLite settings; called once, before any database is opened. */
void rhea_store_tune(void);
