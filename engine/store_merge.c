/* store_merge.c: merging shard databases (store_merge.h).
 *
 * Each shard is ATTACHed and read with INSERT ... SELECT, so rows never pass through C. Commit
 * ids (cid) are the output's own: a shard's cids are shifted past the output's largest, which
 * keeps a product's commits in their stored order (parents before children). Path ids are
 * matched by path text, since each database interns paths in its own order; paths new to the
 * output are added in the shard's order, so that a product ingested alone and merged gets the
 * very ids an ingest straight into the output would have given (rhea study -j N equals -j 1). */
#include "engine/store_merge.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/store_private.h"

static int merge_fail(RheaStore *store, GError **error, const char *shard, const char *what)
{
    g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE, "%s: %s: %s", shard, what,
                sqlite3_errmsg(store->db));
    return -1;
}

/* Runs one statement with text parameters ?1..?n (NULL-terminated list) and an optional integer
 * ?9; returns the first column of the first row as an int64 in *out when out is not NULL. */
static int run(RheaStore *store, const char *shard, const char *sql, const char *const *texts,
               const gint64 *num, gint64 *out, GError **error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
        return merge_fail(store, error, shard, "cannot read the shard");
    for (int i = 0; texts && texts[i]; i++)
        sqlite3_bind_text(st, i + 1, texts[i], -1, SQLITE_STATIC);
    if (num)
        sqlite3_bind_int64(st, 9, *num);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && out)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return merge_fail(store, error, shard, "cannot merge the shard");
    return 0;
}

/* The shard's schema version must be the output's: columns are copied by position. */
static int check_version(RheaStore *store, const char *shard, GError **error)
{
    gint64 mine = -1, theirs = -1, tables = 0;
    if (run(store, shard, "PRAGMA main.user_version", NULL, NULL, &mine, error) < 0 ||
        run(store, shard, "PRAGMA shard.user_version", NULL, NULL, &theirs, error) < 0 ||
        run(store, shard,
            "SELECT count(*) FROM shard.sqlite_master WHERE type = 'table' AND name IN "
            "('products', 'commits', 'parents', 'paths', 'changes')",
            NULL, NULL, &tables, error) < 0)
        return -1;
    if (tables != 5 || theirs <= 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s: not a rhea database; name the databases rhea study --shard wrote", shard);
        return -1;
    }
    if (theirs != mine) {
        g_set_error(
            error, RHEA_ERROR, RHEA_ERROR_INVALID,
            "%s: schema version %" G_GINT64_FORMAT " where the output has %" G_GINT64_FORMAT
            "; open both with this rhea (rhea report --db SHARD upgrades it) and merge again",
            shard, theirs, mine);
        return -1;
    }
    return 0;
}

/* Study settings (the fixed --until) present in both must be equal; missing ones are copied. */
static int merge_settings(RheaStore *store, const char *shard, GError **error)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT s.key, s.value, m.value FROM shard.settings s JOIN main.settings m "
                      "ON m.key = s.key WHERE s.value IS NOT m.value";
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
        return merge_fail(store, error, shard, "cannot read the shard's settings");
    if (sqlite3_step(st) == SQLITE_ROW) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                    "%s: setting %s is '%s' where the output has '%s'; merge shards of one study "
                    "(the same rhea study options)",
                    shard, sqlite3_column_text(st, 0),
                    sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "",
                    sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return run(store, shard,
               "INSERT INTO main.settings SELECT * FROM shard.settings WHERE key NOT IN "
               "(SELECT key FROM main.settings)",
               NULL, NULL, NULL, error);
}

/* A shard's product's changes, with the output's commit and path ids, a commit's rows in the
 * output's path-id order (which the runs recorded next keep). */
/* clang-format off */
#define COPY_CHANGES_SQL                                                                           \
    "INSERT INTO main.changes(cid, pid, kind, added, removed)"                                     \
    " SELECT c.cid + ?9, mp.pid, ch.kind, ch.added, ch.removed FROM shard.commits c"               \
    " JOIN shard.changes ch " RHEA_STORE_CHANGES_OF("c", "ch")                                     \
    " JOIN shard.paths sp ON sp.pid = ch.pid JOIN main.paths mp ON mp.path = sp.path"              \
    " WHERE c.product = ?1 ORDER BY c.cid, mp.pid"
/* clang-format on */

