/* Named events, mutexes, semaphores and timers: names, Create/Open rules.
 * Run without arguments it tests within one process.  tests/server/
 * named_checks (a script) also runs it as two processes:
 *     named.exe owner TAG      creates the objects, waits for the peer
 *     named.exe peer TAG       opens them, signals, releases
 *     named.exe hold TAG       takes a mutex and sleeps (the script kills it)
 *     named.exe abandoned TAG  waits for that mutex: WAIT_ABANDONED */
#include <windows.h>
#include <string.h>
#include "test.h"

static char tag[64] = "t";

static const char *nm(const char *base)
{
    static char buf[4][128];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof(buf[i]), "carafe-named-%s-%s", tag, base);
    return buf[i];
}

static void test_event_names(void)
{
    HANDLE a, b, c;
    SetLastError(0xdeadbeef);
    a = CreateEventA(NULL, TRUE, FALSE, nm("ev"));
    ok(a != NULL, "CreateEvent failed %lu\n", GetLastError());
    ok(GetLastError() == 0, "new name: last error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    b = CreateEventA(NULL, FALSE, TRUE, nm("ev"));
    ok(b != NULL && b != a, "second CreateEvent %p\n", b);
    ok(GetLastError() == ERROR_ALREADY_EXISTS, "existing name: last error %lu\n", GetLastError());
    /* the existing object, manual reset and unsignaled, not the new arguments */
    ok(WaitForSingleObject(b, 0) == WAIT_TIMEOUT, "second handle is signaled\n");
    ok(SetEvent(a), "SetEvent\n");
    ok(WaitForSingleObject(b, 0) == WAIT_OBJECT_0, "not signaled through the other handle\n");
    ok(WaitForSingleObject(b, 0) == WAIT_OBJECT_0, "manual reset event was reset\n");
    ResetEvent(b);

    SetLastError(0xdeadbeef);
    c = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("ev"));
    ok(c != NULL, "OpenEvent failed %lu\n", GetLastError());
    SetEvent(c);
    ok(WaitForSingleObject(a, 0) == WAIT_OBJECT_0, "OpenEvent gave another object\n");
    CloseHandle(c);

    /* names are case-sensitive */
    SetLastError(0xdeadbeef);
    c = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("EV"));
    ok(c == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "OpenEvent other case: %p %lu\n", c, GetLastError());
    /* Local\ is the same namespace */
    char local[160];
    snprintf(local, sizeof(local), "Local\\%s", nm("ev"));
    c = OpenEventA(EVENT_ALL_ACCESS, FALSE, local);
    ok(c != NULL, "OpenEvent with Local\\ failed %lu\n", GetLastError());
    if (c) CloseHandle(c);

    /* another type under the name */
    SetLastError(0xdeadbeef);
    c = CreateMutexA(NULL, FALSE, nm("ev"));
    ok(c == NULL && GetLastError() == ERROR_INVALID_HANDLE, "CreateMutex on an event name: %p %lu\n", c,
       GetLastError());
    SetLastError(0xdeadbeef);
    c = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, nm("ev"));
    ok(c == NULL && GetLastError() == ERROR_INVALID_HANDLE, "OpenSemaphore on an event name: %p %lu\n", c,
       GetLastError());

    CloseHandle(a);
    CloseHandle(b);
    /* the last handle is gone: so is the name */
    SetLastError(0xdeadbeef);
    c = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("ev"));
    ok(c == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "name outlived its object: %p %lu\n", c,
       GetLastError());

    SetLastError(0xdeadbeef);
    c = OpenMutexA(MUTEX_ALL_ACCESS, FALSE, nm("missing"));
    ok(c == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "OpenMutex missing: %p %lu\n", c, GetLastError());
    c = OpenEventW(EVENT_ALL_ACCESS, FALSE, L"carafe-named-no-such-event");
    ok(c == NULL && GetLastError() == ERROR_FILE_NOT_FOUND, "OpenEventW missing: %p %lu\n", c, GetLastError());
}

static DWORD WINAPI take_mutex(void *arg)
{
    HANDLE m = OpenMutexA(MUTEX_ALL_ACCESS, FALSE, nm("mx"));
    DWORD r = WaitForSingleObject(m, 5000);
    if (r == WAIT_OBJECT_0 || r == WAIT_ABANDONED) ReleaseMutex(m);
    CloseHandle(m);
    return r;
}

