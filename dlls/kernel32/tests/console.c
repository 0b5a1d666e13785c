/* Conformance tests: standard handles and the console functions on them.
 * Under the test harness the standard handles are pipes or files, never a
 * console, so the console functions must refuse them as Windows does. */
#include <windows.h>
#include <string.h>
#include "test.h"

static void test_std_handles(void)
{
    HANDLE in, out, err;
    DWORD type;

    SetLastError(0xdeadbeef);
    out = GetStdHandle(STD_OUTPUT_HANDLE);
    ok(out != INVALID_HANDLE_VALUE && out != NULL, "stdout handle %p\n", out);
    ok(GetLastError() == 0xdeadbeef, "error %lu\n", GetLastError());
    in = GetStdHandle(STD_INPUT_HANDLE);
    err = GetStdHandle(STD_ERROR_HANDLE);
    ok(err != INVALID_HANDLE_VALUE && err != NULL, "stderr handle %p\n", err);
    ok(in != INVALID_HANDLE_VALUE, "stdin handle %p\n", in);
    ok(GetStdHandle(STD_OUTPUT_HANDLE) == out, "stdout handle not stable\n");

    SetLastError(0xdeadbeef);
    ok(GetStdHandle(1234) == INVALID_HANDLE_VALUE, "bad std handle id accepted\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "bad id error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetStdHandle(0) == INVALID_HANDLE_VALUE, "id 0 accepted\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "id 0 error %lu\n", GetLastError());

    /* the harness redirects stdout: a pipe or a file */
    SetLastError(0xdeadbeef);
    type = GetFileType(out);
    ok(type == FILE_TYPE_PIPE || type == FILE_TYPE_DISK || type == FILE_TYPE_CHAR, "stdout type %lu\n", type);
    ok(type != FILE_TYPE_UNKNOWN || GetLastError() == NO_ERROR, "stdout type error %lu\n", GetLastError());

    /* SetStdHandle replaces the slot and GetStdHandle returns it */
    ok(SetStdHandle(STD_ERROR_HANDLE, out), "SetStdHandle failed %lu\n", GetLastError());
    ok(GetStdHandle(STD_ERROR_HANDLE) == out, "SetStdHandle not seen\n");
    ok(SetStdHandle(STD_ERROR_HANDLE, err), "SetStdHandle restore failed %lu\n", GetLastError());
    ok(GetStdHandle(STD_ERROR_HANDLE) == err, "stderr not restored\n");
    SetLastError(0xdeadbeef);
    ok(!SetStdHandle(1234, out), "SetStdHandle with a bad id succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "SetStdHandle bad id error %lu\n", GetLastError());
}

/* a file: console functions refuse it with ERROR_INVALID_HANDLE */
static void test_redirected(void)
{
    char path[MAX_PATH], dir[MAX_PATH];
    HANDLE f;
    DWORD n, mode;
    BOOL r;
    WCHAR w[] = { 'h', 'i', 0 };

    GetTempPathA(MAX_PATH, dir);
    GetTempFileNameA(dir, "con", 0, path);
    f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(f != INVALID_HANDLE_VALUE, "CreateFile %lu\n", GetLastError());
    if (f == INVALID_HANDLE_VALUE) return;

    n = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    r = WriteConsoleA(f, "hi", 2, &n, NULL);
    ok(!r, "WriteConsoleA on a file succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "WriteConsoleA error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = WriteConsoleW(f, w, 2, &n, NULL);
    ok(!r, "WriteConsoleW on a file succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "WriteConsoleW error %lu\n", GetLastError());
    mode = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    r = GetConsoleMode(f, &mode);
    ok(!r, "GetConsoleMode on a file succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "GetConsoleMode error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = SetConsoleMode(f, ENABLE_PROCESSED_OUTPUT);
    ok(!r, "SetConsoleMode on a file succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "SetConsoleMode error %lu\n", GetLastError());
    ok(GetFileType(f) == FILE_TYPE_DISK, "file type %lu\n", GetFileType(f));
    ok(GetFileSize(f, NULL) == 0, "the console calls wrote %lu bytes\n", GetFileSize(f, NULL));
    CloseHandle(f);
    DeleteFileA(path);

    /* the same for the harness's stdout when it is not a console */
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    if (!GetConsoleMode(out, &mode)) {
        SetLastError(0xdeadbeef);
        r = WriteConsoleA(out, "x", 1, &n, NULL);
        ok(!r && GetLastError() == ERROR_INVALID_HANDLE, "WriteConsoleA on redirected stdout %d %lu\n", r, GetLastError());
        ok(GetFileType(out) != FILE_TYPE_CHAR, "redirected stdout is a character device\n");
    }

    SetLastError(0xdeadbeef);
    r = WriteConsoleA(INVALID_HANDLE_VALUE, "x", 1, &n, NULL);
    ok(!r && GetLastError() == ERROR_INVALID_HANDLE, "WriteConsoleA(INVALID_HANDLE_VALUE) %d %lu\n", r, GetLastError());
    SetLastError(0xdeadbeef);
    r = GetConsoleMode(NULL, &mode);
    ok(!r && GetLastError() == ERROR_INVALID_HANDLE, "GetConsoleMode(NULL) %d %lu\n", r, GetLastError());
}

/* pipes are FILE_TYPE_PIPE and not consoles either */
static void test_pipe(void)
{
    HANDLE rd, wr;
    DWORD n, mode;
    char buf[8];

    ok(CreatePipe(&rd, &wr, NULL, 0), "CreatePipe %lu\n", GetLastError());
    ok(GetFileType(rd) == FILE_TYPE_PIPE, "read end type %lu\n", GetFileType(rd));
    ok(GetFileType(wr) == FILE_TYPE_PIPE, "write end type %lu\n", GetFileType(wr));
    SetLastError(0xdeadbeef);
    ok(!GetConsoleMode(wr, &mode) && GetLastError() == ERROR_INVALID_HANDLE, "GetConsoleMode(pipe) %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!WriteConsoleA(wr, "abc", 3, &n, NULL) && GetLastError() == ERROR_INVALID_HANDLE, "WriteConsoleA(pipe) %lu\n", GetLastError());
    ok(WriteFile(wr, "abc", 3, &n, NULL) && n == 3, "WriteFile(pipe) %lu\n", n);
    ok(ReadFile(rd, buf, sizeof(buf), &n, NULL) && n == 3 && !memcmp(buf, "abc", 3), "ReadFile(pipe) %lu\n", n);
    CloseHandle(rd);
    CloseHandle(wr);
}

static void test_code_pages(void)
{
    UINT cp = GetConsoleOutputCP(), icp = GetConsoleCP();
    BOOL r;

    /* a process without a console (Wine with no terminal) answers 0 */
    if (!cp) return;
    ok(icp != 0, "GetConsoleCP 0 with an output code page %u\n", cp);
    ok(SetConsoleOutputCP(CP_UTF8), "SetConsoleOutputCP(CP_UTF8) %lu\n", GetLastError());
    ok(GetConsoleOutputCP() == CP_UTF8, "output cp %u after set\n", GetConsoleOutputCP());
    ok(SetConsoleOutputCP(1252), "SetConsoleOutputCP(1252) %lu\n", GetLastError());
    ok(GetConsoleOutputCP() == 1252, "output cp %u after set 1252\n", GetConsoleOutputCP());
    SetLastError(0xdeadbeef);
    r = SetConsoleOutputCP(12345);
    ok(!r, "SetConsoleOutputCP(12345) succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "bad cp error %lu\n", GetLastError());
    ok(GetConsoleOutputCP() == 1252, "output cp %u after a failed set\n", GetConsoleOutputCP());
    ok(SetConsoleOutputCP(cp), "restoring cp %u: %lu\n", cp, GetLastError());
}

int main(void)
{
    test_std_handles();
    test_redirected();
    test_pipe();
    test_code_pages();
    return test_summary();
}
