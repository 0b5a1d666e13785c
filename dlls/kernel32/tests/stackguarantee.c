/* SetThreadStackGuarantee: the documented query/raise/ignore/fail rules, and
 * that a stack overflow handler really gets the guaranteed bytes (Rust
 * programs ask for 20 KiB on every thread; this asks for more than the
 * default guard zone gives).  Wine 8 keeps the value but does not give
 * the handler the bytes: the overflow rounds fail there; the expectations
 * follow Microsoft's page ("the application can safely use the specified
 * number of bytes during exception handling"). */
#include <windows.h>
#include <string.h>
#include "test.h"

#define GUARANTEE 0x20000   /* 128 KiB */
#define HANDLER_USE 0x1c000 /* what the handler below puts on the stack */

static volatile LONG overflow_seen;

static void __attribute__((noinline)) use_stack(void)
{
    volatile char big[HANDLER_USE];
    memset((char *)big, 0x5a, sizeof(big));
    overflow_seen += big[0] == 0x5a && big[HANDLER_USE - 1] == 0x5a;
}

static LONG CALLBACK handler(EXCEPTION_POINTERS *ptrs)
{
    if (ptrs->ExceptionRecord->ExceptionCode != EXCEPTION_STACK_OVERFLOW) return EXCEPTION_CONTINUE_SEARCH;
    use_stack();        /* would fault again without the guarantee */
    ExitThread(0x66);   /* leaves the overflowed stack for good */
    return EXCEPTION_CONTINUE_SEARCH;
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(volatile char *prev, int depth)
{
    volatile char buf[4096];
    buf[0] = (char)depth;
    buf[4095] = prev ? prev[0] : 0;
    return recurse(buf, depth + 1) + buf[100];
}

static DWORD WINAPI rules_proc(void *arg)
{
    ULONG initial = 0, size = 0;

    SetLastError(0xdeadbeef);
    ok(SetThreadStackGuarantee(&initial), "query failed: %lu", GetLastError());
    ok(initial < GUARANTEE, "initial guarantee %lu", initial);

    size = GUARANTEE;
    ok(SetThreadStackGuarantee(&size), "raise failed: %lu", GetLastError());
    ok(size == initial, "previous %lu, expected %lu", size, initial);
    size = 0;
    ok(SetThreadStackGuarantee(&size) && size == GUARANTEE, "query after raise: %lu", size);

    /* a smaller size succeeds and is ignored */
    size = 0x4000;
    ok(SetThreadStackGuarantee(&size), "lower failed: %lu", GetLastError());
    ok(size == GUARANTEE, "previous %lu after lower", size);
    size = 0;
    ok(SetThreadStackGuarantee(&size) && size == GUARANTEE, "query after lower: %lu", size);

    /* not larger than the reserved stack */
    size = 0x10000000;
    ok(!SetThreadStackGuarantee(&size), "256 MiB guarantee on a 1 MiB stack succeeded");
    size = 0;
    ok(SetThreadStackGuarantee(&size) && size == GUARANTEE, "query after failure: %lu", size);
    return 0x77;
}

static DWORD WINAPI overflow_proc(void *arg)
{
    ULONG size = GUARANTEE;
    if (!SetThreadStackGuarantee(&size)) return 1;
    return recurse(NULL, 0);
}

static DWORD run(LPTHREAD_START_ROUTINE proc)
{
    DWORD code = 0;
    HANDLE t = CreateThread(NULL, 1024 * 1024, proc, NULL, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    ok(t != NULL, "CreateThread failed: %lu", GetLastError());
    if (!t) return 0;
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "the thread did not end");
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    return code;
}

int main(void)
{
    ok(run(rules_proc) == 0x77, "rules thread");

    /* each thread has its own guarantee */
    ULONG size = 0;
    ok(SetThreadStackGuarantee(&size) && size < GUARANTEE, "main thread's guarantee %lu", size);

    void *h = AddVectoredExceptionHandler(1, handler);
    for (int round = 0; round < 2; round++) {
        LONG before = overflow_seen;
        ok(run(overflow_proc) == 0x66, "round %d: the overflow handler did not end the thread", round);
        ok(overflow_seen == before + 1, "round %d: handler used %#x bytes %ld times", round, HANDLER_USE,
           overflow_seen - before);
    }
    RemoveVectoredExceptionHandler(h);
    return test_summary();
}
