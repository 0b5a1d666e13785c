/* Conformance tests: critical sections, thread-local storage slots,
 * interlocked functions, Sleep. */
#include <windows.h>
#include <string.h>
#include "test.h"

static void test_critical_section(void)
{
    CRITICAL_SECTION cs;

    InitializeCriticalSection(&cs);
    ok(cs.LockCount == -1, "initial LockCount %ld\n", cs.LockCount);
    ok(cs.RecursionCount == 0, "initial RecursionCount %ld\n", cs.RecursionCount);
    ok(cs.OwningThread == NULL, "initial owner %p\n", cs.OwningThread);

    EnterCriticalSection(&cs);
    ok(cs.RecursionCount == 1, "RecursionCount %ld\n", cs.RecursionCount);
    ok(cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "owner %p\n", cs.OwningThread);
    EnterCriticalSection(&cs);
    ok(cs.RecursionCount == 2, "recursive RecursionCount %ld\n", cs.RecursionCount);
    ok(TryEnterCriticalSection(&cs), "TryEnter by the owner failed\n");
    ok(cs.RecursionCount == 3, "RecursionCount after TryEnter %ld\n", cs.RecursionCount);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    ok(cs.RecursionCount == 1 && cs.OwningThread != NULL, "still held once: %ld %p\n", cs.RecursionCount, cs.OwningThread);
    LeaveCriticalSection(&cs);
    ok(cs.RecursionCount == 0, "released RecursionCount %ld\n", cs.RecursionCount);
    ok(cs.OwningThread == NULL, "released owner %p\n", cs.OwningThread);
    ok(cs.LockCount == -1, "released LockCount %ld\n", cs.LockCount);

    ok(TryEnterCriticalSection(&cs), "TryEnter of a free section failed\n");
    ok(cs.RecursionCount == 1, "TryEnter RecursionCount %ld\n", cs.RecursionCount);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    ok(InitializeCriticalSectionAndSpinCount(&cs, 4000), "InitializeCriticalSectionAndSpinCount failed\n");
    ok(SetCriticalSectionSpinCount(&cs, 100) == 4000 || SetCriticalSectionSpinCount(&cs, 100) == 0,
       "old spin count\n");
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

static void test_tls(void)
{
    DWORD idx[80], n = 0, i;
    SetLastError(0xdeadbeef);
    DWORD t = TlsAlloc();
    ok(t != TLS_OUT_OF_INDEXES, "TlsAlloc failed %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(TlsGetValue(t) == NULL, "a new slot is not NULL\n");
    ok(GetLastError() == ERROR_SUCCESS, "TlsGetValue error %lu\n", GetLastError());
    ok(TlsSetValue(t, (void *)0x1234), "TlsSetValue failed %lu\n", GetLastError());
    ok(TlsGetValue(t) == (void *)0x1234, "TlsGetValue %p\n", TlsGetValue(t));
    ok(TlsFree(t), "TlsFree failed %lu\n", GetLastError());

    /* past the 64 TEB slots into the expansion slots */
    for (n = 0; n < 80; n++) {
        idx[n] = TlsAlloc();
        if (idx[n] == TLS_OUT_OF_INDEXES) break;
    }
    ok(n == 80, "only %lu slots\n", n);
    int expansion = 0, good = 1;
    for (i = 0; i < n; i++) {
        if (idx[i] >= 64) expansion = 1;
        if (TlsGetValue(idx[i]) != NULL) good = 0;
        if (!TlsSetValue(idx[i], (void *)(ULONG_PTR)(i + 1))) good = 0;
    }
    ok(expansion, "no slot past 63\n");
    for (i = 0; i < n; i++) {
        SetLastError(0xdeadbeef);
        if (TlsGetValue(idx[i]) != (void *)(ULONG_PTR)(i + 1) || GetLastError() != ERROR_SUCCESS) good = 0;
    }
    ok(good, "slot values wrong\n");
    for (i = 0; i < n; i++) ok(TlsFree(idx[i]), "TlsFree(%lu) failed\n", idx[i]);

    /* freed and out-of-range slots */
    SetLastError(0xdeadbeef);
    ok(!TlsFree(idx[0]), "double TlsFree succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "double free error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(TlsGetValue(5000) == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "TlsGetValue(5000) %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TlsSetValue(5000, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "TlsSetValue(5000) %lu\n", GetLastError());

    /* a reused slot reads NULL again */
    t = TlsAlloc();
    ok(TlsGetValue(t) == NULL, "reused slot %lu not cleared\n", t);
    TlsFree(t);
}

static void test_interlocked(void)
{
    LONG v = 5;
    ok(InterlockedIncrement(&v) == 6 && v == 6, "InterlockedIncrement\n");
    ok(InterlockedDecrement(&v) == 5 && v == 5, "InterlockedDecrement\n");
    ok(InterlockedExchange(&v, 9) == 5 && v == 9, "InterlockedExchange\n");
    ok(InterlockedExchangeAdd(&v, 3) == 9 && v == 12, "InterlockedExchangeAdd\n");
    ok(InterlockedCompareExchange(&v, 1, 12) == 12 && v == 1, "InterlockedCompareExchange hit\n");
    ok(InterlockedCompareExchange(&v, 7, 12) == 1 && v == 1, "InterlockedCompareExchange miss\n");
}

static void test_sleep(void)
{
    ULONGLONG t = GetTickCount64();
    Sleep(0);
    SleepEx(0, FALSE);
    ok(GetTickCount64() - t < 1000, "Sleep(0) took %I64u ms\n", GetTickCount64() - t);
    t = GetTickCount64();
    Sleep(20);
    ok(GetTickCount64() - t >= 10, "Sleep(20) took %I64u ms\n", GetTickCount64() - t);
    ok(SleepEx(1, FALSE) == 0, "SleepEx returned non-zero\n");
}

int main(void)
{
    test_critical_section();
    test_tls();
    test_interlocked();
    test_sleep();
    return test_summary();
}
