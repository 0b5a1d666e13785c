/* WaitForSingleObject / WaitForMultipleObjects / SignalObjectAndWait over
 * every waitable kind: any and all, timeouts, 64 handles, errors,
 * abandoned mutexes, atomic wait-all. */
#include <windows.h>
#include <stdio.h>
#include "test.h"

static DWORD WINAPI set_later(void *arg)
{
    Sleep(30);
    SetEvent(arg);
    return 0;
}

static DWORD WINAPI own_and_leave(void *arg)
{
    return WaitForSingleObject(arg, 0);
}

static DWORD WINAPI quick(void *arg) { return 0; }

static void test_errors(void)
{
    HANDLE e = CreateEventW(NULL, TRUE, TRUE, NULL), hs[65];
    for (int i = 0; i < 65; i++) hs[i] = e;
    SetLastError(0xdeadbeef);
    ok(WaitForMultipleObjects(65, hs, FALSE, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER,
       "65 handles: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(WaitForMultipleObjects(0, hs, FALSE, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER,
       "0 handles: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(WaitForSingleObject(NULL, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "NULL: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(WaitForSingleObject((HANDLE)(ULONG_PTR)0x7ff0, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE,
       "bad handle: %lu\n", GetLastError());
    hs[1] = NULL;
    SetLastError(0xdeadbeef);
    ok(WaitForMultipleObjects(2, hs, FALSE, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE,
       "one bad handle: %lu\n", GetLastError());
    HANDLE closed = CreateEventW(NULL, TRUE, TRUE, NULL);
    CloseHandle(closed);
    SetLastError(0xdeadbeef);
    ok(WaitForSingleObject(closed, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "closed: %lu\n", GetLastError());
    ok(WaitForSingleObject(GetCurrentProcess(), 20) == WAIT_TIMEOUT, "process pseudo handle signaled\n");
    CloseHandle(e);
}

static void test_any_all(void)
{
    HANDLE hs[64];
    for (int i = 0; i < 64; i++) hs[i] = CreateEventW(NULL, FALSE, FALSE, NULL);
    ok(WaitForMultipleObjects(64, hs, FALSE, 0) == WAIT_TIMEOUT, "none signaled\n");
    SetEvent(hs[40]);
    SetEvent(hs[63]);
    ok(WaitForMultipleObjects(64, hs, FALSE, 0) == WAIT_OBJECT_0 + 40, "lowest index first\n");
    ok(WaitForMultipleObjects(64, hs, FALSE, 0) == WAIT_OBJECT_0 + 63, "then 63\n");
    ok(WaitForMultipleObjects(64, hs, FALSE, 0) == WAIT_TIMEOUT, "auto events consumed\n");

    /* wait-all takes nothing until it can take everything */
    for (int i = 0; i < 63; i++) SetEvent(hs[i]);
    ok(WaitForMultipleObjects(64, hs, TRUE, 0) == WAIT_TIMEOUT, "wait-all with one missing\n");
    ok(WaitForSingleObject(hs[0], 0) == WAIT_OBJECT_0, "wait-all consumed an event it did not complete\n");
    SetEvent(hs[0]);
    SetEvent(hs[63]);
    ok(WaitForMultipleObjects(64, hs, TRUE, 0) == WAIT_OBJECT_0, "wait-all with all set\n");
    ok(WaitForMultipleObjects(64, hs, FALSE, 0) == WAIT_TIMEOUT, "wait-all consumed all\n");

    /* a sleeping wait-any woken by a thread */
    HANDLE t = CreateThread(NULL, 0, set_later, hs[17], 0, NULL);
    DWORD start = GetTickCount();
    ok(WaitForMultipleObjects(64, hs, FALSE, 5000) == WAIT_OBJECT_0 + 17, "woken wait-any\n");
    ok(GetTickCount() - start < 4000, "slow wake-up\n");
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    for (int i = 0; i < 64; i++) CloseHandle(hs[i]);
}

static void test_mixture(void)
{
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE mx = CreateMutexW(NULL, FALSE, NULL);
    HANDLE sem = CreateSemaphoreW(NULL, 1, 2, NULL);
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    HANDLE thread = CreateThread(NULL, 0, quick, NULL, 0, NULL);
    HANDLE hs[5] = { ev, mx, sem, timer, thread };
    LARGE_INTEGER due;
    LONG prev;
    due.QuadPart = -20 * 10000;
    SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE);
    ok(WaitForMultipleObjects(5, hs, TRUE, 50) == WAIT_TIMEOUT, "wait-all with the event unset\n");
    ok(ReleaseSemaphore(sem, 1, &prev) && prev == 1, "wait-all took the semaphore: prev %ld\n", prev);
    WaitForSingleObject(sem, 0);
    SetEvent(ev);
    ok(WaitForMultipleObjects(5, hs, TRUE, 5000) == WAIT_OBJECT_0, "wait-all over a mixture\n");
    ok(ReleaseMutex(mx), "wait-all did not take the mutex\n");
    ok(WaitForSingleObject(sem, 0) == WAIT_TIMEOUT, "wait-all did not take the semaphore\n");
    ok(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "manual event reset by wait-all\n");

    /* the same object twice: Microsoft documents that the array "may not
     * contain multiple copies"; carafe fails a wait-all with
     * ERROR_INVALID_PARAMETER as Windows does, Wine 8 waits: not checked */
    HANDLE twice[2] = { ev, ev };
    ok(WaitForMultipleObjects(2, twice, FALSE, 0) == WAIT_OBJECT_0, "duplicate in wait-any\n");
    for (int i = 0; i < 5; i++) CloseHandle(hs[i]);
}

static void test_abandoned(void)
{
    HANDLE mx[2] = { CreateMutexW(NULL, FALSE, NULL), CreateMutexW(NULL, FALSE, NULL) };
    HANDLE t = CreateThread(NULL, 0, own_and_leave, mx[1], 0, NULL);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    ok(WaitForMultipleObjects(2, mx, FALSE, 0) == WAIT_OBJECT_0, "free mutex 0 first\n");
    ok(WaitForMultipleObjects(2, mx, FALSE, 0) == WAIT_OBJECT_0, "recursion on mutex 0\n");
    ReleaseMutex(mx[0]);
    ReleaseMutex(mx[0]);
    HANDLE rev[2] = { mx[1], mx[0] };
    ok(WaitForMultipleObjects(2, rev, FALSE, 0) == WAIT_ABANDONED_0, "abandoned at index 0\n");
    ReleaseMutex(mx[1]);
    t = CreateThread(NULL, 0, own_and_leave, mx[1], 0, NULL);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    DWORD r = WaitForMultipleObjects(2, mx, TRUE, 0);
    ok(r == WAIT_ABANDONED_0 + 1 || r == WAIT_ABANDONED_0, "wait-all with an abandoned mutex: %lx\n", r);
    ok(ReleaseMutex(mx[0]) && ReleaseMutex(mx[1]), "wait-all owns both\n");
    CloseHandle(mx[0]);
    CloseHandle(mx[1]);
}

static void test_timeouts(void)
{
    HANDLE e = CreateEventW(NULL, FALSE, FALSE, NULL);
    DWORD start = GetTickCount();
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "timeout 0\n");
    ok(GetTickCount() - start < 1000, "timeout 0 slept\n");
    start = GetTickCount();
    ok(WaitForSingleObject(e, 60) == WAIT_TIMEOUT, "timeout 60\n");
    DWORD took = GetTickCount() - start;
    ok(took >= 40 && took < 3000, "60 ms wait took %lu ms\n", took);
    HANDLE t = CreateThread(NULL, 0, set_later, e, 0, NULL);
    ok(WaitForSingleObjectEx(e, INFINITE, FALSE) == WAIT_OBJECT_0, "INFINITE wait\n");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    HANDLE hs[2] = { e, e };
    start = GetTickCount();
    ok(WaitForMultipleObjectsEx(2, hs, FALSE, 50, TRUE) == WAIT_TIMEOUT, "multiple timeout\n");
    took = GetTickCount() - start;
    ok(took >= 30 && took < 3000, "50 ms multiple wait took %lu ms\n", took);
    CloseHandle(e);
}

static HANDLE soaw_a, soaw_b;
static DWORD WINAPI soaw_partner(void *arg)
{
    for (int i = 0; i < 1000; i++)
        if (SignalObjectAndWait(soaw_b, soaw_a, 5000, FALSE) != WAIT_OBJECT_0) return 1;
    return 0;
}

static void test_signal_and_wait(void)
{
    DWORD code = 1;
    soaw_a = CreateEventW(NULL, FALSE, FALSE, NULL);
    soaw_b = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, soaw_partner, NULL, 0, NULL);
    int good = 0;
    for (int i = 0; i < 1000; i++) {
        if (WaitForSingleObject(soaw_b, 5000) == WAIT_OBJECT_0) good++;
        SetEvent(soaw_a);
    }
    WaitForSingleObject(t, 10000);
    GetExitCodeThread(t, &code);
    ok(good == 1000 && code == 0, "SignalObjectAndWait ping-pong: %d, code %lu\n", good, code);
    CloseHandle(t);

    HANDLE mx = CreateMutexW(NULL, TRUE, NULL), sem = CreateSemaphoreW(NULL, 0, 1, NULL);
    ok(SignalObjectAndWait(mx, sem, 0, FALSE) == WAIT_TIMEOUT, "signal a mutex, wait a semaphore\n");
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(mx) && GetLastError() == ERROR_NOT_OWNER, "SignalObjectAndWait released the mutex\n");
    ok(SignalObjectAndWait(sem, sem, 0, FALSE) == WAIT_OBJECT_0, "signal and take the semaphore\n");
    SetLastError(0xdeadbeef);
    ok(SignalObjectAndWait(mx, sem, 0, FALSE) == WAIT_FAILED && GetLastError() == ERROR_NOT_OWNER,
       "release of a mutex not owned: %lu\n", GetLastError());
    CloseHandle(mx);
    CloseHandle(sem);
    CloseHandle(soaw_a);
    CloseHandle(soaw_b);
}

/* wait-all is atomic: two threads wait-all on {A, B} while others take A or B alone */
static HANDLE sem_a, sem_b;
static volatile LONG all_taken, single_taken, stop_waits;
static DWORD WINAPI all_waiter(void *arg)
{
    HANDLE hs[2] = { sem_a, sem_b };
    while (!stop_waits) {
        if (WaitForMultipleObjects(2, hs, TRUE, 10) == WAIT_OBJECT_0) {
            InterlockedIncrement(&all_taken);
            ReleaseSemaphore(sem_b, 1, NULL);
            ReleaseSemaphore(sem_a, 1, NULL);
        }
    }
    return 0;
}
static DWORD WINAPI single_waiter(void *arg)
{
    HANDLE s = arg;
    while (!stop_waits) {
        if (WaitForSingleObject(s, 10) == WAIT_OBJECT_0) {
            InterlockedIncrement(&single_taken);
            ReleaseSemaphore(s, 1, NULL);
        }
    }
    return 0;
}

static void test_waitall_atomic(void)
{
    LONG a = -1, b = -1;
    sem_a = CreateSemaphoreW(NULL, 1, 1, NULL);
    sem_b = CreateSemaphoreW(NULL, 1, 1, NULL);
    HANDLE t[4] = { CreateThread(NULL, 0, all_waiter, NULL, 0, NULL), CreateThread(NULL, 0, all_waiter, NULL, 0, NULL),
                    CreateThread(NULL, 0, single_waiter, sem_a, 0, NULL), CreateThread(NULL, 0, single_waiter, sem_b, 0, NULL) };
    Sleep(300);
    stop_waits = 1;
    ok(WaitForMultipleObjects(4, t, TRUE, 10000) == WAIT_OBJECT_0, "waiters did not end\n");
    for (int i = 0; i < 4; i++) CloseHandle(t[i]);
    ok(all_taken > 0 && single_taken > 0, "wait-all %ld, single %ld\n", all_taken, single_taken);
    SetLastError(0xdeadbeef);
    ok(!ReleaseSemaphore(sem_a, 1, &a) && !ReleaseSemaphore(sem_b, 1, &b), "a count went over (wait-all not atomic)\n");
    ok(WaitForSingleObject(sem_a, 0) == WAIT_OBJECT_0 && WaitForSingleObject(sem_b, 0) == WAIT_OBJECT_0, "a count lost\n");
    CloseHandle(sem_a);
    CloseHandle(sem_b);
}

int main(void)
{
    test_errors();
    test_any_all();
    test_mixture();
    test_abandoned();
    test_timeouts();
    test_signal_and_wait();
    test_waitall_atomic();
    return test_summary();
}
