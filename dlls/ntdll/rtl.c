/* Rtl* and Nt* exports Windows programs call directly. */
#include <string.h>
#include <sys/random.h>
#include "ntdll_private.h"

typedef struct _OSVERSIONINFOEXW {
    ULONG dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    WCHAR szCSDVersion[128];
    USHORT wServicePackMajor, wServicePackMinor, wSuiteMask;
    UCHAR wProductType, wReserved;
} RTL_OSVERSIONINFOEXW;

/* Windows 10 22H2, whatever the manifest says (RtlGetVersion is not shimmed) */
NTSTATUS WINAPI RtlGetVersion(RTL_OSVERSIONINFOEXW *info)
{
    if (!info) return STATUS_INVALID_PARAMETER;
    ULONG size = info->dwOSVersionInfoSize;
    if (size != sizeof(RTL_OSVERSIONINFOEXW) && size != offsetof(RTL_OSVERSIONINFOEXW, wServicePackMajor))
        return STATUS_INVALID_PARAMETER;
    memset((char *)info + sizeof(ULONG), 0, size - sizeof(ULONG));
    info->dwMajorVersion = carafe_peb->OSMajorVersion;
    info->dwMinorVersion = carafe_peb->OSMinorVersion;
    info->dwBuildNumber = carafe_peb->OSBuildNumber;
    info->dwPlatformId = carafe_peb->OSPlatformId;
    if (size == sizeof(RTL_OSVERSIONINFOEXW)) info->wProductType = 1;   /* VER_NT_WORKSTATION */
    return STATUS_SUCCESS;
}

TEB *WINAPI ntdll_NtCurrentTeb(void)
{
    return NtCurrentTeb();
}

DWORD WINAPI RtlGetLastWin32Error(void)
{
    return NtCurrentTeb()->LastErrorValue;
}

void WINAPI RtlSetLastWin32Error(DWORD err)
{
    NtCurrentTeb()->LastErrorValue = err;
}

DWORD WINAPI RtlNtStatusToDosError(NTSTATUS status)
{
    switch ((DWORD)status) {
    case STATUS_SUCCESS: return ERROR_SUCCESS;
    case STATUS_ACCESS_VIOLATION: return ERROR_NOACCESS;
    case STATUS_INVALID_HANDLE: return ERROR_INVALID_HANDLE;
    case STATUS_INVALID_PARAMETER: return ERROR_INVALID_PARAMETER;
    case STATUS_NO_MEMORY: return ERROR_NOT_ENOUGH_MEMORY;
    case STATUS_TIMEOUT: return ERROR_TIMEOUT;
    case STATUS_DLL_NOT_FOUND: return ERROR_MOD_NOT_FOUND;
    case STATUS_ENTRYPOINT_NOT_FOUND: return ERROR_PROC_NOT_FOUND;
    case STATUS_INVALID_IMAGE_FORMAT: return ERROR_BAD_EXE_FORMAT;
    case STATUS_DLL_INIT_FAILED: return ERROR_DLL_INIT_FAILED;
    case STATUS_UNSUCCESSFUL: return ERROR_GEN_FAILURE;
    case STATUS_NOT_IMPLEMENTED: return ERROR_INVALID_FUNCTION;
    case STATUS_INVALID_DEVICE_REQUEST: return ERROR_INVALID_FUNCTION;
    case STATUS_END_OF_FILE: return ERROR_HANDLE_EOF;
    case STATUS_ACCESS_DENIED: return ERROR_ACCESS_DENIED;
    case STATUS_DISK_FULL: return ERROR_DISK_FULL;
    case STATUS_PIPE_BROKEN: return ERROR_BROKEN_PIPE;
    default: return ERROR_MR_MID_NOT_FOUND;
    }
}

PEB *WINAPI RtlGetCurrentPeb(void)
{
    return NtCurrentTeb()->Peb;
}

/* Not documented by Microsoft; Go's runtime reads the version with it.
 * The build number carries 0xF in its top nibble, as release builds of
 * Windows report it. */
void WINAPI RtlGetNtVersionNumbers(ULONG *major, ULONG *minor, ULONG *build)
{
    if (major) *major = carafe_peb->OSMajorVersion;
    if (minor) *minor = carafe_peb->OSMinorVersion;
    if (build) *build = 0xf0000000u | carafe_peb->OSBuildNumber;
}

/* Waitable objects are kernel32's (synch.c), which hands ntdll its wait. */
static carafe_wait_service wait_service;

void carafe_set_wait_service(carafe_wait_service fn)
{
    wait_service = fn;
}

NTSTATUS WINAPI NtWaitForSingleObject(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    if (!wait_service) return STATUS_INVALID_HANDLE;
    return wait_service(handle, alertable, timeout);
}

/* RtlEncodePointer: the pointer XORed with a per-process secret, then rotated
 * by the secret's low six bits, so that neither NULL nor a known pointer shows
 * its encoding.  The secret is drawn on first use; 0 means "not drawn yet". */
static ULONG_PTR pointer_secret;

static ULONG_PTR get_pointer_secret(void)
{
    ULONG_PTR s = __atomic_load_n(&pointer_secret, __ATOMIC_ACQUIRE), fresh = 0;
    if (s) return s;
    while (!fresh)
        if (getrandom(&fresh, sizeof(fresh), 0) != sizeof(fresh)) fresh = (ULONG_PTR)&fresh ^ 0x9e3779b97f4a7c15ull;
    /* two threads may race: the first secret stored wins for both */
    if (!__atomic_compare_exchange_n(&pointer_secret, &s, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return s;
    return fresh;
}

static ULONG_PTR rotr64(ULONG_PTR v, unsigned n)
{
    n &= 63;
    return n ? (v >> n) | (v << (64 - n)) : v;
}

PVOID WINAPI RtlEncodePointer(PVOID ptr)
{
    ULONG_PTR s = get_pointer_secret();
    return (PVOID)rotr64((ULONG_PTR)ptr ^ s, s & 63);
}

PVOID WINAPI RtlDecodePointer(PVOID ptr)
{
    ULONG_PTR s = get_pointer_secret();
    return (PVOID)(rotr64((ULONG_PTR)ptr, 64 - (s & 63)) ^ s);
}
