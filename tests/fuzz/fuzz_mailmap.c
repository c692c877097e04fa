/* fuzz_mailmap.c: libFuzzer target for the identity path of an ingest: arbitrary bytes as a
 * .mailmap (git_mailmap_from_buffer), then identities resolved through it as engine/ingest.c does
 * (git_mailmap_resolve on fixed identities and on one taken from the input itself), and the raw and
 * resolved identities written as a commit row to a store in a temporary file
 * (rhea_store_add_commit). Seeds: tests/fuzz/corpus/fuzz_mailmap/. */
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/store.h"

static RheaStore *store;
static char *store_path;

static void remove_store(void)
{
    rhea_store_close(store);
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *p = g_strconcat(store_path, suffixes[i], NULL);
        unlink(p);
    }
}
static guint64 serial, inputs;

static void resolve_and_store(git_mailmap *mm, const char *name, const char *email)
{
    const char *rn = NULL, *re = NULL;
    if (git_mailmap_resolve(&rn, &re, mm, name, email) < 0)
        return;
    char sha[41];
    g_snprintf(sha, sizeof sha, "%040" G_GINT64_MODIFIER "x", serial++);
    RheaCommitRow row = {
        .sha = sha,
        .author_name = name,
        .author_email = email,
        .committer_name = name,
        .committer_email = email,
        .mailmap_name = rn,
        .mailmap_email = re,
        .summary = "",
    };
    GError *error = NULL;
    if (rhea_store_add_commit(store, "fuzz", &row, NULL, 0, &error) < 0)
        __builtin_trap(); /* any bytes must be storable */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store) {
        git_libgit2_init();
        GError *error = NULL;
        /* a file, not ":memory:": rhea refuses SQLite's special names (engine/store_path.h) */
        int fd = g_file_open_tmp("rhea-fuzz-mailmap-XXXXXX.sqlite", &store_path, &error);
        if (fd < 0)
            __builtin_trap();
        close(fd);
        unlink(store_path); /* rhea creates it */
        store = rhea_store_open(store_path, &error);
        if (!store)
            __builtin_trap();
        atexit(remove_store);
        rhea_store_exec(store, "INSERT INTO products(id, repo_path, ref) VALUES('fuzz', '', '')",
                        NULL);
    }
    git_mailmap *mm = NULL;
    if (git_mailmap_from_buffer(&mm, (const char *)data, size) < 0)
        return 0;
    resolve_and_store(mm, "Alice Smith", "alice@example.com");
    resolve_and_store(mm, "alice", "alice@home.example");
    resolve_and_store(mm, "", "");
    resolve_and_store(mm, "Commit Name", "COMMIT@EXAMPLE.COM");
    /* an identity from the input: up to the first '<' as name, the rest of the line as email */
    g_autofree char *text = g_strndup((const char *)data, size);
    char *nl = strchr(text, '\n');
    if (nl)
        *nl = '\0';
    char *lt = strchr(text, '<');
    if (lt) {
        *lt = '\0';
        resolve_and_store(mm, text, lt + 1);
    }
    git_mailmap_free(mm);
    if (++inputs % 4096 == 0) /* keeps the in-memory store small */
        rhea_store_exec(store, "DELETE FROM commits", NULL);
    return 0;
}
