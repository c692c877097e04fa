/* ingest_worker.c: the forked reader of the chunks of an ingest it claims (see the header for why
 * a process and why chunks are claimed, not dealt).
 *
 * Frames on the pipe: a kind byte, three bytes of zero, a 32-bit length, then that many bytes:
 * 'R' a serialized record (engine/ingest_writer.c), 'E' the worker's error message, 'D' the end.
 * The worker buffers frames and writes them at the end of each chunk (or every 256 KiB), so the
 * caller never waits for a chunk that is finished but unsent; the pipe (1 MiB where the system
 * allows) bounds what is in flight, and the worker blocks when it is that far ahead.
 *
 * The worker ignores SIGINT (the caller decides how a Ctrl-C ends the run and then stops it with
 * SIGKILL, as it holds nothing that needs cleaning up), never touches the store, and leaves with
 * _exit so that nothing inherited (the SQLite connection, atexit handlers, stdio buffers) runs
 * twice. */
#define _GNU_SOURCE
#include "engine/ingest_worker.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/error.h"

#define FLUSH_BYTES (256 * 1024)
#define PIPE_BYTES (1024 * 1024)
#define READ_BYTES (256 * 1024)
#define MAX_FRAME ((guint32)1 << 31)

struct RheaIngestWorker {
    pid_t pid;
    int fd;             /* read end */
    guint *claimed;     /* chunks claimed by either process: a page shared with the worker */
    guint chunk;        /* commits per chunk */
    guint chunks;       /* chunks in all */
    gint64 mine;        /* the caller's latest claim, -1 before its first */
    gboolean theirs;    /* the worker reads the current chunk */
    gboolean alternate; /* chunks dealt: the odd ones are the worker's */
    guint got;          /* records received from the worker */
    char *buf;
    gsize start, end; /* unread bytes of buf */
    GString *frame;
};

/* The next unclaimed chunk, claimed; chunks or more when none is left. */
static guint claim(guint *claimed)
{
    return (guint)g_atomic_int_add((gint *)claimed, 1);
}

/* The worker's next chunk: claimed, or with alternate the next odd one (the counter is its own). */
static guint worker_claim(guint *claimed, gboolean alternate)
{
    return alternate ? 2 * claim(claimed) + 1 : claim(claimed);
}

gboolean rhea_ingest_chunk_is_mine(guint *claimed, gint64 *mine, guint k, guint chunks)
{
    if (*mine == (gint64)k)
        return TRUE;
    if (*mine > (gint64)k)
        return FALSE; /* claimed by the worker while the caller held a later one */
    /* every chunk below k was claimed by someone, as the caller took them in order: the claim
     * is k, or a later chunk when the worker took k meanwhile */
    guint c = claim(claimed);
    *mine = c < chunks ? (gint64)c : (gint64)chunks;
    return c == k;
}

gboolean rhea_ingest_worker_owns(RheaIngestWorker *w, guint i)
{
    if (i % w->chunk == 0)
        w->theirs = w->alternate
                        ? (i / w->chunk) % 2 == 1
                        : !rhea_ingest_chunk_is_mine(w->claimed, &w->mine, i / w->chunk, w->chunks);
    return w->theirs;
}

guint rhea_ingest_worker_read(const RheaIngestWorker *w)
{
    return w ? w->got : 0;
}

static int write_all(int fd, const char *p, gsize n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (gsize)k;
    }
    return 0;
}

static void frame_begin(GString *out, char kind, gsize *at)
{
    char head[8] = {kind, 0, 0, 0, 0, 0, 0, 0};
    *at = out->len;
    g_string_append_len(out, head, sizeof head);
}

static void frame_end(GString *out, gsize at)
{
    guint32 len = (guint32)(out->len - at - 8);
    memcpy(out->str + at + 4, &len, sizeof len);
}

G_GNUC_NORETURN static void worker_main(int fd, guint *claimed, gboolean alternate,
                                        const GArray *ids, guint chunk, RheaRecordFillFn fill,
                                        void *ctx)
{
    signal(SIGINT, SIG_IGN);
    signal(SIGPIPE, SIG_IGN); /* a caller that stopped reading: write fails, the worker leaves */
    /* a handler inherited from the caller (a test runner's, which kills its process group) must
     * not run here */
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    GString *out = g_string_sized_new(FLUSH_BYTES + 64 * 1024);
    RheaCommitRecord *rec = rhea_commit_record_new();
    gsize at;
    guint chunks = (ids->len + chunk - 1) / chunk;
    for (guint k; (k = worker_claim(claimed, alternate)) < chunks;) {
        guint end = MIN(ids->len, (k + 1) * chunk);
        for (guint i = k * chunk; i < end; i++) {
            GError *error = NULL;
            rhea_commit_record_reset(rec);
            if (fill(ctx, &g_array_index(ids, git_oid, i), rec, &error) < 0) {
                frame_begin(out, 'E', &at);
                g_string_append(out, error ? error->message : "cannot read a commit");
                frame_end(out, at);
                write_all(fd, out->str, out->len);
                _exit(1);
            }
            frame_begin(out, 'R', &at);
            rhea_commit_record_serialize(rec, out);
            frame_end(out, at);
            /* sent at the end of each chunk: the caller may be waiting for it */
            if (i + 1 == end || out->len >= FLUSH_BYTES) {
                if (write_all(fd, out->str, out->len) < 0)
                    _exit(2);
                g_string_truncate(out, 0);
            }
        }
    }
    frame_begin(out, 'D', &at);
    frame_end(out, at);
    _exit(write_all(fd, out->str, out->len) < 0 ? 2 : 0);
}

