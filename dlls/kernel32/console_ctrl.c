/* Console control events (DESIGN decision 11): SetConsoleCtrlHandler and
 * GenerateConsoleCtrlEvent.
 *
 * SIGINT (Ctrl-C at the terminal) is CTRL_C_EVENT and SIGHUP (the terminal
 * went away) CTRL_CLOSE_EVENT.  As on Windows, the handlers run on a new
 * thread (made with CreateThread, so it gets DLL_THREAD_ATTACH), the last
 * registered first, until one returns TRUE; the default handler at the
 * bottom of the list calls ExitProcess(STATUS_CONTROL_C_EXIT).  After the
 * handlers of CTRL_CLOSE_EVENT the process ends whatever they returned.
 *
 * The same thread answers carafe-server's SIGURG: another process asks
 * for a handle of ours (DuplicateHandle, duplicate.c).
 *
 * The signal handler only writes the event to a pipe.  A watcher thread
 * (a TEB but no DLL notifications, never seen by the program) reads it and
 * calls CreateThread: neither a signal handler nor an interrupted thread
 * that may hold the heap lock could.
 *
 * SetConsoleCtrlHandler(NULL, TRUE) ignores CTRL_C_EVENT.  The state is
 * bit 0 of the process parameters' ConsoleFlags (as Windows keeps it), and
 * SIGINT is then SIG_IGN, which exec keeps: child processes start with
 * Ctrl-C ignored, as Windows children inherit it.  At start-up an inherited
 * SIG_IGN (nohup, a shell's background job) or the bit set by the parent
 * means ignore. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "sync_private.h"
#include "named_private.h"

DEFAULT_DEBUG_CHANNEL(console);

#define CTRL_C_EVENT        0
#define CTRL_BREAK_EVENT    1
#define CTRL_CLOSE_EVENT    2
#define SERVE_DUP_ASKS      0x80   /* not an event: SIGURG from carafe-server (duplicate.c) */
#define CONSOLE_IGNORE_CTRL_C 0x1   /* RTL_USER_PROCESS_PARAMETERS.ConsoleFlags */
#ifndef STATUS_CONTROL_C_EXIT
#define STATUS_CONTROL_C_EXIT 0xc000013a
#endif

typedef BOOL (WINAPI *ctrl_handler_fn)(DWORD);

static pthread_mutex_t ctrl_lock = PTHREAD_MUTEX_INITIALIZER;
static ctrl_handler_fn *ctrl_handlers;
static unsigned int ctrl_count, ctrl_capacity;
static int ctrl_pipe[2] = { -1, -1 };
static int closing;    /* a CTRL_CLOSE_EVENT is being handled */

static ULONG *console_flags(void)
{
    return &NtCurrentTeb()->Peb->ProcessParameters->ConsoleFlags;
}

static void ctrl_signal_handler(int sig)
{
    int saved = errno;
    unsigned char event = sig == SIGINT ? CTRL_C_EVENT : CTRL_CLOSE_EVENT;
    if (event == CTRL_CLOSE_EVENT && __atomic_exchange_n(&closing, 1, __ATOMIC_ACQ_REL))
        _exit(STATUS_CONTROL_C_EXIT);   /* the second close: the handlers had their chance */
    if (write(ctrl_pipe[1], &event, 1) < 0) _exit(STATUS_CONTROL_C_EXIT);
    errno = saved;
}

static void serve_signal_handler(int sig)
{
    int saved = errno;
    unsigned char what = SERVE_DUP_ASKS;
    if (write(ctrl_pipe[1], &what, 1) < 0) { /* full: a request is queued already */ }
    errno = saved;
}

static void set_sigint(BOOL ignore)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = ignore ? SIG_IGN : ctrl_signal_handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* the thread Windows starts in the process for each event */
static DWORD WINAPI ctrl_routine(void *arg)
{
    DWORD event = (DWORD)(ULONG_PTR)arg;
    ctrl_handler_fn *snapshot;
    unsigned int n;

    pthread_mutex_lock(&ctrl_lock);
    n = ctrl_count;
    snapshot = n ? malloc(n * sizeof(*snapshot)) : NULL;
    if (snapshot) memcpy(snapshot, ctrl_handlers, n * sizeof(*snapshot));
    else n = 0;
    pthread_mutex_unlock(&ctrl_lock);

    BOOL handled = FALSE;
    while (n-- && !handled) {
        TRACE("event %u: handler %p\n", event, snapshot[n]);
        handled = snapshot[n](event);
    }
    free(snapshot);
    if (!handled || event == CTRL_CLOSE_EVENT) {
        TRACE("event %u: the default handler ends the process\n", event);
        ExitProcess(STATUS_CONTROL_C_EXIT);
    }
    return 0;
}

