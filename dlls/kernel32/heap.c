/* Heap*, Local*, Global* over malloc.
 *
 * Every block carries a header just below the pointer handed out, so
 * HeapSize is exact as on Windows and bad pointers are caught:
 *
 *     [ links (private heaps) or handle (moveable) ][ size | magic | kind ] data
 *                                                    p-16   p-8     p-4    p
 *
 * The process heap (PEB->ProcessHeap) is plain malloc with the 16-byte
 * header.  A private heap (HeapCreate) links its blocks so HeapDestroy
 * frees them, and counts what it holds against its maximum size.  A
 * moveable Local/Global block is reached through a handle that is not a
 * pointer to the data (the handle points at a slot holding the data
 * pointer, 8 bytes into a 16-byte record, as Windows' handles are). */
#include <malloc.h>
#include <pthread.h>
#include <string.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(heap);

#define BLOCK_MAGIC   0x424c4b48u   /* "HBLK" */
#define HEAP_MAGIC    0x50414548u   /* "HEAP" */
#define HANDLE_MAGIC  0x4c444e48u   /* "HNDL" */
#define MAX_BLOCK     ((SIZE_T)1 << 47)
#define ERROR_NOT_LOCKED 158

enum block_kind { KIND_PROCESS, KIND_PRIVATE, KIND_MOVEABLE };

struct block {          /* the 16 bytes below every block */
    SIZE_T size;
    DWORD magic;
    DWORD kind;
};

struct heap;
struct private_links {  /* the 32 bytes below a private heap's block header */
    struct heap *heap;
    struct private_links *prev, *next;
    void *pad;
};

struct heap {
    DWORD magic, flags;
    SIZE_T max, used;
    pthread_mutex_t lock;
    struct private_links blocks;   /* list head */
};

struct mem_handle {     /* a moveable block's handle is &record->ptr */
    DWORD magic;
    WORD lock;
    WORD flags;
    void *ptr;
};

#define HEADER sizeof(struct block)
#define PRIVATE_HEADER (HEADER + sizeof(struct private_links))
#define MOVEABLE_HEADER (HEADER + 16)

static struct block *block_of(LPCVOID p) { return (struct block *)((char *)p - HEADER); }
static struct private_links *links_of(LPCVOID p) { return (struct private_links *)((char *)p - PRIVATE_HEADER); }
static HLOCAL *moveable_owner(LPCVOID p) { return (HLOCAL *)((char *)p - MOVEABLE_HEADER); }

static size_t header_size(DWORD kind)
{
    return kind == KIND_PRIVATE ? PRIVATE_HEADER : kind == KIND_MOVEABLE ? MOVEABLE_HEADER : HEADER;
}

static int valid_block(LPCVOID p)
{
    return p && !((ULONG_PTR)p & 15) && block_of(p)->magic == BLOCK_MAGIC;
}

static struct heap *private_heap(HANDLE h)
{
    struct heap *heap = h;
    return heap && heap->magic == HEAP_MAGIC ? heap : NULL;
}

static void *block_alloc(DWORD kind, SIZE_T size, DWORD flags)
{
    size_t hs = header_size(kind);
    if (size > MAX_BLOCK) return NULL;
    char *base = (flags & HEAP_ZERO_MEMORY) ? calloc(1, size + hs) : malloc(size + hs);
    if (!base) return NULL;
    struct block *b = (struct block *)(base + hs - HEADER);
    b->size = size;
    b->magic = BLOCK_MAGIC;
    b->kind = kind;
    return base + hs;
}

static void block_free(void *p)
{
    struct block *b = block_of(p);
    b->magic = 0;
    free((char *)p - header_size(b->kind));
}

/* grow or shrink; in_place refuses to move.  Returns the new pointer or NULL. */
static void *block_realloc(void *p, SIZE_T size, DWORD flags)
{
    struct block *b = block_of(p);
    size_t hs = header_size(b->kind);
    SIZE_T old = b->size;
    char *base = (char *)p - hs;
    if (size > MAX_BLOCK) return NULL;
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        if (size > old && size + hs > malloc_usable_size(base)) return NULL;
    } else {
        if (!(base = realloc(base, size + hs))) return NULL;
        p = base + hs;
        b = block_of(p);
    }
    b->size = size;
    if (size > old && (flags & HEAP_ZERO_MEMORY)) memset((char *)p + old, 0, size - old);
    return p;
}

static void link_block(struct heap *heap, void *p)
{
    struct private_links *l = links_of(p);
    l->heap = heap;
    l->prev = &heap->blocks;
    l->next = heap->blocks.next;
    l->next->prev = l;
    heap->blocks.next = l;
}

