/* exit, atexit and _onexit tables, abort, the CRT's internal locks. */
#include <string.h>
#include "msvcrt_private.h"
#include "winbase.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

typedef int (CDECL *onexit_fn)(void);

static CRITICAL_SECTION exit_lock = { NULL, -1, 0, 0, 0, 0 };
static onexit_fn *onexit_table;
static int onexit_count, onexit_capacity;
static int abort_behavior = 1;   /* _WRITE_ABORT_MSG */

onexit_fn CDECL MSVCRT__onexit(onexit_fn fn)
{
    if (!fn) return NULL;
    EnterCriticalSection(&exit_lock);
    if (onexit_count == onexit_capacity) {
        int n = onexit_capacity ? onexit_capacity * 2 : 32;
        onexit_fn *t = realloc(onexit_table, n * sizeof(*t));
        if (!t) { LeaveCriticalSection(&exit_lock); return NULL; }
        onexit_table = t;
        onexit_capacity = n;
    }
    onexit_table[onexit_count++] = fn;
    LeaveCriticalSection(&exit_lock);
    return fn;
}

int CDECL MSVCRT_atexit(msvcrt_vfunc fn)
{
    return MSVCRT__onexit((onexit_fn)fn) ? 0 : -1;
}

/* A DLL's own atexit table (mingw's dllcrt uses it). */
onexit_fn CDECL MSVCRT___dllonexit(onexit_fn fn, onexit_fn **start, onexit_fn **end)
{
    if (!fn || !start || !end) return NULL;
    size_t n = *end - *start;
    onexit_fn *t = realloc(*start, (n + 1) * sizeof(*t));
    if (!t) return NULL;
    t[n] = fn;
    *start = t;
    *end = t + n + 1;
    return fn;
}

static void run_onexit(void)
{
    EnterCriticalSection(&exit_lock);
    while (onexit_count > 0) {
        onexit_fn fn = onexit_table[--onexit_count];
        LeaveCriticalSection(&exit_lock);
        fn();
        EnterCriticalSection(&exit_lock);
    }
    LeaveCriticalSection(&exit_lock);
}

void CDECL MSVCRT__cexit(void)
{
    run_onexit();
    msvcrt_flush_all();
}

void CDECL MSVCRT__c_exit(void)
{
}

void CDECL MSVCRT_exit(int code)
{
    MSVCRT__cexit();
    ExitProcess(code);
}

void CDECL MSVCRT__exit(int code)
{
    ExitProcess(code);
}

unsigned int CDECL MSVCRT__set_abort_behavior(unsigned int flags, unsigned int mask)
{
    unsigned int old = abort_behavior;
    abort_behavior = (abort_behavior & ~mask) | (flags & mask);
    return old;
}

void CDECL MSVCRT_abort(void)
{
    static const char msg[] = "\nThis application has requested the Runtime to terminate it in an unusual way.\n"
                              "Please contact the application's support team for more information.\n";
    if (msvcrt_raise_abort()) return;   /* a SIGABRT handler returned: abort still ends the process */
    if (abort_behavior & 1) {
        DWORD written;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), msg, sizeof(msg) - 1, &written, NULL);
    }
    MSVCRT__exit(3);
}

/* the CRT's numbered internal locks */
#define NUM_LOCKS 64
static CRITICAL_SECTION locks[NUM_LOCKS];
static int locks_ready;

static CRITICAL_SECTION *get_lock(int n)
{
    if (!__atomic_load_n(&locks_ready, __ATOMIC_ACQUIRE)) {
        EnterCriticalSection(&exit_lock);
        if (!locks_ready) {
            for (int i = 0; i < NUM_LOCKS; i++) InitializeCriticalSection(&locks[i]);
            __atomic_store_n(&locks_ready, 1, __ATOMIC_RELEASE);
        }
        LeaveCriticalSection(&exit_lock);
    }
    return &locks[n & (NUM_LOCKS - 1)];
}

void CDECL MSVCRT__lock(int n) { EnterCriticalSection(get_lock(n)); }
void CDECL MSVCRT__unlock(int n) { LeaveCriticalSection(get_lock(n)); }
