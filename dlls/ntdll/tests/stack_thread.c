/* Stack overflow on a thread other than the main one: the vectored handler
 * sees EXCEPTION_STACK_OVERFLOW on the overflowing thread, which then ends
 * with ExitThread while the rest of the process goes on. */
#include <windows.h>
#include "test.h"

static volatile LONG overflow_seen;
static volatile DWORD overflow_thread;

static LONG CALLBACK handler(EXCEPTION_POINTERS *ptrs)
{
    if (ptrs->ExceptionRecord->ExceptionCode != EXCEPTION_STACK_OVERFLOW) return EXCEPTION_CONTINUE_SEARCH;
    InterlockedIncrement(&overflow_seen);
    overflow_thread = GetCurrentThreadId();
    ExitThread(0x55);   /* leaves the overflowed stack for good */
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

static DWORD WINAPI overflow_proc(void *arg)
{
    return recurse(NULL, 0);
}

int main(void)
{
    void *h = AddVectoredExceptionHandler(1, handler);
    ok(h != NULL, "AddVectoredExceptionHandler failed\n");
    for (int round = 0; round < 2; round++) {
        DWORD tid, code = 0;
        LONG before = overflow_seen;
        HANDLE t = CreateThread(NULL, 256 * 1024, overflow_proc, NULL, 0, &tid);
        ok(t != NULL, "CreateThread failed: %lu\n", GetLastError());
        ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "the thread did not end\n");
        ok(GetExitCodeThread(t, &code) && code == 0x55, "exit code %lx\n", code);
        ok(overflow_seen == before + 1, "round %d: %ld overflows seen\n", round, overflow_seen);
        ok(overflow_thread == tid, "overflow reported on thread %lu, not %lu\n", overflow_thread, tid);
        CloseHandle(t);
    }
    RemoveVectoredExceptionHandler(h);
    return test_summary();
}
