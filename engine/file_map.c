/* file_map.c: whole files mapped read-only (see the header). */
#include "engine/file_map.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

const unsigned char *rhea_file_map(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (guint64)st.st_size <= G_MAXSIZE) {
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        *len = (size_t)st.st_size;
    }
    close(fd);
    return m == MAP_FAILED ? NULL : m;
}

void rhea_file_unmap(const unsigned char *map, size_t len)
{
    if (map)
        munmap((void *)map, len);
}
