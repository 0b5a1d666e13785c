/* Conformance tests: RegNotifyChangeKeyValue.  Expectations from
 * Microsoft's documentation of the function (a change of the kinds in the
 * filter signals the event once; closing the key signals it), checked
 * under Wine.  The test runs itself as the child ("regnotify.exe child")
 * that changes the key from another process. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

static const char key_name[] = "Software\\carafe_regnotify_test";
static HKEY key;

static void set_dword(HKEY k, const char *name, DWORD v)
{
    ok(!RegSetValueExA(k, name, 0, REG_DWORD, (BYTE *)&v, sizeof(v)), "RegSetValueEx(%s)\n", name);
}

static int signaled(HANDLE ev, DWORD ms)
{
    return WaitForSingleObject(ev, ms) == WAIT_OBJECT_0;
}

static void test_values_and_names(HANDLE ev)
{
    HKEY sub;
    ok(!RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE), "register\n");
    ok(!signaled(ev, 0), "signaled before a change\n");
    set_dword(key, "a", 1);
    ok(signaled(ev, 5000), "a value set: not signaled\n");
    set_dword(key, "a", 2);
    ok(!signaled(ev, 200), "signaled again without a new call\n");

    /* NAME only: values do not count, a new subkey does ("Notify the caller
     * if a subkey is added or deleted").  Wine 8 signals a NAME watch for a
     * value too, which puts its later checks out of step (4 fail there). */
    ok(!RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_NAME, ev, TRUE), "register\n");
    set_dword(key, "a", 3);
    ok(!signaled(ev, 200), "a value set: signaled for NAME\n");
    ok(!RegCreateKeyExA(key, "sub", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL), "create sub\n");
    ok(signaled(ev, 5000), "a subkey added: not signaled\n");

    /* a value deleted is LAST_SET */
    ok(!RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE), "register\n");
    ok(!RegDeleteValueA(key, "a"), "delete value\n");
    ok(signaled(ev, 5000), "a value deleted: not signaled\n");

    /* below the key: only with bWatchSubtree */
    ok(!RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE), "register\n");
    set_dword(sub, "inner", 1);
    ok(!signaled(ev, 200), "a change below: signaled without the subtree\n");
    set_dword(key, "b", 1);   /* fires and ends that one */
    ok(signaled(ev, 5000), "not signaled\n");
    ok(!RegNotifyChangeKeyValue(key, TRUE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE), "register\n");
    set_dword(sub, "inner", 2);
    ok(signaled(ev, 5000), "a change below: not signaled with the subtree\n");

    /* a subkey deleted is NAME */
    ok(!RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_NAME, ev, TRUE), "register\n");
    RegCloseKey(sub);
    ok(!RegDeleteKeyA(key, "sub"), "delete sub\n");
    ok(signaled(ev, 5000), "a subkey deleted: not signaled\n");
}

/* "If the specified key is closed, the event is signaled." */
static void test_close(HANDLE ev)
{
    HKEY other;
    ok(!RegOpenKeyExA(HKEY_CURRENT_USER, key_name, 0, KEY_ALL_ACCESS, &other), "open\n");
    ok(!RegNotifyChangeKeyValue(other, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE), "register\n");
    ok(!signaled(ev, 0), "signaled early\n");
    RegCloseKey(other);
    ok(signaled(ev, 5000), "the key was closed: not signaled\n");
}

static DWORD WINAPI sync_waiter(void *arg)
{
    return RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, NULL, FALSE);
}

/* without fAsynchronous the call returns after the change */
static void test_sync(void)
{
    DWORD code = 0xdeadbeef;
    HANDLE t = CreateThread(NULL, 0, sync_waiter, NULL, 0, NULL);
    ok(WaitForSingleObject(t, 300) == WAIT_TIMEOUT, "returned before a change\n");
    set_dword(key, "sync", 1);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "did not return after the change\n");
    ok(GetExitCodeThread(t, &code) && code == ERROR_SUCCESS, "returned %lu\n", code);
    CloseHandle(t);
}

/* a change made by another process */
static void test_other_process(HANDLE ev, const char *self)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si = { sizeof(si) };
    char cmd[MAX_PATH + 16];
    DWORD code = 99;
    ok(!RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE), "register\n");
    snprintf(cmd, sizeof(cmd), "\"%s\" child", self);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess %lu\n",
       GetLastError());
    ok(signaled(ev, 10000), "the child's change: not signaled\n");
    WaitForSingleObject(pi.hProcess, 10000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child failed: %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* (What Windows says to a filter with no known bit is not documented;
 * Wine 8 accepts it.  Not tested.) */
static void test_errors(HANDLE ev)
{
    ok(RegNotifyChangeKeyValue((HKEY)(ULONG_PTR)0x1234, FALSE, REG_NOTIFY_CHANGE_LAST_SET, ev, TRUE) ==
       ERROR_INVALID_HANDLE, "bad key\n");
}

int main(int argc, char **argv)
{
    char self[MAX_PATH];
    if (argc >= 2 && !strcmp(argv[1], "child")) {
        HKEY k;
        DWORD v = 42;
        if (RegOpenKeyExA(HKEY_CURRENT_USER, key_name, 0, KEY_ALL_ACCESS, &k)) return 2;
        if (RegSetValueExA(k, "from_child", 0, REG_DWORD, (BYTE *)&v, sizeof(v))) return 3;
        RegCloseKey(k);
        return 0;
    }
    GetModuleFileNameA(NULL, self, sizeof(self));
    RegDeleteTreeA(HKEY_CURRENT_USER, key_name);
    ok(!RegCreateKeyExA(HKEY_CURRENT_USER, key_name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL), "create\n");
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);   /* private: it must still reach the server */
    test_values_and_names(ev);
    test_close(ev);
    test_sync();
    test_other_process(ev, self);
    test_errors(ev);
    RegCloseKey(key);
    RegDeleteTreeA(HKEY_CURRENT_USER, key_name);
    CloseHandle(ev);
    return test_summary();
}
