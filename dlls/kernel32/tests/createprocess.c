/* Conformance tests: CreateProcess and process objects.  The test runs
 * itself as the child ("createprocess.exe child WHAT ..."), the usual
 * Windows pattern. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static char self[MAX_PATH];
static int on_wine;

/* ---- the child ---- */

static void out(const char *s)
{
    DWORD n;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, (DWORD)strlen(s), &n, NULL);
}

static int child(int argc, char **argv)
{
    char buf[4096];
    const char *what = argv[2];
    if (!strcmp(what, "exit")) ExitProcess((UINT)strtoul(argv[3], NULL, 0));
    if (!strcmp(what, "cmdline")) { out(GetCommandLineA()); return 0; }
    if (!strcmp(what, "wcmdline")) {
        /* the wide command line, as UTF-8 */
        WideCharToMultiByte(CP_UTF8, 0, GetCommandLineW(), -1, buf, sizeof(buf), NULL, NULL);
        out(buf);
        return 0;
    }
    if (!strcmp(what, "env")) {
        for (int i = 3; i < argc; i++) {
            DWORD n = GetEnvironmentVariableA(argv[i], buf, sizeof(buf));
            out(argv[i]);
            out("=");
            out(n ? buf : "<unset>");
            out(";");
        }
        return 0;
    }
    if (!strcmp(what, "cwd")) {
        GetCurrentDirectoryA(sizeof(buf), buf);
        out(buf);
        return 0;
    }
    if (!strcmp(what, "pid")) {
        sprintf(buf, "%lu", GetCurrentProcessId());
        out(buf);
        return 0;
    }
    if (!strcmp(what, "write")) {
        HANDLE h = (HANDLE)(ULONG_PTR)strtoull(argv[3], NULL, 16);
        DWORD n;
        if (!WriteFile(h, "inherited", 9, &n, NULL)) return 1;
        CloseHandle(h);
        return 0;
    }
    if (!strcmp(what, "sleep")) {
        Sleep(strtoul(argv[3], NULL, 0));
        return 3;
    }
    if (!strcmp(what, "stdout")) {
        out("to stdout");
        DWORD n;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), "+err", 4, &n, NULL);
        return 0;
    }
    return 99;
}

/* ---- the parent ---- */

/* Runs CMD (after the path of this program) with stdout and stderr into a
 * pipe; returns the exit code, OUT gets what it wrote. */
static DWORD run(const char *args, void *env, DWORD flags, const char *cwd, char *outbuf, size_t size)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE r, w;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char cmd[2048];
    DWORD code = 0xdeadbeef, n, total = 0;

    outbuf[0] = 0;
    snprintf(cmd, sizeof(cmd), "\"%s\" %s", self, args);
    if (!CreatePipe(&r, &w, &sa, 0)) return 0xdeadbeef;
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = w;
    si.hStdError = w;
    BOOL ret = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, flags, env, cwd, &si, &pi);
    ok(ret, "CreateProcess(%s) failed: %lu\n", cmd, GetLastError());
    CloseHandle(w);
    if (!ret) {
        CloseHandle(r);
        return code;
    }
    while (total + 1 < size && ReadFile(r, outbuf + total, (DWORD)(size - 1 - total), &n, NULL) && n) total += n;
    outbuf[total] = 0;
    CloseHandle(r);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "child did not end\n");
    ok(GetExitCodeProcess(pi.hProcess, &code), "GetExitCodeProcess failed %lu\n", GetLastError());
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return code;
}

static void test_exit_codes(void)
{
    static const DWORD codes[] = { 0, 1, 42, 255, 256, 1000, 0x12345678, 0xc0000005 };
    char buf[256], args[64];
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        snprintf(args, sizeof(args), "child exit %lu", codes[i]);
        DWORD code = run(args, NULL, 0, NULL, buf, sizeof(buf));
        ok(code == codes[i], "exit code %#lx, expected %#lx\n", code, codes[i]);
    }
    DWORD code = run("child sleep 0", NULL, 0, NULL, buf, sizeof(buf));
    ok(code == 3, "return from main: %lu\n", code);
}

