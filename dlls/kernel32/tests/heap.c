/* Conformance tests: process and private heaps, Local and Global memory. */
#include <windows.h>
#include <string.h>
#include "test.h"

static void test_process_heap(void)
{
    HANDLE heap = GetProcessHeap();
    unsigned char *p, *q;
    SIZE_T size;

    ok(heap != NULL, "no process heap\n");
    /* PEB->ProcessHeap (PEB at gs:[0x60], field at 0x30) */
    void *peb = *(void **)((char *)NtCurrentTeb() + 0x60);
    ok(*(HANDLE *)((char *)peb + 0x30) == heap, "PEB heap %p, GetProcessHeap %p\n", *(HANDLE *)((char *)peb + 0x30), heap);
    HANDLE heaps[64];
    DWORD n = GetProcessHeaps(64, heaps), found = 0;
    ok(n >= 1 && n <= 64, "GetProcessHeaps %lu\n", n);
    for (DWORD i = 0; i < n && i < 64; i++) if (heaps[i] == heap) found = 1;
    ok(found, "the process heap is not among GetProcessHeaps\n");

    SetLastError(0xdeadbeef);
    p = HeapAlloc(heap, 0, 0);
    ok(p != NULL, "zero-size alloc failed\n");
    ok(HeapSize(heap, 0, p) == 0, "zero-size block size %Iu\n", HeapSize(heap, 0, p));
    ok(HeapFree(heap, 0, p), "HeapFree %lu\n", GetLastError());
    ok(GetLastError() == 0xdeadbeef, "error changed %lu\n", GetLastError());

    for (SIZE_T s = 1; s < 5000; s = s * 3 + 1) {
        p = HeapAlloc(heap, 0, s);
        ok(p != NULL, "alloc %Iu failed\n", s);
        ok(((ULONG_PTR)p & 15) == 0, "block %p not 16-byte aligned\n", p);
        size = HeapSize(heap, 0, p);
        ok(size == s, "HeapSize %Iu for %Iu\n", size, s);
        memset(p, 0xab, s);
        HeapFree(heap, 0, p);
    }

    p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 300);
    int zero = 1;
    for (int i = 0; i < 300; i++) if (p[i]) zero = 0;
    ok(zero, "HEAP_ZERO_MEMORY block not zero\n");
    memset(p, 0x5a, 300);

    /* growing keeps the contents; HEAP_ZERO_MEMORY zeroes the new part */
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 5000);
    ok(q != NULL, "HeapReAlloc grow failed\n");
    ok(HeapSize(heap, 0, q) == 5000, "size after grow %Iu\n", HeapSize(heap, 0, q));
    int kept = 1;
    zero = 1;
    for (int i = 0; i < 300; i++) if (q[i] != 0x5a) kept = 0;
    for (int i = 300; i < 5000; i++) if (q[i]) zero = 0;
    ok(kept, "contents lost in HeapReAlloc\n");
    ok(zero, "grown part not zeroed\n");

    /* shrinking in place keeps the pointer */
    p = HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 100);
    ok(p == q, "in-place shrink moved %p -> %p\n", q, p);
    ok(HeapSize(heap, 0, p) == 100, "size after shrink %Iu\n", HeapSize(heap, 0, p));
    ok(p[99] == 0x5a, "contents lost in shrink\n");
    p = HeapReAlloc(heap, 0, p, 7);
    ok(p && HeapSize(heap, 0, p) == 7 && p[6] == 0x5a, "shrink to 7\n");
    ok(HeapFree(heap, 0, p), "HeapFree after realloc %lu\n", GetLastError());

    /* freeing NULL succeeds */
    SetLastError(0xdeadbeef);
    ok(HeapFree(heap, 0, NULL), "HeapFree(NULL) failed\n");
    ok(HeapValidate(heap, 0, NULL), "HeapValidate of the heap failed\n");

    /* an impossible size */
    p = HeapAlloc(heap, 0, ~(SIZE_T)0 - 0x1000);
    ok(p == NULL, "huge alloc succeeded\n");
}

