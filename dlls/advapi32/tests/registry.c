/* Conformance tests of the registry API, in a key of their own
 * (HKCU\Software\carafe-test-PID) that they delete at the end. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "test.h"

static HKEY root;
static char root_name[64];

static void test_create_open(void)
{
    HKEY k, k2;
    DWORD disp = 0xdeadbeef;
    LONG r;

    r = RegCreateKeyExA(root, "a\\b\\c", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp);
    ok(r == ERROR_SUCCESS, "create nested: %ld", r);
    ok(disp == REG_CREATED_NEW_KEY, "disposition %lu", disp);
    RegCloseKey(k);
    r = RegCreateKeyExA(root, "A\\B\\C", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp);
    ok(!r && disp == REG_OPENED_EXISTING_KEY, "existing key, other case: %ld %lu", r, disp);
    RegCloseKey(k);

    k = (HKEY)0xdeadbeef;
    r = RegOpenKeyExA(root, "nosuch", 0, KEY_READ, &k);
    ok(r == ERROR_FILE_NOT_FOUND, "missing key: %ld", r);
    ok(k == NULL, "result on failure: %p", k);
    r = RegOpenKeyExA(root, "a\\b", 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "open two levels: %ld", r);
    r = RegOpenKeyExA(k, NULL, 0, KEY_READ, &k2);
    ok(r == ERROR_SUCCESS && k2 != k, "NULL subkey opens a new handle: %ld", r);
    RegCloseKey(k2);
    r = RegOpenKeyA(k, "", &k2);
    ok(r == ERROR_SUCCESS && k2 == k, "RegOpenKey with an empty name returns the same handle");
    r = RegOpenKeyW(k, L"C", &k2);
    ok(r == ERROR_SUCCESS, "RegOpenKeyW: %ld", r);
    RegCloseKey(k2);
    ok(RegCloseKey(k) == ERROR_SUCCESS, "close");
    ok(RegCloseKey(k) == ERROR_INVALID_HANDLE, "close twice");
    ok(RegCloseKey(HKEY_LOCAL_MACHINE) == ERROR_SUCCESS, "closing a predefined key");
    r = RegOpenKeyExA((HKEY)(ULONG_PTR)0x1234, "x", 0, KEY_READ, &k);
    ok(r == ERROR_INVALID_HANDLE, "bad handle: %ld", r);
    r = RegCreateKeyW(root, L"wide\x00e9", &k);
    ok(r == ERROR_SUCCESS, "RegCreateKeyW: %ld", r);
    RegCloseKey(k);
}

static void test_values(void)
{
    BYTE buf[64];
    DWORD type, size, dw = 0x01020304;
    ULONGLONG qw = 0x1122334455667788ull;
    LONG r;

    ok(!RegSetValueExA(root, "sz", 0, REG_SZ, (const BYTE *)"hello", 6), "set sz");
    ok(!RegSetValueExA(root, "dw", 0, REG_DWORD, (const BYTE *)&dw, 4), "set dword");
    ok(!RegSetValueExW(root, L"qw", 0, REG_QWORD, (const BYTE *)&qw, 8), "set qword");
    ok(!RegSetValueExA(root, "bin", 0, REG_BINARY, (const BYTE *)"\1\2\3", 3), "set binary");
    ok(!RegSetValueExA(root, "multi", 0, REG_MULTI_SZ, (const BYTE *)"a\0bc\0", 6), "set multi");
    ok(!RegSetValueExA(root, NULL, 0, REG_SZ, (const BYTE *)"def", 4), "set the default value");
    ok(RegSetValueExA(root, "x", 0, REG_BINARY, NULL, 4) == ERROR_NOACCESS, "NULL data with a size");

    /* the size protocol */
    size = 0xdeadbeef;
    type = 0xdeadbeef;
    r = RegQueryValueExA(root, "SZ", NULL, &type, NULL, &size);
    ok(r == ERROR_SUCCESS && type == REG_SZ && size == 6, "NULL data: %ld %lu %lu", r, type, size);
    size = 3;
    memset(buf, 0xcc, sizeof(buf));
    r = RegQueryValueExA(root, "sz", NULL, &type, buf, &size);
    ok(r == ERROR_MORE_DATA && size == 6, "small buffer: %ld %lu", r, size);
    size = sizeof(buf);
    r = RegQueryValueExA(root, "sz", NULL, &type, buf, &size);
    ok(!r && size == 6 && !strcmp((char *)buf, "hello") && buf[6] == 0xcc, "sz read back: %lu", size);
    size = sizeof(buf);
    r = RegQueryValueExW(root, L"sz", NULL, &type, buf, &size);
    ok(!r && size == 12 && !memcmp(buf, L"hello", 12), "W sees UTF-16: %lu", size);
    size = sizeof(buf);
    r = RegQueryValueExA(root, "dw", NULL, &type, buf, &size);
    ok(!r && type == REG_DWORD && size == 4 && *(DWORD *)buf == dw, "dword");
    size = sizeof(buf);
    r = RegQueryValueExA(root, "multi", NULL, &type, buf, &size);
    ok(!r && type == REG_MULTI_SZ && size == 6 && !memcmp(buf, "a\0bc\0", 6), "multi: %lu", size);
    size = sizeof(buf);
    r = RegQueryValueExA(root, "", NULL, &type, buf, &size);
    ok(!r && !strcmp((char *)buf, "def"), "default value by empty name");
    r = RegQueryValueExA(root, "missing", NULL, &type, buf, &size);
    ok(r == ERROR_FILE_NOT_FOUND, "missing value: %ld", r);
    r = RegQueryValueExA(root, "sz", NULL, &type, buf, NULL);
    ok(r == ERROR_INVALID_PARAMETER, "data without size: %ld", r);

    ok(RegDeleteValueA(root, "bin") == ERROR_SUCCESS, "delete value");
    ok(RegDeleteValueA(root, "bin") == ERROR_FILE_NOT_FOUND, "delete it again");
}

