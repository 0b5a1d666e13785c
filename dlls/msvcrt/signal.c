/* signal and raise with msvcrt's signal numbers and default actions. */
#include "msvcrt_private.h"
#include "winbase.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define MSVCRT_SIGINT   2
#define MSVCRT_SIGILL   4
#define MSVCRT_SIGABRT_COMPAT 6
#define MSVCRT_SIGFPE   8
#define MSVCRT_SIGSEGV  11
#define MSVCRT_SIGTERM  15
#define MSVCRT_SIGBREAK 21
#define MSVCRT_SIGABRT  22
#define MSVCRT_SIG_DFL ((sighandler_fn)0)
#define MSVCRT_SIG_IGN ((sighandler_fn)1)
#define MSVCRT_SIG_ERR ((sighandler_fn)-1)
#define FPE_EXPLICITGEN 0x8c

typedef void (CDECL *sighandler_fn)(int);
typedef void (CDECL *fpe_handler_fn)(int, int);

static sighandler_fn handlers[23];

static int slot(int sig)
{
    switch (sig) {
    case MSVCRT_SIGINT: case MSVCRT_SIGILL: case MSVCRT_SIGFPE: case MSVCRT_SIGSEGV:
    case MSVCRT_SIGTERM: case MSVCRT_SIGBREAK: case MSVCRT_SIGABRT: return sig;
    case MSVCRT_SIGABRT_COMPAT: return MSVCRT_SIGABRT;
    default: return -1;
    }
}

/* As the Microsoft CRT does, SIGINT and SIGBREAK come from a console
 * control handler of the CRT's: Ctrl-C (CTRL_C_EVENT) runs the SIGINT
 * handler, Ctrl-Break the SIGBREAK one, on the thread the console made for
 * the event.  SIG_DFL leaves the event to the next handler (in the end the
 * default one, which exits); the handler is reset to SIG_DFL before it runs. */
static BOOL WINAPI ctrl_handler(DWORD event)
{
    int s = event == 0 ? MSVCRT_SIGINT : event == 1 ? MSVCRT_SIGBREAK : -1;
    if (s < 0) return FALSE;
    sighandler_fn h = __atomic_load_n(&handlers[s], __ATOMIC_ACQUIRE);
    if (h == MSVCRT_SIG_DFL) return FALSE;
    if (h != MSVCRT_SIG_IGN) {
        if (!__atomic_compare_exchange_n(&handlers[s], &h, MSVCRT_SIG_DFL, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return h != MSVCRT_SIG_DFL;
        h(s);
    }
    return TRUE;
}

static void install_ctrl_handler(void)
{
    static int installed;
    if (!__atomic_exchange_n(&installed, 1, __ATOMIC_ACQ_REL)) SetConsoleCtrlHandler(ctrl_handler, TRUE);
}

sighandler_fn CDECL MSVCRT_signal(int sig, sighandler_fn handler)
{
    int s = slot(sig);
    if (s < 0 || handler == (sighandler_fn)2 || handler == (sighandler_fn)3 || handler == (sighandler_fn)4) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_SIG_ERR;
    }
    if (s == MSVCRT_SIGINT || s == MSVCRT_SIGBREAK) install_ctrl_handler();
    sighandler_fn old = handlers[s];
    handlers[s] = handler;
    return old;
}

int CDECL MSVCRT_raise(int sig)
{
    int s = slot(sig);
    if (s < 0) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    sighandler_fn h = handlers[s];
    if (h == MSVCRT_SIG_IGN) return 0;
    if (h == MSVCRT_SIG_DFL) {
        if (s == MSVCRT_SIGABRT) MSVCRT__exit(3);
        MSVCRT__exit(3);
    }
    if (s != MSVCRT_SIGFPE) handlers[s] = MSVCRT_SIG_DFL;   /* reset before the call, as Windows does */
    if (s == MSVCRT_SIGFPE) ((fpe_handler_fn)(void *)h)(sig, FPE_EXPLICITGEN);
    else h(sig);
    return 0;
}

/* abort() runs a SIGABRT handler first; returns 0 when there was none */
int msvcrt_raise_abort(void)
{
    sighandler_fn h = handlers[MSVCRT_SIGABRT];
    if (h == MSVCRT_SIG_DFL || h == MSVCRT_SIG_IGN) return 0;
    handlers[MSVCRT_SIGABRT] = MSVCRT_SIG_DFL;
    h(MSVCRT_SIGABRT);
    return 0;
}

/* the table mingw's startup code reads (__pxcptinfoptrs) */
void **CDECL MSVCRT___pxcptinfoptrs(void)
{
    return &msvcrt_td()->xcptinfo;
}
