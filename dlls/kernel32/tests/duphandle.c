/* Conformance tests: DuplicateHandle across processes and inheritance of
 * handles other than files (events, mutexes, mappings, processes).  The
 * test runs itself as the child ("duphandle.exe child WHAT ..."). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static char self[MAX_PATH];

static HANDLE arg_handle(const char *s)
{
    return (HANDLE)(ULONG_PTR)strtoull(s, NULL, 16);
}

/* ---- the child ---- */

static int child(int argc, char **argv)
{
    const char *what = argv[2];
    DWORD n;
    if (!strcmp(what, "write") && argc >= 5) {
        /* a pipe's write end and an event, both duplicated into us */
        HANDLE w = arg_handle(argv[3]), ev = arg_handle(argv[4]);
        if (GetFileType(w) != FILE_TYPE_PIPE) return 2;
        if (!WriteFile(w, "duplicated", 10, &n, NULL) || n != 10) return 3;
        if (!CloseHandle(w)) return 4;
        if (!SetEvent(ev)) return 5;
        if (!CloseHandle(ev)) return 6;
        if (CloseHandle(w)) return 7;   /* gone now */
        return 0;
    }
    if (!strcmp(what, "give") && argc >= 4) {
        /* duplicate an event of ours into the parent; tell it the value */
        HANDLE parent = OpenProcess(PROCESS_DUP_HANDLE, FALSE, (DWORD)strtoul(argv[3], NULL, 0));
        SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
        HANDLE ev = CreateEventA(&sa, TRUE, FALSE, NULL), out = NULL;
        char buf[64];
        if (!parent || !ev) return 2;
        if (!DuplicateHandle(GetCurrentProcess(), ev, parent, &out, 0, FALSE, DUPLICATE_SAME_ACCESS)) return 3;
        sprintf(buf, "%p\n", out);
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, (DWORD)strlen(buf), &n, NULL);
        /* the parent signals it through its handle */
        if (WaitForSingleObject(ev, 10000) != WAIT_OBJECT_0) return 4;
        CloseHandle(parent);
        CloseHandle(ev);
        return 0;
    }
    if (!strcmp(what, "inherit") && argc >= 6) {
        /* inherited: an unnamed event, a named mutex, a mapping */
        HANDLE ev = arg_handle(argv[3]), mutex = arg_handle(argv[4]), map = arg_handle(argv[5]);
        if (!SetEvent(ev)) return 2;
        DWORD r = WaitForSingleObject(mutex, 0);
        if (r != WAIT_TIMEOUT) return 3;   /* the parent holds it */
        char *view = MapViewOfFile(map, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, 0);
        if (!view) return 4;
        if (strcmp(view, "from the parent")) return 5;
        strcpy(view, "from the child");
        UnmapViewOfFile(view);
        HANDLE named = OpenMutexA(SYNCHRONIZE, FALSE, "carafe_duphandle_mutex");
        if (!named) return 6;
        CloseHandle(named);
        CloseHandle(map);
        CloseHandle(mutex);
        CloseHandle(ev);
        return 0;
    }
    if (!strcmp(what, "private") && argc >= 6) {
        /* the parent's private objects: it holds the mutex, waits on the event */
        HANDLE ev = arg_handle(argv[3]), sem = arg_handle(argv[4]), mutex = arg_handle(argv[5]);
        LONG prev = -1;
        if (WaitForSingleObject(mutex, 0) != WAIT_TIMEOUT) return 2;
        if (!SetEvent(ev)) return 3;
        if (!ReleaseSemaphore(sem, 2, &prev) || prev != 0) return 4;
        if (WaitForSingleObject(mutex, 10000) != WAIT_OBJECT_0) return 5;
        if (!ReleaseMutex(mutex)) return 6;
        CloseHandle(ev);
        CloseHandle(sem);
        CloseHandle(mutex);
        return 0;
    }
    if (!strcmp(what, "own")) {
        /* the parent takes handles of ours: it tells us through them */
        HANDLE e1 = CreateEventA(NULL, FALSE, FALSE, NULL), e2 = CreateEventA(NULL, TRUE, FALSE, NULL), r, w;
        char buf[96];
        if (!e1 || !e2 || !CreatePipe(&r, &w, NULL, 0)) return 2;
        sprintf(buf, "%p %p %p\n", e1, e2, w);
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buf, (DWORD)strlen(buf), &n, NULL);
        if (WaitForSingleObject(e1, 10000) != WAIT_OBJECT_0) return 3;
        if (CloseHandle(e2)) return 4;   /* the parent closed it */
        if (!ReadFile(r, buf, 5, &n, NULL) || n != 5 || memcmp(buf, "taken", 5)) return 5;
        if (!CloseHandle(w)) return 6;   /* still ours */
        CloseHandle(r);
        CloseHandle(e1);
        return 0;
    }
    if (!strcmp(what, "parent") && argc >= 4) {
        /* a handle to the parent process, duplicated into us */
        HANDLE p = arg_handle(argv[3]);
        DWORD code;
        if (!GetExitCodeProcess(p, &code) || code != STILL_ACTIVE) return 2;
        if (GetProcessId(p) != (DWORD)strtoul(argv[4], NULL, 0)) return 3;
        CloseHandle(p);
        return 0;
    }
    return 99;
}