static void test_get_value(void)
{
    char buf[MAX_PATH], expect[MAX_PATH];
    DWORD type, size, dw;
    LONG r;

    RegSetValueExA(root, "exp", 0, REG_EXPAND_SZ, (const BYTE *)"%SystemRoot%\\x", 15);
    ExpandEnvironmentStringsA("%SystemRoot%\\x", expect, sizeof(expect));
    size = sizeof(buf);
    r = RegGetValueA(root, NULL, "exp", RRF_RT_REG_SZ, &type, buf, &size);
    ok(!r && type == REG_SZ && !strcmp(buf, expect) && size == strlen(expect) + 1,
       "expanded: %ld %lu %s %lu", r, type, buf, size);
    size = sizeof(buf);
    r = RegGetValueA(root, NULL, "exp", RRF_RT_ANY | RRF_NOEXPAND, &type, buf, &size);
    ok(!r && type == REG_EXPAND_SZ && !strcmp(buf, "%SystemRoot%\\x"), "RRF_NOEXPAND: %ld %s", r, buf);
    r = RegGetValueA(root, NULL, "exp", RRF_RT_REG_EXPAND_SZ, &type, buf, &size);
    ok(r == ERROR_INVALID_PARAMETER, "RRF_RT_REG_EXPAND_SZ without RRF_NOEXPAND: %ld", r);
    size = sizeof(dw);
    r = RegGetValueA(root, NULL, "dw", RRF_RT_DWORD, &type, &dw, &size);
    ok(!r && dw == 0x01020304 && size == 4, "RRF_RT_DWORD: %ld", r);
    size = sizeof(buf);
    r = RegGetValueA(root, NULL, "dw", RRF_RT_REG_SZ, &type, buf, &size);
    ok(r == ERROR_UNSUPPORTED_TYPE, "type filter: %ld", r);
    size = 2;
    r = RegGetValueA(root, NULL, "sz", RRF_RT_REG_SZ, &type, buf, &size);
    ok(r == ERROR_MORE_DATA && size == 6, "small buffer: %ld %lu", r, size);
    r = RegGetValueA(root, "a\\b", "nothing", RRF_RT_ANY, NULL, NULL, NULL);
    ok(r == ERROR_FILE_NOT_FOUND, "value of a subkey: %ld", r);
    r = RegGetValueA(root, "no\\key", "x", RRF_RT_ANY, NULL, NULL, NULL);
    ok(r == ERROR_FILE_NOT_FOUND, "missing subkey: %ld", r);
    /* a string stored without terminator comes back terminated */
    RegSetValueExW(root, L"noterm", 0, REG_SZ, (const BYTE *)L"abc", 6);
    size = sizeof(buf);
    r = RegGetValueW(root, NULL, L"noterm", RRF_RT_REG_SZ, &type, buf, &size);
    ok(!r && size == 8 && !memcmp(buf, L"abc", 8), "terminator added: %ld %lu", r, size);
}

