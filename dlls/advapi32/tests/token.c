/* Conformance tests: the process token's privileges (OpenProcessToken,
 * LookupPrivilegeValue, AdjustTokenPrivileges).  Which privileges a token
 * holds depends on the account; the checks use SeChangeNotifyPrivilege,
 * which every token holds, and SeCreateTokenPrivilege, which only the
 * system's do. */
#include <windows.h>
#include <string.h>
#include "test.h"

static LUID luid_of(const char *name)
{
    LUID l = { 0, 0 };
    ok(LookupPrivilegeValueA(NULL, name, &l), "LookupPrivilegeValueA(%s) failed %lu\n", name, GetLastError());
    return l;
}

static void test_lookup(void)
{
    LUID l;
    /* the LUIDs are those of the SE_*_PRIVILEGE constants */
    l = luid_of("SeChangeNotifyPrivilege");
    ok(l.LowPart == 23 && l.HighPart == 0, "SeChangeNotify %lu,%ld\n", l.LowPart, l.HighPart);
    l = luid_of("SeCreateSymbolicLinkPrivilege");   /* Wine 8 does not know this name */
    ok(l.LowPart == 35 && l.HighPart == 0, "SeCreateSymbolicLink %lu,%ld\n", l.LowPart, l.HighPart);
    l = luid_of("seshutdownprivilege");   /* names compare without case */
    ok(l.LowPart == 19, "SeShutdown %lu\n", l.LowPart);
    memset(&l, 0, sizeof(l));
    ok(LookupPrivilegeValueW(L"", L"SeLockMemoryPrivilege", &l) && l.LowPart == 4, "W, empty system %lu\n", l.LowPart);

    l.LowPart = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    ok(!LookupPrivilegeValueA(NULL, "SeNoSuchPrivilege", &l), "unknown name accepted\n");
    ok(GetLastError() == ERROR_NO_SUCH_PRIVILEGE, "error %lu\n", GetLastError());
    ok(l.LowPart == 0xdeadbeef, "LUID written on failure\n");
}

/* AdjustTokenPrivileges with one privilege and a previous-state buffer */
static BOOL adjust_one(HANDLE token, LUID l, DWORD attr, TOKEN_PRIVILEGES *prev, DWORD *len)
{
    TOKEN_PRIVILEGES tp;
    tp.PrivilegeCount = 1;
    tp.Privileges[0].Luid = l;
    tp.Privileges[0].Attributes = attr;
    return AdjustTokenPrivileges(token, FALSE, &tp, prev ? sizeof(*prev) : 0, prev, len);
}

static void test_adjust(void)
{
    HANDLE token, token2, query_only;
    TOKEN_PRIVILEGES prev;
    DWORD len;
    BOOL r;
    LUID notify = luid_of("SeChangeNotifyPrivilege"), create_token = luid_of("SeCreateTokenPrivilege");

    SetLastError(0xdeadbeef);
    r = OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token);
    ok(r && token, "OpenProcessToken failed %lu\n", GetLastError());
    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token2), "second handle\n");
    ok(token2 != token, "same handle twice\n");

    /* a privilege the token does not hold: success, ERROR_NOT_ALL_ASSIGNED */
    SetLastError(0xdeadbeef);
    r = adjust_one(token, create_token, SE_PRIVILEGE_ENABLED, NULL, NULL);
    ok(r && GetLastError() == ERROR_NOT_ALL_ASSIGNED, "not held: %d %lu\n", r, GetLastError());

    /* SeChangeNotify is enabled: disabling it changes it, and the previous state says enabled */
    memset(&prev, 0xcc, sizeof(prev));
    len = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    r = adjust_one(token, notify, 0, &prev, &len);
    ok(r && GetLastError() == ERROR_SUCCESS, "disable: %d %lu\n", r, GetLastError());
    ok(prev.PrivilegeCount == 1, "previous count %lu\n", prev.PrivilegeCount);
    ok(prev.Privileges[0].Luid.LowPart == 23 && (prev.Privileges[0].Attributes & SE_PRIVILEGE_ENABLED),
       "previous %lu %lx\n", prev.Privileges[0].Luid.LowPart, prev.Privileges[0].Attributes);
    ok(len == sizeof(TOKEN_PRIVILEGES), "return length %lu\n", len);

    /* the change shows through the other handle: enabling it again reports it disabled */
    memset(&prev, 0xcc, sizeof(prev));
    SetLastError(0xdeadbeef);
    r = adjust_one(token2, notify, SE_PRIVILEGE_ENABLED, &prev, &len);
    ok(r && GetLastError() == ERROR_SUCCESS, "enable: %d %lu\n", r, GetLastError());
    ok(prev.PrivilegeCount == 1 && !(prev.Privileges[0].Attributes & SE_PRIVILEGE_ENABLED),
       "previous after disable: count %lu attr %lx\n", prev.PrivilegeCount, prev.Privileges[0].Attributes);

    /* too small a previous-state buffer: the call fails and nothing changes
     * (documented under PreviousState; Wine 8 changes it, succeeds and
     * returns 4 as the length) */
    SetLastError(0xdeadbeef);
    len = 0;
    {
        TOKEN_PRIVILEGES tp = { 1, { { notify, 0 } } };
        r = AdjustTokenPrivileges(token, FALSE, &tp, sizeof(DWORD), &prev, &len);
    }
    ok(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small buffer: %d %lu\n", r, GetLastError());
    ok(len == sizeof(TOKEN_PRIVILEGES), "needed %lu\n", len);
    memset(&prev, 0xcc, sizeof(prev));
    r = adjust_one(token, notify, SE_PRIVILEGE_ENABLED, &prev, &len);
    ok(r && prev.PrivilegeCount == 0, "still enabled: %d, %lu changed\n", r, prev.PrivilegeCount);

    /* access: adjusting needs TOKEN_ADJUST_PRIVILEGES, a previous state TOKEN_QUERY too */
    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &query_only), "query-only handle\n");
    SetLastError(0xdeadbeef);
    r = adjust_one(query_only, notify, SE_PRIVILEGE_ENABLED, NULL, NULL);
    ok(!r && GetLastError() == ERROR_ACCESS_DENIED, "without adjust access: %d %lu\n", r, GetLastError());
    CloseHandle(query_only);
    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES, &query_only), "adjust-only handle\n");
    SetLastError(0xdeadbeef);
    r = adjust_one(query_only, notify, SE_PRIVILEGE_ENABLED, &prev, &len);
    ok(!r && GetLastError() == ERROR_ACCESS_DENIED, "previous state without query: %d %lu\n", r, GetLastError());
    CloseHandle(query_only);

    SetLastError(0xdeadbeef);
    r = adjust_one((HANDLE)0xdead0, notify, SE_PRIVILEGE_ENABLED, NULL, NULL);
    ok(!r && GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %d %lu\n", r, GetLastError());

    ok(CloseHandle(token), "CloseHandle failed %lu\n", GetLastError());
    ok(CloseHandle(token2), "CloseHandle 2 failed %lu\n", GetLastError());
}

int main(void)
{
    test_lookup();
    test_adjust();
    return test_summary();
}
