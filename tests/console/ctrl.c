/* Console control events, driven by ctrl_checks (which sends the signals):
 *   ctrl handler    two handlers, the last registered runs first (FALSE),
 *                   then the first (TRUE); on a thread of its own; exit 3
 *   ctrl default    no handler: the default handler exits with 0xc000013a
 *   ctrl false      a handler that returns FALSE: then the default
 *   ctrl ignore     SetConsoleCtrlHandler(NULL, TRUE): Ctrl-C does nothing
 *   ctrl msvcrt     signal(SIGINT, handler) through the CRT's control handler
 *   ctrl generate   GenerateConsoleCtrlEvent in-process
 *   ctrl flags      prints bit 0 of ConsoleFlags (Ctrl-C ignored)
 * "ready" is printed when the signal may be sent; the script then creates
 * the file "go" where a mode needs to know that it was. */
#include <windows.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static DWORD main_tid;
static HANDLE done;
static volatile LONG events[3];

static void out(const char *s)
{
    printf("%s\n", s);
    fflush(stdout);
}

static BOOL WINAPI first(DWORD ev)
{
    printf("first: event %lu, %s thread\n", ev, GetCurrentThreadId() == main_tid ? "main" : "new");
    fflush(stdout);
    SetEvent(done);
    return TRUE;
}

static BOOL WINAPI second(DWORD ev)
{
    printf("second: event %lu\n", ev);
    fflush(stdout);
    return FALSE;
}

static BOOL WINAPI counting(DWORD ev)
{
    if (ev < 3) InterlockedIncrement(&events[ev]);
    SetEvent(done);
    return TRUE;
}

static void on_sigint(int sig)
{
    printf("SIGINT handler: %d, %s thread\n", sig, GetCurrentThreadId() == main_tid ? "main" : "new");
    fflush(stdout);
    SetEvent(done);
}

static void wait_for_go(void)
{
    for (int i = 0; i < 200 && GetFileAttributesA("go") == INVALID_FILE_ATTRIBUTES; i++) Sleep(50);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    main_tid = GetCurrentThreadId();
    done = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (!strcmp(mode, "handler")) {
        SetConsoleCtrlHandler(first, TRUE);
        SetConsoleCtrlHandler(second, TRUE);
        out("ready");
        if (WaitForSingleObject(done, 10000)) { out("timeout"); return 1; }
        out("done");
        return 3;
    }
    if (!strcmp(mode, "default") || !strcmp(mode, "false")) {
        if (*mode == 'f') SetConsoleCtrlHandler(second, TRUE);
        out("ready");
        Sleep(10000);
        out("not stopped");
        return 1;
    }
    if (!strcmp(mode, "ignore")) {
        SetConsoleCtrlHandler(NULL, TRUE);
        out("ready");
        wait_for_go();
        Sleep(300);
        out("still running");
        return 0;
    }
    if (!strcmp(mode, "msvcrt")) {
        if (signal(SIGINT, on_sigint) != SIG_DFL) out("old handler not SIG_DFL");
        out("ready");
        if (WaitForSingleObject(done, 10000)) { out("timeout"); return 1; }
        /* the CRT resets the handler before it calls it */
        printf("after: %s\n", signal(SIGINT, SIG_DFL) == SIG_DFL ? "SIG_DFL" : "not reset");
        return 4;
    }
    if (!strcmp(mode, "generate")) {
        SetLastError(0xdeadbeef);
        BOOL r = GenerateConsoleCtrlEvent(7, 0);
        printf("bad event: %d %lu\n", r, GetLastError());
        SetConsoleCtrlHandler(counting, TRUE);
        printf("break: %d\n", GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0));
        WaitForSingleObject(done, 5000);
        ResetEvent(done);
        printf("c: %d\n", GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0));
        WaitForSingleObject(done, 5000);
        for (int i = 0; i < 20 && events[0] + events[1] < 2; i++) Sleep(50);
        printf("events: c %ld break %ld\n", events[0], events[1]);
        printf("remove: %d\n", SetConsoleCtrlHandler(counting, FALSE));
        SetLastError(0xdeadbeef);
        r = SetConsoleCtrlHandler(counting, FALSE);
        printf("remove again: %d %lu\n", r, GetLastError());
        return 0;
    }
    if (!strcmp(mode, "flags")) {
        char *peb = *(char **)((char *)NtCurrentTeb() + 0x60);
        char *params = *(char **)(peb + 0x20);
        printf("ignored: %lu\n", *(ULONG *)(params + 0x18) & 1);
        return 0;
    }
    out("usage: ctrl handler|default|false|ignore|msvcrt|generate|flags");
    return 2;
}
