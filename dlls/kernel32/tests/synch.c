/* Synchronization objects: events, mutexes, semaphores, waitable timers,
 * names, SRW locks, condition variables, InitOnce, WaitOnAddress, SLists,
 * critical sections under contention; stress tests that catch lost wake-ups. */
#include <windows.h>
#include <stdio.h>
#include "test.h"

/* WaitOnAddress lives in api-ms-win-core-synch-l1-2-0 (kernel32 in carafe) */
static BOOL (WINAPI *pWaitOnAddress)(volatile void *, void *, SIZE_T, DWORD);
static void (WINAPI *pWakeByAddressAll)(void *);
static void (WINAPI *pWakeByAddressSingle)(void *);

static HANDLE start_thread(LPTHREAD_START_ROUTINE fn, void *arg)
{
    return CreateThread(NULL, 0, fn, arg, 0, NULL);
}

static void join(HANDLE h)
{
    ok(WaitForSingleObject(h, 20000) == WAIT_OBJECT_0, "thread did not end\n");
    CloseHandle(h);
}

static void test_events(void)
{
    HANDLE e = CreateEventW(NULL, FALSE, FALSE, NULL);
    ok(e != NULL, "CreateEvent failed\n");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "new event signaled\n");
    ok(SetEvent(e), "SetEvent\n");
    ok(SetEvent(e), "SetEvent twice\n");
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "auto event not signaled\n");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "auto event did not reset\n");
    ok(SetEvent(e) && ResetEvent(e), "Set/Reset\n");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "reset event signaled\n");
    ok(PulseEvent(e), "PulseEvent\n");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "pulsed event stays signaled\n");
    CloseHandle(e);

    e = CreateEventW(NULL, TRUE, TRUE, NULL);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0 && WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "manual event\n");
    ok(ResetEvent(e) && WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "manual reset\n");
    CloseHandle(e);

    e = CreateEventExW(NULL, NULL, CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0 && WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "CreateEventEx flags\n");
    CloseHandle(e);

    SetLastError(0xdeadbeef);
    ok(!SetEvent(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "SetEvent(NULL): %lu\n", GetLastError());
    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    SetLastError(0xdeadbeef);
    ok(!SetEvent(m) && GetLastError() == ERROR_INVALID_HANDLE, "SetEvent(mutex): %lu\n", GetLastError());
    CloseHandle(m);
}

static void test_names(void)
{
    SetLastError(0xdeadbeef);
    HANDLE a = CreateEventW(NULL, TRUE, FALSE, L"carafe-test-event");
    ok(a && GetLastError() == 0, "named create: %lu\n", GetLastError());
    HANDLE b = CreateEventW(NULL, FALSE, TRUE, L"carafe-test-event");
    ok(b && b != a && GetLastError() == ERROR_ALREADY_EXISTS, "second create: %lu\n", GetLastError());
    ok(WaitForSingleObject(a, 0) == WAIT_TIMEOUT, "second create changed the state\n");
    ok(SetEvent(b) && WaitForSingleObject(a, 0) == WAIT_OBJECT_0, "not the same object\n");
    HANDLE c = OpenEventW(EVENT_ALL_ACCESS, FALSE, L"carafe-test-event");
    ok(c != NULL, "OpenEvent failed %lu\n", GetLastError());
    ok(ResetEvent(c) && WaitForSingleObject(a, 0) == WAIT_TIMEOUT, "opened event is another object\n");
    HANDLE d = OpenEventA(EVENT_ALL_ACCESS, FALSE, "carafe-test-event");
    ok(d != NULL, "OpenEventA failed\n");
    CloseHandle(d);
    SetLastError(0xdeadbeef);
    ok(!CreateMutexW(NULL, FALSE, L"carafe-test-event") && GetLastError() == ERROR_INVALID_HANDLE,
       "mutex with an event's name: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenMutexW(MUTEX_ALL_ACCESS, FALSE, L"carafe-test-event") && GetLastError() == ERROR_INVALID_HANDLE,
       "OpenMutex of an event: %lu\n", GetLastError());
    CloseHandle(a);
    CloseHandle(b);
    CloseHandle(c);
    SetLastError(0xdeadbeef);
    ok(!OpenEventW(EVENT_ALL_ACCESS, FALSE, L"carafe-test-event") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "name outlived its object: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, L"carafe-no-such") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "OpenSemaphore of nothing: %lu\n", GetLastError());

    HANDLE s = CreateSemaphoreA(NULL, 1, 5, "carafe-test-sem");
    HANDLE s2 = OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, L"carafe-test-sem");
    ok(s2 && WaitForSingleObject(s2, 0) == WAIT_OBJECT_0 && WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "named semaphore\n");
    CloseHandle(s);
    CloseHandle(s2);
    HANDLE t = CreateWaitableTimerW(NULL, TRUE, L"carafe-test-timer");
    HANDLE t2 = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"carafe-test-timer");
    ok(t && t2, "named timer\n");
    CloseHandle(t);
    CloseHandle(t2);
}

