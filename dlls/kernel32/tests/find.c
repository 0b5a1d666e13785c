/* kernel32 directory searches: FindFirstFile(Ex), FindNextFile, FindClose,
 * Windows mask rules, "." and "..", errors. */
#include <windows.h>
#include <string.h>
#include "test.h"

static char dir[MAX_PATH];

static void make_file(const char *name, const char *data)
{
    char p[MAX_PATH];
    DWORD n;
    sprintf(p, "%s\\%s", dir, name);
    HANDLE h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "create %s: %lu\n", name, GetLastError());
    WriteFile(h, data, strlen(data), &n, NULL);
    CloseHandle(h);
}

/* names found for MASK joined with '|', sorted as returned; -1 on failure */
static int list(const char *mask, char *out)
{
    char p[MAX_PATH];
    WIN32_FIND_DATAA fd;
    int count = 0;
    *out = 0;
    sprintf(p, "%s\\%s", dir, mask);
    HANDLE h = FindFirstFileA(p, &fd);
    if (h == INVALID_HANDLE_VALUE) return -1;
    do {
        if (count++) strcat(out, "|");
        strcat(out, fd.cFileName);
    } while (FindNextFileA(h, &fd));
    ok(GetLastError() == ERROR_NO_MORE_FILES, "end of %s: %lu\n", mask, GetLastError());
    ok(FindClose(h), "FindClose: %lu\n", GetLastError());
    return count;
}

/* is NAME among the '|'-separated NAMES? */
static int has(const char *names, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = names; (p = strstr(p, name)); p++)
        if ((p == names || p[-1] == '|') && (p[n] == '|' || !p[n])) return 1;
    return 0;
}

static void test_masks(void)
{
    char names[2048];
    int n;
    n = list("*", names);
    ok(n == 7, "* found %d: %s\n", n, names);
    ok(!strncmp(names, ".|..|", 5), "'.' and '..' first: %s\n", names);
    ok(has(names, "a.txt") && has(names, "b.TXT") && has(names, "c.dat") && has(names, "noext") && has(names, "sub"),
       "* names: %s\n", names);
    n = list("*.*", names);
    ok(n == 7, "*.* found %d: %s\n", n, names);
    ok(has(names, "noext"), "*.* matches names without a dot: %s\n", names);
    n = list("*.txt", names);
    ok(n == 2 && has(names, "a.txt") && has(names, "b.TXT"), "*.txt found %d: %s\n", n, names);
    n = list("?.TXT", names);
    ok(n == 2, "?.TXT found %d: %s\n", n, names);
    n = list("??.txt", names);
    ok(n == -1, "??.txt found %d: %s\n", n, names);
    n = list("c.*", names);
    ok(n == 1 && !strcmp(names, "c.dat"), "c.* found %d: %s\n", n, names);
    n = list("noext.*", names);
    ok(n == 1 && !strcmp(names, "noext"), "noext.* found %d: %s\n", n, names);
    n = list("*ext", names);
    ok(n == 1 && !strcmp(names, "noext"), "*ext found %d: %s\n", n, names);
    n = list("A.TXT", names);
    ok(n == 1 && !strcmp(names, "a.txt"), "A.TXT found %d: %s\n", n, names);
    n = list("s*", names);
    ok(n == 1 && !strcmp(names, "sub"), "s* found %d: %s\n", n, names);
    n = list("sub\\*", names);
    ok(n == 3 && has(names, "inner.txt"), "sub\\* found %d: %s\n", n, names);
}

