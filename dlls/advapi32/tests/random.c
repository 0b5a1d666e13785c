/* RtlGenRandom (exported as SystemFunction036): fills the buffer with
 * random bytes and returns TRUE (Microsoft's RtlGenRandom page). */
#include <windows.h>
#include <string.h>
#include "test.h"

static BOOLEAN (WINAPI *p_RtlGenRandom)(PVOID, ULONG);

#define CANARY 0xa5

int main(void)
{
    unsigned char a[4096 + 8], b[4096 + 8];
    HMODULE dll = LoadLibraryA("advapi32.dll");
    ok(dll != NULL, "LoadLibraryA advapi32.dll: %lu", GetLastError());
    p_RtlGenRandom = dll ? (void *)GetProcAddress(dll, "SystemFunction036") : NULL;
    ok(p_RtlGenRandom != NULL, "SystemFunction036: %lu", GetLastError());
    if (!p_RtlGenRandom) return test_summary();

    memset(a, CANARY, sizeof(a));
    memset(b, CANARY, sizeof(b));
    ok(p_RtlGenRandom(a, 4096) == TRUE, "first buffer");
    ok(p_RtlGenRandom(b, 4096) == TRUE, "second buffer");
    ok(memcmp(a, b, 4096) != 0, "two calls gave the same bytes");
    ok(a[4096] == CANARY && b[4096] == CANARY, "bytes after the buffer were written");
    int same = 0;
    for (int i = 0; i < 4096; i++) same += a[i] == CANARY;
    ok(same < 64, "%d of 4096 bytes kept the canary", same);
    ok(p_RtlGenRandom(a, 0) == TRUE, "zero bytes");
    return test_summary();
}