static DWORD WINAPI release_other(void *arg)
{
    SetLastError(0xdeadbeef);
    BOOL r = ReleaseMutex(arg);
    return r ? 1 : GetLastError();
}

static DWORD WINAPI take_and_leave(void *arg)
{
    return WaitForSingleObject(arg, 0);
}

static void test_mutexes(void)
{
    HANDLE m = CreateMutexW(NULL, TRUE, NULL);
    DWORD code;
    ok(m != NULL, "CreateMutex failed\n");
    ok(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "recursion\n");
    HANDLE h = start_thread(release_other, m);
    WaitForSingleObject(h, 5000);
    ok(GetExitCodeThread(h, &code) && code == ERROR_NOT_OWNER, "ReleaseMutex by another thread: %lu\n", code);
    CloseHandle(h);
    h = start_thread(take_and_leave, m);
    WaitForSingleObject(h, 5000);
    ok(GetExitCodeThread(h, &code) && code == WAIT_TIMEOUT, "owned mutex taken by another: %lu\n", code);
    CloseHandle(h);
    ok(ReleaseMutex(m) && ReleaseMutex(m), "two releases\n");
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(m) && GetLastError() == ERROR_NOT_OWNER, "third release: %lu\n", GetLastError());

    /* abandoned: the owner ends holding it */
    h = start_thread(take_and_leave, m);
    WaitForSingleObject(h, 5000);
    ok(GetExitCodeThread(h, &code) && code == WAIT_OBJECT_0, "free mutex not taken: %lu\n", code);
    CloseHandle(h);
    ok(WaitForSingleObject(m, 1000) == WAIT_ABANDONED, "abandoned mutex\n");
    ok(WaitForSingleObject(m, 0) == WAIT_OBJECT_0, "abandoned only once\n");
    ok(ReleaseMutex(m) && ReleaseMutex(m), "release after abandon\n");
    CloseHandle(m);

    m = CreateMutexExW(NULL, NULL, CREATE_MUTEX_INITIAL_OWNER, MUTEX_ALL_ACCESS);
    ok(ReleaseMutex(m), "CreateMutexEx initial owner\n");
    CloseHandle(m);
}

