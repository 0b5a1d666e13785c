/* Laid-out copies of large PE images, so that the next start maps them.
 *
 * A PE file's sections sit at file offsets aligned to 512 bytes but must
 * appear at page-aligned addresses, so an image cannot be mapped from its
 * file: map_pe copies every section, which for an 80 MB program (FFprobe)
 * is most of its start-up time.  The first start of an image of
 * IMAGE_CACHE_MIN bytes or more also writes the laid-out image (before
 * relocation) to $CARAFE_PREFIX/cache/images, a sparse file named for the
 * source file's device, inode, size, mtime and ctime (any change to the
 * file, even one that keeps its size and mtime, changes its ctime); later
 * starts map that file copy-on-write, and only the pages the program
 * touches are ever read.  A file is written under a temporary name and
 * renamed, and carries a trailer after the image (written last), so a
 * half-written one is never used.  Entries are never changed in place (a
 * mapping of an old one stays valid); deleting the folder is always safe.
 * CARAFE_IMAGE_CACHE=off turns it off; CARAFE_IMAGE_CACHE_MIN sets the
 * size in bytes (tests use 0). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ntdll_private.h"

DEFAULT_DEBUG_CHANNEL(module);

#define IMAGE_CACHE_MIN (8u << 20)
#define TRAILER_MAGIC 0x4841434546524143ull   /* "CARFECAH" */

struct trailer {
    uint64_t magic;
    uint64_t dev, ino, size, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec, image_size;
};

static void make_trailer(const struct stat *st, size_t size, struct trailer *t)
{
    memset(t, 0, sizeof(*t));
    t->magic = TRAILER_MAGIC;
    t->dev = st->st_dev;
    t->ino = st->st_ino;
    t->size = st->st_size;
    t->mtime_sec = st->st_mtim.tv_sec;
    t->mtime_nsec = st->st_mtim.tv_nsec;
    t->ctime_sec = st->st_ctim.tv_sec;
    t->ctime_nsec = st->st_ctim.tv_nsec;
    t->image_size = size;
}

/* the folder, or NULL when the cache is off or SIZE is too small */
static const char *cache_dir(size_t size)
{
    static char dir[4096];
    const char *env = getenv("CARAFE_IMAGE_CACHE");
    if (env && !strcmp(env, "off")) return NULL;
    const char *min = getenv("CARAFE_IMAGE_CACHE_MIN");
    if (size < (min && *min ? strtoull(min, NULL, 0) : IMAGE_CACHE_MIN)) return NULL;
    if (!dir[0]) {
        const char *prefix = carafe_prefix();
        if (!prefix || snprintf(dir, sizeof(dir), "%s/cache/images", prefix) >= (int)sizeof(dir)) {
            dir[0] = 0;
            return NULL;
        }
    }
    return dir;
}

static int entry_path(const char *dir, const struct trailer *t, char *buf, size_t len)
{
    int n = snprintf(buf, len, "%s/%llx-%llx-%llx-%llx.%llx-%llx.%llx", dir, (unsigned long long)t->dev,
                     (unsigned long long)t->ino, (unsigned long long)t->size, (unsigned long long)t->mtime_sec,
                     (unsigned long long)t->mtime_nsec, (unsigned long long)t->ctime_sec,
                     (unsigned long long)t->ctime_nsec);
    return n > 0 && (size_t)n < len ? 0 : -1;
}

int image_cache_map(const struct stat *st, unsigned char *base, size_t size)
{
    const char *dir = cache_dir(size);
    struct trailer want, have;
    struct stat cst;
    char path[4200];
    if (!dir) return 0;
    make_trailer(st, size, &want);
    if (entry_path(dir, &want, path, sizeof(path))) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    int ok = !fstat(fd, &cst) && (size_t)cst.st_size == size + sizeof(have) &&
             pread(fd, &have, sizeof(have), size) == (ssize_t)sizeof(have) && !memcmp(&have, &want, sizeof(have));
    /* PROT_EXEC here, so that a folder on a noexec mount is found out now, not at protect_sections */
    if (ok && mmap(base, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        WARN("cannot map %s: %s\n", path, strerror(errno));
        ok = 0;
    }
    close(fd);
    if (ok) TRACE("mapped from %s\n", path);
    return ok;
}

static int make_dirs(const char *dir)
{
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(tmp, 0755) && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(tmp, 0755) && errno != EEXIST ? -1 : 0;
}

static int write_all(int fd, const void *buf, size_t len, off_t off)
{
    const char *p = buf;
    while (len) {
        ssize_t n = pwrite(fd, p, len, off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

void image_cache_store(const struct stat *st, const unsigned char *base, size_t size, DWORD headers,
                       const IMAGE_SECTION_HEADER *sections, unsigned int nsections)
{
    const char *dir = cache_dir(size);
    struct trailer t;
    char path[4200], tmp[4300];
    if (!dir || headers > size) return;
    make_trailer(st, size, &t);
    if (entry_path(dir, &t, path, sizeof(path)) || make_dirs(dir)) return;
    snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    /* only what map_pe put there: the rest stays a hole, which reads as zeros */
    int bad = ftruncate(fd, size) || write_all(fd, base, headers, 0);
    for (unsigned int i = 0; i < nsections && !bad; i++) {
        DWORD n = sections[i].SizeOfRawData;
        if (sections[i].VirtualSize && sections[i].VirtualSize < n) n = sections[i].VirtualSize;
        if (n && (size_t)sections[i].VirtualAddress + n <= size)
            bad = write_all(fd, base + sections[i].VirtualAddress, n, sections[i].VirtualAddress);
    }
    if (!bad) bad = write_all(fd, &t, sizeof(t), size);   /* last: it marks the file complete */
    if (close(fd) || bad || rename(tmp, path)) {
        unlink(tmp);
        return;
    }
    TRACE("stored %s\n", path);
}