/* ---- the parent ---- */

static BOOL start(const char *args, BOOL inherit, DWORD flags, PROCESS_INFORMATION *pi, HANDLE out)
{
    STARTUPINFOA si;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "\"%s\" child %s", self, args);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (out) {
        si.dwFlags = STARTF_USESTDHANDLES;
        si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
        si.hStdOutput = out;
        si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    }
    BOOL ret = CreateProcessA(NULL, cmd, NULL, NULL, inherit, flags, NULL, NULL, &si, pi);
    ok(ret, "CreateProcess(%s) failed: %lu\n", cmd, GetLastError());
    return ret;
}

static DWORD finish(PROCESS_INFORMATION *pi)
{
    DWORD code = 0xdeadbeef;
    ok(WaitForSingleObject(pi->hProcess, 10000) == WAIT_OBJECT_0, "child did not end\n");
    GetExitCodeProcess(pi->hProcess, &code);
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
    return code;
}

/* a child started with a pipe on its stdin, for values we learn later */
static BOOL start_stdin(const char *what, PROCESS_INFORMATION *pi, HANDLE *in)
{
    HANDLE ir, iw;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si;
    char cmd[1024];
    ok(CreatePipe(&ir, &iw, &sa, 0), "CreatePipe %lu\n", GetLastError());
    SetHandleInformation(iw, HANDLE_FLAG_INHERIT, 0);
    snprintf(cmd, sizeof(cmd), "\"%s\" child %s", self, what);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = ir;
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    BOOL ret = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, pi);
    ok(ret, "CreateProcess %lu\n", GetLastError());
    CloseHandle(ir);
    *in = iw;
    return ret;
}

/* the parent duplicates a pipe's write end and an event into a child and
 * passes the values on (on its stdin: the values come back from
 * DuplicateHandle, after the command line is fixed) */
