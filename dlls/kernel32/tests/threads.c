/* Threads: creation, suspension, exit codes, TEB and stack, static TLS,
 * TLS callbacks on new threads, FLS, TLS slots, priorities, descriptions. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

#ifndef STACK_SIZE_PARAM_IS_A_RESERVATION
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000
#endif

/* ---- static TLS: a variable in the exe's TLS template (mingw's .tls) ---- */
extern char _tls_start;
extern ULONG _tls_index;
__attribute__((section(".tls$AAB"))) int tls_var = 1234;

static int *my_tls_var(void)
{
    void **array = (void **)__readgsqword(0x58);
    return (int *)((char *)array[_tls_index] + ((char *)&tls_var - &_tls_start));
}

/* ---- TLS callbacks of the exe ---- */
static volatile LONG attach_count, detach_count;
static volatile DWORD last_attach_tid, last_detach_tid;

static void WINAPI tls_callback(PVOID module, DWORD reason, PVOID reserved)
{
    if (reason == DLL_THREAD_ATTACH) {
        InterlockedIncrement(&attach_count);
        last_attach_tid = GetCurrentThreadId();
    }
    if (reason == DLL_THREAD_DETACH) {
        InterlockedIncrement(&detach_count);
        last_detach_tid = GetCurrentThreadId();
    }
}
__attribute__((section(".CRT$XLY"), used)) PIMAGE_TLS_CALLBACK tls_callback_ptr = tls_callback;

/* ---- helpers ---- */
struct info {
    DWORD tid;
    void *teb, *stack_base, *stack_limit, *dealloc, *local;
    int tls_value_at_start;
    int *tls_addr;
    void *tls_slot;
    LONG ran;
};

static DWORD WINAPI info_thread(void *arg)
{
    struct info *i = arg;
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    int local;
    i->tid = GetCurrentThreadId();
    i->teb = NtCurrentTeb();
    i->stack_base = tib->StackBase;
    i->stack_limit = tib->StackLimit;
    i->dealloc = *(void **)((char *)NtCurrentTeb() + 0x1478);
    i->local = &local;
    i->tls_addr = my_tls_var();
    i->tls_value_at_start = *i->tls_addr;
    *i->tls_addr = 99;   /* must not show on other threads */
    i->ran = 1;
    return 7;
}

static DWORD WINAPI return_arg(void *arg) { return (DWORD)(ULONG_PTR)arg; }
static DWORD WINAPI exit_thread(void *arg) { ExitThread(55); return 0; }

static volatile LONG spin_stop;
static DWORD WINAPI spinner(void *arg)
{
    while (!spin_stop) InterlockedIncrement((LONG *)arg);
    return 1;
}

static DWORD WINAPI sleeper(void *arg)
{
    Sleep(INFINITE);
    return 0;
}

static void test_create(void)
{
    struct info i = { 0 };
    DWORD tid = 0, code = 0;
    HANDLE h = CreateThread(NULL, 0, info_thread, &i, 0, &tid);
    ok(h != NULL, "CreateThread failed %lu\n", GetLastError());
    ok(tid != 0, "no thread id\n");
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "thread did not end\n");
    ok(i.ran, "thread did not run\n");
    ok(i.tid == tid, "id %lu, CreateThread said %lu\n", i.tid, tid);
    ok(GetThreadId(h) == tid, "GetThreadId %lu\n", GetThreadId(h));
    ok(i.teb != NtCurrentTeb(), "same TEB as the main thread\n");
    ok((char *)i.local < (char *)i.stack_base && (char *)i.local > (char *)i.stack_limit,
       "local %p outside %p-%p\n", i.local, i.stack_limit, i.stack_base);
    ok(i.dealloc && (char *)i.dealloc < (char *)i.stack_limit, "DeallocationStack %p limit %p\n", i.dealloc, i.stack_limit);
    ok(i.tls_value_at_start == 1234, "static TLS starts at %d\n", i.tls_value_at_start);
    ok(i.tls_addr != my_tls_var(), "static TLS block shared with the main thread\n");
    ok(*my_tls_var() == 1234, "main thread's TLS value changed to %d\n", *my_tls_var());
    ok(GetExitCodeThread(h, &code) && code == 7, "exit code %lu\n", code);
    ok(CloseHandle(h), "CloseHandle failed\n");

    h = CreateThread(NULL, 0, exit_thread, NULL, 0, NULL);
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "ExitThread thread did not end\n");
    ok(GetExitCodeThread(h, &code) && code == 55, "ExitThread code %lu\n", code);
    CloseHandle(h);

    /* the reserve asked for is what the thread gets */
    memset(&i, 0, sizeof(i));
    h = CreateThread(NULL, 4 << 20, info_thread, &i, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "thread did not end\n");
    ok((char *)i.stack_base - (char *)i.dealloc >= (3 << 20), "stack of %ld bytes\n",
       (long)((char *)i.stack_base - (char *)i.dealloc));
    CloseHandle(h);

    /* many threads at once, all distinct */
    HANDLE hs[16];
    for (int n = 0; n < 16; n++) hs[n] = CreateThread(NULL, 0, return_arg, (void *)(ULONG_PTR)(n + 100), 0, NULL);
    ok(WaitForMultipleObjects(16, hs, TRUE, 10000) == WAIT_OBJECT_0, "16 threads did not end\n");
    int good = 0;
    for (int n = 0; n < 16; n++) {
        if (GetExitCodeThread(hs[n], &code) && code == (DWORD)n + 100) good++;
        CloseHandle(hs[n]);
    }
    ok(good == 16, "%d of 16 exit codes right\n", good);
}

