/* The COM task allocator: CoTaskMemAlloc, CoTaskMemRealloc, CoTaskMemFree.
 * Memory that one component allocates and another frees (the path
 * SHGetKnownFolderPath returns, for one) goes through it.  It is the process
 * heap, as on current Windows, so any builtin that allocates with
 * HeapAlloc(GetProcessHeap()) hands out blocks CoTaskMemFree accepts. */
#include "winbase.h"
#include "objbase.h"

void *WINAPI CoTaskMemAlloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), 0, size);
}

/* NULL allocates; size 0 frees the block and returns NULL; on failure the
 * old block is left as it was. */
void *WINAPI CoTaskMemRealloc(void *ptr, SIZE_T size)
{
    if (!ptr) return CoTaskMemAlloc(size);
    if (!size) {
        CoTaskMemFree(ptr);
        return NULL;
    }
    return HeapReAlloc(GetProcessHeap(), 0, ptr, size);
}

void WINAPI CoTaskMemFree(void *ptr)
{
    if (ptr) HeapFree(GetProcessHeap(), 0, ptr);
}