static void test_into_child(void)
{
    PROCESS_INFORMATION pi;
    HANDLE r, w, ev, cw = NULL, cev = NULL;
    char args[128], buf[64];
    DWORD n = 0;

    ev = CreateEventA(NULL, TRUE, FALSE, "carafe_duphandle_event");
    ok(ev != NULL, "CreateEvent %lu\n", GetLastError());
    ok(CreatePipe(&r, &w, NULL, 0), "CreatePipe %lu\n", GetLastError());
    {
        HANDLE iw;
        if (!start_stdin("stdin-write", &pi, &iw)) return;
        ok(DuplicateHandle(GetCurrentProcess(), w, pi.hProcess, &cw, 0, FALSE,
                           DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
           "DuplicateHandle(pipe) %lu\n", GetLastError());
        ok(!CloseHandle(w), "the source was not closed\n");
        ok(DuplicateHandle(GetCurrentProcess(), ev, pi.hProcess, &cev, 0, FALSE, DUPLICATE_SAME_ACCESS),
           "DuplicateHandle(event) %lu\n", GetLastError());
        snprintf(args, sizeof(args), "%p %p\n", cw, cev);
        WriteFile(iw, args, (DWORD)strlen(args), &n, NULL);
        CloseHandle(iw);
    }
    n = 0;
    ok(ReadFile(r, buf, sizeof(buf) - 1, &n, NULL) && n == 10, "read %lu bytes, error %lu\n", n, GetLastError());
    buf[n] = 0;
    ok(!strcmp(buf, "duplicated"), "read [%s]\n", buf);
    /* the only write end was the child's: closed, so end of pipe */
    ok(!ReadFile(r, buf, sizeof(buf), &n, NULL) && GetLastError() == ERROR_BROKEN_PIPE,
       "second read: %lu\n", GetLastError());
    ok(WaitForSingleObject(ev, 5000) == WAIT_OBJECT_0, "the child did not signal the event\n");
    ok(finish(&pi) == 0, "child failed\n");
    CloseHandle(r);
    CloseHandle(ev);
}

/* the child duplicates its own event into us */
static void test_from_child(void)
{
    PROCESS_INFORMATION pi;
    HANDLE r, w, ev;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    char args[64], buf[64];
    DWORD n, total = 0;

    ok(CreatePipe(&r, &w, &sa, 0), "CreatePipe %lu\n", GetLastError());
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    snprintf(args, sizeof(args), "give %lu", GetCurrentProcessId());
    if (!start(args, TRUE, 0, &pi, w)) return;
    CloseHandle(w);
    /* up to the newline: the child goes on running */
    while (total + 1 < sizeof(buf) && ReadFile(r, buf + total, 1, &n, NULL) && n && buf[total] != '\n') total++;
    buf[total] = 0;
    ev = arg_handle(buf);
    ok(total > 0 && ev != NULL, "no value from the child [%s]\n", buf);
    ok(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "the event is signaled\n");
    ok(SetEvent(ev), "SetEvent %lu\n", GetLastError());
    ok(finish(&pi) == 0, "child failed\n");
    CloseHandle(r);
    ok(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "the event is not signaled\n");
    ok(CloseHandle(ev), "CloseHandle %lu\n", GetLastError());
}

/* inheritable handles to an unnamed event, a named mutex and a mapping */
static void test_inherit(void)
{
    PROCESS_INFORMATION pi;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    char args[128];

    HANDLE ev = CreateEventA(&sa, TRUE, FALSE, NULL);
    HANDLE mutex = CreateMutexA(&sa, TRUE, "carafe_duphandle_mutex");
    HANDLE map = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, 4096, NULL);
    ok(ev && mutex && map, "create %lu\n", GetLastError());
    DWORD flags = 0;
    ok(GetHandleInformation(ev, &flags) && (flags & HANDLE_FLAG_INHERIT), "event flags %lu\n", flags);
    char *view = MapViewOfFile(map, FILE_MAP_WRITE, 0, 0, 0);
    ok(view != NULL, "MapViewOfFile %lu\n", GetLastError());
    if (!view) return;
    strcpy(view, "from the parent");
    snprintf(args, sizeof(args), "inherit %p %p %p", ev, mutex, map);
    if (!start(args, TRUE, 0, &pi, NULL)) return;
    ok(WaitForSingleObject(ev, 10000) == WAIT_OBJECT_0, "the child did not signal\n");
    ok(finish(&pi) == 0, "child failed\n");
    ok(!strcmp(view, "from the child"), "view [%s]\n", view);
    UnmapViewOfFile(view);
    ReleaseMutex(mutex);
    CloseHandle(mutex);
    CloseHandle(map);
    CloseHandle(ev);
}

/* a process handle (our own pseudo handle) into a child */
static void test_process_handle(void)
{
    PROCESS_INFORMATION pi;
    HANDLE iw, ch = NULL;
    char line[64];
    DWORD n;

    if (!start_stdin("stdin-parent", &pi, &iw)) return;
    ok(DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), pi.hProcess, &ch, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle(process) %lu\n", GetLastError());
    snprintf(line, sizeof(line), "%p %lu\n", ch, GetCurrentProcessId());
    WriteFile(iw, line, (DWORD)strlen(line), &n, NULL);
    CloseHandle(iw);
    ok(finish(&pi) == 0, "child failed\n");
}

static DWORD WINAPI waiter(void *ev)
{
    return WaitForSingleObject(ev, 10000);
}

/* Objects made without a name and not inheritable go to a child too; a
 * thread of ours already waiting on the event, and our ownership of the
 * mutex, carry over. */
