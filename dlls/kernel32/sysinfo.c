/* System information: processor, memory, version (Windows 10), names. */
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(sysinfo);

typedef struct _SYSTEM_INFO {
    WORD wProcessorArchitecture, wReserved;
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress, lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors, dwProcessorType, dwAllocationGranularity;
    WORD wProcessorLevel, wProcessorRevision;
} SYSTEM_INFO;

typedef struct {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
} OSVERSIONINFOEXW;

typedef struct {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
} OSVERSIONINFOEXA;

typedef struct {
    DWORD dwLength, dwMemoryLoad;
    ULONGLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile;
    ULONGLONG ullTotalVirtual, ullAvailVirtual, ullAvailExtendedVirtual;
} MEMORYSTATUSEX;

void WINAPI GetSystemInfo(SYSTEM_INFO *si)
{
    memset(si, 0, sizeof(*si));
    si->wProcessorArchitecture = 9;   /* PROCESSOR_ARCHITECTURE_AMD64 */
    si->dwPageSize = 0x1000;
    si->lpMinimumApplicationAddress = (void *)0x10000;
    si->lpMaximumApplicationAddress = (void *)0x7ffffffeffff;
    si->dwNumberOfProcessors = NtCurrentTeb()->Peb->NumberOfProcessors;
    si->dwActiveProcessorMask = si->dwNumberOfProcessors >= 64 ? ~0ull : (1ull << si->dwNumberOfProcessors) - 1;
    si->dwProcessorType = 8664;
    si->dwAllocationGranularity = 0x10000;
    si->wProcessorLevel = 6;
}

void WINAPI GetNativeSystemInfo(SYSTEM_INFO *si)
{
    GetSystemInfo(si);
}

/* GetVersion and GetVersionEx answer as Windows 10 does for a program with
 * a Windows 10 manifest: 10.0.19045. */
DWORD WINAPI GetVersion(void)
{
    PEB *peb = NtCurrentTeb()->Peb;
    return peb->OSMajorVersion | (peb->OSMinorVersion << 8) | (peb->OSBuildNumber << 16);
}

BOOL WINAPI GetVersionExW(OSVERSIONINFOEXW *v)
{
    PEB *peb = NtCurrentTeb()->Peb;
    if (v->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXW) &&
        v->dwOSVersionInfoSize != offsetof(OSVERSIONINFOEXW, wServicePackMajor)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    DWORD size = v->dwOSVersionInfoSize;
    memset(v, 0, size);
    v->dwOSVersionInfoSize = size;
    v->dwMajorVersion = peb->OSMajorVersion;
    v->dwMinorVersion = peb->OSMinorVersion;
    v->dwBuildNumber = peb->OSBuildNumber;
    v->dwPlatformId = VER_PLATFORM_WIN32_NT;
    if (size == sizeof(OSVERSIONINFOEXW)) {
        v->wSuiteMask = 0x100;   /* VER_SUITE_SINGLEUSERTS */
        v->wProductType = 1;     /* VER_NT_WORKSTATION */
    }
    return TRUE;
}

BOOL WINAPI GetVersionExA(OSVERSIONINFOEXA *v)
{
    PEB *peb = NtCurrentTeb()->Peb;
    if (v->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXA) &&
        v->dwOSVersionInfoSize != offsetof(OSVERSIONINFOEXA, wServicePackMajor)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    DWORD size = v->dwOSVersionInfoSize;
    memset(v, 0, size);
    v->dwOSVersionInfoSize = size;
    v->dwMajorVersion = peb->OSMajorVersion;
    v->dwMinorVersion = peb->OSMinorVersion;
    v->dwBuildNumber = peb->OSBuildNumber;
    v->dwPlatformId = VER_PLATFORM_WIN32_NT;
    if (size == sizeof(OSVERSIONINFOEXA)) {
        v->wSuiteMask = 0x100;
        v->wProductType = 1;
    }
    return TRUE;
}

