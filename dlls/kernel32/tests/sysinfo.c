/* Conformance tests: system information, version, computer name, memory
 * status, processor features.  Nothing here depends on the host's name or
 * size: only protocols and consistency are checked. */
#include <windows.h>
#include <wchar.h>
#include <string.h>
#include <stdlib.h>
#include <cpuid.h>
#include "test.h"

/* GetProcAddress sets the last error: ask once, before the checks */
static int is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

static void test_system_info(void)
{
    SYSTEM_INFO si, nsi;
    char buf[32];

    memset(&si, 0xcc, sizeof(si));
    GetSystemInfo(&si);
    ok(si.dwPageSize == 4096, "page size %lu\n", si.dwPageSize);
    ok(si.dwAllocationGranularity == 65536, "granularity %lu\n", si.dwAllocationGranularity);
    ok(si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64, "architecture %u\n", si.wProcessorArchitecture);
    ok(si.dwProcessorType == PROCESSOR_AMD_X8664, "processor type %lu\n", si.dwProcessorType);
    ok(si.lpMinimumApplicationAddress == (void *)0x10000, "minimum address %p\n", si.lpMinimumApplicationAddress);
    ok(si.lpMaximumApplicationAddress == (void *)0x7ffffffeffff, "maximum address %p\n", si.lpMaximumApplicationAddress);
    ok(si.dwNumberOfProcessors >= 1, "processors %lu\n", si.dwNumberOfProcessors);
    DWORD bits = 0;
    for (DWORD_PTR m = si.dwActiveProcessorMask; m; m >>= 1) bits += m & 1;
    ok(bits == si.dwNumberOfProcessors, "mask %Ix for %lu processors\n", si.dwActiveProcessorMask, si.dwNumberOfProcessors);
    if (GetEnvironmentVariableA("NUMBER_OF_PROCESSORS", buf, sizeof(buf)))
        ok((DWORD)atoi(buf) == si.dwNumberOfProcessors, "NUMBER_OF_PROCESSORS %s, GetSystemInfo %lu\n", buf,
           si.dwNumberOfProcessors);
    ok(si.wProcessorLevel != 0xcccc && si.wProcessorRevision != 0xcccc, "level/revision not set\n");

    GetNativeSystemInfo(&nsi);
    ok(!memcmp(&si, &nsi, sizeof(si)), "GetNativeSystemInfo differs for a 64-bit program\n");
}

typedef LONG (WINAPI *RtlGetVersion_fn)(RTL_OSVERSIONINFOEXW *);

