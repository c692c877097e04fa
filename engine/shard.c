/* shard.c: which shard an id belongs to (shard.h). */
#include "engine/shard.h"

#include <string.h>

#include "engine/error.h"

guint64 rhea_shard_hash(const char *id)
{
    guint64 h = 14695981039346656037ULL; /* FNV-1a 64: offset basis, prime */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return h;
}

gboolean rhea_shard_contains(const RheaShard *shard, const char *id)
{
    return shard->count == 0 || rhea_shard_hash(id) % shard->count == shard->index;
}

/* A decimal number of at most 7 digits, nothing else. */
static gboolean parse_count(const char *s, size_t len, guint *out)
{
    if (len == 0 || len > 7)
        return FALSE;
    guint v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return FALSE;
        v = v * 10 + (guint)(s[i] - '0');
    }
    *out = v;
    return TRUE;
}

int rhea_shard_parse(const char *text, const char *option, RheaShard *out, GError **error)
{
    const char *slash = text ? strchr(text, '/') : NULL;
    guint k, n;
    if (!slash || !parse_count(text, (size_t)(slash - text), &k) ||
        !parse_count(slash + 1, strlen(slash + 1), &n) || n == 0 || n > 1000000 || k >= n) {
        g_autofree char *q = rhea_error_quote(text ? text : "");
        g_set_error(error, RHEA_ERROR, RHEA_ERROR_USAGE,
                    "%s '%s': use K/N with 0 <= K < N (shard K of N, counted from 0)", option, q);
        return -1;
    }
    out->index = k;
    out->count = n;
    return 0;
}