static void test_enum(void)
{
    HKEY k;
    char name[MAX_PATH];
    BYTE data[64];
    DWORD len, size, type, subkeys, values, maxsub, maxname, maxval;
    LONG r;
    int i;

    RegCreateKeyA(root, "enum", &k);
    for (i = 0; i < 3; i++) {
        HKEY s;
        char n[16];
        sprintf(n, "key%d", i);
        RegCreateKeyA(k, n, &s);
        RegCloseKey(s);
        sprintf(n, "val%d", i);
        RegSetValueExA(k, n, 0, REG_SZ, (const BYTE *)"xyz", 4);
    }
    r = RegQueryInfoKeyA(k, NULL, NULL, NULL, &subkeys, &maxsub, NULL, &values, &maxname, &maxval, NULL, NULL);
    ok(!r && subkeys == 3 && values == 3, "info: %ld %lu %lu", r, subkeys, values);
    ok(maxsub == 4 && maxname == 4, "max lengths: %lu %lu", maxsub, maxname);
    ok(maxval >= 4, "max value size %lu", maxval);

    int seen = 0;
    for (i = 0;; i++) {
        len = sizeof(name);
        r = RegEnumKeyExA(k, i, name, &len, NULL, NULL, NULL, NULL);
        if (r) break;
        ok(len == 4 && !strncmp(name, "key", 3), "subkey %d: %s %lu", i, name, len);
        seen++;
    }
    ok(r == ERROR_NO_MORE_ITEMS && seen == 3, "end of subkeys: %ld %d", r, seen);
    len = 2;
    r = RegEnumKeyExA(k, 0, name, &len, NULL, NULL, NULL, NULL);
    ok(r == ERROR_MORE_DATA, "small name buffer: %ld", r);
    r = RegEnumKeyA(k, 1, name, sizeof(name));
    ok(!r && !strcmp(name, "key1"), "RegEnumKeyA: %s", name);

    seen = 0;
    for (i = 0;; i++) {
        len = sizeof(name);
        size = sizeof(data);
        r = RegEnumValueA(k, i, name, &len, NULL, &type, data, &size);
        if (r) break;
        ok(len == 4 && type == REG_SZ && size == 4 && !strcmp((char *)data, "xyz"), "value %d: %s", i, name);
        seen++;
    }
    ok(r == ERROR_NO_MORE_ITEMS && seen == 3, "end of values: %ld %d", r, seen);
    len = sizeof(name);
    size = 1;
    r = RegEnumValueA(k, 0, name, &len, NULL, &type, data, &size);
    ok(r == ERROR_MORE_DATA && size == 4, "small data buffer: %ld %lu", r, size);

    ok(RegDeleteKeyA(root, "enum") == ERROR_ACCESS_DENIED, "RegDeleteKey of a key with subkeys");
    ok(RegDeleteTreeA(k, NULL) == ERROR_SUCCESS, "RegDeleteTree(key, NULL)");
    r = RegQueryInfoKeyA(k, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL);
    ok(!r && subkeys == 0 && values == 0, "emptied: %lu %lu", subkeys, values);
    RegCloseKey(k);
    ok(RegDeleteKeyA(root, "enum") == ERROR_SUCCESS, "RegDeleteKey of an empty key");
    ok(RegDeleteKeyA(root, "enum") == ERROR_FILE_NOT_FOUND, "deleted");
}

static void test_predefined(void)
{
    HKEY k;
    char buf[64];
    DWORD size = sizeof(buf), dw, type;
    LONG r = RegOpenKeyExA(HKEY_LOCAL_MACHINE, "Software\\Microsoft\\Windows NT\\CurrentVersion", 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "open CurrentVersion: %ld", r);
    r = RegQueryValueExA(k, "CurrentBuildNumber", NULL, &type, (BYTE *)buf, &size);
    ok(!r && type == REG_SZ && size > 1, "CurrentBuildNumber: %ld", r);
    size = sizeof(dw);
    r = RegQueryValueExA(k, "CurrentMajorVersionNumber", NULL, &type, (BYTE *)&dw, &size);
    /* Windows 10 and carafe have it; Wine 8 (as Windows 7) does not */
    ok(r == ERROR_FILE_NOT_FOUND || (!r && type == REG_DWORD && dw >= 10), "CurrentMajorVersionNumber: %ld %lu", r, dw);
    size = sizeof(buf);
    r = RegQueryValueExA(k, "CurrentVersion", NULL, &type, (BYTE *)buf, &size);
    ok(!r && type == REG_SZ && buf[1] == '.', "CurrentVersion: %ld %s", r, buf);
    RegCloseKey(k);
    r = RegOpenKeyExA(HKEY_CURRENT_USER, "Software", 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "HKCU\\Software: %ld", r);
    RegCloseKey(k);
    r = RegOpenKeyExA(HKEY_CLASSES_ROOT, NULL, 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "HKCR: %ld", r);
    RegCloseKey(k);
    r = RegOpenKeyExA(HKEY_LOCAL_MACHINE, "System\\CurrentControlSet\\Control", 0, KEY_READ, &k);
    ok(r == ERROR_SUCCESS, "HKLM\\System\\CurrentControlSet\\Control: %ld", r);
    RegCloseKey(k);
}

int main(void)
{
    LONG r;
    sprintf(root_name, "Software\\carafe-test-%lu", GetCurrentProcessId());
    r = RegCreateKeyExA(HKEY_CURRENT_USER, root_name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &root, NULL);
    ok(r == ERROR_SUCCESS, "create the test key: %ld", r);
    if (r) return test_summary();

    test_create_open();
    test_values();
    test_get_value();
    test_enum();
    test_predefined();

    ok(RegFlushKey(root) == ERROR_SUCCESS, "flush");
    RegCloseKey(root);
    r = RegDeleteTreeA(HKEY_CURRENT_USER, root_name);
    ok(r == ERROR_SUCCESS, "delete the test key: %ld", r);
    r = RegOpenKeyExA(HKEY_CURRENT_USER, root_name, 0, KEY_READ, &root);
    ok(r == ERROR_FILE_NOT_FOUND, "it is gone: %ld", r);
    return test_summary();
}