static void test_private_objects(void)
{
    PROCESS_INFORMATION pi;
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE sem = CreateSemaphoreA(NULL, 0, 5, NULL);
    HANDLE mutex = CreateMutexA(NULL, TRUE, NULL);
    HANDLE cev = NULL, csem = NULL, cmutex = NULL, in;
    DWORD code = 0, n;
    char line[128];

    ok(ev && sem && mutex, "create %lu\n", GetLastError());
    HANDLE t = CreateThread(NULL, 0, waiter, ev, 0, NULL);
    Sleep(100);   /* asleep on the event before it goes */
    if (!start_stdin("stdin-private", &pi, &in)) return;
    ok(DuplicateHandle(GetCurrentProcess(), ev, pi.hProcess, &cev, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle(event) %lu\n", GetLastError());
    ok(DuplicateHandle(GetCurrentProcess(), sem, pi.hProcess, &csem, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle(semaphore) %lu\n", GetLastError());
    ok(DuplicateHandle(GetCurrentProcess(), mutex, pi.hProcess, &cmutex, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle(mutex) %lu\n", GetLastError());
    snprintf(line, sizeof(line), "%p %p %p\n", cev, csem, cmutex);
    WriteFile(in, line, (DWORD)strlen(line), &n, NULL);
    CloseHandle(in);
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "the waiter did not end\n");
    ok(GetExitCodeThread(t, &code) && code == WAIT_OBJECT_0, "the waiter got %lu\n", code);
    CloseHandle(t);
    ok(WaitForSingleObject(sem, 10000) == WAIT_OBJECT_0, "the semaphore was not released\n");
    ok(WaitForSingleObject(sem, 0) == WAIT_OBJECT_0, "the semaphore was released once\n");
    ok(WaitForSingleObject(sem, 0) == WAIT_TIMEOUT, "the semaphore count is over 2\n");
    ok(ReleaseMutex(mutex), "ReleaseMutex %lu\n", GetLastError());
    ok(!ReleaseMutex(mutex) && GetLastError() == ERROR_NOT_OWNER, "released twice: %lu\n", GetLastError());
    ok(finish(&pi) == 0, "child failed\n");
    ok(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0, "the mutex is not free\n");
    ok(ReleaseMutex(mutex), "ReleaseMutex %lu\n", GetLastError());
    ok(SetEvent(ev) && WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "the event does not work here\n");
    ok(WaitForSingleObject(ev, 0) == WAIT_TIMEOUT, "the event is not auto-reset\n");
    CloseHandle(ev);
    CloseHandle(sem);
    CloseHandle(mutex);
}

static HANDLE ping[2];

static DWORD WINAPI pong(void *arg)
{
    for (int i = 0; i < 20000; i++) {
        if (WaitForSingleObject(ping[0], 10000) != WAIT_OBJECT_0) return 1;
        if (!SetEvent(ping[1])) return 2;
    }
    return 0;
}

/* Two threads play ping-pong on two private events while a third gives
 * them to a child: the move to a shared page loses no signal. */
static void test_move_while_used(void)
{
    PROCESS_INFORMATION pi;
    HANDLE in, c0 = NULL, c1 = NULL;
    DWORD code = 99;
    int i, lost = -1;
    ping[0] = CreateEventA(NULL, FALSE, FALSE, NULL);
    ping[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
    if (!start_stdin("stdin-eof", &pi, &in)) return;
    HANDLE t = CreateThread(NULL, 0, pong, NULL, 0, NULL);
    for (i = 0; i < 20000; i++) {
        SetEvent(ping[0]);
        if (WaitForSingleObject(ping[1], 10000) != WAIT_OBJECT_0) {
            lost = i;
            break;
        }
        if (i == 5000) {
            ok(DuplicateHandle(GetCurrentProcess(), ping[0], pi.hProcess, &c0, 0, FALSE, DUPLICATE_SAME_ACCESS),
               "DuplicateHandle %lu\n", GetLastError());
            ok(DuplicateHandle(GetCurrentProcess(), ping[1], pi.hProcess, &c1, 0, FALSE, DUPLICATE_SAME_ACCESS),
               "DuplicateHandle %lu\n", GetLastError());
        }
    }
    ok(lost < 0, "round %d lost a signal\n", lost);
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0 && GetExitCodeThread(t, &code) && code == 0,
       "the other thread: %lu\n", code);
    CloseHandle(t);
    CloseHandle(in);
    ok(finish(&pi) == 0, "child failed\n");
    CloseHandle(ping[0]);
    CloseHandle(ping[1]);
}

/* DuplicateHandle with the child as the source: its events and its pipe */
static void test_take_from_child(void)
{
    PROCESS_INFORMATION pi;
    HANDLE r, w, e1 = NULL, e2 = NULL, cw = NULL, out = NULL;
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    char buf[128], a[40] = "", b[40] = "", c[40] = "";
    DWORD n, total = 0;

    ok(CreatePipe(&r, &w, &sa, 0), "CreatePipe %lu\n", GetLastError());
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    if (!start("own", TRUE, 0, &pi, w)) return;
    CloseHandle(w);
    while (total + 1 < sizeof(buf) && ReadFile(r, buf + total, 1, &n, NULL) && n && buf[total] != '\n') total++;
    buf[total] = 0;
    ok(sscanf(buf, "%39s %39s %39s", a, b, c) == 3, "no values from the child [%s]\n", buf);
    ok(DuplicateHandle(pi.hProcess, arg_handle(a), GetCurrentProcess(), &e1, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle(the child's event) %lu\n", GetLastError());
    ok(DuplicateHandle(pi.hProcess, arg_handle(c), GetCurrentProcess(), &cw, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle(the child's pipe) %lu\n", GetLastError());
    ok(WriteFile(cw, "taken", 5, &n, NULL) && n == 5, "WriteFile %lu\n", GetLastError());
    ok(CloseHandle(cw), "CloseHandle %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!DuplicateHandle(pi.hProcess, (HANDLE)(ULONG_PTR)0x7ffc, GetCurrentProcess(), &out, 0, FALSE,
                        DUPLICATE_SAME_ACCESS) && GetLastError() == ERROR_INVALID_HANDLE,
       "a bad handle of the child: %lu\n", GetLastError());
    /* closing a handle in another process: no target.  Microsoft's docs:
     * hTargetProcessHandle "can be specified as NULL if the
     * DUPLICATE_CLOSE_SOURCE flag is set"; Wine 8 fails it with
     * ERROR_INVALID_HANDLE (and the child then finds the handle open). */
    e2 = arg_handle(b);
    ok(DuplicateHandle(pi.hProcess, e2, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE),
       "DuplicateHandle(close in the child) %lu\n", GetLastError());
    ok(WaitForSingleObject(e1, 0) == WAIT_TIMEOUT, "the child's event is signaled\n");
    ok(SetEvent(e1), "SetEvent %lu\n", GetLastError());
    DWORD code = finish(&pi);
    ok(code == 0, "child failed (%lu)\n", code);
    ok(CloseHandle(e1), "CloseHandle %lu\n", GetLastError());
    CloseHandle(r);
}

static void test_errors(void)
{
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL), out = NULL;
    SetLastError(0xdeadbeef);
    ok(!DuplicateHandle(GetCurrentProcess(), (HANDLE)(ULONG_PTR)0x7ffc, GetCurrentProcess(), &out, 0, FALSE,
                        DUPLICATE_SAME_ACCESS) && GetLastError() == ERROR_INVALID_HANDLE,
       "bad source: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!DuplicateHandle(GetCurrentProcess(), ev, ev, &out, 0, FALSE, DUPLICATE_SAME_ACCESS) &&
       GetLastError() == ERROR_INVALID_HANDLE, "an event as the target process: %lu\n", GetLastError());
    /* close-source within the process */
    ok(DuplicateHandle(GetCurrentProcess(), ev, GetCurrentProcess(), &out, 0, FALSE,
                       DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE), "DuplicateHandle %lu\n", GetLastError());
    if (ev != out) ok(!CloseHandle(ev), "the source is still open\n");
    ok(SetEvent(out), "the duplicate does not work: %lu\n", GetLastError());
    CloseHandle(out);
}

/* the children that read their handle values on stdin */
static int stdin_child(const char *what)
{
    char line[160], a[40] = "", b[40] = "", c[40] = "";
    DWORD n, total = 0;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    while (total + 1 < sizeof(line) && ReadFile(in, line + total, 1, &n, NULL) && n) {
        if (line[total] == '\n') break;
        total++;
    }
    line[total] = 0;
    if (sscanf(line, "%39s %39s %39s", a, b, c) < 2) return 90;
    char *argv[] = { "", "child", (char *)what, a, b, c, NULL };
    return child(*c ? 6 : 5, argv);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) {
        if (!strcmp(argv[2], "stdin-write")) return stdin_child("write");
        if (!strcmp(argv[2], "stdin-parent")) return stdin_child("parent");
        if (!strcmp(argv[2], "stdin-private")) return stdin_child("private");
        if (!strcmp(argv[2], "stdin-eof")) {
            char c;
            DWORD n;
            while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), &c, 1, &n, NULL) && n) ;
            return 0;
        }
        return child(argc, argv);
    }
    GetModuleFileNameA(NULL, self, sizeof(self));
    test_errors();
    test_into_child();
    test_from_child();
    test_inherit();
    test_process_handle();
    test_private_objects();
    test_take_from_child();
    test_move_while_used();
    return test_summary();
}
