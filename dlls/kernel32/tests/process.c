/* Conformance tests: the current process and thread, pseudo handles,
 * startup information. */
#include <windows.h>
#include <string.h>
#include "test.h"

static void test_ids(void)
{
    DWORD pid = GetCurrentProcessId(), tid = GetCurrentThreadId();
    ok(pid != 0, "process id 0\n");
    ok(tid != 0, "thread id 0\n");
    ok(GetCurrentProcessId() == pid, "process id not stable\n");
    ok(GetCurrentThreadId() == tid, "thread id not stable\n");
    /* the TEB's ClientId (0x40) holds them */
    char *teb = (char *)NtCurrentTeb();
    ok(*(DWORD_PTR *)(teb + 0x40) == pid, "TEB process id %Iu vs %lu\n", *(DWORD_PTR *)(teb + 0x40), pid);
    ok(*(DWORD_PTR *)(teb + 0x48) == tid, "TEB thread id %Iu vs %lu\n", *(DWORD_PTR *)(teb + 0x48), tid);
    ok(GetCurrentProcess() == (HANDLE)(LONG_PTR)-1, "GetCurrentProcess %p\n", GetCurrentProcess());
    ok(GetCurrentThread() == (HANDLE)(LONG_PTR)-2, "GetCurrentThread %p\n", GetCurrentThread());

    DWORD code = 0;
    SetLastError(0xdeadbeef);
    ok(GetExitCodeProcess(GetCurrentProcess(), &code), "GetExitCodeProcess %lu\n", GetLastError());
    ok(code == STILL_ACTIVE, "exit code of a running process %lu\n", code);
}

static void test_startup_info(void)
{
    STARTUPINFOA sa;
    STARTUPINFOW sw;
    memset(&sa, 0xcc, sizeof(sa));
    GetStartupInfoA(&sa);
    ok(sa.cb == sizeof(sa), "cb %lu\n", sa.cb);
    memset(&sw, 0xcc, sizeof(sw));
    GetStartupInfoW(&sw);
    ok(sw.cb == sizeof(sw), "W cb %lu\n", sw.cb);
    ok(sa.dwFlags == sw.dwFlags, "flags differ %lx %lx\n", sa.dwFlags, sw.dwFlags);
    if (sa.dwFlags & STARTF_USESTDHANDLES)
        ok(sa.hStdOutput == GetStdHandle(STD_OUTPUT_HANDLE) || sa.hStdOutput == NULL,
           "startup stdout %p vs %p\n", sa.hStdOutput, GetStdHandle(STD_OUTPUT_HANDLE));
}

static void test_misc(void)
{
    ok(!IsDebuggerPresent(), "a debugger is present\n");
    UINT old = SetErrorMode(SEM_FAILCRITICALERRORS);
    ok(GetErrorMode() == SEM_FAILCRITICALERRORS, "GetErrorMode %u\n", GetErrorMode());
    ok(SetErrorMode(old) == SEM_FAILCRITICALERRORS, "SetErrorMode did not return the old mode\n");
    OutputDebugStringA("carafe process test\n");
}

static void test_affinity(void)
{
    DWORD_PTR proc = 0xdeadbeef, sys = 0xdeadbeef;
    SYSTEM_INFO si;
    BOOL r;

    GetSystemInfo(&si);
    SetLastError(0xdeadbeef);
    r = GetProcessAffinityMask(GetCurrentProcess(), &proc, &sys);
    ok(r, "GetProcessAffinityMask failed %lu\n", GetLastError());
    /* the system mask has one bit per processor; the process runs on a subset of them */
    ok(sys == si.dwActiveProcessorMask, "system mask %Ix, GetSystemInfo %Ix\n", sys, si.dwActiveProcessorMask);
    ok(proc && !(proc & ~sys), "process mask %Ix outside %Ix\n", proc, sys);

    /* a real handle on the current process answers the same */
    HANDLE h = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
    ok(h != NULL, "OpenProcess failed %lu\n", GetLastError());
    DWORD_PTR proc2 = 0, sys2 = 0;
    ok(GetProcessAffinityMask(h, &proc2, &sys2) && proc2 == proc && sys2 == sys, "by handle %Ix %Ix\n", proc2, sys2);
    CloseHandle(h);

    proc = sys = 0x1234;
    SetLastError(0xdeadbeef);
    r = GetProcessAffinityMask((HANDLE)0xdead0, &proc, &sys);
    ok(!r && GetLastError() == ERROR_INVALID_HANDLE, "bad handle %d %lu\n", r, GetLastError());
    ok(proc == 0x1234 && sys == 0x1234, "masks written on failure %Ix %Ix\n", proc, sys);
}