RheaIngestWorker *rhea_ingest_worker_start(const GArray *ids, guint chunk, gboolean alternate,
                                           RheaRecordFillFn fill, void *ctx, GError **error)
{
    g_return_val_if_fail(ids && chunk > 0 && fill, NULL);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot create a pipe: %s",
                    g_strerror(errno));
        return NULL;
    }
    (void)fcntl(fds[1], F_SETPIPE_SZ, PIPE_BYTES); /* a smaller pipe only costs some overlap */
    guint *claimed =
        mmap(NULL, sizeof *claimed, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (claimed == MAP_FAILED) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "cannot map memory shared with a worker process: %s", g_strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    *claimed = 0;
    pid_t pid = fork();
    if (pid < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "cannot start a worker process: %s",
                    g_strerror(errno));
        munmap(claimed, sizeof *claimed);
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        worker_main(fds[1], claimed, alternate, ids, chunk, fill, ctx);
    }
    close(fds[1]);
    RheaIngestWorker *w = g_new0(RheaIngestWorker, 1);
    w->pid = pid;
    w->fd = fds[0];
    w->claimed = claimed;
    w->chunk = chunk;
    w->chunks = (ids->len + chunk - 1) / chunk;
    w->mine = -1;
    w->alternate = alternate;
    w->buf = g_malloc(READ_BYTES);
    w->frame = g_string_new(NULL);
    return w;
}

/* Reads exactly n bytes into dst (through the buffer). 0, or -1 at the end of the pipe. */
static int read_exact(RheaIngestWorker *w, char *dst, gsize n)
{
    while (n > 0) {
        if (w->start == w->end) {
            ssize_t k = read(w->fd, w->buf, READ_BYTES);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                return -1;
            w->start = 0;
            w->end = (gsize)k;
        }
        gsize take = MIN(n, w->end - w->start);
        memcpy(dst, w->buf + w->start, take);
        w->start += take;
        dst += take;
        n -= take;
    }
    return 0;
}

/* Why the worker's output ended: its exit status, after reaping it. */
static int worker_gone(RheaIngestWorker *w, GError **error)
{
    int status = 0;
    pid_t got;
    while ((got = waitpid(w->pid, &status, 0)) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    if (got > 0 && WIFSIGNALED(status))
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "the ingest's worker process was killed by signal %d; run the same command "
                    "again to resume",
                    WTERMSIG(status));
    else
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "the ingest's worker process stopped early (exit status %d); run the same "
                    "command again to resume",
                    got > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return -1;
}

int rhea_ingest_worker_next(RheaIngestWorker *w, RheaCommitRecord *rec, const char *expect_sha,
                            GError **error)
{
    char head[8];
    guint32 len;
    if (read_exact(w, head, sizeof head) < 0)
        return worker_gone(w, error);
    memcpy(&len, head + 4, sizeof len);
    if (len >= MAX_FRAME)
        return worker_gone(w, error);
    g_string_set_size(w->frame, len);
    if (read_exact(w, w->frame->str, len) < 0)
        return worker_gone(w, error);
    if (head[0] == 'D')
        return worker_gone(w, error);
    if (head[0] == 'E') {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED, "%.*s", (int)len, w->frame->str);
        return -1;
    }
    if (head[0] != 'R' || rhea_commit_record_deserialize(rec, w->frame->str, len) < 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "the ingest's worker process sent a malformed record; run the same command "
                    "again to resume");
        return -1;
    }
    if (strcmp(rhea_commit_record_sha(rec), expect_sha) != 0) {
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_FAILED,
                    "the ingest's worker process sent commit %s where %s was expected",
                    rhea_commit_record_sha(rec), expect_sha);
        return -1;
    }
    w->got++;
    return 0;
}

void rhea_ingest_worker_stop(RheaIngestWorker *w)
{
    if (!w)
        return;
    close(w->fd);
    if (w->pid > 0) {
        kill(w->pid, SIGKILL); /* it holds nothing that needs cleaning up */
        while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    munmap(w->claimed, sizeof *w->claimed);
    g_string_free(w->frame, TRUE);
    g_free(w->buf);
    g_free(w);
}
