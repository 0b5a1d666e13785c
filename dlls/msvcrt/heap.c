/* msvcrt memory allocation over glibc's malloc, so that memory any part of
 * the CRT gets from malloc can be freed by the program and the reverse.
 * _msize answers the usable size, which may exceed the size asked for. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include "msvcrt_private.h"

void * CDECL MSVCRT_malloc(size_t size)
{
    void *p = malloc(size);
    if (!p) msvcrt_set_errno(MSVCRT_ENOMEM);
    return p;
}

void CDECL MSVCRT_free(void *p) { free(p); }

void * CDECL MSVCRT_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        msvcrt_set_errno(MSVCRT_ENOMEM);
        return NULL;
    }
    void *p = calloc(count, size);
    if (!p) msvcrt_set_errno(MSVCRT_ENOMEM);
    return p;
}

/* realloc(p, 0) frees p and answers NULL, as msvcrt's does */
void * CDECL MSVCRT_realloc(void *p, size_t size)
{
    if (!p) return MSVCRT_malloc(size);
    if (!size) {
        free(p);
        return NULL;
    }
    void *q = realloc(p, size);
    if (!q) msvcrt_set_errno(MSVCRT_ENOMEM);
    return q;
}

size_t CDECL MSVCRT__msize(void *p)
{
    if (!p) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return (size_t)-1;
    }
    return malloc_usable_size(p);
}

/* _expand resizes only in place: it succeeds when the block is big enough */
void * CDECL MSVCRT__expand(void *p, size_t size)
{
    if (!p) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    if (size <= malloc_usable_size(p)) return p;
    msvcrt_set_errno(MSVCRT_ENOMEM);
    return NULL;
}

int CDECL MSVCRT__heapchk(void) { return -2; /* _HEAPOK */ }
int CDECL MSVCRT__heapmin(void) { malloc_trim(0); return 0; }

/* Aligned blocks: the header just below the returned pointer (minus the
 * offset) records the underlying block and the size asked for. */
struct aligned_header {
    void *base;
    size_t size;
};

static int bad_alignment(size_t align) { return !align || (align & (align - 1)); }

void * CDECL MSVCRT__aligned_offset_malloc(size_t size, size_t align, size_t offset)
{
    if (bad_alignment(align) || (size && offset >= size)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    if (align < sizeof(void *)) align = sizeof(void *);
    size_t extra = align + sizeof(struct aligned_header) + offset;
    if (size > SIZE_MAX - extra) {
        msvcrt_set_errno(MSVCRT_ENOMEM);
        return NULL;
    }
    char *base = MSVCRT_malloc(size + extra);
    if (!base) return NULL;
    uintptr_t first = (uintptr_t)base + sizeof(struct aligned_header) + offset;
    uintptr_t aligned = (first + align - 1) & ~(uintptr_t)(align - 1);
    char *user = (char *)(aligned - offset);
    struct aligned_header *h = (struct aligned_header *)(((uintptr_t)user & ~(uintptr_t)7) - sizeof(*h));
    h->base = base;
    h->size = size;
    return user;
}

void * CDECL MSVCRT__aligned_malloc(size_t size, size_t align)
{
    return MSVCRT__aligned_offset_malloc(size, align, 0);
}

static struct aligned_header *aligned_header_of(void *p)
{
    return (struct aligned_header *)(((uintptr_t)p & ~(uintptr_t)7) - sizeof(struct aligned_header));
}

void CDECL MSVCRT__aligned_free(void *p)
{
    if (p) free(aligned_header_of(p)->base);
}

void * CDECL MSVCRT__aligned_offset_realloc(void *p, size_t size, size_t align, size_t offset)
{
    if (!p) return MSVCRT__aligned_offset_malloc(size, align, offset);
    if (!size) {
        MSVCRT__aligned_free(p);
        return NULL;
    }
    if (bad_alignment(align) || offset >= size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    void *q = MSVCRT__aligned_offset_malloc(size, align, offset);
    if (!q) return NULL;
    size_t old = aligned_header_of(p)->size;
    memcpy(q, p, old < size ? old : size);
    MSVCRT__aligned_free(p);
    return q;
}

void * CDECL MSVCRT__aligned_realloc(void *p, size_t size, size_t align)
{
    return MSVCRT__aligned_offset_realloc(p, size, align, 0);
}