static DWORD WINAPI boost_thread(void *arg)
{
    BOOL *disabled = arg;
    GetThreadPriorityBoost(GetCurrentThread(), disabled);
    return 0;
}

/* Wine 8 has SetProcessPriorityBoost as a stub that succeeds and keeps
 * nothing (even for a bad handle), and GetThreadPriorityBoost leaves the
 * output alone: these checks fail there; they follow Microsoft's docs. */
static void test_priority_boost(void)
{
    BOOL disabled = 0xcc, thread_disabled = 0xcc;
    SetLastError(0xdeadbeef);
    ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled), "GetProcessPriorityBoost %lu\n", GetLastError());
    ok(disabled == FALSE, "boost disabled at start: %d\n", disabled);

    ok(SetProcessPriorityBoost(GetCurrentProcess(), TRUE), "SetProcessPriorityBoost %lu\n", GetLastError());
    ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled) && disabled == TRUE, "after TRUE: %d\n", disabled);
    /* documented: the setting reaches existing threads and new ones */
    ok(GetThreadPriorityBoost(GetCurrentThread(), &thread_disabled) && thread_disabled == TRUE,
       "existing thread: %d\n", thread_disabled);
    thread_disabled = 0xcc;
    HANDLE h = CreateThread(NULL, 0, boost_thread, &thread_disabled, 0, NULL);
    WaitForSingleObject(h, 5000);
    CloseHandle(h);
    ok(thread_disabled == TRUE, "new thread: %d\n", thread_disabled);

    ok(SetProcessPriorityBoost(GetCurrentProcess(), FALSE), "SetProcessPriorityBoost FALSE %lu\n", GetLastError());
    ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled) && disabled == FALSE, "after FALSE: %d\n", disabled);

    SetLastError(0xdeadbeef);
    ok(!SetProcessPriorityBoost((HANDLE)0xdead0, TRUE) && GetLastError() == ERROR_INVALID_HANDLE,
       "bad handle %lu\n", GetLastError());
}

/* WerGetFlags/WerSetFlags through GetProcAddress, as Go's runtime finds them */
typedef HRESULT (WINAPI *wer_get_fn)(HANDLE, DWORD *);
typedef HRESULT (WINAPI *wer_set_fn)(DWORD);

static void test_wer_flags(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    wer_get_fn get = (wer_get_fn)(void *)GetProcAddress(k32, "WerGetFlags");
    wer_set_fn set = (wer_set_fn)(void *)GetProcAddress(k32, "WerSetFlags");
    DWORD flags = 0xdeadbeef;
    ok(get && set, "WerGetFlags %p WerSetFlags %p\n", get, set);
    if (!get || !set) return;
    /* Wine 8 answers E_NOTIMPL to WerGetFlags; Windows gives the flags */
    ok(get(GetCurrentProcess(), &flags) == S_OK, "WerGetFlags failed\n");
    ok(flags == 0, "flags at start %lx\n", flags);
    ok(set(0x20 /* WER_FAULT_REPORTING_NO_UI */) == S_OK, "WerSetFlags failed\n");
    flags = 0xdeadbeef;
    ok(get(GetCurrentProcess(), &flags) == S_OK && flags == 0x20, "flags after set %lx\n", flags);
    ok(set(0) == S_OK, "WerSetFlags(0) failed\n");
}

int main(void)
{
    test_ids();
    test_startup_info();
    test_misc();
    test_affinity();
    test_priority_boost();
    test_wer_flags();
    return test_summary();
}
