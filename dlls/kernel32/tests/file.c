/* kernel32 files: create/read/write/seek, errors, attributes, times,
 * information by handle, copy/move/delete, directories, locks, links. */
#include <windows.h>
#include <string.h>
#include "test.h"

static char dir[MAX_PATH];

static int is_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}

static void path(char *buf, const char *name)
{
    strcpy(buf, dir);
    strcat(buf, "\\");
    strcat(buf, name);
}

static HANDLE create(const char *name, DWORD access, DWORD disp)
{
    char p[MAX_PATH];
    path(p, name);
    return CreateFileA(p, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, disp, 0, NULL);
}

static void write_file(const char *name, const char *data)
{
    DWORD n;
    HANDLE h = create(name, GENERIC_WRITE, CREATE_ALWAYS);
    ok(h != INVALID_HANDLE_VALUE, "create %s: %lu\n", name, GetLastError());
    ok(WriteFile(h, data, strlen(data), &n, NULL) && n == strlen(data), "write %s\n", name);
    CloseHandle(h);
}

static void test_create_read_write(void)
{
    char p[MAX_PATH], buf[32];
    DWORD n, high;
    HANDLE h;

    SetLastError(0xdeadbeef);
    h = create("rw.bin", GENERIC_READ | GENERIC_WRITE, CREATE_NEW);
    ok(h != INVALID_HANDLE_VALUE, "CREATE_NEW failed: %lu\n", GetLastError());
    ok(WriteFile(h, "hello world", 11, &n, NULL) && n == 11, "WriteFile wrote %lu\n", n);
    ok(GetFileSize(h, &high) == 11 && high == 0, "size %lu\n", GetFileSize(h, NULL));
    ok(SetFilePointer(h, 6, NULL, FILE_BEGIN) == 6, "seek\n");
    memset(buf, 0, sizeof(buf));
    ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 5, "ReadFile read %lu\n", n);
    ok(!memcmp(buf, "world", 5), "read back %s\n", buf);
    ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "read at EOF gave %lu\n", n);
    ok(SetFilePointer(h, 4, NULL, FILE_BEGIN) == 4 && SetEndOfFile(h), "truncate\n");
    ok(GetFileSize(h, NULL) == 4, "size after SetEndOfFile %lu\n", GetFileSize(h, NULL));
    ok(CloseHandle(h), "CloseHandle\n");

    SetLastError(0xdeadbeef);
    h = create("rw.bin", GENERIC_READ, CREATE_NEW);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_EXISTS, "CREATE_NEW on existing: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = create("missing.bin", GENERIC_READ, OPEN_EXISTING);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "OPEN_EXISTING on missing: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = create("nodir\\file.bin", GENERIC_READ, OPEN_EXISTING);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "missing directory: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = create("rw.bin", GENERIC_READ, OPEN_ALWAYS);
    ok(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS, "OPEN_ALWAYS on existing: %lu\n", GetLastError());
    CloseHandle(h);

    /* a different case opens the same file */
    write_file("MixedCase.TXT", "abc");
    SetLastError(0xdeadbeef);
    h = create("mixedcase.txt", GENERIC_READ, OPEN_EXISTING);
    ok(h != INVALID_HANDLE_VALUE, "case-insensitive open failed: %lu\n", GetLastError());
    ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 3 && !memcmp(buf, "abc", 3), "case-insensitive read\n");
    CloseHandle(h);
    path(p, "MIXEDCASE.txt");
    ok(GetFileAttributesA(p) != INVALID_FILE_ATTRIBUTES, "attributes by another case\n");
}

