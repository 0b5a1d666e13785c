/* The current process and thread, exit, unhandled exceptions. */
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(process);

HANDLE WINAPI GetCurrentProcess(void) { return CURRENT_PROCESS; }
HANDLE WINAPI GetCurrentThread(void) { return CURRENT_THREAD; }
DWORD WINAPI GetCurrentProcessId(void) { return (DWORD)(ULONG_PTR)NtCurrentTeb()->ClientId.UniqueProcess; }
DWORD WINAPI GetCurrentThreadId(void) { return (DWORD)(ULONG_PTR)NtCurrentTeb()->ClientId.UniqueThread; }

void WINAPI ExitProcess(UINT code)
{
    carafe_exit_process(code);
}

BOOL WINAPI TerminateProcess(HANDLE process, UINT code)
{
    if (process == CURRENT_PROCESS) _exit(code);   /* no DLL notifications, as on Windows */
    FIXME("other processes cannot be terminated yet\n");
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

BOOL WINAPI GetExitCodeProcess(HANDLE process, LPDWORD code)
{
    if (process == CURRENT_PROCESS) {
        *code = 259;   /* STILL_ACTIVE */
        return TRUE;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

LPTOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(LPTOP_LEVEL_EXCEPTION_FILTER filter)
{
    LPTOP_LEVEL_EXCEPTION_FILTER old = carafe_get_unhandled_filter();
    carafe_set_unhandled_filter(filter);
    return old;
}

LONG WINAPI UnhandledExceptionFilter(EXCEPTION_POINTERS *ptrs)
{
    return EXCEPTION_CONTINUE_SEARCH;
}

/* Exceptions are not dispatched to frame handlers yet: a raised exception
 * goes to the unhandled-exception filter. */
void WINAPI RaiseException(DWORD code, DWORD flags, DWORD nargs, const ULONG_PTR *args)
{
    FIXME("no frame-based exception handling yet: exception 0x%08x is unhandled\n", code);
    carafe_raise_unhandled(code, flags, __builtin_return_address(0), args ? nargs : 0, args);
}

BOOL WINAPI IsDebuggerPresent(void) { return FALSE; }
void WINAPI OutputDebugStringA(LPCSTR s) { TRACE("%s\n", s); }
void WINAPI OutputDebugStringW(LPCWSTR s) { (void)s; }
void WINAPI DebugBreak(void) { __asm__ volatile("int3"); }

BOOL WINAPI IsProcessorFeaturePresent(DWORD feature)
{
    switch (feature) {
    case 6: case 7: case 8: case 10: case 12: case 13: case 17: case 20:   /* SSE family, CX8, RDTSC, NX, CX16 */
    case 3: return TRUE;   /* PF_PAE_ENABLED..., PF_FLOATING_POINT_EMULATED is 1: no */
    default: return feature == 23;   /* PF_FASTFAIL_AVAILABLE */
    }
}

__attribute__((noreturn)) void WINAPI FatalExit(int code) { carafe_exit_process(code); }