static void test_semaphores(void)
{
    LONG prev = -1;
    HANDLE s = CreateSemaphoreW(NULL, 2, 3, NULL);
    ok(s != NULL, "CreateSemaphore failed\n");
    ok(WaitForSingleObject(s, 0) == WAIT_OBJECT_0 && WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "count 2\n");
    ok(WaitForSingleObject(s, 0) == WAIT_TIMEOUT, "count 0 signaled\n");
    ok(ReleaseSemaphore(s, 3, &prev) && prev == 0, "release 3: prev %ld\n", prev);
    SetLastError(0xdeadbeef);
    prev = -1;
    ok(!ReleaseSemaphore(s, 1, &prev) && GetLastError() == ERROR_TOO_MANY_POSTS, "over max: %lu\n", GetLastError());
    ok(prev == -1, "prev written on failure: %ld\n", prev);
    /* a count of 0: Microsoft documents it as invalid (carafe fails it), Wine 8 accepts it; not checked */
    CloseHandle(s);
    SetLastError(0xdeadbeef);
    ok(!CreateSemaphoreW(NULL, 4, 3, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "initial > max: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateSemaphoreW(NULL, 0, 0, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "max 0: %lu\n", GetLastError());
}

static void test_timers(void)
{
    LARGE_INTEGER due;
    HANDLE t = CreateWaitableTimerW(NULL, TRUE, NULL);
    ok(t != NULL, "CreateWaitableTimer failed\n");
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "new timer signaled\n");
    due.QuadPart = -50 * 10000;   /* 50 ms */
    DWORD start = GetTickCount();
    ok(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer failed\n");
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "timer fired at once\n");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "timer did not fire\n");
    DWORD took = GetTickCount() - start;
    ok(took >= 30 && took < 3000, "relative timer took %lu ms\n", took);
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "manual timer reset itself\n");
    ok(CancelWaitableTimer(t), "CancelWaitableTimer\n");
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "cancel reset a signaled timer\n");
    due.QuadPart = -10 * 1000 * 10000;
    ok(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE) && WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "set resets\n");
    CancelWaitableTimer(t);
    ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "cancelled timer fired\n");
    CloseHandle(t);

    /* absolute due time, and a periodic synchronization timer */
    t = CreateWaitableTimerExW(NULL, NULL, 0, TIMER_ALL_ACCESS);
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    due.u.LowPart = now.dwLowDateTime;
    due.u.HighPart = now.dwHighDateTime;
    due.QuadPart += 30 * 10000;
    ok(SetWaitableTimer(t, &due, 20, NULL, NULL, FALSE), "absolute timer\n");
    start = GetTickCount();
    int fired = 0;
    for (int i = 0; i < 4; i++)
        if (WaitForSingleObject(t, 3000) == WAIT_OBJECT_0) fired++;
    took = GetTickCount() - start;
    ok(fired == 4, "periodic timer fired %d times of 4\n", fired);
    ok(took >= 50 && took < 5000, "four periods took %lu ms\n", took);
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "synchronization timer stays signaled\n");
    CloseHandle(t);
}

/* ---- stress: event ping-pong between two threads, two pairs ---- */
#define PINGS 20000
struct pingpong { HANDLE ping, pong; LONG count; };

static DWORD WINAPI ponger(void *arg)
{
    struct pingpong *p = arg;
    for (int i = 0; i < PINGS; i++) {
        if (WaitForSingleObject(p->ping, 10000) != WAIT_OBJECT_0) return 1;
        p->count++;
        SetEvent(p->pong);
    }
    return 0;
}

static DWORD WINAPI pinger(void *arg)
{
    struct pingpong *p = arg;
    for (int i = 0; i < PINGS; i++) {
        SetEvent(p->ping);
        if (WaitForSingleObject(p->pong, 10000) != WAIT_OBJECT_0) return 1;
    }
    return 0;
}

static void test_pingpong(void)
{
    struct pingpong p[2];
    HANDLE h[4];
    DWORD code, bad = 0;
    for (int i = 0; i < 2; i++) {
        p[i].ping = CreateEventW(NULL, FALSE, FALSE, NULL);
        p[i].pong = CreateEventW(NULL, FALSE, FALSE, NULL);
        p[i].count = 0;
        h[2 * i] = start_thread(ponger, &p[i]);
        h[2 * i + 1] = start_thread(pinger, &p[i]);
    }
    ok(WaitForMultipleObjects(4, h, TRUE, 60000) == WAIT_OBJECT_0, "ping-pong threads did not end\n");
    for (int i = 0; i < 4; i++) {
        if (!GetExitCodeThread(h[i], &code) || code) bad++;
        CloseHandle(h[i]);
    }
    ok(!bad, "%lu ping-pong threads lost a wake-up\n", bad);
    ok(p[0].count == PINGS && p[1].count == PINGS, "counts %ld %ld\n", p[0].count, p[1].count);
    for (int i = 0; i < 2; i++) {
        CloseHandle(p[i].ping);
        CloseHandle(p[i].pong);
    }
}

