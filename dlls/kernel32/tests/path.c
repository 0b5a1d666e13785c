/* kernel32 paths: GetFullPathName, long/short names, SearchPath, the
 * Windows directories, drives and volumes. */
#include <windows.h>
#include <string.h>
#include "test.h"

static char dir[MAX_PATH];

static void check_full(const char *in, const char *want, const char *want_part)
{
    char buf[MAX_PATH], *part = (char *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    DWORD n = GetFullPathNameA(in, MAX_PATH, buf, &part);
    ok(n == strlen(want) && !strcmp(buf, want), "GetFullPathName(%s) = %lu %s, want %s\n", in, n, n ? buf : "", want);
    if (want_part) ok(part && part != (char *)0xdeadbeef && !strcmp(part, want_part), "file part of %s: %s\n", in,
                      part && part != (char *)0xdeadbeef ? part : "(null)");
    else ok(part == NULL, "file part of %s should be NULL\n", in);
}

static void test_full_path(void)
{
    char cwd[MAX_PATH], want[MAX_PATH], buf[MAX_PATH];
    DWORD n;

    check_full("C:\\a\\b\\..\\c", "C:\\a\\c", "c");
    check_full("C:\\a\\.\\b\\", "C:\\a\\b\\", NULL);
    check_full("C:\\a\\b\\.", "C:\\a\\b", "b");
    check_full("C:\\a\\b\\..", "C:\\a", "a");
    check_full("C:\\..\\..", "C:\\", NULL);
    check_full("C:/a/b", "C:\\a\\b", "b");
    check_full("C:\\a\\\\b", "C:\\a\\b", "b");
    check_full("C:\\a\\b.", "C:\\a\\b", "b");
    check_full("C:\\a\\b. . ", "C:\\a\\b", "b");
    check_full("C:\\a.\\b", "C:\\a\\b", "b");
    check_full("C:\\a..\\b", "C:\\a.\\b", "b");
    check_full("\\\\server\\share\\dir\\..\\..\\x", "\\\\server\\share\\x", "x");
    check_full("\\\\server\\share\\dir\\", "\\\\server\\share\\dir\\", NULL);

    GetCurrentDirectoryA(MAX_PATH, cwd);
    sprintf(want, "%s\\foo", cwd);
    check_full("foo", want, "foo");
    check_full(".\\foo\\bar\\..", want, "foo");
    sprintf(want, "%s\\foo\\", cwd);
    check_full("foo\\", want, NULL);
    check_full(".", cwd, strrchr(cwd, '\\') + 1);
    sprintf(want, "%c:\\foo", cwd[0]);
    check_full("\\foo", want, "foo");
    sprintf(buf, "%c:foo", cwd[0]);
    sprintf(want, "%s\\foo", cwd);
    check_full(buf, want, "foo");
    /* another drive without a current directory: its root */
    check_full("Q:foo", "Q:\\foo", "foo");

    SetLastError(0xdeadbeef);
    n = GetFullPathNameA("C:\\abcdef", 4, buf, NULL);
    ok(n == 10, "small buffer: %lu\n", n);
    n = GetFullPathNameA("C:\\abcdef", 0, NULL, NULL);
    ok(n == 10, "no buffer: %lu\n", n);

    WCHAR wbuf[MAX_PATH], *wpart = NULL;
    n = GetFullPathNameW(L"C:\\x\\..\\y\\z.txt", MAX_PATH, wbuf, &wpart);
    ok(n == 10 && !wcscmp(wbuf, L"C:\\y\\z.txt") && wpart && !wcscmp(wpart, L"z.txt"), "W: %ls\n", wbuf);
}

static void test_long_short(void)
{
    char p[MAX_PATH], buf[MAX_PATH];
    DWORD n;
    sprintf(p, "%s\\a long file name.txt", dir);
    HANDLE h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "create: %lu\n", GetLastError());
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    n = GetLongPathNameA(p, buf, MAX_PATH);
    ok(n == strlen(p) && !_stricmp(buf, p), "GetLongPathName %lu %s\n", n, buf);
    n = GetLongPathNameA(p, buf, 3);
    ok(n == strlen(p) + 1, "GetLongPathName small buffer %lu\n", n);
    SetLastError(0xdeadbeef);
    n = GetShortPathNameA(p, buf, MAX_PATH);
    ok(n && n < MAX_PATH, "GetShortPathName: %lu\n", GetLastError());
    ok(GetFileAttributesA(buf) != INVALID_FILE_ATTRIBUTES, "short name %s does not name the file\n", buf);
    sprintf(p, "%s\\missing.txt", dir);
    SetLastError(0xdeadbeef);
    n = GetLongPathNameA(p, buf, MAX_PATH);
    ok(!n && GetLastError() == ERROR_FILE_NOT_FOUND, "missing: %lu %lu\n", n, GetLastError());
    sprintf(p, "%s\\a long file name.txt", dir);
    ok(DeleteFileA(p), "delete: %lu\n", GetLastError());
}

