/* NtWaitForSingleObject (Microsoft's ZwWaitForSingleObject page: timeouts
 * in 100 ns units, negative relative, positive absolute, NULL for ever) and
 * the two version/PEB queries Go's runtime makes at start.
 * RtlGetNtVersionNumbers is not documented: checked against RtlGetVersion. */
#include <windows.h>
#include "test.h"

static NTSTATUS (WINAPI *p_NtWaitForSingleObject)(HANDLE, BOOLEAN, const LARGE_INTEGER *);
static void *(WINAPI *p_RtlGetCurrentPeb)(void);
static void (WINAPI *p_RtlGetNtVersionNumbers)(ULONG *, ULONG *, ULONG *);
static LONG (WINAPI *p_RtlGetVersion)(OSVERSIONINFOEXW *);

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    p_NtWaitForSingleObject = (void *)GetProcAddress(ntdll, "NtWaitForSingleObject");
    p_RtlGetCurrentPeb = (void *)GetProcAddress(ntdll, "RtlGetCurrentPeb");
    p_RtlGetNtVersionNumbers = (void *)GetProcAddress(ntdll, "RtlGetNtVersionNumbers");
    p_RtlGetVersion = (void *)GetProcAddress(ntdll, "RtlGetVersion");
    ok(p_NtWaitForSingleObject && p_RtlGetCurrentPeb && p_RtlGetNtVersionNumbers && p_RtlGetVersion, "exports");
    if (!p_NtWaitForSingleObject || !p_RtlGetCurrentPeb || !p_RtlGetNtVersionNumbers || !p_RtlGetVersion)
        return test_summary();

    /* the PEB is at TEB+0x60 */
    ok(p_RtlGetCurrentPeb() == ((void **)NtCurrentTeb())[12], "RtlGetCurrentPeb %p", p_RtlGetCurrentPeb());

    OSVERSIONINFOEXW v = { sizeof(v) };
    ok(p_RtlGetVersion(&v) == 0, "RtlGetVersion");
    ULONG major = 0, minor = 0xdead, build = 0;
    p_RtlGetNtVersionNumbers(&major, &minor, &build);
    ok(major == v.dwMajorVersion && minor == v.dwMinorVersion, "version %lu.%lu", major, minor);
    ok((build & 0xffff) == v.dwBuildNumber, "build %#lx, RtlGetVersion %lu", build, v.dwBuildNumber);

    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    LARGE_INTEGER t;
    t.QuadPart = -10 * 10000;   /* 10 ms from now */
    DWORD start = GetTickCount();
    NTSTATUS status = p_NtWaitForSingleObject(ev, FALSE, &t);
    ok(status == STATUS_TIMEOUT, "unsignaled: %#lx", status);
    ok(GetTickCount() - start >= 5, "returned after %lu ms", GetTickCount() - start);
    t.QuadPart = 0;
    ok(p_NtWaitForSingleObject(ev, FALSE, &t) == STATUS_TIMEOUT, "zero timeout");
    t.QuadPart = 1;   /* an absolute time long past */
    ok(p_NtWaitForSingleObject(ev, FALSE, &t) == STATUS_TIMEOUT, "absolute time in the past");
    SetEvent(ev);
    ok(p_NtWaitForSingleObject(ev, FALSE, NULL) == STATUS_WAIT_0, "signaled, no timeout");
    CloseHandle(ev);
    status = p_NtWaitForSingleObject(ev, FALSE, &t);
    ok(status == STATUS_INVALID_HANDLE, "closed handle: %#lx", status);

    /* how Go 1.20 sleeps: a waitable timer, then a wait without timeout */
    HANDLE timer = CreateWaitableTimerA(NULL, FALSE, NULL);
    t.QuadPart = -20 * 10000;
    ok(SetWaitableTimer(timer, &t, 0, NULL, NULL, FALSE), "SetWaitableTimer");
    start = GetTickCount();
    ok(p_NtWaitForSingleObject(timer, FALSE, NULL) == STATUS_WAIT_0, "timer");
    ok(GetTickCount() - start >= 10, "timer fired after %lu ms", GetTickCount() - start);
    CloseHandle(timer);
    return test_summary();
}
