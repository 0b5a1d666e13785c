/* Conformance tests: the COM task allocator. */
#include <windows.h>
#include <objbase.h>
#include <string.h>
#include "test.h"

int main(void)
{
    char *p = CoTaskMemAlloc(16);
    ok(p != NULL, "CoTaskMemAlloc(16) failed\n");
    memcpy(p, "0123456789abcde", 16);
    /* the task allocator is the process heap */
    ok(HeapSize(GetProcessHeap(), 0, p) >= 16, "block not from the process heap\n");

    char *q = CoTaskMemRealloc(p, 4096);
    ok(q != NULL, "CoTaskMemRealloc grow failed\n");
    ok(q && !memcmp(q, "0123456789abcde", 16), "contents lost on grow\n");
    p = CoTaskMemRealloc(q, 4);
    ok(p != NULL && !memcmp(p, "0123", 4), "CoTaskMemRealloc shrink failed\n");
    CoTaskMemFree(p);

    /* NULL reallocates as an allocation; size 0 frees and gives NULL */
    p = CoTaskMemRealloc(NULL, 8);
    ok(p != NULL, "CoTaskMemRealloc(NULL, 8) failed\n");
    ok(CoTaskMemRealloc(p, 0) == NULL, "CoTaskMemRealloc(p, 0) did not return NULL\n");

    p = CoTaskMemAlloc(0);
    ok(p != NULL, "CoTaskMemAlloc(0) returned NULL\n");
    CoTaskMemFree(p);
    CoTaskMemFree(NULL);   /* no effect */

    return test_summary();
}
