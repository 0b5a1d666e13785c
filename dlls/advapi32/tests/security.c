/* Conformance tests: GetUserName's buffer-size protocol (the name itself
 * belongs to the machine and is not checked). */
#include <windows.h>
#include <string.h>
#include "test.h"

static void test_user_name(void)
{
    char name[256], small[256];
    WCHAR wname[256];
    DWORD size, len;
    BOOL r;

    size = sizeof(name);
    memset(name, 0x7f, sizeof(name));
    SetLastError(0xdeadbeef);
    r = GetUserNameA(name, &size);
    ok(r, "GetUserNameA failed %lu\n", GetLastError());
    len = strlen(name);
    ok(len > 0, "empty user name\n");
    ok(size == len + 1, "size %lu, expected %lu (with the NUL)\n", size, len + 1);
    ok((unsigned char)name[len + 1] == 0x7f, "canary overwritten\n");

    /* too small: the size needed, with the NUL */
    size = len;
    SetLastError(0xdeadbeef);
    r = GetUserNameA(small, &size);
    ok(!r, "too small a buffer accepted\n");
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "error %lu\n", GetLastError());
    ok(size == len + 1, "needed %lu\n", size);
    size = 0;
    SetLastError(0xdeadbeef);
    r = GetUserNameA(NULL, &size);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == len + 1, "NULL buffer %d %lu %lu\n", r,
       GetLastError(), size);
    size = len + 1;
    r = GetUserNameA(small, &size);
    ok(r && size == len + 1 && !strcmp(small, name), "exact buffer %d %lu\n", r, size);

    size = 256;
    r = GetUserNameW(wname, &size);
    ok(r && size == (DWORD)lstrlenW(wname) + 1, "GetUserNameW %d %lu\n", r, size);
    WideCharToMultiByte(CP_ACP, 0, wname, -1, small, sizeof(small), NULL, NULL);
    ok(!strcmp(small, name), "W name \"%s\" vs \"%s\"\n", small, name);
    size = 1;
    SetLastError(0xdeadbeef);
    r = GetUserNameW(wname, &size);
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == len + 1, "W small %d %lu %lu\n", r,
       GetLastError(), size);

    /* the USERNAME variable names the same user */
    if (GetEnvironmentVariableA("USERNAME", small, sizeof(small)))
        ok(!_stricmp(small, name), "USERNAME %s vs %s\n", small, name);
}

int main(void)
{
    test_user_name();
    return test_summary();
}