static void test_data(void)
{
    char p[MAX_PATH];
    WIN32_FIND_DATAA fd;
    WIN32_FIND_DATAW fw;
    WCHAR wp[MAX_PATH];
    HANDLE h;

    sprintf(p, "%s\\c.dat", dir);
    memset(&fd, 0xcc, sizeof(fd));
    h = FindFirstFileA(p, &fd);
    ok(h != INVALID_HANDLE_VALUE, "FindFirstFile c.dat: %lu\n", GetLastError());
    ok(!strcmp(fd.cFileName, "c.dat"), "name %s\n", fd.cFileName);
    ok(fd.nFileSizeLow == 5 && fd.nFileSizeHigh == 0, "size %lu\n", fd.nFileSizeLow);
    ok(fd.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "attributes %#lx\n", fd.dwFileAttributes);
    ok(fd.ftLastWriteTime.dwHighDateTime != 0, "write time\n");
    SetLastError(0xdeadbeef);
    ok(!FindNextFileA(h, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "one name gives one entry: %lu\n", GetLastError());
    FindClose(h);

    sprintf(p, "%s\\sub", dir);
    h = FindFirstFileA(p, &fd);
    ok(h != INVALID_HANDLE_VALUE && !strcmp(fd.cFileName, "sub") && (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY),
       "directory entry %s %#lx\n", fd.cFileName, fd.dwFileAttributes);
    FindClose(h);

    sprintf(p, "%s\\*", dir);
    h = FindFirstFileA(p, &fd);
    ok(h != INVALID_HANDLE_VALUE && !strcmp(fd.cFileName, ".") && (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY),
       "first entry %s %#lx\n", fd.cFileName, fd.dwFileAttributes);
    FindClose(h);

    MultiByteToWideChar(CP_ACP, 0, dir, -1, wp, MAX_PATH);
    wcscat(wp, L"\\*.dat");
    memset(&fw, 0xcc, sizeof(fw));
    h = FindFirstFileExW(wp, FindExInfoBasic, &fw, FindExSearchNameMatch, NULL, FIND_FIRST_EX_LARGE_FETCH);
    ok(h != INVALID_HANDLE_VALUE, "FindFirstFileExW: %lu\n", GetLastError());
    ok(!wcscmp(fw.cFileName, L"c.dat") && !fw.cAlternateFileName[0], "basic entry %ls\n", fw.cFileName);
    FindClose(h);
    h = FindFirstFileExW(wp, FindExInfoStandard, &fw, FindExSearchNameMatch, NULL, 0);
    ok(h != INVALID_HANDLE_VALUE && !wcscmp(fw.cFileName, L"c.dat"), "standard entry %ls\n", fw.cFileName);
    FindClose(h);
    SetLastError(0xdeadbeef);
    h = FindFirstFileExW(wp, FindExInfoMaxInfoLevel, &fw, FindExSearchNameMatch, NULL, 0);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "bad level: %lu\n", GetLastError());
}

static void test_errors(void)
{
    char p[MAX_PATH];
    WIN32_FIND_DATAA fd;
    HANDLE h;

    sprintf(p, "%s\\missing.xyz", dir);
    SetLastError(0xdeadbeef);
    h = FindFirstFileA(p, &fd);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "missing file: %lu\n", GetLastError());
    sprintf(p, "%s\\*.xyz", dir);
    SetLastError(0xdeadbeef);
    h = FindFirstFileA(p, &fd);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "no match: %lu\n", GetLastError());
    sprintf(p, "%s\\nodir\\*", dir);
    SetLastError(0xdeadbeef);
    h = FindFirstFileA(p, &fd);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "missing directory: %lu\n", GetLastError());
    sprintf(p, "%s\\sub\\", dir);
    SetLastError(0xdeadbeef);
    h = FindFirstFileA(p, &fd);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "trailing backslash: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    h = FindFirstFileA("", &fd);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "empty name: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FindClose(INVALID_HANDLE_VALUE) && GetLastError() == ERROR_INVALID_HANDLE, "FindClose(invalid): %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FindNextFileA(INVALID_HANDLE_VALUE, &fd) && GetLastError() == ERROR_INVALID_HANDLE,
       "FindNextFile(invalid): %lu\n", GetLastError());
}

int main(void)
{
    char tmp[MAX_PATH], p[MAX_PATH];
    GetTempPathA(MAX_PATH, tmp);
    sprintf(dir, "%scarafe-k32-find-%lu", tmp, GetCurrentProcessId());
    ok(CreateDirectoryA(dir, NULL), "cannot create %s: %lu\n", dir, GetLastError());
    make_file("a.txt", "a");
    make_file("b.TXT", "bb");
    make_file("c.dat", "ccccc");
    make_file("noext", "");
    sprintf(p, "%s\\sub", dir);
    CreateDirectoryA(p, NULL);
    make_file("sub\\inner.txt", "i");

    test_masks();
    test_data();
    test_errors();

    const char *files[] = { "a.txt", "b.TXT", "c.dat", "noext", "sub\\inner.txt" };
    for (int i = 0; i < 5; i++) {
        sprintf(p, "%s\\%s", dir, files[i]);
        ok(DeleteFileA(p), "delete %s: %lu\n", files[i], GetLastError());
    }
    sprintf(p, "%s\\sub", dir);
    ok(RemoveDirectoryA(p), "remove sub: %lu\n", GetLastError());
    ok(RemoveDirectoryA(dir), "remove test directory: %lu\n", GetLastError());
    return test_summary();
}
