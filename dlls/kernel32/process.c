/* The current process and thread, exit, unhandled exceptions. */
#include <cpuid.h>
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "carafe/seh.h"
#include "carafe/process.h"
#include "sync_private.h"

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
    if (process == CURRENT_PROCESS) {
        carafe_process_report_exit(code);
        _exit(code);   /* no DLL notifications, as on Windows */
    }
    return k32_process_terminate(process, code);
}

BOOL WINAPI GetExitCodeProcess(HANDLE process, LPDWORD code)
{
    if (process == CURRENT_PROCESS) {
        *code = 259;   /* STILL_ACTIVE */
        return TRUE;
    }
    return k32_process_exit_code(process, code);
}

LPTOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(LPTOP_LEVEL_EXCEPTION_FILTER filter)
{
    LPTOP_LEVEL_EXCEPTION_FILTER old = carafe_get_unhandled_filter();
    carafe_set_unhandled_filter(filter);
    return old;
}

/* Windows calls the top-level filter; with none (and no debugger) the
 * exception is handled by ending the process, which the caller's __except does. */
LONG WINAPI UnhandledExceptionFilter(EXCEPTION_POINTERS *ptrs)
{
    LONG r = carafe_unhandled_filter(ptrs);
    if (r == EXCEPTION_CONTINUE_EXECUTION) return r;
    return EXCEPTION_EXECUTE_HANDLER;
}

/* ExceptionAddress is inside RaiseException, as on Windows: RtlRaiseException
 * records its caller's return address. */
void WINAPI RaiseException(DWORD code, DWORD flags, DWORD nargs, const ULONG_PTR *args)
{
    EXCEPTION_RECORD rec;
    memset(&rec, 0, sizeof(rec));
    rec.ExceptionCode = code;
    rec.ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE;
    if (args) {
        if (nargs > EXCEPTION_MAXIMUM_PARAMETERS) nargs = EXCEPTION_MAXIMUM_PARAMETERS;
        rec.NumberParameters = nargs;
        memcpy(rec.ExceptionInformation, args, nargs * sizeof(*args));
    }
    RtlRaiseException(&rec);
}

BOOL WINAPI IsDebuggerPresent(void) { return FALSE; }
void WINAPI OutputDebugStringA(LPCSTR s) { TRACE("%s\n", s); }
void WINAPI OutputDebugStringW(LPCWSTR s) { (void)s; }
void WINAPI DebugBreak(void) { __asm__ volatile("int3"); }

/* Processors are numbered 0..N-1 as in GetSystemInfo (N online CPUs, at
 * most 64: one processor group).  A process's mask is the Linux affinity
 * of its pid, so `taskset` limits show through; Linux CPU k is bit k. */
static DWORD_PTR system_processor_mask(void)
{
    DWORD n = NtCurrentTeb()->Peb->NumberOfProcessors;
    return n >= 64 ? ~(DWORD_PTR)0 : ((DWORD_PTR)1 << n) - 1;
}

BOOL WINAPI GetProcessAffinityMask(HANDLE process, PDWORD_PTR process_mask, PDWORD_PTR system_mask)
{
    DWORD id = process == CURRENT_PROCESS ? GetCurrentProcessId() : GetProcessId(process);
    if (!id) return FALSE;   /* ERROR_INVALID_HANDLE is set */
    int pid = id == GetCurrentProcessId() ? 0 : carafe_win_to_pid(id);
    DWORD_PTR all = system_processor_mask(), mine = 0;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(pid, sizeof(set), &set)) {
        carafe_set_errno_error();
        return FALSE;
    }
    for (int k = 0; k < 64; k++)
        if (CPU_ISSET(k, &set)) mine |= (DWORD_PTR)1 << k;
    mine &= all;
    *process_mask = mine ? mine : all;
    *system_mask = all;
    return TRUE;
}

/* PF_* numbers, as documented for IsProcessorFeaturePresent */
enum {
    PF_FLOATING_POINT_PRECISION_ERRATA = 0, PF_FLOATING_POINT_EMULATED = 1, PF_COMPARE_EXCHANGE_DOUBLE = 2,
    PF_MMX_INSTRUCTIONS_AVAILABLE = 3, PF_XMMI_INSTRUCTIONS_AVAILABLE = 6, PF_3DNOW_INSTRUCTIONS_AVAILABLE = 7,
    PF_RDTSC_INSTRUCTION_AVAILABLE = 8, PF_PAE_ENABLED = 9, PF_XMMI64_INSTRUCTIONS_AVAILABLE = 10,
    PF_SSE_DAZ_MODE_AVAILABLE = 11, PF_NX_ENABLED = 12, PF_SSE3_INSTRUCTIONS_AVAILABLE = 13,
    PF_COMPARE_EXCHANGE128 = 14, PF_XSAVE_ENABLED = 17, PF_SECOND_LEVEL_ADDRESS_TRANSLATION = 20,
    PF_FASTFAIL_AVAILABLE = 23, PF_RDRAND_INSTRUCTION_AVAILABLE = 28, PF_RDTSCP_INSTRUCTION_AVAILABLE = 32,
    PF_SSSE3_INSTRUCTIONS_AVAILABLE = 36, PF_SSE4_1_INSTRUCTIONS_AVAILABLE = 37,
    PF_SSE4_2_INSTRUCTIONS_AVAILABLE = 38, PF_AVX_INSTRUCTIONS_AVAILABLE = 39,
    PF_AVX2_INSTRUCTIONS_AVAILABLE = 40, PF_AVX512F_INSTRUCTIONS_AVAILABLE = 41,
};

