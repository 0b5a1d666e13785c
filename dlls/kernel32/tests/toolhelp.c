/* Conformance tests: Tool Help process snapshots (CreateToolhelp32Snapshot
 * with TH32CS_SNAPPROCESS, Process32First/Next, A and W).  The test starts
 * itself as a child ("toolhelp.exe child", which waits for its stdin to
 * close) and finds it, and itself, in a snapshot. */
#include <windows.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

static const PROCESSENTRY32W *find(const PROCESSENTRY32W *all, int n, DWORD pid)
{
    for (int i = 0; i < n; i++)
        if (all[i].th32ProcessID == pid) return &all[i];
    return NULL;
}

int main(int argc, char **argv)
{
    static PROCESSENTRY32W all[4096];
    char self[MAX_PATH], cmd[MAX_PATH + 16];
    PROCESS_INFORMATION pi;
    STARTUPINFOA si = { sizeof(si) };
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE r, w, snap;
    int n = 0;

    if (argc >= 2 && !strcmp(argv[1], "child")) {
        char c;
        DWORD got;
        while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), &c, 1, &got, NULL) && got) ;
        return 0;
    }
    GetModuleFileNameA(NULL, self, sizeof(self));
    ok(CreatePipe(&r, &w, &sa, 0), "CreatePipe %lu\n", GetLastError());
    SetHandleInformation(w, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = r;
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    snprintf(cmd, sizeof(cmd), "\"%s\" child", self);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess %lu\n", GetLastError());
    CloseHandle(r);

    snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    ok(snap != INVALID_HANDLE_VALUE, "CreateToolhelp32Snapshot %lu\n", GetLastError());
    PROCESSENTRY32W e = { sizeof(e) };
    for (BOOL more = Process32FirstW(snap, &e); more && n < 4096; more = Process32NextW(snap, &e)) {
        ok(e.dwSize == sizeof(e), "dwSize %lu\n", e.dwSize);
        all[n++] = e;
        e.dwSize = sizeof(e);
    }
    ok(GetLastError() == ERROR_NO_MORE_FILES, "the end: %lu\n", GetLastError());
    ok(n > 2, "%d processes\n", n);

    const PROCESSENTRY32W *me = find(all, n, GetCurrentProcessId());
    ok(me != NULL, "this process is not in the snapshot\n");
    if (me) {
        ok(!lstrcmpiW(me->szExeFile, L"toolhelp.exe"), "our name is %ls\n", me->szExeFile);
        ok(me->cntThreads >= 1, "%lu threads\n", me->cntThreads);
    }
    const PROCESSENTRY32W *child = find(all, n, pi.dwProcessId);
    ok(child != NULL, "the child is not in the snapshot\n");
    if (child) {
        ok(child->th32ParentProcessID == GetCurrentProcessId(), "the child's parent is %lu, we are %lu\n",
           child->th32ParentProcessID, GetCurrentProcessId());
        ok(!lstrcmpiW(child->szExeFile, L"toolhelp.exe"), "the child's name is %ls\n", child->szExeFile);
    }
    /* First starts over */
    e.dwSize = sizeof(e);
    ok(Process32FirstW(snap, &e) && e.th32ProcessID == all[0].th32ProcessID, "First again\n");
    /* "If you do not initialize dwSize, Process32First fails" (the error
     * code is not documented: carafe gives ERROR_BAD_LENGTH, Wine 8 none) */
    e.dwSize = 8;
    ok(!Process32FirstW(snap, &e), "small dwSize\n");
    ok(CloseHandle(snap), "CloseHandle %lu\n", GetLastError());

    /* the A functions */
    snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    PROCESSENTRY32 a = { sizeof(a) };
    int found = 0;
    for (BOOL more = Process32First(snap, &a); more; more = Process32Next(snap, &a)) {
        if (a.th32ProcessID == GetCurrentProcessId())
            found = !lstrcmpiA(a.szExeFile, "toolhelp.exe");
        a.dwSize = sizeof(a);
    }
    ok(found, "this process, by the A functions\n");
    CloseHandle(snap);

    SetLastError(0xdeadbeef);
    ok(!Process32FirstW((HANDLE)(ULONG_PTR)0x7ffc, &e), "a bad handle\n");

    CloseHandle(w);
    WaitForSingleObject(pi.hProcess, 10000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return test_summary();
}