/* ---- stress: semaphore producer/consumer ---- */
#define ITEMS 20000
static HANDLE sem_items, sem_space;
static LONG produced, consumed;
static DWORD WINAPI producer(void *arg)
{
    for (int i = 0; i < ITEMS; i++) {
        if (WaitForSingleObject(sem_space, 10000) != WAIT_OBJECT_0) return 1;
        InterlockedIncrement(&produced);
        ReleaseSemaphore(sem_items, 1, NULL);
    }
    return 0;
}
static DWORD WINAPI consumer(void *arg)
{
    for (int i = 0; i < ITEMS; i++) {
        if (WaitForSingleObject(sem_items, 10000) != WAIT_OBJECT_0) return 1;
        InterlockedIncrement(&consumed);
        ReleaseSemaphore(sem_space, 1, NULL);
    }
    return 0;
}

static void test_semaphore_stress(void)
{
    HANDLE h[4];
    DWORD code, bad = 0;
    LONG left = -1;
    sem_items = CreateSemaphoreW(NULL, 0, 16, NULL);
    sem_space = CreateSemaphoreW(NULL, 16, 16, NULL);
    h[0] = start_thread(producer, NULL);
    h[1] = start_thread(producer, NULL);
    h[2] = start_thread(consumer, NULL);
    h[3] = start_thread(consumer, NULL);
    ok(WaitForMultipleObjects(4, h, TRUE, 60000) == WAIT_OBJECT_0, "producers/consumers did not end\n");
    for (int i = 0; i < 4; i++) {
        if (!GetExitCodeThread(h[i], &code) || code) bad++;
        CloseHandle(h[i]);
    }
    ok(!bad, "%lu producer/consumer threads timed out\n", bad);
    ok(produced == 2 * ITEMS && consumed == 2 * ITEMS, "produced %ld consumed %ld\n", produced, consumed);
    ok(WaitForSingleObject(sem_items, 0) == WAIT_TIMEOUT, "items left over\n");
    ok(ReleaseSemaphore(sem_space, 0 + 1, &left) == FALSE && left == -1, "space not full\n");
    CloseHandle(sem_items);
    CloseHandle(sem_space);
}

/* ---- stress: counters under a mutex and a critical section ---- */
#define LOOPS 20000
static HANDLE counter_mutex;
static CRITICAL_SECTION counter_cs;
static volatile LONG mutex_counter, cs_counter;
static DWORD WINAPI mutex_adder(void *arg)
{
    for (int i = 0; i < LOOPS / 4; i++) {
        if (WaitForSingleObject(counter_mutex, 10000) != WAIT_OBJECT_0) return 1;
        LONG v = mutex_counter;
        mutex_counter = v + 1;
        ReleaseMutex(counter_mutex);
    }
    for (int i = 0; i < LOOPS; i++) {
        EnterCriticalSection(&counter_cs);
        LONG v = cs_counter;
        if (i % 64 == 0) SwitchToThread();
        cs_counter = v + 1;
        LeaveCriticalSection(&counter_cs);
    }
    return 0;
}

static void test_counters(void)
{
    HANDLE h[4];
    counter_mutex = CreateMutexW(NULL, FALSE, NULL);
    InitializeCriticalSection(&counter_cs);
    for (int i = 0; i < 4; i++) h[i] = start_thread(mutex_adder, NULL);
    ok(WaitForMultipleObjects(4, h, TRUE, 60000) == WAIT_OBJECT_0, "adders did not end\n");
    for (int i = 0; i < 4; i++) CloseHandle(h[i]);
    ok(mutex_counter == LOOPS, "mutex counter %ld\n", mutex_counter);
    ok(cs_counter == 4 * LOOPS, "critical section counter %ld\n", cs_counter);
    ok(counter_cs.RecursionCount == 0 && counter_cs.OwningThread == 0, "critical section left owned\n");
    DeleteCriticalSection(&counter_cs);
    CloseHandle(counter_mutex);
}