static void unlink_block(void *p)
{
    struct private_links *l = links_of(p);
    l->prev->next = l->next;
    l->next->prev = l->prev;
}

static void no_memory(DWORD flags)
{
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    if (flags & HEAP_GENERATE_EXCEPTIONS) RaiseException(STATUS_NO_MEMORY, 0, 0, NULL);
}

HANDLE WINAPI GetProcessHeap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

HANDLE WINAPI HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
    struct heap *h = calloc(1, sizeof(*h));
    if (!h) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    h->magic = HEAP_MAGIC;
    h->flags = flags;
    h->max = max;
    pthread_mutex_init(&h->lock, NULL);
    h->blocks.next = h->blocks.prev = &h->blocks;
    return h;
}

BOOL WINAPI HeapDestroy(HANDLE handle)
{
    struct heap *h = private_heap(handle);
    if (!h) {
        /* the process heap stays; anything else is not a heap */
        if (handle && handle == GetProcessHeap()) return FALSE;
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    while (h->blocks.next != &h->blocks) {
        struct private_links *l = h->blocks.next;
        void *p = (char *)l + PRIVATE_HEADER;
        unlink_block(p);
        block_free(p);
    }
    h->magic = 0;
    pthread_mutex_destroy(&h->lock);
    free(h);
    return TRUE;
}

LPVOID WINAPI HeapAlloc(HANDLE handle, DWORD flags, SIZE_T size)
{
    struct heap *h = private_heap(handle);
    void *p;
    if (!h) {
        if (!(p = block_alloc(KIND_PROCESS, size, flags))) no_memory(flags);
        return p;
    }
    pthread_mutex_lock(&h->lock);
    p = NULL;
    if (!h->max || (size <= h->max && h->used + size <= h->max)) p = block_alloc(KIND_PRIVATE, size, flags);
    if (p) {
        link_block(h, p);
        h->used += size;
    }
    pthread_mutex_unlock(&h->lock);
    if (!p) no_memory(flags);
    return p;
}

BOOL WINAPI HeapFree(HANDLE handle, DWORD flags, LPVOID p)
{
    if (!p) return TRUE;
    if (!valid_block(p) || block_of(p)->kind == KIND_MOVEABLE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (block_of(p)->kind == KIND_PRIVATE) {
        struct heap *h = links_of(p)->heap;
        pthread_mutex_lock(&h->lock);
        h->used -= block_of(p)->size;
        unlink_block(p);
        block_free(p);
        pthread_mutex_unlock(&h->lock);
        return TRUE;
    }
    block_free(p);
    return TRUE;
}

LPVOID WINAPI HeapReAlloc(HANDLE handle, DWORD flags, LPVOID p, SIZE_T size)
{
    void *np;
    if (!valid_block(p) || block_of(p)->kind == KIND_MOVEABLE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (block_of(p)->kind == KIND_PRIVATE) {
        struct heap *h = links_of(p)->heap;
        SIZE_T old = block_of(p)->size;
        pthread_mutex_lock(&h->lock);
        np = NULL;
        if (!h->max || size <= old || h->used - old + size <= h->max) {
            unlink_block(p);
            np = block_realloc(p, size, flags);
            link_block(h, np ? np : p);
            if (np) h->used = h->used - old + size;
        }
        pthread_mutex_unlock(&h->lock);
    } else np = block_realloc(p, size, flags);
    if (!np) no_memory(flags);
    return np;
}

SIZE_T WINAPI HeapSize(HANDLE heap, DWORD flags, LPCVOID p)
{
    if (!valid_block(p)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return (SIZE_T)-1;
    }
    return block_of(p)->size;
}

BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, LPCVOID p)
{
    return !p || valid_block(p);
}

SIZE_T WINAPI HeapCompact(HANDLE heap, DWORD flags) { return 0x100000; }
BOOL WINAPI HeapLock(HANDLE heap) { return TRUE; }
BOOL WINAPI HeapUnlock(HANDLE heap) { return TRUE; }
BOOL WINAPI HeapSetInformation(HANDLE heap, int cls, PVOID info, SIZE_T len) { return TRUE; }

DWORD WINAPI GetProcessHeaps(DWORD count, PHANDLE heaps)
{
    FIXME("only the process heap is listed\n");
    if (count) heaps[0] = GetProcessHeap();
    return 1;
}

/* ---- Local and Global memory (the same thing on Win32) ---- */

static struct mem_handle *moveable(HLOCAL h)
{
    if (((ULONG_PTR)h & 15) != 8) return NULL;
    struct mem_handle *m = (struct mem_handle *)((char *)h - 8);
    return m->magic == HANDLE_MAGIC ? m : NULL;
}

HLOCAL WINAPI LocalAlloc(UINT flags, SIZE_T size)
{
    DWORD hflags = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
    if (!(flags & LMEM_MOVEABLE)) {
        void *p = block_alloc(KIND_PROCESS, size, hflags);
        if (!p) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return p;
    }
    struct mem_handle *m = memalign(16, sizeof(*m));
    if (!m) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    m->magic = HANDLE_MAGIC;
    m->lock = 0;
    m->flags = flags;
    m->ptr = NULL;   /* size 0: allocated discarded */
    if (size && !(m->ptr = block_alloc(KIND_MOVEABLE, size, hflags))) {
        free(m);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (m->ptr) *moveable_owner(m->ptr) = &m->ptr;
    return &m->ptr;
}

HLOCAL WINAPI LocalFree(HLOCAL h)
{
    struct mem_handle *m;
    if (!h) return NULL;
    if ((m = moveable(h))) {
        if (m->ptr) block_free(m->ptr);
        m->magic = 0;
        free(m);
        return NULL;
    }
    if (!valid_block(h) || block_of(h)->kind != KIND_PROCESS) {
        SetLastError(ERROR_INVALID_HANDLE);
        return h;
    }
    block_free(h);
    return NULL;
}

HLOCAL WINAPI LocalReAlloc(HLOCAL h, SIZE_T size, UINT flags)
{
    DWORD hflags = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
    struct mem_handle *m = moveable(h);
    void *p;
    if (flags & LMEM_MODIFY) {
        FIXME("LMEM_MODIFY is ignored\n");
        return h;
    }
    if (!m) {
        if (!valid_block(h) || block_of(h)->kind != KIND_PROCESS) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
        /* a fixed block moves only when the caller allows it */
        if (!(p = block_realloc(h, size, hflags | ((flags & LMEM_MOVEABLE) ? 0 : HEAP_REALLOC_IN_PLACE_ONLY))))
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return p;
    }
    if (!size) {   /* discard */
        if (m->lock) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
        if (m->ptr) block_free(m->ptr);
        m->ptr = NULL;
        return h;
    }
    if (!m->ptr) p = block_alloc(KIND_MOVEABLE, size, hflags);
    else p = block_realloc(m->ptr, size, hflags | (m->lock ? HEAP_REALLOC_IN_PLACE_ONLY : 0));
    if (!p) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    m->ptr = p;
    *moveable_owner(p) = h;
    return h;
}

SIZE_T WINAPI LocalSize(HLOCAL h)
{
    struct mem_handle *m = moveable(h);
    if (m) return m->ptr ? block_of(m->ptr)->size : 0;
    if (!valid_block(h)) { SetLastError(ERROR_INVALID_HANDLE); return 0; }
    return block_of(h)->size;
}

LPVOID WINAPI LocalLock(HLOCAL h)
{
    struct mem_handle *m = moveable(h);
    if (!m) {
        if (!valid_block(h)) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
        return h;
    }
    if (m->lock < 0xff) m->lock++;
    return m->ptr;
}

BOOL WINAPI LocalUnlock(HLOCAL h)
{
    struct mem_handle *m = moveable(h);
    if (!m) {   /* fixed blocks are never locked */
        if (!valid_block(h)) SetLastError(ERROR_INVALID_HANDLE);
        else SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    if (!m->lock) { SetLastError(ERROR_NOT_LOCKED); return FALSE; }
    if (--m->lock) return TRUE;
    SetLastError(NO_ERROR);
    return FALSE;
}

HLOCAL WINAPI LocalHandle(LPCVOID p)
{
    if (moveable((HLOCAL)p)) return (HLOCAL)p;
    if (!valid_block(p)) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
    if (block_of(p)->kind == KIND_MOVEABLE) return *moveable_owner(p);
    return (HLOCAL)p;
}

HGLOBAL WINAPI GlobalAlloc(UINT flags, SIZE_T size) { return LocalAlloc(flags & (GMEM_MOVEABLE | GMEM_ZEROINIT), size); }
HGLOBAL WINAPI GlobalFree(HGLOBAL h) { return LocalFree(h); }
HGLOBAL WINAPI GlobalReAlloc(HGLOBAL h, SIZE_T size, UINT flags) { return LocalReAlloc(h, size, flags); }
SIZE_T WINAPI GlobalSize(HGLOBAL h) { return LocalSize(h); }
LPVOID WINAPI GlobalLock(HGLOBAL h) { return LocalLock(h); }
BOOL WINAPI GlobalUnlock(HGLOBAL h) { return LocalUnlock(h); }
HGLOBAL WINAPI GlobalHandle(LPCVOID p) { return LocalHandle(p); }