static void test_command_line(void)
{
    static const char *const lines[] = {
        "child cmdline",
        "child cmdline a b   c",
        "child cmdline \"quoted arg\" x\\\\y \"a\\\"b\" \"\" end",
        "child cmdline trailing\\ \"slash\\\\\" \"odd\\\\\\\"q\"   ",
        "child cmdline tab\there \\\\server\\share",
    };
    char buf[2048], expect[2048];
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        run(lines[i], NULL, 0, NULL, buf, sizeof(buf));
        snprintf(expect, sizeof(expect), "\"%s\" %s", self, lines[i]);
        ok(!strcmp(buf, expect), "command line [%s], expected [%s]\n", buf, expect);
    }
    /* non-ASCII through the wide one */
    run("child wcmdline caf\xc3\xa9", NULL, 0, NULL, buf, sizeof(buf));
    ok(strstr(buf, "wcmdline caf") != NULL, "wide command line [%s]\n", buf);

    /* the application name given apart: the command line is still passed as is */
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE r, w;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD n = 0, total = 0;
    char cmd[] = "whatever-name child cmdline x";
    CreatePipe(&r, &w, &sa, 0);
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = si.hStdError = w;
    ok(CreateProcessA(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess with app name %lu\n",
       GetLastError());
    CloseHandle(w);
    while (total + 1 < sizeof(buf) && ReadFile(r, buf + total, sizeof(buf) - 1 - total, &n, NULL) && n) total += n;
    buf[total] = 0;
    ok(!strcmp(buf, "whatever-name child cmdline x"), "command line [%s]\n", buf);
    WaitForSingleObject(pi.hProcess, 10000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(r);
}

static void test_environment(void)
{
    char buf[1024];
    static char env_a[] = "CARAFE_TEST=42\0FOO=bar baz\0\0";
    run("child env CARAFE_TEST FOO NOT_THERE", env_a, 0, NULL, buf, sizeof(buf));
    ok(!strcmp(buf, "CARAFE_TEST=42;FOO=bar baz;NOT_THERE=<unset>;"), "ANSI environment [%s]\n", buf);

    static WCHAR env_w[] = u"WIDE=\x00e9t\x00e9\0ONE=1\0";
    run("child env ONE WIDE CARAFE_TEST", env_w, CREATE_UNICODE_ENVIRONMENT, NULL, buf, sizeof(buf));
    ok(!strncmp(buf, "ONE=1;WIDE=", 11) && strstr(buf, "CARAFE_TEST=<unset>;"), "wide environment [%s]\n", buf);

    /* the default: the parent's current environment, with its changes */
    SetEnvironmentVariableA("CARAFE_INHERITED", "yes");
    run("child env CARAFE_INHERITED", NULL, 0, NULL, buf, sizeof(buf));
    ok(!strcmp(buf, "CARAFE_INHERITED=yes;"), "inherited environment [%s]\n", buf);
    SetEnvironmentVariableA("CARAFE_INHERITED", NULL);
}

static void test_current_directory(void)
{
    char buf[MAX_PATH * 2], dir[MAX_PATH], here[MAX_PATH];
    GetWindowsDirectoryA(dir, sizeof(dir));
    run("child cwd", NULL, 0, dir, buf, sizeof(buf));
    ok(!lstrcmpiA(buf, dir), "child directory [%s], expected [%s]\n", buf, dir);
    GetCurrentDirectoryA(sizeof(here), here);
    run("child cwd", NULL, 0, NULL, buf, sizeof(buf));
    ok(!lstrcmpiA(buf, here), "inherited directory [%s], expected [%s]\n", buf, here);

    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 32];
    snprintf(cmd, sizeof(cmd), "\"%s\" child exit 0", self);
    SetLastError(0xdeadbeef);
    ok(!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, "C:\\no\\such\\directory", &si, &pi),
       "CreateProcess in a missing directory succeeded\n");
    ok(GetLastError() == ERROR_DIRECTORY, "error %lu\n", GetLastError());
}

static void test_inherited_handles(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE r, w;
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 64], buf[64];
    DWORD flags = 0xdeadbeef, n = 0, code = 0;

    ok(CreatePipe(&r, &w, &sa, 0), "CreatePipe %lu\n", GetLastError());
    ok(GetHandleInformation(w, &flags) && flags == HANDLE_FLAG_INHERIT, "pipe flags %lx\n", flags);
    ok(SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0), "SetHandleInformation %lu\n", GetLastError());
    ok(GetHandleInformation(r, &flags) && flags == 0, "read end flags %lx\n", flags);
    SetLastError(0xdeadbeef);
    ok(!GetHandleInformation((HANDLE)(ULONG_PTR)0xfff0, &flags), "flags of a bad handle\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());

    snprintf(cmd, sizeof(cmd), "\"%s\" child write %Ix", self, (ULONG_PTR)w);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess %lu\n", GetLastError());
    CloseHandle(w);
    memset(buf, 0, sizeof(buf));
    ok(ReadFile(r, buf, sizeof(buf) - 1, &n, NULL) && n == 9, "read %lu\n", n);
    ok(!strcmp(buf, "inherited"), "through the inherited handle [%s]\n", buf);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "wait\n");
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child could not write: %lu\n", code);
    /* the child has ended: its ends of the pipe are closed */
    SetLastError(0xdeadbeef);
    ok(!ReadFile(r, buf, sizeof(buf), &n, NULL) && GetLastError() == ERROR_BROKEN_PIPE, "read after end %lu\n",
       GetLastError());
    CloseHandle(r);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