static DWORD WINAPI hold_and_exit(void *arg)
{
    HANDLE m = OpenMutexA(MUTEX_ALL_ACCESS, FALSE, nm("mx"));
    WaitForSingleObject(m, 5000);
    CloseHandle(m);
    return 0;   /* ends still owning it */
}

static void test_mutex_names(void)
{
    HANDLE m, m2, t;
    DWORD code;
    SetLastError(0xdeadbeef);
    m = CreateMutexA(NULL, TRUE, nm("mx"));
    ok(m != NULL && GetLastError() == 0, "CreateMutex %p %lu\n", m, GetLastError());
    SetLastError(0xdeadbeef);
    m2 = CreateMutexA(NULL, TRUE, nm("mx"));
    ok(m2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "CreateMutex again %p %lu\n", m2, GetLastError());
    /* we own it once (the second initial owner is ignored) */
    ok(ReleaseMutex(m2), "ReleaseMutex through the second handle\n");
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(m) && GetLastError() == ERROR_NOT_OWNER, "owned twice? %lu\n", GetLastError());

    ok(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "take it\n");
    t = CreateThread(NULL, 0, take_mutex, NULL, 0, NULL);
    ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "another thread got the owned mutex\n");
    ReleaseMutex(m);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "thread did not finish\n");
    GetExitCodeThread(t, &code);
    ok(code == WAIT_OBJECT_0, "thread wait gave %lu\n", code);
    CloseHandle(t);

    t = CreateThread(NULL, 0, hold_and_exit, NULL, 0, NULL);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    ok(WaitForSingleObject(m2, 1000) == WAIT_ABANDONED, "mutex of an ended thread not abandoned\n");
    ok(WaitForSingleObject(m2, 0) == WAIT_OBJECT_0, "abandoned twice\n");
    ReleaseMutex(m2);
    ReleaseMutex(m2);
    CloseHandle(m);
    CloseHandle(m2);
}

static void test_semaphore_names(void)
{
    HANDLE s, s2;
    LONG prev = -1;
    s = CreateSemaphoreA(NULL, 1, 3, nm("sem"));
    ok(s != NULL, "CreateSemaphore %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    s2 = CreateSemaphoreA(NULL, 0, 10, nm("sem"));
    ok(s2 != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "CreateSemaphore again %lu\n", GetLastError());
    ok(WaitForSingleObject(s2, 0) == WAIT_OBJECT_0, "count 1 not seen\n");
    ok(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "count not shared\n");
    ok(ReleaseSemaphore(s2, 3, &prev) && prev == 0, "release 3: prev %ld\n", prev);
    SetLastError(0xdeadbeef);
    ok(!ReleaseSemaphore(s, 1, NULL) && GetLastError() == ERROR_TOO_MANY_POSTS, "maximum of the first: %lu\n",
       GetLastError());
    HANDLE both[2] = { s, s2 };
    ok(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_OBJECT_0, "wait any\n");
    CloseHandle(s);
    CloseHandle(s2);

    HANDLE t = CreateWaitableTimerA(NULL, TRUE, nm("timer"));
    ok(t != NULL, "CreateWaitableTimer %lu\n", GetLastError());
    HANDLE t2 = OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, nm("timer"));
    ok(t2 != NULL, "OpenWaitableTimer %lu\n", GetLastError());
    LARGE_INTEGER due;
    due.QuadPart = -100000;   /* 10 ms */
    ok(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer\n");
    ok(WaitForSingleObject(t2, 2000) == WAIT_OBJECT_0, "timer through the other handle\n");
    CloseHandle(t);
    CloseHandle(t2);
}

/* ---- two processes (the script runs both) ---- */

static HANDLE open_retry(HANDLE (WINAPI *fn)(DWORD, BOOL, LPCSTR), DWORD access, const char *name)
{
    HANDLE h = NULL;
    for (int i = 0; i < 500 && !(h = fn(access, FALSE, name)); i++) Sleep(10);
    return h;
}

static int owner(void)
{
    HANDLE go = CreateEventA(NULL, FALSE, FALSE, nm("go"));
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, nm("done"));
    HANDLE sem = CreateSemaphoreA(NULL, 0, 10, nm("xsem"));
    HANDLE mx = CreateMutexA(NULL, TRUE, nm("xmx"));
    HANDLE ready = CreateEventA(NULL, TRUE, TRUE, nm("ready"));   /* last: everything is there */
    ok(go && done && sem && mx && ready, "create failed %lu\n", GetLastError());
    ok(WaitForSingleObject(go, 10000) == WAIT_OBJECT_0, "the peer's SetEvent never came\n");
    /* the peer released the semaphore 3 times and waits for the mutex */
    LONG prev = -1;
    ok(ReleaseSemaphore(sem, 1, &prev) && prev == 3, "semaphore count %ld, expected 3\n", prev);
    ok(ReleaseMutex(mx), "ReleaseMutex\n");
    ok(WaitForSingleObject(done, 10000) == WAIT_OBJECT_0, "the peer did not finish\n");
    ok(WaitForSingleObject(mx, 5000) == WAIT_OBJECT_0, "mutex back: not free\n");
    ReleaseMutex(mx);
    return 0;
}

