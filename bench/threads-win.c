/* Thread benchmarks, Windows side: event ping-pong, critical sections
 * (uncontended, contended by two threads), WaitForMultipleObjects over 64
 * handles.  Prints one "name: N per second" line per test. */
#include <windows.h>
#include <stdio.h>

static double now(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart / f.QuadPart;
}

#define ROUNDS 200000
static HANDLE ping, pong, many[64];

static DWORD WINAPI ponger(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        WaitForSingleObject(ping, INFINITE);
        SetEvent(pong);
    }
    return 0;
}

static DWORD WINAPI many_ponger(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        WaitForMultipleObjects(64, many, FALSE, INFINITE);
        SetEvent(pong);
    }
    return 0;
}

static CRITICAL_SECTION cs;
static volatile long shared;
#define CS_OPS 2000000
static DWORD WINAPI cs_worker(void *arg)
{
    for (int i = 0; i < CS_OPS; i++) {
        EnterCriticalSection(&cs);
        shared++;
        LeaveCriticalSection(&cs);
    }
    return 0;
}

int main(void)
{
    ping = CreateEventW(NULL, FALSE, FALSE, NULL);
    pong = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
    double start = now();
    for (int i = 0; i < ROUNDS; i++) {
        SetEvent(ping);
        WaitForSingleObject(pong, INFINITE);
    }
    printf("event ping-pong: %.0f round trips per second\n", ROUNDS / (now() - start));
    WaitForSingleObject(t, INFINITE);

    InitializeCriticalSection(&cs);
    start = now();
    for (int i = 0; i < CS_OPS * 5; i++) {
        EnterCriticalSection(&cs);
        shared++;
        LeaveCriticalSection(&cs);
    }
    printf("critical section, uncontended: %.0f enter/leave per second\n", CS_OPS * 5 / (now() - start));
    HANDLE ts[2] = { CreateThread(NULL, 0, cs_worker, NULL, 0, NULL), CreateThread(NULL, 0, cs_worker, NULL, 0, NULL) };
    start = now();
    WaitForMultipleObjects(2, ts, TRUE, INFINITE);
    printf("critical section, 2 threads contending: %.0f enter/leave per second\n", 2 * CS_OPS / (now() - start));

    for (int i = 0; i < 64; i++) many[i] = CreateEventW(NULL, FALSE, FALSE, NULL);
    t = CreateThread(NULL, 0, many_ponger, NULL, 0, NULL);
    start = now();
    for (int i = 0; i < ROUNDS; i++) {
        SetEvent(many[63 - i % 64]);
        WaitForSingleObject(pong, INFINITE);
    }
    printf("WaitForMultipleObjects(64) ping-pong: %.0f round trips per second\n", ROUNDS / (now() - start));
    WaitForSingleObject(t, INFINITE);
    return 0;
}