static void test_std_handles(void)
{
    char buf[256];
    DWORD code = run("child stdout", NULL, CREATE_NO_WINDOW | CREATE_NEW_PROCESS_GROUP, NULL, buf, sizeof(buf));
    ok(code == 0, "exit code %lu\n", code);
    ok(!strcmp(buf, "to stdout+err"), "redirected output [%s]\n", buf);
}

static void test_wait_terminate(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi, pi2;
    char cmd[MAX_PATH + 64];
    DWORD code = 0;

    snprintf(cmd, sizeof(cmd), "\"%s\" child sleep 20000", self);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess %lu\n", GetLastError());
    ok(pi.hProcess && pi.hThread && pi.dwProcessId && pi.dwThreadId, "process information %p %p %lu %lu\n",
       pi.hProcess, pi.hThread, pi.dwProcessId, pi.dwThreadId);
    ok(pi.dwProcessId % 4 == 0, "process id %lu\n", pi.dwProcessId);
    ok(GetProcessId(pi.hProcess) == pi.dwProcessId, "GetProcessId %lu\n", GetProcessId(pi.hProcess));
    ok(WaitForSingleObject(pi.hProcess, 100) == WAIT_TIMEOUT, "a sleeping child is signaled\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "running child's code %lu\n", code);
    FILETIME c, e, k, u;
    ok(GetProcessTimes(pi.hProcess, &c, &e, &k, &u), "GetProcessTimes %lu\n", GetLastError());
    ok(c.dwHighDateTime != 0, "no creation time\n");

    /* OpenProcess by id, terminate through that handle */
    HANDLE h = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_TERMINATE, FALSE, pi.dwProcessId);
    ok(h != NULL, "OpenProcess %lu\n", GetLastError());
    ok(GetProcessId(h) == pi.dwProcessId, "GetProcessId of the opened %lu\n", GetProcessId(h));

    snprintf(cmd, sizeof(cmd), "\"%s\" child sleep 20000", self);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi2), "CreateProcess %lu\n", GetLastError());
    HANDLE both[2] = { pi.hProcess, pi2.hProcess };
    ok(WaitForMultipleObjects(2, both, FALSE, 50) == WAIT_TIMEOUT, "two sleeping children\n");

    ok(TerminateProcess(h, 0x1234abcd), "TerminateProcess %lu\n", GetLastError());
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "terminated child not signaled\n");
    ok(WaitForMultipleObjects(2, both, FALSE, 5000) == WAIT_OBJECT_0, "wait any\n");
    ok(WaitForSingleObject(pi.hThread, 5000) == WAIT_OBJECT_0, "the main thread did not end\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 0x1234abcd, "terminated code %#lx\n", code);
    ok(GetExitCodeProcess(h, &code) && code == 0x1234abcd, "terminated code via OpenProcess %#lx\n", code);
    /* Microsoft documents ERROR_ACCESS_DENIED here; Wine succeeds: only the code must stay */
    TerminateProcess(pi.hProcess, 5);
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 0x1234abcd, "code after a second terminate %#lx\n", code);
    ok(GetProcessTimes(pi.hProcess, &c, &e, &k, &u) && e.dwHighDateTime, "no exit time\n");

    ok(TerminateProcess(pi2.hProcess, 7), "TerminateProcess %lu\n", GetLastError());
    ok(WaitForMultipleObjects(2, both, TRUE, 5000) == WAIT_OBJECT_0, "wait all\n");
    ok(GetExitCodeProcess(pi2.hProcess, &code) && code == 7, "code %lu\n", code);
    CloseHandle(h);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(pi2.hProcess);
    CloseHandle(pi2.hThread);

    SetLastError(0xdeadbeef);
    ok(!OpenProcess(SYNCHRONIZE, FALSE, 0x7ffffffc), "OpenProcess of no process\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, GetCurrentProcessId());
    ok(h != NULL, "OpenProcess of itself %lu\n", GetLastError());
    ok(GetExitCodeProcess(h, &code) && code == STILL_ACTIVE, "own code %lu\n", code);
    ok(WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "own process signaled\n");
    CloseHandle(h);
}