/* ---- SRW locks: shared readers, exclusive writers ---- */
static SRWLOCK srw = SRWLOCK_INIT;
static volatile LONG readers_in, writers_in, srw_violations, srw_value;
static DWORD WINAPI srw_worker(void *arg)
{
    for (int i = 0; i < LOOPS; i++) {
        if (i % 4 == 0) {
            AcquireSRWLockExclusive(&srw);
            if (InterlockedIncrement(&writers_in) != 1 || readers_in) InterlockedIncrement(&srw_violations);
            srw_value++;
            InterlockedDecrement(&writers_in);
            ReleaseSRWLockExclusive(&srw);
        } else {
            AcquireSRWLockShared(&srw);
            InterlockedIncrement(&readers_in);
            if (writers_in) InterlockedIncrement(&srw_violations);
            InterlockedDecrement(&readers_in);
            ReleaseSRWLockShared(&srw);
        }
    }
    return 0;
}

static void test_srw(void)
{
    SRWLOCK l;
    InitializeSRWLock(&l);
    ok(TryAcquireSRWLockShared(&l) && TryAcquireSRWLockShared(&l), "two shared\n");
    ok(!TryAcquireSRWLockExclusive(&l), "exclusive while shared\n");
    ReleaseSRWLockShared(&l);
    ReleaseSRWLockShared(&l);
    ok(TryAcquireSRWLockExclusive(&l), "exclusive when free\n");
    ok(!TryAcquireSRWLockShared(&l) && !TryAcquireSRWLockExclusive(&l), "taken while exclusive\n");
    ReleaseSRWLockExclusive(&l);

    HANDLE h[4];
    for (int i = 0; i < 4; i++) h[i] = start_thread(srw_worker, NULL);
    ok(WaitForMultipleObjects(4, h, TRUE, 60000) == WAIT_OBJECT_0, "SRW workers did not end\n");
    for (int i = 0; i < 4; i++) CloseHandle(h[i]);
    ok(!srw_violations, "%ld SRW violations\n", srw_violations);
    ok(srw_value == LOOPS, "SRW counter %ld\n", srw_value);
}

/* ---- condition variables: a bounded queue ---- */
#define QSIZE 8
static CRITICAL_SECTION q_cs;
static SRWLOCK q_srw = SRWLOCK_INIT;
static CONDITION_VARIABLE q_notempty = CONDITION_VARIABLE_INIT, q_notfull = CONDITION_VARIABLE_INIT;
static int queue[QSIZE], q_head, q_count;
static LONGLONG q_sum;
static int q_use_srw;

static void q_lock(void) { if (q_use_srw) AcquireSRWLockExclusive(&q_srw); else EnterCriticalSection(&q_cs); }
static void q_unlock(void) { if (q_use_srw) ReleaseSRWLockExclusive(&q_srw); else LeaveCriticalSection(&q_cs); }
static void q_sleep(CONDITION_VARIABLE *cv)
{
    if (q_use_srw) SleepConditionVariableSRW(cv, &q_srw, INFINITE, 0);
    else SleepConditionVariableCS(cv, &q_cs, INFINITE);
}

static DWORD WINAPI q_producer(void *arg)
{
    for (int i = 1; i <= ITEMS; i++) {
        q_lock();
        while (q_count == QSIZE) q_sleep(&q_notfull);
        queue[(q_head + q_count++) % QSIZE] = i;
        q_unlock();
        WakeConditionVariable(&q_notempty);
    }
    return 0;
}

static DWORD WINAPI q_consumer(void *arg)
{
    for (int i = 0; i < ITEMS; i++) {
        q_lock();
        while (!q_count) q_sleep(&q_notempty);
        q_sum += queue[q_head];
        q_head = (q_head + 1) % QSIZE;
        q_count--;
        q_unlock();
        WakeConditionVariable(&q_notfull);
    }
    return 0;
}