/* Copies one product whole. */
static int copy_product(RheaStore *store, const char *shard, const char *id, RheaMergeStats *stats,
                        GError **error)
{
    const char *const p[] = {id, NULL};
    gint64 offset = 0, before = 0, after = 0, last_change = 0;
    if (run(store, shard, "SELECT ifnull(max(cid), 0) FROM main.commits", NULL, NULL, &offset,
            error) < 0 ||
        run(store, shard, "SELECT ifnull(max(rid), 0) FROM main.changes", NULL, NULL, &last_change,
            error) < 0 ||
        run(store, shard, "SELECT count(*) FROM main.commits", NULL, NULL, &before, error) < 0 ||
        run(store, shard, "INSERT INTO main.products SELECT * FROM shard.products WHERE id = ?1", p,
            NULL, NULL, error) < 0 ||
        run(store, shard,
            "INSERT INTO main.product_meta SELECT * FROM shard.product_meta WHERE product = ?1", p,
            NULL, NULL, error) < 0 ||
        run(store, shard,
            "INSERT OR REPLACE INTO main.product_counts SELECT * FROM shard.product_counts"
            " WHERE product = ?1",
            p, NULL, NULL, error) < 0 ||
        run(store, shard,
            "INSERT OR REPLACE INTO main.evidence_cache SELECT * FROM shard.evidence_cache"
            " WHERE product = ?1",
            p, NULL, NULL, error) < 0 ||
        run(store, shard,
            "INSERT OR REPLACE INTO main.summary_cache SELECT * FROM shard.summary_cache"
            " WHERE product = ?1",
            p, NULL, NULL, error) < 0 ||
        run(store, shard,
            "INSERT INTO main.commits SELECT cid + ?9, product, sha, author_name, author_email,"
            " author_time, author_offset, committer_name, committer_email, committer_time,"
            " committer_offset, mailmap_name, mailmap_email, summary, parent_count, is_merge, 0, 0"
            " FROM shard.commits WHERE product = ?1 ORDER BY cid",
            p, &offset, NULL, error) < 0 ||
        run(store, shard,
            "INSERT INTO main.parents SELECT pa.cid + ?9, pa.idx, pa.parent_sha"
            " FROM shard.parents pa JOIN shard.commits c ON c.cid = pa.cid WHERE c.product = ?1",
            p, &offset, NULL, error) < 0 ||
        run(store, shard,
            "INSERT OR IGNORE INTO main.paths(path) SELECT sp.path FROM shard.paths sp"
            " WHERE sp.pid IN (SELECT ch.pid FROM shard.commits c JOIN shard.changes "
            "ch " RHEA_STORE_CHANGES_OF("c", "ch") " WHERE c.product = ?1) ORDER BY sp.pid",
            p, NULL, NULL, error) < 0 ||
        run(store, shard, COPY_CHANGES_SQL, p, &offset, NULL, error) < 0 ||
        /* the output's path ids order a commit's rows, which then run from the last stored one */
        run(store, shard,
            "UPDATE main.commits AS mc SET first_change = r.first, change_count = r.n"
            " FROM (SELECT cid, min(rid) AS first, count(*) AS n FROM main.changes"
            " WHERE rid > ?9 GROUP BY cid) AS r WHERE r.cid = mc.cid",
            NULL, &last_change, NULL, error) < 0 ||
        run(store, shard, "SELECT count(*) FROM main.commits", NULL, NULL, &after, error) < 0)
        return -1;
    stats->products_added++;
    stats->commits_added += (guint64)(after - before);
    return 0;
}

/* Every product of the attached shard: copied, left alone when the output has it the same, or a
 * conflict. */
static int merge_products(RheaStore *store, const char *shard, RheaMergeStats *stats,
                          GError **error)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT s.id, m.id IS NOT NULL, s.tip IS m.tip, s.rules_text IS m.rules_text,"
                      " s.tip, m.tip FROM shard.products s LEFT JOIN main.products m ON m.id = s.id"
                      " ORDER BY s.id";
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
        return merge_fail(store, error, shard, "cannot read the shard's products");
    g_autoptr(GPtrArray) to_copy = g_ptr_array_new_with_free_func(g_free);
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (!sqlite3_column_int(st, 1)) {
            g_ptr_array_add(to_copy, g_strdup(id));
            continue;
        }
        if (sqlite3_column_int(st, 2) && sqlite3_column_int(st, 3)) {
            stats->products_same++;
            continue;
        }
        const char *theirs = (const char *)sqlite3_column_text(st, 4);
        const char *mine = (const char *)sqlite3_column_text(st, 5);
        g_autofree char *qid = rhea_error_quote(id);
        if (!sqlite3_column_int(st, 2))
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s: product %s has tip %.12s where the output has %.12s; the shards "
                        "read different histories: analyze it again in one of them, or merge "
                        "into a new output",
                        shard, qid, theirs ? theirs : "(none: ingest not finished)",
                        mine ? mine : "(none: ingest not finished)");
        else
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_INVALID,
                        "%s: product %s has other rules than in the output; record the same "
                        "rules file in both (rhea analyze --rules) or merge into a new output",
                        shard, qid);
        rc = -1;
    }
    sqlite3_finalize(st);
    for (guint i = 0; rc == 0 && i < to_copy->len; i++)
        rc = copy_product(store, shard, g_ptr_array_index(to_copy, i), stats, error);
    return rc;
}