static void test_attributes(void)
{
    char p[MAX_PATH];
    DWORD attr;
    WIN32_FILE_ATTRIBUTE_DATA data;
    HANDLE h;

    write_file("attr.txt", "12345");
    path(p, "attr.txt");
    SetLastError(0xdeadbeef);
    attr = GetFileAttributesA(p);
    ok(attr == FILE_ATTRIBUTE_ARCHIVE, "file attributes %#lx\n", attr);
    attr = GetFileAttributesA(dir);
    ok(attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY), "directory attributes %#lx\n", attr);
    path(p, "none.txt");
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesA(p) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
       "missing file: %lu\n", GetLastError());
    path(p, "nodir\\none.txt");
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesA(p) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_PATH_NOT_FOUND,
       "missing directory: %lu\n", GetLastError());

    path(p, "attr.txt");
    memset(&data, 0xcc, sizeof(data));
    ok(GetFileAttributesExA(p, GetFileExInfoStandard, &data), "GetFileAttributesEx: %lu\n", GetLastError());
    ok(data.nFileSizeLow == 5 && data.nFileSizeHigh == 0, "size %lu\n", data.nFileSizeLow);
    ok(data.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "attributes %#lx\n", data.dwFileAttributes);
    ok(data.ftLastWriteTime.dwHighDateTime > 0x01d00000, "write time %#lx\n", data.ftLastWriteTime.dwHighDateTime);
    SetLastError(0xdeadbeef);
    ok(!GetFileAttributesExA(p, GetFileExMaxInfoLevel, &data) && GetLastError() == ERROR_INVALID_PARAMETER,
       "bad level: %lu\n", GetLastError());

    /* read-only */
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_READONLY), "SetFileAttributes: %lu\n", GetLastError());
    attr = GetFileAttributesA(p);
    ok(attr == (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE), "read-only attributes %#lx\n", attr);
    /* Wine run as root lets root open and delete read-only files; Windows refuses */
    if (!is_wine()) {
        SetLastError(0xdeadbeef);
        h = create("attr.txt", GENERIC_WRITE, OPEN_EXISTING);
        ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "write to read-only: %lu\n", GetLastError());
        if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
        SetLastError(0xdeadbeef);
        ok(!DeleteFileA(p) && GetLastError() == ERROR_ACCESS_DENIED, "delete read-only: %lu\n", GetLastError());
    }
    h = create("attr.txt", GENERIC_READ, OPEN_EXISTING);
    ok(h != INVALID_HANDLE_VALUE, "read from read-only: %lu\n", GetLastError());
    CloseHandle(h);
    ok(SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL), "SetFileAttributes normal: %lu\n", GetLastError());
    attr = GetFileAttributesA(p);
    ok(attr == FILE_ATTRIBUTE_ARCHIVE, "attributes after clearing %#lx\n", attr);
    path(p, "none.txt");
    SetLastError(0xdeadbeef);
    ok(!SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "SetFileAttributes on missing: %lu\n", GetLastError());
    path(p, "attr.txt");
    SetLastError(0xdeadbeef);
    ok(GetCompressedFileSizeA(p, NULL) == 5, "compressed size %lu\n", GetCompressedFileSizeA(p, NULL));
}

static void test_by_handle(void)
{
    BY_HANDLE_FILE_INFORMATION info;
    FILE_STANDARD_INFO std;
    FILE_BASIC_INFO basic;
    FILE_END_OF_FILE_INFO eof;
    FILETIME ft, got;
    char p[MAX_PATH];
    WCHAR wbuf[MAX_PATH];
    HANDLE h;
    DWORD n;

    write_file("info.txt", "1234567");
    h = create("info.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
    ok(h != INVALID_HANDLE_VALUE, "open: %lu\n", GetLastError());
    memset(&info, 0xcc, sizeof(info));
    ok(GetFileInformationByHandle(h, &info), "GetFileInformationByHandle: %lu\n", GetLastError());
    ok(info.nFileSizeLow == 7 && info.nFileSizeHigh == 0, "size %lu\n", info.nFileSizeLow);
    ok(info.nNumberOfLinks == 1, "links %lu\n", info.nNumberOfLinks);
    ok(info.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "attributes %#lx\n", info.dwFileAttributes);
    ok(info.nFileIndexLow || info.nFileIndexHigh, "no file index\n");

    /* 2001-02-03 04:05:06 */
    SYSTEMTIME st = { 2001, 2, 0, 3, 4, 5, 6, 0 };
    SystemTimeToFileTime(&st, &ft);
    ok(SetFileTime(h, NULL, NULL, &ft), "SetFileTime: %lu\n", GetLastError());
    memset(&got, 0, sizeof(got));
    ok(GetFileTime(h, NULL, NULL, &got), "GetFileTime: %lu\n", GetLastError());
    ok(!CompareFileTime(&ft, &got), "write time %lx:%lx, want %lx:%lx\n", got.dwHighDateTime, got.dwLowDateTime,
       ft.dwHighDateTime, ft.dwLowDateTime);

    memset(&std, 0xcc, sizeof(std));
    ok(GetFileInformationByHandleEx(h, FileStandardInfo, &std, sizeof(std)), "FileStandardInfo: %lu\n", GetLastError());
    ok(std.EndOfFile.QuadPart == 7 && std.NumberOfLinks == 1 && !std.Directory && !std.DeletePending,
       "standard info %lld %lu %d\n", std.EndOfFile.QuadPart, std.NumberOfLinks, std.Directory);
    memset(&basic, 0xcc, sizeof(basic));
    ok(GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof(basic)), "FileBasicInfo: %lu\n", GetLastError());
    ok(basic.FileAttributes == FILE_ATTRIBUTE_ARCHIVE, "basic attributes %#lx\n", basic.FileAttributes);
    ok(basic.LastWriteTime.QuadPart == (LONGLONG)(((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime),
       "basic write time\n");
    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof(basic) - 1) && GetLastError() == ERROR_BAD_LENGTH,
       "short buffer: %lu\n", GetLastError());

    eof.EndOfFile.QuadPart = 3;
    ok(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof)), "FileEndOfFileInfo: %lu\n", GetLastError());
    ok(GetFileSize(h, NULL) == 3, "size after FileEndOfFileInfo %lu\n", GetFileSize(h, NULL));

    n = GetFinalPathNameByHandleW(h, wbuf, MAX_PATH, 0);
    ok(n > 12 && n < MAX_PATH && !wcsncmp(wbuf, L"\\\\?\\", 4) && !wcscmp(wbuf + n - 9, L"\\info.txt"),
       "final path %lu %ls\n", n, wbuf);
    ok(GetFinalPathNameByHandleW(h, wbuf, 4, 0) == n + 1, "small buffer gives the size\n");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandle(INVALID_HANDLE_VALUE, &info) && GetLastError() == ERROR_INVALID_HANDLE,
       "invalid handle: %lu\n", GetLastError());

    /* delete on close through FileDispositionInfo */
    write_file("dispose.txt", "x");
    h = create("dispose.txt", GENERIC_READ | GENERIC_WRITE | DELETE, OPEN_EXISTING);
    FILE_DISPOSITION_INFO disp = { TRUE };
    ok(SetFileInformationByHandle(h, FileDispositionInfo, &disp, sizeof(disp)), "FileDispositionInfo: %lu\n", GetLastError());
    CloseHandle(h);
    path(p, "dispose.txt");
    ok(GetFileAttributesA(p) == INVALID_FILE_ATTRIBUTES, "file still there after disposition\n");
}