static void test_search_path(void)
{
    char p[MAX_PATH], buf[MAX_PATH], want[MAX_PATH], *part = NULL;
    DWORD n;
    sprintf(p, "%s\\srch.txt", dir);
    HANDLE h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CloseHandle(h);
    GetFullPathNameA(p, MAX_PATH, want, NULL);
    SetLastError(0xdeadbeef);
    n = SearchPathA(dir, "srch", ".txt", MAX_PATH, buf, &part);
    ok(n == strlen(want) && !_stricmp(buf, want), "SearchPath in dir: %lu %s\n", n, buf);
    ok(part && !strcmp(part, "srch.txt"), "file part %s\n", part ? part : "(null)");
    n = SearchPathA(NULL, "srch.txt", NULL, MAX_PATH, buf, NULL);
    ok(n == strlen(want) && !_stricmp(buf, want), "SearchPath in the current directory: %lu %s\n", n, buf);
    n = SearchPathA(dir, "srch.txt", ".dat", 2, buf, NULL);
    ok(n == strlen(want) + 1, "small buffer %lu\n", n);
    SetLastError(0xdeadbeef);
    n = SearchPathA(dir, "nothere", ".txt", MAX_PATH, buf, NULL);
    ok(!n && GetLastError() == ERROR_FILE_NOT_FOUND, "missing: %lu\n", GetLastError());
    ok(DeleteFileA(p), "delete: %lu\n", GetLastError());
}

static void test_windows_dirs(void)
{
    char buf[MAX_PATH];
    WCHAR wbuf[MAX_PATH];
    UINT n;
    n = GetWindowsDirectoryA(buf, MAX_PATH);
    ok(n == 10 && !_stricmp(buf, "C:\\windows"), "GetWindowsDirectory %u %s\n", n, buf);
    n = GetWindowsDirectoryA(buf, 3);
    ok(n == 11, "small buffer %u\n", n);
    n = GetSystemDirectoryA(buf, MAX_PATH);
    ok(n == 19 && !_stricmp(buf, "C:\\windows\\system32"), "GetSystemDirectory %u %s\n", n, buf);
    n = GetSystemWindowsDirectoryW(wbuf, MAX_PATH);
    ok(n == 10 && !_wcsicmp(wbuf, L"C:\\windows"), "GetSystemWindowsDirectory %u\n", n);
    ok(GetFileAttributesA(buf) & FILE_ATTRIBUTE_DIRECTORY, "system directory missing\n");
}

static void test_drives(void)
{
    char buf[256], root[4] = "?:\\";
    DWORD drives = GetLogicalDrives(), serial = 0, maxlen = 0, flags = 0;
    ULARGE_INTEGER avail, total, freeb;
    DWORD spc, bps, fc, tc;

    ok(drives & (1 << 2), "no C: in %#lx\n", drives);
    ok(GetDriveTypeA("C:\\") == DRIVE_FIXED, "C: type %u\n", GetDriveTypeA("C:\\"));
    for (int i = 25; i >= 0; i--)
        if (!(drives & (1u << i))) { root[0] = 'A' + i; break; }
    ok(GetDriveTypeA(root) == DRIVE_NO_ROOT_DIR, "unmapped %s type %u\n", root, GetDriveTypeA(root));
    DWORD n = GetLogicalDriveStringsA(sizeof(buf), buf);
    ok(n && n < sizeof(buf) && n % 4 == 0, "GetLogicalDriveStrings %lu\n", n);
    int found = 0;
    for (char *p = buf; *p; p += strlen(p) + 1) if (!strcmp(p, "C:\\")) found = 1;
    ok(found, "C:\\ not listed\n");
    ok(GetLogicalDriveStringsA(1, buf) == n + 1, "small buffer\n");

    SetLastError(0xdeadbeef);
    ok(GetDiskFreeSpaceExA(NULL, &avail, &total, &freeb), "GetDiskFreeSpaceEx: %lu\n", GetLastError());
    ok(total.QuadPart > 0 && freeb.QuadPart <= total.QuadPart && avail.QuadPart <= total.QuadPart, "sizes\n");
    ok(GetDiskFreeSpaceExA(dir, &avail, NULL, NULL), "GetDiskFreeSpaceEx(dir): %lu\n", GetLastError());
    ok(GetDiskFreeSpaceA("C:\\", &spc, &bps, &fc, &tc), "GetDiskFreeSpace: %lu\n", GetLastError());
    ok(spc && bps && tc && fc <= tc, "clusters %lu %lu %lu %lu\n", spc, bps, fc, tc);

    SetLastError(0xdeadbeef);
    ok(GetVolumeInformationA("C:\\", buf, sizeof(buf), &serial, &maxlen, &flags, buf + 128, 128),
       "GetVolumeInformation: %lu\n", GetLastError());
    ok(maxlen == 255 && buf[128], "max component %lu, fs %s\n", maxlen, buf + 128);
    SetLastError(0xdeadbeef);
    ok(!GetVolumeInformationA("C:", NULL, 0, NULL, NULL, NULL, NULL, 0) && GetLastError() == ERROR_INVALID_NAME,
       "no backslash: %lu\n", GetLastError());
}

int main(void)
{
    char tmp[MAX_PATH], old[MAX_PATH];
    GetTempPathA(MAX_PATH, tmp);
    sprintf(dir, "%scarafe-k32-path-%lu", tmp, GetCurrentProcessId());
    ok(CreateDirectoryA(dir, NULL), "cannot create %s: %lu\n", dir, GetLastError());
    GetCurrentDirectoryA(MAX_PATH, old);
    ok(SetCurrentDirectoryA(dir), "SetCurrentDirectory: %lu\n", GetLastError());
    ok(AreFileApisANSI(), "file APIs are not ANSI\n");

    test_full_path();
    test_long_short();
    test_search_path();
    test_windows_dirs();
    test_drives();

    SetCurrentDirectoryA(old);
    ok(RemoveDirectoryA(dir), "remove test directory: %lu\n", GetLastError());
    return test_summary();
}