static void test_version(void)
{
    OSVERSIONINFOA va;
    OSVERSIONINFOEXA vxa;
    OSVERSIONINFOW vw;
    OSVERSIONINFOEXW vxw;
    RTL_OSVERSIONINFOEXW rv;
    BOOL r;

    memset(&va, 0xcc, sizeof(va));
    va.dwOSVersionInfoSize = sizeof(va);
    SetLastError(0xdeadbeef);
    r = GetVersionExA(&va);
    ok(r, "GetVersionExA failed %lu\n", GetLastError());
    ok(GetLastError() == 0xdeadbeef, "error changed %lu\n", GetLastError());
    ok(va.dwPlatformId == VER_PLATFORM_WIN32_NT, "platform %lu\n", va.dwPlatformId);
    ok(va.dwOSVersionInfoSize == sizeof(va), "size changed to %lu\n", va.dwOSVersionInfoSize);
    /* Windows 10 22H2 (Wine answers with its configured version) */
    if (!is_wine())
        ok(va.dwMajorVersion == 10 && va.dwMinorVersion == 0 && va.dwBuildNumber == 19045, "version %lu.%lu.%lu\n",
           va.dwMajorVersion, va.dwMinorVersion, va.dwBuildNumber);
    ok(va.szCSDVersion[0] == 0 || va.szCSDVersion[0] == 'S', "CSD version \"%s\"\n", va.szCSDVersion);

    DWORD v = GetVersion();
    ok(LOBYTE(LOWORD(v)) == va.dwMajorVersion && HIBYTE(LOWORD(v)) == va.dwMinorVersion &&
       HIWORD(v) == va.dwBuildNumber, "GetVersion %lx vs %lu.%lu.%lu\n", v, va.dwMajorVersion, va.dwMinorVersion,
       va.dwBuildNumber);
    ok(!(v & 0x80000000), "GetVersion has the Win9x bit\n");

    memset(&vxa, 0xcc, sizeof(vxa));
    vxa.dwOSVersionInfoSize = sizeof(vxa);
    ok(GetVersionExA((OSVERSIONINFOA *)&vxa), "GetVersionExA(EX) failed %lu\n", GetLastError());
    ok(vxa.dwBuildNumber == va.dwBuildNumber && vxa.dwMajorVersion == va.dwMajorVersion, "EX version differs\n");
    ok(vxa.wProductType == VER_NT_WORKSTATION, "product type %u\n", vxa.wProductType);
    ok(vxa.wServicePackMajor != 0xcccc && vxa.wSuiteMask != 0xcccc, "EX fields not set\n");

    /* any other size is refused */
    va.dwOSVersionInfoSize = sizeof(va) - 1;
    SetLastError(0xdeadbeef);
    ok(!GetVersionExA(&va), "short size accepted\n");
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short size error %lu\n", GetLastError());
    va.dwOSVersionInfoSize = sizeof(va) + 1;
    SetLastError(0xdeadbeef);
    ok(!GetVersionExA(&va), "long size accepted\n");
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "long size error %lu\n", GetLastError());
    vw.dwOSVersionInfoSize = sizeof(va);   /* the A size for the W function */
    SetLastError(0xdeadbeef);
    ok(!GetVersionExW(&vw), "A size accepted by GetVersionExW\n");
    /* as GetVersionExA; Wine's W function leaves the error alone */
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER || (is_wine() && GetLastError() == 0xdeadbeef),
       "W with A size error %lu\n", GetLastError());

    memset(&vw, 0xcc, sizeof(vw));
    vw.dwOSVersionInfoSize = sizeof(vw);
    ok(GetVersionExW(&vw), "GetVersionExW failed %lu\n", GetLastError());
    ok(vw.dwMajorVersion == va.dwMajorVersion && vw.dwMinorVersion == va.dwMinorVersion &&
       vw.dwBuildNumber == va.dwBuildNumber && vw.dwPlatformId == VER_PLATFORM_WIN32_NT, "W version differs\n");
    memset(&vxw, 0xcc, sizeof(vxw));
    vxw.dwOSVersionInfoSize = sizeof(vxw);
    ok(GetVersionExW((OSVERSIONINFOW *)&vxw), "GetVersionExW(EX) failed %lu\n", GetLastError());
    ok(vxw.wProductType == VER_NT_WORKSTATION, "W product type %u\n", vxw.wProductType);

    /* RtlGetVersion is not shimmed by the manifest: the true version */
    RtlGetVersion_fn pRtlGetVersion = (RtlGetVersion_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetVersion");
    ok(pRtlGetVersion != NULL, "no RtlGetVersion\n");
    if (pRtlGetVersion) {
        memset(&rv, 0xcc, sizeof(rv));
        rv.dwOSVersionInfoSize = sizeof(rv);
        ok(pRtlGetVersion(&rv) == 0, "RtlGetVersion failed\n");
        ok(rv.dwPlatformId == VER_PLATFORM_WIN32_NT && rv.wProductType == VER_NT_WORKSTATION, "Rtl platform %lu product %u\n",
           rv.dwPlatformId, rv.wProductType);
        ok(rv.dwMajorVersion >= va.dwMajorVersion, "Rtl major %lu < %lu\n", rv.dwMajorVersion, va.dwMajorVersion);
        if (!is_wine())
            ok(rv.dwMajorVersion == 10 && rv.dwMinorVersion == 0 && rv.dwBuildNumber == 19045, "Rtl version %lu.%lu.%lu\n",
               rv.dwMajorVersion, rv.dwMinorVersion, rv.dwBuildNumber);
        rv.dwOSVersionInfoSize = sizeof(RTL_OSVERSIONINFOW);
        ok(pRtlGetVersion(&rv) == 0, "RtlGetVersion with the small size failed\n");
    }
}