static void test_condvar(void)
{
    CONDITION_VARIABLE cv;
    InitializeConditionVariable(&cv);
    InitializeCriticalSection(&q_cs);
    EnterCriticalSection(&q_cs);
    SetLastError(0xdeadbeef);
    ok(!SleepConditionVariableCS(&cv, &q_cs, 20) && GetLastError() == ERROR_TIMEOUT, "timeout: %lu\n", GetLastError());
    ok(q_cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "lock not taken back\n");
    LeaveCriticalSection(&q_cs);
    AcquireSRWLockShared(&q_srw);
    ok(!SleepConditionVariableSRW(&cv, &q_srw, 10, CONDITION_VARIABLE_LOCKMODE_SHARED), "SRW shared timeout\n");
    ReleaseSRWLockShared(&q_srw);
    WakeAllConditionVariable(&cv);

    for (q_use_srw = 0; q_use_srw < 2; q_use_srw++) {
        HANDLE h[4];
        q_sum = 0;
        h[0] = start_thread(q_producer, NULL);
        h[1] = start_thread(q_producer, NULL);
        h[2] = start_thread(q_consumer, NULL);
        h[3] = start_thread(q_consumer, NULL);
        ok(WaitForMultipleObjects(4, h, TRUE, 60000) == WAIT_OBJECT_0, "queue threads did not end (srw %d)\n", q_use_srw);
        for (int i = 0; i < 4; i++) CloseHandle(h[i]);
        ok(q_sum == 2 * (LONGLONG)ITEMS * (ITEMS + 1) / 2 && !q_count, "queue sum %I64d (srw %d)\n", q_sum, q_use_srw);
    }
    DeleteCriticalSection(&q_cs);
}

/* ---- InitOnce ---- */
static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG once_calls;
static BOOL WINAPI once_fn(INIT_ONCE *o, void *param, void **ctx)
{
    InterlockedIncrement(&once_calls);
    Sleep(20);
    *ctx = (void *)0x1230;
    return TRUE;
}
static BOOL WINAPI once_fail(INIT_ONCE *o, void *param, void **ctx) { return FALSE; }
static DWORD WINAPI once_thread(void *arg)
{
    void *ctx = NULL;
    return InitOnceExecuteOnce(&once, once_fn, NULL, &ctx) && ctx == (void *)0x1230;
}

static void test_initonce(void)
{
    HANDLE h[4];
    DWORD code, good = 0;
    for (int i = 0; i < 4; i++) h[i] = start_thread(once_thread, NULL);
    WaitForMultipleObjects(4, h, TRUE, 10000);
    for (int i = 0; i < 4; i++) {
        if (GetExitCodeThread(h[i], &code) && code == 1) good++;
        CloseHandle(h[i]);
    }
    ok(good == 4 && once_calls == 1, "InitOnceExecuteOnce: %lu good, %ld calls\n", good, once_calls);

    INIT_ONCE o;
    BOOL pending = 7;
    void *ctx = NULL;
    InitOnceInitialize(&o);
    ok(!InitOnceExecuteOnce(&o, once_fail, NULL, NULL), "failing init succeeded\n");
    SetLastError(0xdeadbeef);
    ok(!InitOnceBeginInitialize(&o, INIT_ONCE_CHECK_ONLY, &pending, &ctx), "check only before init\n");
    ok(InitOnceBeginInitialize(&o, 0, &pending, &ctx) && pending, "begin: pending %d\n", pending);
    ok(InitOnceComplete(&o, 0, (void *)0x4560), "complete\n");
    ok(InitOnceBeginInitialize(&o, INIT_ONCE_CHECK_ONLY, &pending, &ctx) && !pending && ctx == (void *)0x4560,
       "check after complete: pending %d ctx %p\n", pending, ctx);
    SetLastError(0xdeadbeef);
    ok(!InitOnceComplete(&o, 0, (void *)0x4561) && GetLastError() == ERROR_INVALID_PARAMETER,
       "misaligned context: %lu\n", GetLastError());
}