static void test_private_heap(void)
{
    HANDLE heap;
    void *blocks[64];

    SetLastError(0xdeadbeef);
    heap = HeapCreate(0, 0, 0);
    ok(heap != NULL, "HeapCreate %lu\n", GetLastError());
    ok(heap != GetProcessHeap(), "HeapCreate gave the process heap\n");
    for (int i = 0; i < 64; i++) {
        blocks[i] = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100 + i * 37);
        ok(blocks[i] != NULL, "private alloc %d\n", i);
        ok(blocks[i] && HeapSize(heap, 0, blocks[i]) == (SIZE_T)(100 + i * 37), "private size %d\n", i);
    }
    for (int i = 0; i < 64; i += 2) ok(HeapFree(heap, 0, blocks[i]), "private free %d\n", i);
    /* the rest go with the heap */
    SetLastError(0xdeadbeef);
    ok(HeapDestroy(heap), "HeapDestroy %lu\n", GetLastError());

    /* a fixed-size heap refuses what does not fit */
    heap = HeapCreate(0, 0x10000, 0x10000);
    ok(heap != NULL, "fixed HeapCreate %lu\n", GetLastError());
    void *p = HeapAlloc(heap, 0, 0x100000);
    ok(p == NULL, "a 1 MiB block from a 64 KiB heap\n");
    p = HeapAlloc(heap, 0, 100);
    ok(p != NULL, "a small block from a 64 KiB heap\n");
    HeapFree(heap, 0, p);
    ok(HeapDestroy(heap), "HeapDestroy of the fixed heap %lu\n", GetLastError());
}

static void test_local_global(void)
{
    HLOCAL h;
    HGLOBAL g;
    char *p;

    h = LocalAlloc(LMEM_FIXED, 10);
    ok(h != NULL, "LocalAlloc fixed\n");
    ok(LocalSize(h) == 10, "LocalSize %Iu\n", LocalSize(h));
    ok(LocalLock(h) == h, "LocalLock of a fixed block %p %p\n", LocalLock(h), h);
    SetLastError(0xdeadbeef);
    ok(LocalFree(h) == NULL, "LocalFree fixed\n");

    h = LocalAlloc(LPTR, 64);
    p = h;
    int zero = 1;
    for (int i = 0; i < 64; i++) if (p[i]) zero = 0;
    ok(zero, "LPTR block not zero\n");
    h = LocalReAlloc(h, 128, LMEM_MOVEABLE | LMEM_ZEROINIT);
    ok(h != NULL && LocalSize(h) == 128, "LocalReAlloc %Iu\n", h ? LocalSize(h) : 0);
    ok(LocalFree(h) == NULL, "LocalFree after realloc\n");

    /* a moveable block: the handle is not the pointer */
    h = LocalAlloc(LMEM_MOVEABLE, 20);
    ok(h != NULL, "LocalAlloc moveable\n");
    p = LocalLock(h);
    ok(p != NULL && (void *)p != (void *)h, "LocalLock %p of handle %p\n", p, h);
    ok(LocalSize(h) == 20, "moveable LocalSize %Iu\n", LocalSize(h));
    ok(LocalHandle(p) == h, "LocalHandle %p, handle %p\n", LocalHandle(p), h);
    memcpy(p, "moveable", 9);
    SetLastError(0xdeadbeef);
    ok(!LocalUnlock(h), "LocalUnlock returned TRUE at lock count 0\n");
    ok(GetLastError() == NO_ERROR, "LocalUnlock error %lu\n", GetLastError());
    p = LocalLock(h);
    ok(p && !strcmp(p, "moveable"), "contents after relock\n");
    LocalUnlock(h);
    ok(LocalFree(h) == NULL, "LocalFree moveable\n");

    g = GlobalAlloc(GMEM_FIXED | GMEM_ZEROINIT, 33);
    ok(g != NULL && GlobalSize(g) == 33, "GlobalAlloc fixed %Iu\n", g ? GlobalSize(g) : 0);
    ok(GlobalLock(g) == g, "GlobalLock of a fixed block\n");
    ok(GlobalHandle(g) == g, "GlobalHandle of a fixed block\n");
    ok(GlobalFree(g) == NULL, "GlobalFree fixed\n");

    g = GlobalAlloc(GMEM_MOVEABLE, 100);
    ok(g != NULL, "GlobalAlloc moveable\n");
    p = GlobalLock(g);
    ok(p != NULL && (void *)p != (void *)g, "GlobalLock %p of %p\n", p, g);
    ok(GlobalHandle(p) == g, "GlobalHandle %p of %p\n", GlobalHandle(p), g);
    memset(p, 7, 100);
    ok(!GlobalUnlock(g), "GlobalUnlock returned TRUE\n");
    g = GlobalReAlloc(g, 200, GMEM_MOVEABLE);
    ok(g != NULL && GlobalSize(g) == 200, "GlobalReAlloc %Iu\n", g ? GlobalSize(g) : 0);
    p = GlobalLock(g);
    ok(p && p[99] == 7, "contents after GlobalReAlloc\n");
    GlobalUnlock(g);
    ok(GlobalFree(g) == NULL, "GlobalFree moveable\n");
}

int main(void)
{
    test_process_heap();
    test_private_heap();
    test_local_global();
    return test_summary();
}