static int peer(void)
{
    HANDLE ready = open_retry(OpenEventA, EVENT_ALL_ACCESS, nm("ready"));
    ok(ready != NULL, "no ready event: %lu\n", GetLastError());
    if (!ready) return 0;
    HANDLE go = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("go"));
    HANDLE done = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("done"));
    HANDLE sem = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, nm("xsem"));
    SetLastError(0xdeadbeef);
    HANDLE mx = CreateMutexA(NULL, TRUE, nm("xmx"));
    ok(GetLastError() == ERROR_ALREADY_EXISTS, "CreateMutex of the owner's: %lu\n", GetLastError());
    ok(go && done && sem && mx, "open failed\n");
    ok(WaitForSingleObject(mx, 0) == WAIT_TIMEOUT, "the owner's mutex is free here\n");
    ok(ReleaseSemaphore(sem, 3, NULL), "ReleaseSemaphore\n");
    ok(SetEvent(go), "SetEvent\n");
    ok(WaitForSingleObject(mx, 10000) == WAIT_OBJECT_0, "the owner never released the mutex\n");
    ok(WaitForSingleObject(sem, 0) == WAIT_OBJECT_0, "semaphore count not seen\n");
    ReleaseMutex(mx);
    SetEvent(done);
    return 0;
}

static int hold(void)
{
    HANDLE mx = CreateMutexA(NULL, TRUE, nm("ab"));
    HANDLE held = CreateEventA(NULL, TRUE, TRUE, nm("held"));
    ok(mx && held, "create %lu\n", GetLastError());
    printf("holding\n");
    fflush(stdout);
    Sleep(20000);   /* killed before */
    return 0;
}

static int abandoned(void)
{
    HANDLE held = open_retry(OpenEventA, EVENT_ALL_ACCESS, nm("held"));
    ok(held != NULL, "no held event\n");
    HANDLE mx = OpenMutexA(MUTEX_ALL_ACCESS, FALSE, nm("ab"));
    ok(mx != NULL, "OpenMutex %lu\n", GetLastError());
    if (!mx) return 0;
    printf("waiting\n");
    fflush(stdout);
    DWORD r = WaitForSingleObject(mx, 15000);
    ok(r == WAIT_ABANDONED, "wait gave %lx, expected WAIT_ABANDONED\n", r);
    ok(ReleaseMutex(mx), "ReleaseMutex after the abandonment\n");
    ok(WaitForSingleObject(mx, 0) == WAIT_OBJECT_0, "abandoned again\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3) {
        snprintf(tag, sizeof(tag), "%s", argv[2]);
        test_context = argv[1];
        if (!strcmp(argv[1], "owner")) owner();
        else if (!strcmp(argv[1], "peer")) peer();
        else if (!strcmp(argv[1], "hold")) hold();
        else if (!strcmp(argv[1], "abandoned")) abandoned();
        return test_summary();
    }
    snprintf(tag, sizeof(tag), "%lu", GetCurrentProcessId());
    test_event_names();
    test_mutex_names();
    test_semaphore_names();
    return test_summary();
}
