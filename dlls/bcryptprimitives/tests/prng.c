/* ProcessPrng, loaded at run time as Go's runtime does (bcryptprimitives.dll
 * has no import library).  Microsoft documents only that it fills the
 * buffer with random bytes and always returns TRUE.  Wine 8 has no
 * bcryptprimitives.dll, so this test cannot pass there. */
#include <windows.h>
#include <string.h>
#include "test.h"

static BOOL (WINAPI *p_ProcessPrng)(PBYTE, SIZE_T);

#define SIZE 0x10000
#define CANARY 0xa5

static unsigned char a[SIZE + 16], b[SIZE + 16];

int main(void)
{
    HMODULE dll = LoadLibraryExW(L"bcryptprimitives.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    ok(dll != NULL, "LoadLibraryExW bcryptprimitives.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    p_ProcessPrng = (void *)GetProcAddress(dll, "ProcessPrng");
    ok(p_ProcessPrng != NULL, "ProcessPrng: %lu", GetLastError());
    if (!p_ProcessPrng) return test_summary();

    memset(a, CANARY, sizeof(a));
    memset(b, CANARY, sizeof(b));
    ok(p_ProcessPrng(a, 0) == TRUE, "zero bytes");
    ok(a[0] == CANARY, "zero bytes wrote %#x", a[0]);

    ok(p_ProcessPrng(a, SIZE) == TRUE, "first buffer");
    ok(p_ProcessPrng(b, SIZE) == TRUE, "second buffer");
    int untouched = 1;
    for (int i = SIZE; i < SIZE + 16; i++) untouched &= a[i] == CANARY && b[i] == CANARY;
    ok(untouched, "bytes after the buffer were written");
    ok(memcmp(a, b, SIZE) != 0, "two calls gave the same bytes");

    /* 64 KiB of uniform bytes: each value about 256 times (sd 16) */
    unsigned counts[256] = { 0 };
    for (int i = 0; i < SIZE; i++) counts[a[i]]++;
    unsigned low = SIZE, high = 0;
    for (int v = 0; v < 256; v++) {
        if (counts[v] < low) low = counts[v];
        if (counts[v] > high) high = counts[v];
    }
    ok(low > 128 && high < 400, "byte counts from %u to %u", low, high);

    /* an odd size and an unaligned start */
    memset(a, CANARY, 40);
    ok(p_ProcessPrng(a + 3, 33) == TRUE, "33 bytes");
    ok(a[2] == CANARY && a[36] == CANARY, "bytes around the 33: %#x %#x", a[2], a[36]);
    int same = 0;
    for (int i = 3; i < 36; i++) same += a[i] == CANARY;
    ok(same < 8, "%d of 33 bytes kept the canary", same);

    ok(FreeLibrary(dll), "FreeLibrary");
    return test_summary();
}