static void deliver(DWORD event)
{
    if (event == CTRL_C_EVENT && (*console_flags() & CONSOLE_IGNORE_CTRL_C)) return;
    HANDLE h = CreateThread(NULL, 0, ctrl_routine, (void *)(ULONG_PTR)event, 0, NULL);
    if (h) CloseHandle(h);
    else ERR("cannot start the control handler thread (%u)\n", GetLastError());
}

/* host code on a carafe thread that runs no program code */
static void watcher(void *arg)
{
    for (;;) {
        unsigned char event;
        ssize_t n = read(ctrl_pipe[0], &event, 1);
        if (n == 1 && event == SERVE_DUP_ASKS) k32_dup_serve();
        else if (n == 1) deliver(event);
        else if (n == 0 || errno != EINTR) break;
    }
    carafe_thread_exit();
}

void k32_console_ctrl_init(void)
{
    struct sigaction old;
    if (pipe2(ctrl_pipe, O_CLOEXEC)) {
        ERR("pipe: %s\n", strerror(errno));
        return;
    }
    fcntl(ctrl_pipe[1], F_SETFL, O_NONBLOCK);   /* never block in the signal handler */
    if (!carafe_thread_create(watcher, NULL, 64 * 1024)) {
        ERR("cannot start the console control thread\n");
        return;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = serve_signal_handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGURG, &sa, NULL);
    if (!sigaction(SIGINT, NULL, &old) && old.sa_handler == SIG_IGN) *console_flags() |= CONSOLE_IGNORE_CTRL_C;
    set_sigint(*console_flags() & CONSOLE_IGNORE_CTRL_C);
    if (!sigaction(SIGHUP, NULL, &old) && old.sa_handler != SIG_IGN) {
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = ctrl_signal_handler;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGHUP, &sa, NULL);
    }
}

BOOL WINAPI SetConsoleCtrlHandler(ctrl_handler_fn handler, BOOL add)
{
    if (!handler) {
        if (add) *console_flags() |= CONSOLE_IGNORE_CTRL_C;
        else *console_flags() &= ~CONSOLE_IGNORE_CTRL_C;
        if (ctrl_pipe[1] >= 0) set_sigint(add);
        return TRUE;
    }
    BOOL ret = TRUE;
    pthread_mutex_lock(&ctrl_lock);
    if (add) {
        if (ctrl_count == ctrl_capacity) {
            unsigned int cap = ctrl_capacity ? ctrl_capacity * 2 : 8;
            ctrl_handler_fn *p = realloc(ctrl_handlers, cap * sizeof(*p));
            if (!p) {
                SetLastError(ERROR_NOT_ENOUGH_MEMORY);
                ret = FALSE;
                goto out;
            }
            ctrl_handlers = p;
            ctrl_capacity = cap;
        }
        ctrl_handlers[ctrl_count++] = handler;
        goto out;
    }
    for (unsigned int i = ctrl_count; i-- > 0;) {
        if (ctrl_handlers[i] != handler) continue;
        memmove(ctrl_handlers + i, ctrl_handlers + i + 1, (ctrl_count - i - 1) * sizeof(*ctrl_handlers));
        ctrl_count--;
        goto out;
    }
    SetLastError(ERROR_INVALID_PARAMETER);
    ret = FALSE;
out:
    pthread_mutex_unlock(&ctrl_lock);
    return ret;
}

/* CTRL_C_EVENT to group 0 goes to every process of the console, which on
 * Linux is the process group (as Ctrl-C at the terminal): the caller gets
 * it through its own SIGINT.  Windows ignores CTRL_C_EVENT for a nonzero
 * group.  CTRL_BREAK_EVENT has no Linux signal: only this process gets it. */
BOOL WINAPI GenerateConsoleCtrlEvent(DWORD event, DWORD group)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (event == CTRL_C_EVENT) {
        if (!group && kill(0, SIGINT)) {
            carafe_set_errno_error();
            return FALSE;
        }
        return TRUE;
    }
    if (group && group != GetCurrentProcessId()) FIXME("CTRL_BREAK_EVENT to process group %u\n", group);
    else if (!group) FIXME("CTRL_BREAK_EVENT reaches only the calling process\n");
    if (!group || group == GetCurrentProcessId()) {
        unsigned char ev = CTRL_BREAK_EVENT;
        if (ctrl_pipe[1] < 0 || write(ctrl_pipe[1], &ev, 1) != 1) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
    }
    return TRUE;
}