/* ---- WaitOnAddress ---- */
static volatile LONG address_value;
static DWORD WINAPI address_waker(void *arg)
{
    Sleep(30);
    InterlockedExchange(&address_value, 1);
    pWakeByAddressAll((void *)&address_value);
    return 0;
}

static void test_waitonaddress(void)
{
    LONG cmp = 5;
    HMODULE mod = LoadLibraryA("api-ms-win-core-synch-l1-2-0.dll");
    ok(mod != NULL, "no api-ms-win-core-synch-l1-2-0\n");
    if (!mod) return;
    pWaitOnAddress = (void *)GetProcAddress(mod, "WaitOnAddress");
    pWakeByAddressAll = (void *)GetProcAddress(mod, "WakeByAddressAll");
    pWakeByAddressSingle = (void *)GetProcAddress(mod, "WakeByAddressSingle");
    ok(pWaitOnAddress && pWakeByAddressAll && pWakeByAddressSingle, "WaitOnAddress functions missing\n");
    if (!pWaitOnAddress || !pWakeByAddressAll || !pWakeByAddressSingle) return;
    address_value = 0;
    ok(pWaitOnAddress(&address_value, &cmp, 4, 0), "different value must return at once\n");
    cmp = 0;
    SetLastError(0xdeadbeef);
    ok(!pWaitOnAddress(&address_value, &cmp, 4, 20) && GetLastError() == ERROR_TIMEOUT, "timeout: %lu\n", GetLastError());
    HANDLE h = start_thread(address_waker, NULL);
    while (address_value == 0) pWaitOnAddress(&address_value, &cmp, 4, 5000);
    ok(address_value == 1, "woken without the change\n");
    join(h);
    pWakeByAddressSingle((void *)&address_value);
}

/* ---- SList ---- */
struct item { SLIST_ENTRY entry; int value; };
static SLIST_HEADER slist;
static DWORD WINAPI slist_worker(void *arg)
{
    struct item *items = arg;
    for (int round = 0; round < 200; round++) {
        for (int i = 0; i < 50; i++) InterlockedPushEntrySList(&slist, &items[i].entry);
        for (int i = 0; i < 50; i++) if (!InterlockedPopEntrySList(&slist)) return 1;
    }
    return 0;
}

static void test_slist(void)
{
    static struct item items[4][50] __attribute__((aligned(16)));
    InitializeSListHead(&slist);
    ok(QueryDepthSList(&slist) == 0 && !InterlockedPopEntrySList(&slist), "empty list\n");
    ok(InterlockedPushEntrySList(&slist, &items[0][0].entry) == NULL, "first push\n");
    ok(InterlockedPushEntrySList(&slist, &items[0][1].entry) == &items[0][0].entry, "second push\n");
    ok(QueryDepthSList(&slist) == 2, "depth %u\n", QueryDepthSList(&slist));
    ok(InterlockedPopEntrySList(&slist) == &items[0][1].entry, "LIFO\n");
    ok(InterlockedFlushSList(&slist) == &items[0][0].entry && QueryDepthSList(&slist) == 0, "flush\n");

    HANDLE h[4];
    DWORD code, bad = 0;
    for (int i = 0; i < 4; i++) h[i] = start_thread(slist_worker, items[i]);
    WaitForMultipleObjects(4, h, TRUE, 20000);
    for (int i = 0; i < 4; i++) {
        if (!GetExitCodeThread(h[i], &code) || code) bad++;
        CloseHandle(h[i]);
    }
    ok(!bad && QueryDepthSList(&slist) == 0, "SList stress: %lu bad, depth %u\n", bad, QueryDepthSList(&slist));
}

int main(void)
{
    test_events();
    test_names();
    test_mutexes();
    test_semaphores();
    test_timers();
    test_srw();
    test_condvar();
    test_initonce();
    test_waitonaddress();
    test_slist();
    test_pingpong();
    test_semaphore_stress();
    test_counters();
    return test_summary();
}