static int cpuid_bit(unsigned leaf, unsigned sub, int reg, int bit)
{
    unsigned r[4];
    if (!__get_cpuid_count(leaf, sub, &r[0], &r[1], &r[2], &r[3])) return 0;
    return (r[reg] >> bit) & 1;
}
enum { EAX, EBX, ECX, EDX };

/* the OS saves the AVX (and AVX-512) state: XCR0 as xgetbv reports it */
static int os_saves(unsigned mask)
{
    unsigned lo, hi;
    if (!cpuid_bit(1, 0, ECX, 27)) return 0;   /* OSXSAVE */
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & mask) == mask;
}

/* DAZ is there when the MXCSR mask FXSAVE stores has bit 6 */
static int daz_available(void)
{
    unsigned char area[512] __attribute__((aligned(16)));
    memset(area, 0, sizeof(area));
    __asm__ volatile("fxsave %0" : "=m"(area));
    unsigned mask;
    memcpy(&mask, area + 28, sizeof(mask));
    return (mask & 0x40) != 0;
}

BOOL WINAPI IsProcessorFeaturePresent(DWORD feature)
{
    switch (feature) {
    /* every x86-64 processor, and what Windows 10 x64 always enables */
    case PF_COMPARE_EXCHANGE_DOUBLE: case PF_MMX_INSTRUCTIONS_AVAILABLE: case PF_XMMI_INSTRUCTIONS_AVAILABLE:
    case PF_RDTSC_INSTRUCTION_AVAILABLE: case PF_PAE_ENABLED: case PF_XMMI64_INSTRUCTIONS_AVAILABLE:
    case PF_NX_ENABLED: case PF_FASTFAIL_AVAILABLE:
        return TRUE;
    case PF_COMPARE_EXCHANGE128: return cpuid_bit(1, 0, ECX, 13);
    case PF_SSE_DAZ_MODE_AVAILABLE: return daz_available();
    case PF_SSE3_INSTRUCTIONS_AVAILABLE: return cpuid_bit(1, 0, ECX, 0);
    case PF_XSAVE_ENABLED: return cpuid_bit(1, 0, ECX, 26) && cpuid_bit(1, 0, ECX, 27);
    case PF_RDRAND_INSTRUCTION_AVAILABLE: return cpuid_bit(1, 0, ECX, 30);
    case PF_RDTSCP_INSTRUCTION_AVAILABLE: return cpuid_bit(0x80000001, 0, EDX, 27);
    case PF_SSSE3_INSTRUCTIONS_AVAILABLE: return cpuid_bit(1, 0, ECX, 9);
    case PF_SSE4_1_INSTRUCTIONS_AVAILABLE: return cpuid_bit(1, 0, ECX, 19);
    case PF_SSE4_2_INSTRUCTIONS_AVAILABLE: return cpuid_bit(1, 0, ECX, 20);
    case PF_AVX_INSTRUCTIONS_AVAILABLE: return cpuid_bit(1, 0, ECX, 28) && os_saves(0x6);
    case PF_AVX2_INSTRUCTIONS_AVAILABLE: return cpuid_bit(7, 0, EBX, 5) && os_saves(0x6);
    case PF_AVX512F_INSTRUCTIONS_AVAILABLE: return cpuid_bit(7, 0, EBX, 16) && os_saves(0xe6);
    /* the floating-point errata and emulation, 3DNow!, the Alpha, PowerPC
     * and ARM features, second-level address translation (a hypervisor
     * matter) and everything unknown */
    default: return FALSE;
    }
}

/* ---- anonymous pipes ---- */

BOOL WINAPI CreatePipe(PHANDLE read_end, PHANDLE write_end, LPSECURITY_ATTRIBUTES sa, DWORD size)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC)) { carafe_set_errno_error(); return FALSE; }
    HANDLE r = carafe_file_handle_from_fd(fds[0], GENERIC_READ, 0);
    if (r == INVALID_HANDLE_VALUE) { close(fds[0]); close(fds[1]); return FALSE; }
    HANDLE w = carafe_file_handle_from_fd(fds[1], GENERIC_WRITE, 0);
    if (w == INVALID_HANDLE_VALUE) { CloseHandle(r); close(fds[1]); return FALSE; }
    if (sa && sa->bInheritHandle) {
        carafe_handle_flags(r, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
        carafe_handle_flags(w, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
    }
    *read_end = r;
    *write_end = w;
    return TRUE;
}

__attribute__((noreturn)) void WINAPI FatalExit(int code) { carafe_exit_process(code); }
