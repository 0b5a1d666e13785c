/* Conformance tests: CommandLineToArgvW's splitting rules. */
#include <windows.h>
#include <shellapi.h>
#include "test.h"

static void check(int line, const WCHAR *cmdline, int count, const WCHAR *const *expect)
{
    int n = -5;
    SetLastError(0xdeadbeef);
    WCHAR **argv = CommandLineToArgvW(cmdline, &n);
    test_ok(argv != NULL, __FILE__, line, "no result for [%ls]\n", cmdline);
    if (!argv) return;
    test_ok(n == count, __FILE__, line, "[%ls]: %d arguments, expected %d\n", cmdline, n, count);
    for (int i = 0; i < n && i < count; i++)
        test_ok(!lstrcmpW(argv[i], expect[i]), __FILE__, line, "[%ls] argv[%d] = <%ls>, expected <%ls>\n",
                cmdline, i, argv[i], expect[i]);
    test_ok(argv[n] == NULL, __FILE__, line, "[%ls] argv[argc] not NULL\n", cmdline);
    test_ok(LocalFree(argv) == NULL, __FILE__, line, "LocalFree failed\n");
}

#define CHECK(cl, ...) do { static const WCHAR *const e[] = { __VA_ARGS__ }; \
    check(__LINE__, cl, sizeof(e) / sizeof(e[0]), e); } while (0)

int main(void)
{
    CHECK(L"prog.exe a b", L"prog.exe", L"a", L"b");
    CHECK(L"\"C:\\Program Files\\p.exe\" x", L"C:\\Program Files\\p.exe", L"x");
    CHECK(L"\"a b\"c d", L"a b", L"c", L"d");
    CHECK(L"a\\\"b c", L"a\\\"b", L"c");
    CHECK(L"p \"a b\" c", L"p", L"a b", L"c");
    CHECK(L"p a\\\\\\\"b", L"p", L"a\\\"b");
    CHECK(L"p a\\\\\\\\\"b c\"", L"p", L"a\\\\b c");
    CHECK(L"p a\\\\b", L"p", L"a\\\\b");
    CHECK(L"p \"a\"\"b\"", L"p", L"a\"b");
    CHECK(L"p \"a\"\"b c\" d", L"p", L"a\"b", L"c d");
    CHECK(L"p \"\"\"a\"\"\" b", L"p", L"\"a\"", L"b");
    CHECK(L"p \"\"", L"p", L"");
    CHECK(L"p \"\" \"\"", L"p", L"", L"");
    CHECK(L"p a\tb\nc", L"p", L"a", L"b\nc");
    CHECK(L"  p a", L"", L"p", L"a");
    CHECK(L"\tp a", L"", L"p", L"a");
    CHECK(L"p   ", L"p");
    CHECK(L"\"p", L"p");
    CHECK(L"p\\\"x\" y", L"p\\\"x\"", L"y");
    CHECK(L"\"p\\\"x y", L"p\\", L"x", L"y");
    CHECK(L"p \"a b", L"p", L"a b");
    CHECK(L"p \"a\"b\"c\" d", L"p", L"abc", L"d");
    CHECK(L"p a\"\"b", L"p", L"ab");
    CHECK(L"p \"a\"\"\"b", L"p", L"a\"b");
    CHECK(L"p \"\"\"\"", L"p", L"\"");
    CHECK(L"p \"\"\"\"\"\" z", L"p", L"\"\"", L"z");
    CHECK(L"p \\\"\"a", L"p", L"\"a");
    CHECK(L"p\"q r\" s", L"p\"q", L"r s");
    CHECK(L"\"\" a", L"", L"a");

    {
        WCHAR path[MAX_PATH];
        GetModuleFileNameW(NULL, path, MAX_PATH);
        const WCHAR *e[] = { path };
        check(__LINE__, L"", 1, e);
    }
    SetLastError(0xdeadbeef);
    ok(CommandLineToArgvW(L"a b", NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "NULL count: %lu\n", GetLastError());
    return test_summary();
}
