/* Conformance tests: environment variables, the environment block,
 * ExpandEnvironmentStrings, the command line. */
#include <windows.h>
#include <string.h>
#include <stdlib.h>
#include "test.h"

#define CANARY 0x7f

static void test_get_set_a(void)
{
    char buf[64];
    DWORD r;

    ok(SetEnvironmentVariableA("CarafeTestVar", "value1"), "set %lu\n", GetLastError());

    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("CarafeTestVar", buf, sizeof(buf));
    ok(r == 6, "get returned %lu\n", r);
    ok(!strcmp(buf, "value1"), "get gave \"%s\"\n", buf);
    ok(buf[7] == CANARY, "canary overwritten after the terminator\n");
    ok(GetLastError() == 0xdeadbeef, "error changed on success: %lu\n", GetLastError());

    /* names ignore case */
    memset(buf, CANARY, sizeof(buf));
    r = GetEnvironmentVariableA("CARAFETESTVAR", buf, sizeof(buf));
    ok(r == 6 && !strcmp(buf, "value1"), "upper-case name: %lu \"%s\"\n", r, buf);
    r = GetEnvironmentVariableA("carafetestvar", buf, sizeof(buf));
    ok(r == 6 && !strcmp(buf, "value1"), "lower-case name: %lu \"%s\"\n", r, buf);

    /* a buffer exactly the length (no room for the NUL): the size needed */
    memset(buf, CANARY, sizeof(buf));
    r = GetEnvironmentVariableA("CarafeTestVar", buf, 6);
    ok(r == 7, "size 6 returned %lu\n", r);
    r = GetEnvironmentVariableA("CarafeTestVar", buf, 7);
    ok(r == 6 && !strcmp(buf, "value1"), "size 7 returned %lu\n", r);
    r = GetEnvironmentVariableA("CarafeTestVar", NULL, 0);
    ok(r == 7, "NULL buffer returned %lu\n", r);

    /* a missing variable */
    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("CarafeNoSuchVariable", buf, sizeof(buf));
    ok(r == 0, "missing returned %lu\n", r);
    ok(GetLastError() == ERROR_ENVVAR_NOT_FOUND, "missing error %lu\n", GetLastError());

    /* replacing keeps one entry, deleting removes it */
    ok(SetEnvironmentVariableA("CARAFETESTVAR", "value22"), "replace %lu\n", GetLastError());
    r = GetEnvironmentVariableA("CarafeTestVar", buf, sizeof(buf));
    ok(r == 7 && !strcmp(buf, "value22"), "after replace %lu \"%s\"\n", r, buf);
    ok(SetEnvironmentVariableA("CarafeTestVar", NULL), "delete %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("CarafeTestVar", buf, sizeof(buf));
    ok(r == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "after delete %lu %lu\n", r, GetLastError());

    /* deleting what does not exist succeeds */
    SetLastError(0xdeadbeef);
    ok(SetEnvironmentVariableA("CarafeNoSuchVariable", NULL), "deleting a missing variable failed %lu\n", GetLastError());

    /* an empty value is a present variable of length 0 */
    ok(SetEnvironmentVariableA("CarafeEmpty", ""), "set empty %lu\n", GetLastError());
    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("CarafeEmpty", buf, sizeof(buf));
    ok(r == 0, "empty returned %lu\n", r);
    ok(buf[0] == 0, "empty value buffer %02x\n", (unsigned char)buf[0]);
    ok(GetLastError() == ERROR_SUCCESS || GetLastError() == 0xdeadbeef, "empty error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("CarafeEmpty", NULL, 0);
    ok(r == 1, "empty, NULL buffer returned %lu\n", r);
    SetEnvironmentVariableA("CarafeEmpty", NULL);

    /* names with '=' are refused; an empty name too */
    SetLastError(0xdeadbeef);
    ok(!SetEnvironmentVariableA("Carafe=Bad", "x"), "name with = accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "name with = error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetEnvironmentVariableA("", "x"), "empty name accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "empty name error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableA("", buf, sizeof(buf));
    ok(r == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "get empty name %lu %lu\n", r, GetLastError());
}

static void test_get_set_w(void)
{
    static const WCHAR name[] = L"CarafeTestW", value[] = L"wide \x00e9t\x00e9";
    WCHAR buf[64];
    DWORD r;

    ok(SetEnvironmentVariableW(name, value), "set %lu\n", GetLastError());
    memset(buf, CANARY, sizeof(buf));
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableW(L"CARAFETESTW", buf, 64);
    ok(r == 8, "get returned %lu\n", r);
    ok(!wcscmp(buf, value), "value differs\n");
    ok(buf[9] == 0x7f7f, "canary overwritten\n");
    ok(GetLastError() == 0xdeadbeef, "error changed %lu\n", GetLastError());
    r = GetEnvironmentVariableW(name, buf, 8);
    ok(r == 9, "size 8 returned %lu\n", r);
    r = GetEnvironmentVariableW(name, buf, 9);
    ok(r == 8, "size 9 returned %lu\n", r);
    r = GetEnvironmentVariableW(name, NULL, 0);
    ok(r == 9, "NULL buffer returned %lu\n", r);
    SetLastError(0xdeadbeef);
    r = GetEnvironmentVariableW(L"CarafeNoSuchVariable", buf, 64);
    ok(r == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "missing %lu %lu\n", r, GetLastError());

    /* the A view of a wide value */
    char a[64];
    SetEnvironmentVariableW(name, L"plain");
    r = GetEnvironmentVariableA("CarafeTestW", a, sizeof(a));
    ok(r == 5 && !strcmp(a, "plain"), "A view %lu \"%s\"\n", r, a);
    ok(SetEnvironmentVariableW(name, NULL), "delete %lu\n", GetLastError());
}

static int count_vars(const WCHAR *env, const WCHAR *prefix, size_t plen)
{
    int n = 0;
    for (const WCHAR *p = env; *p; p += wcslen(p) + 1)
        if (!_wcsnicmp(p, prefix, plen)) n++;
    return n;
}

/* GetProcAddress sets the last error: ask once, before the checks */
static int is_wine(void)
{
    static int wine = -1;
    if (wine < 0) wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    return wine;
}

static WCHAR upcase(WCHAR c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

/* Windows orders the block by name, ignoring case (upper-case comparison);
 * names like "=C:" (of "=C:=C:\dir") begin with '=' */
static int name_cmp(const WCHAR *a, const WCHAR *b)
{
    const WCHAR *ea = wcschr(a + 1, '='), *eb = wcschr(b + 1, '=');
    size_t la = ea ? (size_t)(ea - a) : wcslen(a), lb = eb ? (size_t)(eb - b) : wcslen(b);
    for (size_t i = 0; i < la && i < lb; i++)
        if (upcase(a[i]) != upcase(b[i])) return (int)upcase(a[i]) - (int)upcase(b[i]);
    return (int)la - (int)lb;
}

static void test_block(void)
{
    WCHAR *env, *p, *prev = NULL;
    char *enva;
    int sorted = 1, found = 0;

    SetEnvironmentVariableW(L"CarafeBlockB", L"2");
    SetEnvironmentVariableW(L"CarafeBlockA", L"1");
    env = GetEnvironmentStringsW();
    ok(env != NULL, "GetEnvironmentStringsW NULL\n");
    if (!env) return;
    for (p = env; *p; p += wcslen(p) + 1) {
        if (prev && name_cmp(prev, p) >= 0) sorted = 0;
        if (found == 1 && !wcsncmp(p, L"CarafeBlockB", 12)) found |= 4;   /* B after A */
        if (!wcscmp(p, L"CarafeBlockA=1")) found |= 1;
        if (!wcscmp(p, L"CarafeBlockB=2")) found |= 2;
        prev = p;
    }
    ok((found & 3) == 3, "set variables missing from the block (%x)\n", found);
    /* Windows keeps the block sorted and inserts new names in order
     * (Microsoft: "Changing Environment Variables"); Wine appends */
    if (!is_wine()) {
        ok(sorted, "block not sorted\n");
        ok(found & 4, "variables out of order\n");
    }
    ok(count_vars(env, L"CarafeBlock", 11) == 2, "block has %d CarafeBlock entries\n", count_vars(env, L"CarafeBlock", 11));
    ok(FreeEnvironmentStringsW(env), "FreeEnvironmentStringsW %lu\n", GetLastError());

    enva = GetEnvironmentStringsA();
    ok(enva != NULL, "GetEnvironmentStringsA NULL\n");
    found = 0;
    for (char *q = enva; q && *q; q += strlen(q) + 1)
        if (!strcmp(q, "CarafeBlockA=1")) found = 1;
    ok(found, "A block lacks the variable\n");
    ok(FreeEnvironmentStringsA(enva), "FreeEnvironmentStringsA %lu\n", GetLastError());

    /* the block is a copy: later changes do not show in it */
    env = GetEnvironmentStringsW();
    SetEnvironmentVariableW(L"CarafeBlockA", NULL);
    ok(count_vars(env, L"CarafeBlockA=", 13) == 1, "the copy changed\n");
    FreeEnvironmentStringsW(env);
    SetEnvironmentVariableW(L"CarafeBlockB", NULL);
}

static void test_expand(void)
{
    char buf[128];
    WCHAR wbuf[128];
    DWORD r;

    SetEnvironmentVariableA("CarafeX", "exp");
    memset(buf, CANARY, sizeof(buf));
    r = ExpandEnvironmentStringsA("a%CarafeX%b", buf, sizeof(buf));
    ok(r == 6 && !strcmp(buf, "aexpb"), "simple %lu \"%s\"\n", r, buf);
    ok(buf[6] == CANARY, "canary\n");
    r = ExpandEnvironmentStringsA("%carafex%%CARAFEX%", buf, sizeof(buf));
    ok(r == 7 && !strcmp(buf, "expexp"), "case and adjacency %lu \"%s\"\n", r, buf);
    r = ExpandEnvironmentStringsA("%CarafeUnknownVar%-%CarafeX%", buf, sizeof(buf));
    ok(r == 23 && !strcmp(buf, "%CarafeUnknownVar%-exp"), "unknown kept %lu \"%s\"\n", r, buf);
    r = ExpandEnvironmentStringsA("100%", buf, sizeof(buf));
    ok(r == 5 && !strcmp(buf, "100%"), "lone %% %lu \"%s\"\n", r, buf);
    r = ExpandEnvironmentStringsA("%%", buf, sizeof(buf));
    ok(r == 3 && !strcmp(buf, "%%"), "%%%% %lu \"%s\"\n", r, buf);
    r = ExpandEnvironmentStringsA("%%CarafeX%", buf, sizeof(buf));
    /* "%%" is an unknown empty name: kept, and scanning goes on after it */
    ok(r == 11 && !strcmp(buf, "%%CarafeX%"), "%%%%name%% %lu \"%s\"\n", r, buf);
    r = ExpandEnvironmentStringsA("%CarafeX", buf, sizeof(buf));
    ok(r == 9 && !strcmp(buf, "%CarafeX"), "unterminated %lu \"%s\"\n", r, buf);
    r = ExpandEnvironmentStringsA("", buf, sizeof(buf));
    ok(r == 1 && !buf[0], "empty %lu\n", r);
    r = ExpandEnvironmentStringsA("x%CarafeX%", NULL, 0);
    ok(r == 5, "size query %lu\n", r);

    /* a short buffer: the size needed, with the terminator */
    memset(buf, CANARY, sizeof(buf));
    r = ExpandEnvironmentStringsA("x%CarafeX%", buf, 4);
    ok(r == 5, "short buffer %lu\n", r);

    memset(wbuf, CANARY, sizeof(wbuf));
    r = ExpandEnvironmentStringsW(L"[%CarafeX%] %Nope%", wbuf, 128);
    ok(r == 13 && !wcscmp(wbuf, L"[exp] %Nope%"), "wide %lu\n", r);
    ok(wbuf[13] == 0x7f7f, "wide canary\n");
    r = ExpandEnvironmentStringsW(L"%CarafeX%", wbuf, 3);
    ok(r == 4, "wide short %lu\n", r);
    r = ExpandEnvironmentStringsW(L"%CarafeX%", wbuf, 4);
    ok(r == 4 && !wcscmp(wbuf, L"exp"), "wide exact %lu\n", r);
    SetEnvironmentVariableA("CarafeX", NULL);
}

/* the command line: the program name first, then what the harness gave */
static void test_command_line(int argc, char **argv)
{
    const char *a = GetCommandLineA();
    const WCHAR *w = GetCommandLineW();
    char conv[1024];

    ok(a && *a, "GetCommandLineA empty\n");
    ok(w && *w, "GetCommandLineW empty\n");
    ok(GetCommandLineA() == a, "GetCommandLineA pointer not stable\n");
    ok(GetCommandLineW() == w, "GetCommandLineW pointer not stable\n");
    WideCharToMultiByte(CP_ACP, 0, w, -1, conv, sizeof(conv), NULL, NULL);
    ok(!strcmp(conv, a), "A \"%s\" and W \"%s\" differ\n", a, conv);
    ok(argc == 1, "argc %d\n", argc);
    /* argv[0] is the first token of the command line */
    const char *p = a;
    size_t len;
    if (*p == '"') { p++; len = strcspn(p, "\""); }
    else len = strcspn(p, " \t");
    ok(len == strlen(argv[0]) && !strncmp(p, argv[0], len), "argv[0] \"%s\" vs command line \"%s\"\n", argv[0], a);
    ok(strstr(a, "environ") != NULL, "command line \"%s\" does not name the program\n", a);
}

int main(int argc, char **argv)
{
    is_wine();
    test_get_set_a();
    test_get_set_w();
    test_block();
    test_expand();
    test_command_line(argc, argv);
    return test_summary();
}