/* One shard in its own transaction; the shard is attached outside it (SQLite refuses ATTACH and
 * DETACH inside a transaction). */
int rhea_store_merge_shard(RheaStore *store, const char *shard, RheaMergeStats *stats,
                           GError **error)
{
    const char *const a[] = {shard, NULL};
    if (run(store, shard, "ATTACH DATABASE ?1 AS shard", a, NULL, NULL, error) < 0)
        return -1;
    int rc = rhea_store_begin(store, error);
    if (rc == 0)
        rc = check_version(store, shard, error);
    if (rc == 0)
        rc = merge_settings(store, shard, error);
    if (rc == 0)
        rc = merge_products(store, shard, stats, error);
    if (rc == 0)
        rc = rhea_store_commit(store, error);
    else
        rhea_store_rollback(store);
    sqlite3_exec(store->db, "DETACH DATABASE shard", NULL, NULL, NULL);
    return rc;
}

static void remove_db_files(const char *path)
{
    g_autofree char *wal = g_strconcat(path, "-wal", NULL);
    g_autofree char *shm = g_strconcat(path, "-shm", NULL);
    g_autofree char *journal = g_strconcat(path, "-journal", NULL);
    g_unlink(wal);
    g_unlink(shm);
    g_unlink(journal);
    g_unlink(path);
}

/* A copy of the existing output. Its WAL is checkpointed and emptied first: a -wal file left
 * beside the output would otherwise be replayed into the merged file that replaces it. */
static int copy_output(const char *out_path, const char *tmp, GError **error)
{
    g_autoptr(RheaStore) src = rhea_store_open(out_path, error);
    if (!src)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(src->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(src->db, "VACUUM INTO ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: cannot copy the database beside it (%s); free some disk space or merge "
                    "into another folder",
                    out_path, sqlite3_errmsg(src->db));
        return -1;
    }
    return 0;
}

int rhea_store_merge_into(const char *out_path, const char *const *shards, guint n_shards,
                          RheaMergeStats *stats, GError **error)
{
    g_return_val_if_fail(out_path && (shards || n_shards == 0) && stats, -1);
    memset(stats, 0, sizeof *stats);
    /* a symlink's target is the database: replace that, keep the link */
    g_autofree char *target = NULL;
    if (g_file_test(out_path, G_FILE_TEST_IS_SYMLINK)) {
        target = realpath(out_path, NULL);
        if (!target) {
            g_set_error(error, RHEA_ERROR, RHEA_ERROR_NOT_FOUND,
                        "%s: a symbolic link to nothing; name the database file itself", out_path);
            return -1;
        }
        out_path = target;
    }
    struct stat sb;
    gboolean exists = stat(out_path, &sb) == 0;
    for (guint i = 0; i < n_shards; i++) {
        g_autoptr(RheaStore) probe = rhea_store_open_readonly(shards[i], error);
        if (!probe)
            return -1;
    }
    g_autofree char *dir = g_path_get_dirname(out_path);
    g_autofree char *base = g_path_get_basename(out_path);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.merge-XXXXXX", dir, base);
    int fd = g_mkstemp(tmpl);
    if (fd < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE,
                    "%s: cannot create a file beside the output (%s); merge into a writable folder",
                    dir, g_strerror(errno));
        return -1;
    }
    close(fd);
    g_unlink(tmpl); /* VACUUM INTO and sqlite3_open want to create it themselves */
    int rc = -1;
    RheaStore *store = NULL;
    if (exists && copy_output(out_path, tmpl, error) < 0)
        goto cleanup;
    if (!(store = rhea_store_open(tmpl, error)))
        goto cleanup;
    for (guint i = 0; i < n_shards; i++) {
        if (rhea_store_merge_shard(store, shards[i], stats, error) < 0)
            goto cleanup;
        stats->shards++;
    }
    rhea_store_close(g_steal_pointer(&store)); /* checkpoints the WAL into the file */
    if (exists)
        chmod(tmpl, sb.st_mode & 07777);
    if (rename(tmpl, out_path) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_DATABASE, "%s: cannot replace it (%s)", out_path,
                    g_strerror(errno));
        goto cleanup;
    }
    rc = 0;
cleanup:
    rhea_store_close(store);
    if (rc < 0)
        remove_db_files(tmpl);
    return rc;
}