static void test_copy_move_delete(void)
{
    char a[MAX_PATH], b[MAX_PATH], c[MAX_PATH], buf[16];
    WIN32_FILE_ATTRIBUTE_DATA da, db;
    DWORD n;

    write_file("src.txt", "copy me");
    path(a, "src.txt");
    path(b, "dst.txt");
    path(c, "none.txt");
    SetLastError(0xdeadbeef);
    ok(CopyFileA(a, b, TRUE), "CopyFile: %lu\n", GetLastError());
    HANDLE h = create("dst.txt", GENERIC_READ, OPEN_EXISTING);
    ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 7 && !memcmp(buf, "copy me", 7), "copied data\n");
    CloseHandle(h);
    ok(GetFileAttributesExA(a, GetFileExInfoStandard, &da) && GetFileAttributesExA(b, GetFileExInfoStandard, &db),
       "attributes of copy\n");
    ok(!CompareFileTime(&da.ftLastWriteTime, &db.ftLastWriteTime), "write time not copied\n");
    SetLastError(0xdeadbeef);
    ok(!CopyFileA(a, b, TRUE) && GetLastError() == ERROR_FILE_EXISTS, "copy onto existing: %lu\n", GetLastError());
    ok(CopyFileA(a, b, FALSE), "copy over existing: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CopyFileA(c, b, FALSE) && GetLastError() == ERROR_FILE_NOT_FOUND, "copy of missing: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(CopyFileExA(a, c, NULL, NULL, NULL, COPY_FILE_FAIL_IF_EXISTS), "CopyFileEx: %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!MoveFileA(a, b) && GetLastError() == ERROR_ALREADY_EXISTS, "move onto existing: %lu\n", GetLastError());
    ok(DeleteFileA(b), "DeleteFile: %lu\n", GetLastError());
    ok(MoveFileA(a, b), "MoveFile: %lu\n", GetLastError());
    ok(GetFileAttributesA(a) == INVALID_FILE_ATTRIBUTES && GetFileAttributesA(b) != INVALID_FILE_ATTRIBUTES, "moved\n");
    SetLastError(0xdeadbeef);
    ok(!DeleteFileA(a) && GetLastError() == ERROR_FILE_NOT_FOUND, "delete missing: %lu\n", GetLastError());

    /* hard links */
    path(a, "link.txt");
    SetLastError(0xdeadbeef);
    ok(CreateHardLinkA(a, b, NULL), "CreateHardLink: %lu\n", GetLastError());
    h = create("link.txt", GENERIC_READ, OPEN_EXISTING);
    BY_HANDLE_FILE_INFORMATION info;
    ok(GetFileInformationByHandle(h, &info) && info.nNumberOfLinks == 2, "links %lu\n", info.nNumberOfLinks);
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    ok(!CreateHardLinkA(a, b, NULL) && GetLastError() == ERROR_ALREADY_EXISTS, "link onto existing: %lu\n", GetLastError());
}

static void test_directories(void)
{
    char d[MAX_PATH], f[MAX_PATH];
    path(d, "sub");
    SetLastError(0xdeadbeef);
    ok(CreateDirectoryA(d, NULL), "CreateDirectory: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryA(d, NULL) && GetLastError() == ERROR_ALREADY_EXISTS, "create existing: %lu\n", GetLastError());
    path(f, "nodir\\sub");
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryA(f, NULL) && GetLastError() == ERROR_PATH_NOT_FOUND, "create in missing: %lu\n", GetLastError());
    write_file("sub\\inner.txt", "x");
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryA(d) && GetLastError() == ERROR_DIR_NOT_EMPTY, "remove non-empty: %lu\n", GetLastError());
    path(f, "sub\\inner.txt");
    ok(DeleteFileA(f), "delete inner: %lu\n", GetLastError());
    ok(RemoveDirectoryA(d), "RemoveDirectory: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryA(d) && GetLastError() == ERROR_FILE_NOT_FOUND, "remove missing: %lu\n", GetLastError());
}

static void test_temp_names(void)
{
    char name[MAX_PATH];
    SetLastError(0xdeadbeef);
    UINT r = GetTempFileNameA(dir, "krn", 0, name);
    ok(r != 0, "GetTempFileName: %lu\n", GetLastError());
    size_t len = strlen(name);
    ok(len > 4 && !_stricmp(name + len - 4, ".tmp"), "temp name %s\n", name);
    ok(strstr(name, "\\krn") != NULL, "prefix missing in %s\n", name);
    ok(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "temp file not created\n");
    ok(GetTempFileNameA(dir, "krn", 0x1234, name) == 0x1234, "unique number\n");
    ok(strstr(name, "krn1234.tmp") != NULL, "name with unique %s\n", name);
    ok(GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES, "file created with a unique number\n");
}

static void test_locks(void)
{
    HANDLE h1 = create("lock.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    HANDLE h2 = create("lock.bin", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
    OVERLAPPED ov;
    ok(h1 != INVALID_HANDLE_VALUE && h2 != INVALID_HANDLE_VALUE, "open for locks\n");
    SetLastError(0xdeadbeef);
    ok(LockFile(h1, 0, 0, 10, 0), "LockFile: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!LockFile(h2, 5, 0, 10, 0) && GetLastError() == ERROR_LOCK_VIOLATION, "overlapping lock: %lu\n", GetLastError());
    ok(LockFile(h2, 20, 0, 10, 0), "disjoint lock: %lu\n", GetLastError());
    ok(UnlockFile(h1, 0, 0, 10, 0), "UnlockFile: %lu\n", GetLastError());
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 5;
    ok(LockFileEx(h2, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 5, 0, &ov), "LockFileEx: %lu\n", GetLastError());
    ok(UnlockFileEx(h2, 0, 5, 0, &ov), "UnlockFileEx: %lu\n", GetLastError());
    ok(UnlockFile(h2, 20, 0, 10, 0), "UnlockFile 2: %lu\n", GetLastError());
    CloseHandle(h1);
    CloseHandle(h2);
}

/* remove DIR and what the tests left in it */
static void cleanup(const char *d)
{
    char mask[MAX_PATH], p[MAX_PATH];
    WIN32_FIND_DATAA fd;
    sprintf(mask, "%s\\*", d);
    HANDLE h = FindFirstFileA(mask, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, "..")) continue;
            sprintf(p, "%s\\%s", d, fd.cFileName);
            SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) cleanup(p);
            else DeleteFileA(p);
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryA(d);
}

int main(void)
{
    char tmp[MAX_PATH];
    GetTempPathA(MAX_PATH, tmp);
    sprintf(dir, "%scarafe-k32-file-%lu", tmp, GetCurrentProcessId());
    ok(CreateDirectoryA(dir, NULL), "cannot create %s: %lu\n", dir, GetLastError());
    test_create_read_write();
    test_attributes();
    test_by_handle();
    test_copy_move_delete();
    test_directories();
    test_temp_names();
    test_locks();
    cleanup(dir);
    ok(GetFileAttributesA(dir) == INVALID_FILE_ATTRIBUTES, "test directory left behind\n");
    return test_summary();
}