static void test_suspend(void)
{
    LONG counter = 0;
    DWORD code = 0;
    HANDLE h = CreateThread(NULL, 0, return_arg, (void *)3, CREATE_SUSPENDED, NULL);
    ok(h != NULL, "CreateThread suspended failed\n");
    ok(WaitForSingleObject(h, 100) == WAIT_TIMEOUT, "suspended thread ran\n");
    ok(GetExitCodeThread(h, &code) && code == STILL_ACTIVE, "code %lu while suspended\n", code);
    ok(SuspendThread(h) == 1, "SuspendThread of a suspended thread\n");
    ok(ResumeThread(h) == 2, "ResumeThread from 2\n");
    ok(WaitForSingleObject(h, 50) == WAIT_TIMEOUT, "thread ran with count 1\n");
    ok(ResumeThread(h) == 1, "ResumeThread from 1\n");
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "resumed thread did not end\n");
    ok(GetExitCodeThread(h, &code) && code == 3, "code %lu\n", code);
    ok(ResumeThread(h) == 0, "ResumeThread of an ended thread\n");
    CloseHandle(h);

    /* a running thread stops counting while suspended */
    spin_stop = 0;
    h = CreateThread(NULL, 0, spinner, &counter, 0, NULL);
    while (!counter) Sleep(1);
    ok(SuspendThread(h) == 0, "SuspendThread of a running thread\n");
    Sleep(20);
    LONG c1 = counter;
    Sleep(50);
    ok(counter == c1, "suspended thread still runs (%ld -> %ld)\n", c1, counter);
    ok(ResumeThread(h) == 1, "ResumeThread\n");
    Sleep(20);
    ok(counter != c1, "resumed thread does not run\n");
    spin_stop = 1;
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "spinner did not end\n");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    ok(ResumeThread(NULL) == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE, "ResumeThread(NULL) error %lu\n", GetLastError());
}

static void test_terminate(void)
{
    DWORD code = 0;
    HANDLE h = CreateThread(NULL, 0, sleeper, NULL, 0, NULL);
    Sleep(10);
    ok(GetExitCodeThread(h, &code) && code == STILL_ACTIVE, "code %lu while running\n", code);
    ok(TerminateThread(h, 77), "TerminateThread failed %lu\n", GetLastError());
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "terminated thread still runs\n");
    ok(GetExitCodeThread(h, &code) && code == 77, "terminated code %lu\n", code);
    CloseHandle(h);
}