static void test_process_ids(void)
{
    enum { N = 20 };
    PROCESS_INFORMATION pi[N];
    STARTUPINFOA si = { sizeof(si) };
    char cmd[MAX_PATH + 64], buf[64];
    snprintf(cmd, sizeof(cmd), "\"%s\" child sleep 20000", self);
    for (int i = 0; i < N; i++) {
        ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi[i]), "CreateProcess %lu\n",
           GetLastError());
        ok(pi[i].dwProcessId && pi[i].dwProcessId % 4 == 0 && pi[i].dwProcessId != GetCurrentProcessId(),
           "id %lu\n", pi[i].dwProcessId);
        for (int j = 0; j < i; j++)
            ok(pi[i].dwProcessId != pi[j].dwProcessId, "children %d and %d share id %lu\n", i, j, pi[i].dwProcessId);
    }
    for (int i = 0; i < N; i++) TerminateProcess(pi[i].hProcess, 0);
    for (int i = 0; i < N; i++) {
        ok(WaitForSingleObject(pi[i].hProcess, 5000) == WAIT_OBJECT_0, "child %d still runs\n", i);
        CloseHandle(pi[i].hProcess);
        CloseHandle(pi[i].hThread);
    }

    /* the child sees the id its parent was given */
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE r, w;
    PROCESS_INFORMATION p;
    DWORD n = 0;
    STARTUPINFOA si2 = { sizeof(si2) };
    CreatePipe(&r, &w, &sa, 0);
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    si2.dwFlags = STARTF_USESTDHANDLES;
    si2.hStdOutput = si2.hStdError = w;
    snprintf(cmd, sizeof(cmd), "\"%s\" child pid", self);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si2, &p), "CreateProcess %lu\n", GetLastError());
    CloseHandle(w);
    memset(buf, 0, sizeof(buf));
    ReadFile(r, buf, sizeof(buf) - 1, &n, NULL);
    ok(strtoul(buf, NULL, 10) == p.dwProcessId, "child says %s, parent got %lu\n", buf, p.dwProcessId);
    WaitForSingleObject(p.hProcess, 5000);
    CloseHandle(p.hProcess);
    CloseHandle(p.hThread);
    CloseHandle(r);
}

static void test_suspended(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 64];
    DWORD code = 0;
    snprintf(cmd, sizeof(cmd), "\"%s\" child exit 5", self);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, &pi), "CreateProcess %lu\n",
       GetLastError());
    ok(WaitForSingleObject(pi.hProcess, 200) == WAIT_TIMEOUT, "a suspended child ran\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "code %lu\n", code);
    ok(ResumeThread(pi.hThread) == 1, "ResumeThread\n");
    ok(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "the resumed child did not end\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 5, "code %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

static void test_not_found(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[] = "carafe_no_such_program_xyz arg";
    SetLastError(0xdeadbeef);
    ok(!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "a missing program started\n");
    ok(GetLastError() == ERROR_FILE_NOT_FOUND, "error %lu\n", GetLastError());
}

/* a Linux program by its Z: path (carafe only: Windows cannot run it) */
static void test_linux_child(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    HANDLE r, w;
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[] = "Z:\\bin\\echo hello \"a  b\" c\\\\d", buf[256];
    DWORD n = 0, total = 0, code = 1;
    if (on_wine) return;
    CreatePipe(&r, &w, &sa, 0);
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = si.hStdError = w;
    ok(CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess(echo) %lu\n",
       GetLastError());
    CloseHandle(w);
    while (total + 1 < sizeof(buf) && ReadFile(r, buf + total, sizeof(buf) - 1 - total, &n, NULL) && n) total += n;
    buf[total] = 0;
    CloseHandle(r);
    ok(!strcmp(buf, "hello a  b c\\\\d\n"), "echo said [%s]\n", buf);
    ok(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "echo did not end\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "echo code %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    char cmd2[] = "/bin/sh -c \"exit 42\"";
    ok(CreateProcessA(NULL, cmd2, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess(sh) %lu\n",
       GetLastError());
    ok(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "sh did not end\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 42, "sh code %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) return child(argc, argv);
    on_wine = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
    GetModuleFileNameA(NULL, self, sizeof(self));
    test_exit_codes();
    test_command_line();
    test_environment();
    test_current_directory();
    test_inherited_handles();
    test_std_handles();
    test_wait_terminate();
    test_process_ids();
    test_suspended();
    test_not_found();
    test_linux_child();
    return test_summary();
}
