/* BeginUpdateResource, UpdateResource, EndUpdateResource on a copy of this
 * program (which has no resources, so the first update adds a section and
 * later ones rewrite it), checked by loading the copy as a data file and as
 * an image resource. */
#include <windows.h>
#include <string.h>
#include "test.h"

#define EN_US MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US)
#define DE MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN)

static char copy_path[MAX_PATH];

/* the resource TYPE/NAME/LANG of the copy equals DATA (LEN bytes); LEN -1: absent */
static void check_res(DWORD flags, LPCSTR type, LPCSTR name, WORD lang, const char *data, int len, int line)
{
    HMODULE mod = LoadLibraryExA(copy_path, NULL, flags);
    test_ok(mod != NULL, __FILE__, line, "load %lx: error %lu", flags, GetLastError());
    if (!mod) return;
    HRSRC r = FindResourceExA(mod, type, name, lang);
    if (len < 0) {
        test_ok(r == NULL, __FILE__, line, "resource still present");
    } else {
        DWORD size = r ? SizeofResource(mod, r) : 0;
        const char *p = r ? LockResource(LoadResource(mod, r)) : NULL;
        test_ok(r && size == (DWORD)len && p && !memcmp(p, data, len), __FILE__, line,
                "resource %p size %lu data %.*s", r, size, (int)size, p ? p : "");
    }
    FreeLibrary(mod);
}
#define check(t, n, l, d, len) do { \
    check_res(LOAD_LIBRARY_AS_DATAFILE, t, n, l, d, len, __LINE__); \
    check_res(LOAD_LIBRARY_AS_IMAGE_RESOURCE, t, n, l, d, len, __LINE__); } while (0)

static void test_errors(void)
{
    SetLastError(0xdeadbeef);
    HANDLE h = BeginUpdateResourceA("no-such-file.exe", FALSE);
    ok(!h, "missing file: %p", h);
    /* the error of the failed open; Wine 8 leaves 0 */
    ok(GetLastError() == ERROR_FILE_NOT_FOUND, "missing file: error %lu", GetLastError());

    /* the last error is not checked: Wine 8 leaves it, carafe says ERROR_INVALID_HANDLE */
    ok(!UpdateResourceA(NULL, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(1), EN_US, "x", 1), "NULL handle");
    ok(!EndUpdateResourceA(NULL, FALSE), "End NULL handle");
}

static void test_update(void)
{
    static const char big[] = "a longer replacement that needs more room than before";
    SetLastError(0xdeadbeef);
    HANDLE h = BeginUpdateResourceA(copy_path, FALSE);
    ok(h != NULL, "Begin: error %lu", GetLastError());
    if (!h) return;
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), EN_US, "hello", 5), "add RCDATA 5");
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), DE, "hallo!", 6), "add RCDATA 5 German");
    ok(UpdateResourceW(h, L"MyType", L"Thing", EN_US, (void *)"thing", 5), "add named");
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, "#9", EN_US, "nine", 4), "add #9");
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(7), EN_US, "first", 5), "add 7");
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(7), EN_US, "second", 6), "replace 7");
    SetLastError(0xdeadbeef);
    ok(EndUpdateResourceA(h, FALSE), "End: error %lu", GetLastError());

    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), EN_US, "hello", 5);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), DE, "hallo!", 6);
    check("MYTYPE", "thing", EN_US, "thing", 5);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(9), EN_US, "nine", 4);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(7), EN_US, "second", 6);

    /* the existing resources are kept; replace, delete and add */
    h = BeginUpdateResourceW(L"resupd-copy.exe", FALSE);
    ok(h != NULL, "second Begin: error %lu", GetLastError());
    if (!h) return;
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), EN_US, (void *)big, sizeof(big)), "replace 5");
    /* NULL data and size 0 delete (Microsoft's UpdateResource page); Wine 8
     * returns TRUE but keeps the resource, so the checks below fail there */
    ok(UpdateResourceW(h, L"mytype", L"THING", EN_US, NULL, 0), "delete named (any case)");
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(9), EN_US, NULL, 0), "delete 9");
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(6), EN_US, "six", 3), "add 6");
    ok(EndUpdateResourceW(h, FALSE), "second End: error %lu", GetLastError());

    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), EN_US, big, (int)sizeof(big));
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), DE, "hallo!", 6);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(6), EN_US, "six", 3);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(7), EN_US, "second", 6);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(9), EN_US, NULL, -1);
    check("MYTYPE", "THING", EN_US, NULL, -1);

    /* discarding leaves the file as it was */
    h = BeginUpdateResourceA(copy_path, TRUE);
    ok(h != NULL, "Begin delete-existing: error %lu", GetLastError());
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(1), EN_US, "one", 3), "add 1");
    ok(EndUpdateResourceA(h, TRUE), "discard");
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(1), EN_US, NULL, -1);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(6), EN_US, "six", 3);
    SetLastError(0xdeadbeef);
    ok(!UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(1), EN_US, "one", 3), "handle closed by End");

    /* bDeleteExistingResources starts from an empty tree */
    h = BeginUpdateResourceA(copy_path, TRUE);
    ok(h != NULL, "Begin delete-existing: error %lu", GetLastError());
    ok(UpdateResourceA(h, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(1), EN_US, "one", 3), "add 1");
    ok(EndUpdateResourceA(h, FALSE), "End delete-existing: error %lu", GetLastError());
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(1), EN_US, "one", 3);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(6), EN_US, NULL, -1);
    check((LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(5), DE, NULL, -1);
}

/* the rewritten file still runs */
static void test_run(void)
{
    char cmd[MAX_PATH + 16];
    STARTUPINFOA si = { .cb = sizeof(si) };
    PROCESS_INFORMATION pi;
    DWORD code = 0xdeadbeef;
    strcpy(cmd, "resupd-copy.exe child");
    BOOL ok_ = CreateProcessA(copy_path, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
    ok(ok_, "CreateProcess: error %lu", GetLastError());
    if (!ok_) return;
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 42, "child exit code %lu", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return 42;
    char self[MAX_PATH];
    GetModuleFileNameA(NULL, self, sizeof(self));
    GetFullPathNameA("resupd-copy.exe", sizeof(copy_path), copy_path, NULL);
    ok(CopyFileA(self, copy_path, FALSE), "CopyFile: error %lu", GetLastError());
    test_errors();
    test_update();
    test_run();
    DeleteFileA(copy_path);
    return test_summary();
}