static void test_open_and_ids(void)
{
    DWORD tid, code;
    HANDLE h = CreateThread(NULL, 0, return_arg, (void *)9, CREATE_SUSPENDED, &tid);
    HANDLE o = OpenThread(THREAD_ALL_ACCESS, FALSE, tid);
    ok(o != NULL, "OpenThread failed %lu\n", GetLastError());
    ok(GetThreadId(o) == tid, "opened id %lu\n", GetThreadId(o));
    ResumeThread(h);
    ok(WaitForSingleObject(o, 5000) == WAIT_OBJECT_0, "wait on the opened handle\n");
    ok(GetExitCodeThread(o, &code) && code == 9, "code %lu through OpenThread\n", code);
    CloseHandle(o);
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    ok(!OpenThread(THREAD_ALL_ACCESS, FALSE, 0xfffffff0) && GetLastError() == ERROR_INVALID_PARAMETER,
       "OpenThread of no thread: %lu\n", GetLastError());
    ok(GetThreadId(GetCurrentThread()) == GetCurrentThreadId(), "GetThreadId of the pseudo handle\n");
    ok(GetCurrentThread() == (HANDLE)(LONG_PTR)-2, "GetCurrentThread %p\n", GetCurrentThread());
    ok(GetExitCodeThread(GetCurrentThread(), &code) && code == STILL_ACTIVE, "own code %lu\n", code);
    ok(WaitForSingleObject(GetCurrentThread(), 10) == WAIT_TIMEOUT, "own thread signaled\n");

    HANDLE dup = NULL;
    ok(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle of the current thread failed\n");
    ok(dup != GetCurrentThread() && GetThreadId(dup) == GetCurrentThreadId(), "duplicated handle %p id %lu\n", dup, GetThreadId(dup));
    CloseHandle(dup);
}

static void test_priority_description(void)
{
    HANDLE h = CreateThread(NULL, 0, return_arg, NULL, CREATE_SUSPENDED, NULL);
    ok(GetThreadPriority(h) == THREAD_PRIORITY_NORMAL, "initial priority %d\n", GetThreadPriority(h));
    ok(SetThreadPriority(h, THREAD_PRIORITY_HIGHEST), "SetThreadPriority failed\n");
    ok(GetThreadPriority(h) == THREAD_PRIORITY_HIGHEST, "priority %d\n", GetThreadPriority(h));
    ok(SetThreadPriority(h, THREAD_PRIORITY_IDLE), "SetThreadPriority(IDLE) failed\n");
    ok(GetThreadPriority(h) == THREAD_PRIORITY_IDLE, "priority %d\n", GetThreadPriority(h));
    SetLastError(0xdeadbeef);
    ok(!SetThreadPriority(h, 5) && GetLastError() == ERROR_INVALID_PARAMETER, "priority 5: error %lu\n", GetLastError());
    ok(GetThreadPriority(GetCurrentThread()) == THREAD_PRIORITY_NORMAL, "own priority\n");

    HRESULT (WINAPI *pSet)(HANDLE, PCWSTR) = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "SetThreadDescription");
    HRESULT (WINAPI *pGet)(HANDLE, PWSTR *) = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "GetThreadDescription");
    ok(pSet && pGet, "no Set/GetThreadDescription\n");
    if (pSet && pGet) {
        WCHAR *d = NULL;
        HANDLE self = GetCurrentThread();   /* Wine 8 returns 0x10000000 for S_OK: check SUCCEEDED */
        ok(SUCCEEDED(pGet(self, &d)) && d && !d[0], "empty description\n");
        LocalFree(d);
        ok(SUCCEEDED(pSet(self, L"worker one")), "SetThreadDescription failed\n");
        ok(SUCCEEDED(pGet(self, &d)) && d && !lstrcmpW(d, L"worker one"), "description back\n");
        LocalFree(d);
    }
    ResumeThread(h);
    WaitForSingleObject(h, 5000);
    CloseHandle(h);

    FILETIME c, e, k, u;
    ok(GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u), "GetThreadTimes failed\n");
    ok(c.dwHighDateTime != 0, "no creation time\n");
    ok(SleepEx(1, TRUE) == 0, "SleepEx\n");
    SwitchToThread();
}

/* ---- TLS callbacks, TLS slots, FLS ---- */
static DWORD tls_slot;
static DWORD WINAPI slot_thread(void *arg)
{
    struct info *i = arg;
    i->tls_slot = TlsGetValue(tls_slot);
    TlsSetValue(tls_slot, (void *)0x1234);
    return 0;
}

static volatile LONG fls_calls;
static void *volatile fls_last;
static void WINAPI fls_callback(void *value)
{
    InterlockedIncrement(&fls_calls);
    fls_last = value;
}
static DWORD fls_index;
static DWORD WINAPI fls_thread(void *arg)
{
    ok(FlsGetValue(fls_index) == NULL, "FLS starts non-NULL on a new thread\n");
    FlsSetValue(fls_index, arg);
    return 0;
}

