/* Heap*, Local*, Global* over malloc.  Each block carries a 16-byte header
 * with its requested size so HeapSize is exact, as on Windows. */
#include <malloc.h>
#include <string.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(heap);

#define HEADER 16
#define HEAP_MAGIC 0x48454150u   /* "HEAP" */

struct heap { DWORD magic, flags; };
struct block { SIZE_T size; DWORD magic, pad; };

static struct heap process_heap = { HEAP_MAGIC, 0 };

static struct block *block_of(LPCVOID p) { return (struct block *)((char *)p - HEADER); }

static void *heap_alloc(SIZE_T size, DWORD flags)
{
    if (size > (SIZE_T)1 << 47) return NULL;
    struct block *b = (flags & HEAP_ZERO_MEMORY) ? calloc(1, size + HEADER) : malloc(size + HEADER);
    if (!b) return NULL;
    b->size = size;
    b->magic = HEAP_MAGIC;
    return (char *)b + HEADER;
}

static int valid_block(LPCVOID p)
{
    return p && !((ULONG_PTR)p & 7) && block_of(p)->magic == HEAP_MAGIC;
}

HANDLE WINAPI GetProcessHeap(void)
{
    return &process_heap;
}

HANDLE WINAPI HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
    struct heap *h = malloc(sizeof(*h));
    if (!h) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    h->magic = HEAP_MAGIC;
    h->flags = flags;
    return h;
}

BOOL WINAPI HeapDestroy(HANDLE heap)
{
    struct heap *h = heap;
    if (!h || h->magic != HEAP_MAGIC) { SetLastError(ERROR_INVALID_HANDLE); return FALSE; }
    if (h == &process_heap) return FALSE;
    FIXME("blocks of a destroyed heap are not freed\n");
    h->magic = 0;
    free(h);
    return TRUE;
}

LPVOID WINAPI HeapAlloc(HANDLE heap, DWORD flags, SIZE_T size)
{
    void *p = heap_alloc(size, flags);
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        if (flags & HEAP_GENERATE_EXCEPTIONS) RaiseException(STATUS_NO_MEMORY, 0, 0, NULL);
    }
    return p;
}

BOOL WINAPI HeapFree(HANDLE heap, DWORD flags, LPVOID p)
{
    if (!p) return TRUE;
    if (!valid_block(p)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    block_of(p)->magic = 0;
    free(block_of(p));
    return TRUE;
}

LPVOID WINAPI HeapReAlloc(HANDLE heap, DWORD flags, LPVOID p, SIZE_T size)
{
    if (!valid_block(p)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct block *b = block_of(p);
    SIZE_T old = b->size;
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        if (size > old && size + HEADER > malloc_usable_size(b)) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        if (size > old && (flags & HEAP_ZERO_MEMORY)) memset((char *)p + old, 0, size - old);
        b->size = size;
        return p;
    }
    struct block *nb = realloc(b, size + HEADER);
    if (!nb) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    nb->size = size;
    if (size > old && (flags & HEAP_ZERO_MEMORY)) memset((char *)nb + HEADER + old, 0, size - old);
    return (char *)nb + HEADER;
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
    if (count) heaps[0] = &process_heap;
    return 1;
}

/* Local and Global memory: fixed blocks only; a moveable block's handle is
 * its pointer, which Lock returns unchanged. */
HLOCAL WINAPI LocalAlloc(UINT flags, SIZE_T size)
{
    if (flags & LMEM_MOVEABLE) FIXME("moveable blocks are fixed\n");
    void *p = heap_alloc(size, (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0);
    if (!p) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

HLOCAL WINAPI LocalFree(HLOCAL h)
{
    if (!h) return NULL;
    if (!HeapFree(&process_heap, 0, h)) return h;
    return NULL;
}

HLOCAL WINAPI LocalReAlloc(HLOCAL h, SIZE_T size, UINT flags)
{
    return HeapReAlloc(&process_heap, (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0, h, size);
}

SIZE_T WINAPI LocalSize(HLOCAL h) { return valid_block(h) ? block_of(h)->size : 0; }
LPVOID WINAPI LocalLock(HLOCAL h) { return h; }
BOOL WINAPI LocalUnlock(HLOCAL h) { return FALSE; }
HGLOBAL WINAPI GlobalAlloc(UINT flags, SIZE_T size) { return LocalAlloc(flags, size); }
HGLOBAL WINAPI GlobalFree(HGLOBAL h) { return LocalFree(h); }
HGLOBAL WINAPI GlobalReAlloc(HGLOBAL h, SIZE_T size, UINT flags) { return LocalReAlloc(h, size, flags); }
SIZE_T WINAPI GlobalSize(HGLOBAL h) { return LocalSize(h); }
LPVOID WINAPI GlobalLock(HGLOBAL h) { return h; }
BOOL WINAPI GlobalUnlock(HGLOBAL h) { return FALSE; }
HGLOBAL WINAPI GlobalHandle(LPCVOID p) { return (HGLOBAL)p; }
