/* libgit2_cache_shim.c: an LD_PRELOAD experiment, not part of rhea. It sets libgit2's object
 * cache limit (GIT_OPT_SET_CACHE_MAX_SIZE, bytes) from RHEA_SHIM_CACHE_MAX, or turns the cache off
 * when it is 0, before main() runs, so that the memory of an unchanged rhea binary can be measured
 * under another limit. rhea_repo_tune() sets other options (hash verification, the per-type
 * tree limit) and leaves these alone. Build and use (docs/performance.md, "Memory growth"):
 *   cc -O2 -shared -fPIC -o /tmp/cache_shim.so tests/bench/libgit2_cache_shim.c -lgit2
 *   RHEA_SHIM_CACHE_MAX=$((16 << 20)) LD_PRELOAD=/tmp/cache_shim.so build/rhea analyze ... */
#include <git2.h>
#include <stdlib.h>

__attribute__((constructor)) static void set_cache_limit(void)
{
    const char *v = getenv("RHEA_SHIM_CACHE_MAX");
    if (!v)
        return;
    long long max = atoll(v);
    git_libgit2_init();
    if (max == 0)
        git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
    else
        git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)max);
}
