/* Conformance tests: what one process reads from the registry follows
 * what another process changes (values, keys deleted and made again),
 * however often it read it before.  The test runs itself as the child
 * ("regshare.exe child WHAT") that makes the changes. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

static const char key_name[] = "Software\\carafe_regshare_test";
static char self[MAX_PATH];

static int run_child(const char *what)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si = { sizeof(si) };
    char cmd[MAX_PATH + 64];
    DWORD code = 99;
    snprintf(cmd, sizeof(cmd), "\"%s\" child %s", self, what);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return -1;
    WaitForSingleObject(pi.hProcess, 20000);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return (int)code;
}

static int child(const char *what)
{
    HKEY k;
    DWORD v;
    if (!strcmp(what, "set")) {
        if (RegOpenKeyExA(HKEY_CURRENT_USER, key_name, 0, KEY_ALL_ACCESS, &k)) return 2;
        v = 2;
        if (RegSetValueExA(k, "number", 0, REG_DWORD, (BYTE *)&v, sizeof(v))) return 3;
        if (RegSetValueExA(k, "later", 0, REG_SZ, (BYTE *)"new", 4)) return 4;
        RegCloseKey(k);
        return 0;
    }
    if (!strcmp(what, "renew")) {
        /* the subkey goes, and a new one of the same name comes */
        if (RegDeleteKeyA(HKEY_CURRENT_USER, "Software\\carafe_regshare_test\\sub")) return 2;
        if (RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\carafe_regshare_test\\sub", 0, NULL, 0, KEY_ALL_ACCESS,
                            NULL, &k, NULL)) return 3;
        v = 7;
        if (RegSetValueExA(k, "inner", 0, REG_DWORD, (BYTE *)&v, sizeof(v))) return 4;
        RegCloseKey(k);
        return 0;
    }
    if (!strcmp(what, "delete"))
        return RegDeleteTreeA(HKEY_CURRENT_USER, key_name) ? 2 : 0;
    return 98;
}

static DWORD query_dword(HKEY k, const char *name, DWORD *out)
{
    DWORD size = sizeof(*out), type = 0;
    *out = 0;
    return RegQueryValueExA(k, name, NULL, &type, (BYTE *)out, &size);
}

int main(int argc, char **argv)
{
    HKEY k, sub, again;
    DWORD v, size, i;
    char buf[16];
    LONG r;

    if (argc >= 3 && !strcmp(argv[1], "child")) return child(argv[2]);
    GetModuleFileNameA(NULL, self, sizeof(self));
    RegDeleteTreeA(HKEY_CURRENT_USER, key_name);

    ok(!RegCreateKeyExA(HKEY_CURRENT_USER, key_name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL), "create\n");
    v = 1;
    ok(!RegSetValueExA(k, "number", 0, REG_DWORD, (BYTE *)&v, sizeof(v)), "set\n");
    ok(!RegCreateKeyExA(k, "sub", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL), "create sub\n");
    v = 5;
    ok(!RegSetValueExA(sub, "inner", 0, REG_DWORD, (BYTE *)&v, sizeof(v)), "set inner\n");

    /* read often, through a handle and through open/query/close */
    for (i = 0; i < 3; i++) {
        ok(!query_dword(k, "number", &v) && v == 1, "number is %lu\n", v);
        ok(query_dword(k, "later", &v) == ERROR_FILE_NOT_FOUND, "later exists already\n");
        ok(!RegOpenKeyExA(HKEY_CURRENT_USER, key_name, 0, KEY_READ, &again), "open\n");
        ok(!query_dword(again, "number", &v) && v == 1, "number is %lu\n", v);
        RegCloseKey(again);
    }
    ok(run_child("set") == 0, "child set failed\n");
    ok(!query_dword(k, "number", &v) && v == 2, "after the child: number is %lu\n", v);
    size = sizeof(buf);
    ok(!RegQueryValueExA(k, "later", NULL, NULL, (BYTE *)buf, &size) && !strcmp(buf, "new"),
       "after the child: later is [%s]\n", buf);

    /* a handle to a key that another process deleted and made again is
     * the old key: Windows gives ERROR_KEY_DELETED, never the new key's values */
    ok(!query_dword(sub, "inner", &v) && v == 5, "inner is %lu\n", v);
    ok(!query_dword(sub, "inner", &v) && v == 5, "inner is %lu\n", v);
    ok(run_child("renew") == 0, "child renew failed\n");
    r = query_dword(sub, "inner", &v);
    ok(r == ERROR_KEY_DELETED, "the old handle: %ld, inner %lu\n", r, v);
    ok(!RegOpenKeyExA(k, "sub", 0, KEY_READ, &again), "open the new sub\n");
    ok(!query_dword(again, "inner", &v) && v == 7, "the new sub: inner is %lu\n", v);
    RegCloseKey(again);
    RegCloseKey(sub);

    /* all gone: opening fails, the open handle says deleted */
    for (i = 0; i < 2; i++) {
        ok(!RegOpenKeyExA(HKEY_CURRENT_USER, key_name, 0, KEY_READ, &again), "open\n");
        RegCloseKey(again);
    }
    ok(run_child("delete") == 0, "child delete failed\n");
    r = RegOpenKeyExA(HKEY_CURRENT_USER, key_name, 0, KEY_READ, &again);
    ok(r == ERROR_FILE_NOT_FOUND, "open after the delete: %ld\n", r);
    if (!r) RegCloseKey(again);
    r = query_dword(k, "number", &v);
    ok(r == ERROR_KEY_DELETED, "query on the deleted key: %ld\n", r);
    RegCloseKey(k);
    return test_summary();
}