BOOL WINAPI GlobalMemoryStatusEx(MEMORYSTATUSEX *m)
{
    struct sysinfo si;
    if (m->dwLength != sizeof(*m)) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    sysinfo(&si);
    m->ullTotalPhys = (ULONGLONG)si.totalram * si.mem_unit;
    m->ullAvailPhys = (ULONGLONG)(si.freeram + si.bufferram) * si.mem_unit;
    m->dwMemoryLoad = m->ullTotalPhys ? (DWORD)(100 - m->ullAvailPhys * 100 / m->ullTotalPhys) : 0;
    m->ullTotalPageFile = m->ullTotalPhys + (ULONGLONG)si.totalswap * si.mem_unit;
    m->ullAvailPageFile = m->ullAvailPhys + (ULONGLONG)si.freeswap * si.mem_unit;
    m->ullTotalVirtual = 0x7ffffffe0000ull;
    m->ullAvailVirtual = 0x7ffffffe0000ull - 0x10000000ull;
    m->ullAvailExtendedVirtual = 0;
    return TRUE;
}

/* The NetBIOS name: the host name up to its first dot, upper case. */
BOOL WINAPI GetComputerNameW(LPWSTR buf, LPDWORD size)
{
    char host[256] = "LOCALHOST";
    gethostname(host, sizeof(host) - 1);
    host[15] = 0;
    for (char *h = host; *h; h++) { if (*h == '.') { *h = 0; break; } if (*h >= 'a' && *h <= 'z') *h -= 32; }
    DWORD len = strlen(host);
    if (len >= *size) {
        *size = len + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    for (DWORD i = 0; i <= len; i++) buf[i] = (unsigned char)host[i];
    *size = len;
    return TRUE;
}

BOOL WINAPI GetComputerNameA(LPSTR buf, LPDWORD size)
{
    WCHAR w[64];
    DWORD n = 64;
    if (!GetComputerNameW(w, &n)) return FALSE;
    if (n >= *size) {
        *size = n + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    for (DWORD i = 0; i <= n; i++) buf[i] = (char)w[i];
    *size = n;
    return TRUE;
}

/* GetComputerNameEx: the DNS names come from the Linux host name, split at
 * its first dot into host and domain; the NetBIOS kinds are
 * GetComputerName's.  No clusters: the physical names are the same. */
enum { NAME_NETBIOS, NAME_DNS_HOST, NAME_DNS_DOMAIN, NAME_DNS_FULL, NAME_KINDS = 4, NAME_MAX = 8 };

BOOL WINAPI GetComputerNameExW(int type, LPWSTR buf, LPDWORD size)
{
    char host[256] = "localhost", name[256];
    WCHAR netbios[64];
    DWORD len, n = 64;
    if (type < 0 || type >= NAME_MAX || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    gethostname(host, sizeof(host) - 1);
    char *dot = strchr(host, '.');
    switch (type % NAME_KINDS) {
    case NAME_NETBIOS:
        if (!GetComputerNameW(netbios, &n)) return FALSE;
        for (len = 0; len <= n; len++) name[len] = (char)netbios[len];
        break;
    case NAME_DNS_HOST:
        snprintf(name, sizeof(name), "%.*s", dot ? (int)(dot - host) : (int)strlen(host), host);
        break;
    case NAME_DNS_DOMAIN:
        snprintf(name, sizeof(name), "%s", dot ? dot + 1 : "");
        break;
    default:
        snprintf(name, sizeof(name), "%s", host);
        break;
    }
    len = strlen(name);
    if (!buf || len >= *size) {
        *size = len + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    for (DWORD i = 0; i <= len; i++) buf[i] = (unsigned char)name[i];
    *size = len;
    return TRUE;
}

BOOL WINAPI GetComputerNameExA(int type, LPSTR buf, LPDWORD size)
{
    WCHAR w[256];
    DWORD n = 256;
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!GetComputerNameExW(type, w, &n)) return FALSE;
    if (!buf || n >= *size) {
        *size = n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    for (DWORD i = 0; i <= n; i++) buf[i] = (char)w[i];
    *size = n;
    return TRUE;
}