static void test_notifications(void)
{
    LONG attach = attach_count, detach = detach_count;
    struct info i = { 0 };
    DWORD tid;
    HANDLE h = CreateThread(NULL, 0, info_thread, &i, 0, &tid);
    WaitForSingleObject(h, 5000);
    CloseHandle(h);
    ok(attach_count == attach + 1, "TLS callback DLL_THREAD_ATTACH %ld times\n", attach_count - attach);
    ok(detach_count == detach + 1, "TLS callback DLL_THREAD_DETACH %ld times\n", detach_count - detach);
    ok(last_attach_tid == tid && last_detach_tid == tid, "callbacks on %lu/%lu, thread %lu\n", last_attach_tid, last_detach_tid, tid);

    tls_slot = TlsAlloc();
    TlsSetValue(tls_slot, (void *)0x5678);
    memset(&i, 0, sizeof(i));
    i.tls_slot = (void *)1;
    h = CreateThread(NULL, 0, slot_thread, &i, 0, NULL);
    WaitForSingleObject(h, 5000);
    CloseHandle(h);
    ok(i.tls_slot == NULL, "new thread sees slot value %p\n", i.tls_slot);
    ok(TlsGetValue(tls_slot) == (void *)0x5678, "main slot value lost\n");
    TlsFree(tls_slot);

    fls_index = FlsAlloc(fls_callback);
    ok(fls_index != FLS_OUT_OF_INDEXES, "FlsAlloc failed\n");
    h = CreateThread(NULL, 0, fls_thread, (void *)0xabc0, 0, NULL);
    WaitForSingleObject(h, 5000);
    CloseHandle(h);
    ok(fls_calls == 1 && fls_last == (void *)0xabc0, "FLS callback at thread exit: %ld calls, %p\n", fls_calls, fls_last);
    ok(FlsSetValue(fls_index, (void *)0xdef0), "FlsSetValue failed\n");
    ok(FlsGetValue(fls_index) == (void *)0xdef0, "FlsGetValue\n");
    ok(FlsFree(fls_index), "FlsFree failed\n");
    ok(fls_calls == 2 && fls_last == (void *)0xdef0, "FLS callback at FlsFree: %ld calls, %p\n", fls_calls, fls_last);
    SetLastError(0xdeadbeef);
    ok(!FlsFree(fls_index) && GetLastError() == ERROR_INVALID_PARAMETER, "second FlsFree: %lu\n", GetLastError());
}

/* ---- the context of a suspended thread (as Go's preemption uses it) ---- */

static volatile LONG redirected;
static void redirect_target(void)
{
    redirected = 1;
    ExitThread(77);
}

static void test_thread_context(void)
{
    LONG counter = 0;
    DWORD code = 0;
    CONTEXT ctx;
    BOOL r;

    /* the calling thread: its own registers */
    memset(&ctx, 0, sizeof(ctx));
    ctx.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
    ok(GetThreadContext(GetCurrentThread(), &ctx), "GetThreadContext(self) %lu\n", GetLastError());
    ok(ctx.Rsp < (DWORD64)&ctx && ctx.Rsp > (DWORD64)&ctx - 0x10000, "own Rsp %llx vs %p\n", ctx.Rsp, &ctx);

    spin_stop = 0;
    HANDLE h = CreateThread(NULL, 0, spinner, &counter, 0, NULL);
    while (!counter) Sleep(1);
    ok(SuspendThread(h) == 0, "SuspendThread\n");

    /* only the parts asked for are written */
    memset(&ctx, 0xcc, sizeof(ctx));
    ctx.ContextFlags = CONTEXT_CONTROL;
    r = GetThreadContext(h, &ctx);
    ok(r, "GetThreadContext %lu\n", GetLastError());
    ok(ctx.ContextFlags == CONTEXT_CONTROL, "flags %lx\n", ctx.ContextFlags);
    ok(ctx.Rax == 0xccccccccccccccccull, "Rax written without CONTEXT_INTEGER\n");
    ok(ctx.SegCs == 0x33, "SegCs %x\n", ctx.SegCs);
    ok(ctx.Rsp && ctx.Rsp != 0xccccccccccccccccull && (ctx.Rsp & 7) == 0, "Rsp %llx\n", ctx.Rsp);

    ctx.ContextFlags = CONTEXT_FULL;
    ok(GetThreadContext(h, &ctx), "GetThreadContext full %lu\n", GetLastError());
    ok(ctx.Rax != 0xccccccccccccccccull, "Rax not written\n");
    ok(ctx.MxCsr != 0xcccccccc, "MxCsr not written\n");

    /* continue somewhere else: as a call to redirect_target from the old Rsp */
    ctx.ContextFlags = CONTEXT_CONTROL;
    ctx.Rsp = ((ctx.Rsp - 256) & ~(DWORD64)15) - 8;
    ctx.Rip = (DWORD64)redirect_target;
    ok(SetThreadContext(h, &ctx), "SetThreadContext %lu\n", GetLastError());
    ok(ResumeThread(h) == 1, "ResumeThread\n");
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "redirected thread did not end\n");
    ok(GetExitCodeThread(h, &code) && code == 77, "exit code %lu\n", code);
    ok(redirected, "redirect_target did not run\n");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    ctx.ContextFlags = CONTEXT_CONTROL;
    ok(!GetThreadContext(NULL, &ctx) && GetLastError() == ERROR_INVALID_HANDLE, "GetThreadContext(NULL) %lu\n", GetLastError());
}

int main(void)
{
    ok(*my_tls_var() == 1234, "main thread static TLS %d\n", *my_tls_var());
    test_create();
    test_suspend();
    test_terminate();
    test_open_and_ids();
    test_priority_description();
    test_thread_context();
    test_notifications();
    return test_summary();
}
