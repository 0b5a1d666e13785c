/* _beginthread, _beginthreadex, _endthread, _endthreadex, and the CRT's
 * per-thread state (errno, strtok) on several threads. */
#include <windows.h>
#include <process.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static volatile LONG plain_ran;
static HANDLE plain_done;

static unsigned int __stdcall ex_thread(void *arg)
{
    return (unsigned int)(ULONG_PTR)arg * 2;
}

static unsigned int __stdcall ex_end_thread(void *arg)
{
    _endthreadex(31);
    return 0;
}

static void __cdecl plain_thread(void *arg)
{
    InterlockedIncrement(&plain_ran);
    SetEvent(plain_done);
}

static void __cdecl plain_end_thread(void *arg)
{
    InterlockedIncrement(&plain_ran);
    SetEvent(plain_done);
    _endthread();
}

/* errno and strtok's position belong to each thread */
static unsigned int __stdcall crt_state_thread(void *arg)
{
    char buf[] = "x,y,z";
    errno = 0;
    if (strtol("99999999999999999999", NULL, 10) != LONG_MAX || errno != ERANGE) return 1;
    if (strcmp(strtok(buf, ","), "x")) return 2;
    Sleep(20);
    if (strcmp(strtok(NULL, ","), "y")) return 3;
    return 0;
}

static void test_beginthreadex(void)
{
    unsigned int tid = 0;
    DWORD code = 0;
    HANDLE h = (HANDLE)_beginthreadex(NULL, 0, ex_thread, (void *)21, 0, &tid);
    ok(h != NULL, "_beginthreadex failed\n");
    ok(tid != 0 && GetThreadId(h) == tid, "thread id %u\n", tid);
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "thread did not end\n");
    ok(GetExitCodeThread(h, &code) && code == 42, "exit code %lu\n", code);
    CloseHandle(h);

    h = (HANDLE)_beginthreadex(NULL, 0, ex_end_thread, NULL, CREATE_SUSPENDED, NULL);
    ok(WaitForSingleObject(h, 50) == WAIT_TIMEOUT, "CREATE_SUSPENDED ignored\n");
    ok(ResumeThread(h) == 1, "ResumeThread\n");
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "thread did not end\n");
    ok(GetExitCodeThread(h, &code) && code == 31, "_endthreadex code %lu\n", code);
    CloseHandle(h);

    errno = 0;
    ok(_beginthreadex(NULL, 0, NULL, NULL, 0, NULL) == 0 && errno == EINVAL, "NULL start: errno %d\n", errno);
}

static void test_beginthread(void)
{
    plain_done = CreateEventW(NULL, FALSE, FALSE, NULL);
    uintptr_t h = _beginthread(plain_thread, 0, NULL);
    ok(h != (uintptr_t)-1 && h != 0, "_beginthread failed\n");
    ok(WaitForSingleObject(plain_done, 5000) == WAIT_OBJECT_0 && plain_ran == 1, "_beginthread thread did not run\n");
    h = _beginthread(plain_end_thread, 64 * 1024, NULL);
    ok(h != (uintptr_t)-1, "_beginthread with a stack size failed\n");
    ok(WaitForSingleObject(plain_done, 5000) == WAIT_OBJECT_0 && plain_ran == 2, "_endthread thread did not run\n");
    errno = 0;
    ok(_beginthread(NULL, 0, NULL) == (uintptr_t)-1 && errno == EINVAL, "NULL start: errno %d\n", errno);
    CloseHandle(plain_done);
}

static void test_crt_state(void)
{
    HANDLE h[4];
    DWORD code, bad = 0;
    char buf[] = "a b c";
    ok(!strcmp(strtok(buf, " "), "a"), "strtok\n");
    errno = 0;
    for (int i = 0; i < 4; i++) h[i] = (HANDLE)_beginthreadex(NULL, 0, crt_state_thread, NULL, 0, NULL);
    WaitForMultipleObjects(4, h, TRUE, 10000);
    for (int i = 0; i < 4; i++) {
        if (!GetExitCodeThread(h[i], &code) || code) bad++;
        CloseHandle(h[i]);
    }
    ok(!bad, "%lu threads saw shared CRT state\n", bad);
    ok(errno == 0, "errno of another thread leaked: %d\n", errno);
    ok(!strcmp(strtok(NULL, " "), "b"), "strtok position lost\n");
}

int main(void)
{
    test_beginthreadex();
    test_beginthread();
    test_crt_state();
    return test_summary();
}