static void test_computer_name(void)
{
    char name[MAX_COMPUTERNAME_LENGTH + 1], big[256];
    WCHAR wname[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size, len;
    BOOL r;

    size = sizeof(big);
    memset(big, 0x7f, sizeof(big));
    SetLastError(0xdeadbeef);
    r = GetComputerNameA(big, &size);
    ok(r, "GetComputerNameA failed %lu\n", GetLastError());
    len = strlen(big);
    ok(size == len, "size %lu for \"%s\"\n", size, big);
    ok(len >= 1 && len <= MAX_COMPUTERNAME_LENGTH, "name length %lu\n", len);
    ok(big[len + 1] == 0x7f, "canary overwritten\n");

    /* too small: the size needed, with the NUL, and ERROR_BUFFER_OVERFLOW */
    size = len;
    SetLastError(0xdeadbeef);
    r = GetComputerNameA(name, &size);
    ok(!r, "a buffer without room for the NUL accepted\n");
    ok(GetLastError() == ERROR_BUFFER_OVERFLOW, "error %lu\n", GetLastError());
    ok(size == len + 1, "size needed %lu, expected %lu\n", size, len + 1);
    size = len + 1;
    r = GetComputerNameA(name, &size);
    ok(r && size == len && !strcmp(name, big), "exact buffer %d %lu\n", r, size);

    size = MAX_COMPUTERNAME_LENGTH + 1;
    r = GetComputerNameW(wname, &size);
    ok(r && size == len, "GetComputerNameW %d %lu\n", r, size);
    WideCharToMultiByte(CP_ACP, 0, wname, -1, name, sizeof(name), NULL, NULL);
    ok(!strcmp(name, big), "W name \"%s\" vs A \"%s\"\n", name, big);
    size = 0;
    SetLastError(0xdeadbeef);
    r = GetComputerNameW(wname, &size);
    ok(!r && GetLastError() == ERROR_BUFFER_OVERFLOW && size == len + 1, "W size 0: %d %lu %lu\n", r, GetLastError(), size);

    /* the name is the COMPUTERNAME variable */
    if (GetEnvironmentVariableA("COMPUTERNAME", big, sizeof(big)))
        ok(!_stricmp(big, name), "COMPUTERNAME %s vs %s\n", big, name);
}

static void test_memory_status(void)
{
    MEMORYSTATUSEX ms;
    memset(&ms, 0xcc, sizeof(ms));
    ms.dwLength = sizeof(ms);
    SetLastError(0xdeadbeef);
    ok(GlobalMemoryStatusEx(&ms), "GlobalMemoryStatusEx failed %lu\n", GetLastError());
    ok(ms.dwMemoryLoad <= 100, "memory load %lu\n", ms.dwMemoryLoad);
    ok(ms.ullTotalPhys > 0 && ms.ullAvailPhys <= ms.ullTotalPhys, "phys %I64u/%I64u\n", ms.ullAvailPhys, ms.ullTotalPhys);
    ok(ms.ullTotalPageFile >= ms.ullTotalPhys, "page file %I64u\n", ms.ullTotalPageFile);
    ok(ms.ullAvailPageFile <= ms.ullTotalPageFile, "avail page file %I64u\n", ms.ullAvailPageFile);
    ok(ms.ullTotalVirtual == 0x7fffffe0000ull * 16 || ms.ullTotalVirtual >= 0x7ff00000000ull,
       "total virtual %I64x\n", ms.ullTotalVirtual);
    ok(ms.ullAvailVirtual > 0 && ms.ullAvailVirtual <= ms.ullTotalVirtual, "avail virtual %I64x\n", ms.ullAvailVirtual);
    ok(ms.ullAvailExtendedVirtual == 0, "extended %I64u\n", ms.ullAvailExtendedVirtual);

    ms.dwLength = sizeof(ms) - 1;
    SetLastError(0xdeadbeef);
    ok(!GlobalMemoryStatusEx(&ms), "short length accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "short length error %lu\n", GetLastError());
}

static int cpuid_bit(unsigned leaf, int reg, int bit)
{
    unsigned r[4];
    if (!__get_cpuid(leaf, &r[0], &r[1], &r[2], &r[3])) return 0;
    return (r[reg] >> bit) & 1;
}

static void test_processor_features(void)
{
    static const DWORD yes[] = { PF_COMPARE_EXCHANGE_DOUBLE, PF_MMX_INSTRUCTIONS_AVAILABLE,
        PF_XMMI_INSTRUCTIONS_AVAILABLE, PF_RDTSC_INSTRUCTION_AVAILABLE, PF_PAE_ENABLED,
        PF_XMMI64_INSTRUCTIONS_AVAILABLE, PF_NX_ENABLED, PF_FASTFAIL_AVAILABLE };
    static const DWORD no[] = { PF_FLOATING_POINT_PRECISION_ERRATA, PF_FLOATING_POINT_EMULATED,
        4 /* PPC_MOVEMEM_64BIT_OK */, 5 /* ALPHA_BYTE_INSTRUCTIONS */, PF_3DNOW_INSTRUCTIONS_AVAILABLE,
        15 /* COMPARE64_EXCHANGE128 (Itanium) */, 16 /* CHANNELS_ENABLED */, 18 /* ARM_VFP_32_REGISTERS */,
        19 /* ARM_NEON */, PF_SECOND_LEVEL_ADDRESS_TRANSLATION, 24 /* ARM_DIVIDE */, 29 /* ARM_V8 */, 1000 };

    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        ok(IsProcessorFeaturePresent(yes[i]), "feature %lu absent\n", yes[i]);
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        ok(!IsProcessorFeaturePresent(no[i]), "feature %lu present\n", no[i]);
    ok(!IsProcessorFeaturePresent(PF_SSE3_INSTRUCTIONS_AVAILABLE) == !cpuid_bit(1, 2, 0), "SSE3 disagrees with cpuid\n");
    ok(!IsProcessorFeaturePresent(PF_COMPARE_EXCHANGE128) == !cpuid_bit(1, 2, 13), "CX16 disagrees with cpuid\n");
    ok(!IsProcessorFeaturePresent(PF_XSAVE_ENABLED) == !(cpuid_bit(1, 2, 26) && cpuid_bit(1, 2, 27)),
       "XSAVE disagrees with cpuid\n");
}

static void test_computer_name_ex(void)
{
    WCHAR buf[256], nb[64];
    DWORD n, nbn = 64;
    BOOL r;

    ok(GetComputerNameW(nb, &nbn), "GetComputerNameW %lu\n", GetLastError());
    n = 256;
    ok(GetComputerNameExW(ComputerNameNetBIOS, buf, &n), "NetBIOS %lu\n", GetLastError());
    ok(n == nbn && !lstrcmpW(buf, nb), "NetBIOS name %ls vs %ls\n", buf, nb);

    n = 256;
    r = GetComputerNameExW(ComputerNamePhysicalDnsHostname, buf, &n);
    ok(r && n == (DWORD)lstrlenW(buf) && n > 0, "DNS host name %d %lu\n", r, n);
    ok(!wcschr(buf, '.'), "host name has a dot: %ls\n", buf);
    /* the NetBIOS name is the host name, upper case, at most 15 characters */
    ok(!_wcsnicmp(buf, nb, nbn), "host %ls vs NetBIOS %ls\n", buf, nb);

    /* too small: ERROR_MORE_DATA and the size with the terminator */
    DWORD need = n;
    n = 1;
    SetLastError(0xdeadbeef);
    r = GetComputerNameExW(ComputerNameDnsHostname, buf, &n);
    ok(!r && GetLastError() == ERROR_MORE_DATA, "small buffer %d %lu\n", r, GetLastError());
    ok(n == need + 1, "size %lu, want %lu\n", n, need + 1);

    n = 256;
    SetLastError(0xdeadbeef);
    ok(!GetComputerNameExW(ComputerNameMax, buf, &n) && GetLastError() == ERROR_INVALID_PARAMETER,
       "ComputerNameMax %lu\n", GetLastError());

    char a[256];
    n = 256;
    ok(GetComputerNameExA(ComputerNameDnsFullyQualified, a, &n) && n == strlen(a) && n >= need,
       "A fully qualified %lu %s\n", n, a);
}

int main(void)
{
    is_wine();
    test_system_info();
    test_version();
    test_computer_name();
    test_memory_status();
    test_processor_features();
    test_computer_name_ex();
    return test_summary();
}
