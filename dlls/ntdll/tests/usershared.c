/* KUSER_SHARED_DATA at 0x7ffe0000: programs (Go's runtime) read the times
 * there directly.  Offsets from Microsoft's ntddk.h documentation. */
#include <windows.h>
#include "test.h"

#define USD ((const volatile BYTE *)0x7ffe0000)

/* a KSYSTEM_TIME as readers take it: High1Time, LowPart, High2Time */
static LONGLONG read_time(unsigned offset)
{
    const volatile LONG *t = (const volatile LONG *)(USD + offset);
    for (;;) {
        LONG hi1 = t[1];
        ULONG lo = (ULONG)t[0];
        LONG hi2 = t[2];
        if (hi1 == hi2) return ((LONGLONG)hi1 << 32) | lo;
    }
}

static LONGLONG filetime_now(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((LONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

int main(void)
{
    OSVERSIONINFOW v = { sizeof(v) };

    /* Wine 8 leaves ImageNumberLow 0; Windows x64 has the machine there */
    ok(*(const volatile USHORT *)(USD + 0x2c) == IMAGE_FILE_MACHINE_AMD64, "ImageNumberLow %x\n",
       *(const volatile USHORT *)(USD + 0x2c));
    GetVersionExW(&v);
    ok(*(const volatile ULONG *)(USD + 0x26c) == v.dwMajorVersion, "NtMajorVersion %lu vs %lu\n",
       *(const volatile ULONG *)(USD + 0x26c), v.dwMajorVersion);
    ok(*(const volatile ULONG *)(USD + 0x270) == v.dwMinorVersion, "NtMinorVersion %lu vs %lu\n",
       *(const volatile ULONG *)(USD + 0x270), v.dwMinorVersion);

    /* SystemTime is the current UTC FILETIME, within a few clock ticks */
    LONGLONG sys = read_time(0x14), now = filetime_now();
    ok(sys <= now + 10000 && now - sys < 1000000, "SystemTime %lld vs %lld\n", sys, now);

    /* InterruptTime moves with the clock: 100 ms of sleep, 100 ms more */
    LONGLONG i1 = read_time(0x08);
    Sleep(100);
    LONGLONG i2 = read_time(0x08);
    ok(i2 - i1 >= 600000 && i2 - i1 < 10000000, "InterruptTime moved by %lld\n", i2 - i1);

    return test_summary();
}
