/* The UCRT's onexit tables (the exe's atexit goes to msvcrt's table through
 * the _crt_atexit forward; DLLs built with the dynamic CRT keep their own
 * table here), exit and _cexit with the thread_local destructor callback. */
#include <stdlib.h>
#include "ucrtbase_private.h"
#include "winbase.h"

typedef void (WINAPI *tls_callback)(void *module, DWORD reason, void *reserved);

static CRITICAL_SECTION onexit_lock = { NULL, -1, 0, 0, 0, 0 };
static tls_callback exe_tls_exit_callback;

/* A table that already has storage is left as it is (observed under Wine:
 * the start code of each module may initialize the same table again). */
int CDECL UCRT__initialize_onexit_table(ucrt_onexit_table *table)
{
    if (!table) return -1;
    if (table->first) return 0;
    table->last = table->end = NULL;
    return 0;
}

/* Appends FUNCTION; the table grows by doubling. */
int CDECL UCRT__register_onexit_function(ucrt_onexit_table *table, ucrt_onexit_fn function)
{
    if (!table) return -1;
    EnterCriticalSection(&onexit_lock);
    if (table->last == table->end) {
        size_t used = table->last - table->first, cap = used ? used * 2 : 32;
        ucrt_onexit_fn *grown = realloc(table->first, cap * sizeof(*grown));
        if (!grown) {
            LeaveCriticalSection(&onexit_lock);
            return -1;
        }
        table->first = grown;
        table->last = grown + used;
        table->end = grown + cap;
    }
    *table->last++ = function;
    LeaveCriticalSection(&onexit_lock);
    return 0;
}

/* Calls the functions, the last registered first, and empties the table.
 * The table is taken first, so a function may register into it again. */
int CDECL UCRT__execute_onexit_table(ucrt_onexit_table *table)
{
    if (!table) return -1;
    EnterCriticalSection(&onexit_lock);
    ucrt_onexit_fn *first = table->first, *last = table->last;
    table->first = table->last = table->end = NULL;
    LeaveCriticalSection(&onexit_lock);
    while (last > first) {
        ucrt_onexit_fn fn = *--last;
        if (fn) fn();
    }
    free(first);
    return 0;
}

/* The exe's thread_local destructors for the main thread: called once, as a
 * TLS callback with DLL_PROCESS_DETACH, before the atexit functions. */
void CDECL UCRT__register_thread_local_exe_atexit_callback(tls_callback callback)
{
    exe_tls_exit_callback = callback;
}

static void run_tls_exit_callback(void)
{
    tls_callback cb = __atomic_exchange_n(&exe_tls_exit_callback, NULL, __ATOMIC_ACQ_REL);
    if (cb) cb(NULL, DLL_PROCESS_DETACH, NULL);
}

void CDECL UCRT_exit(int code)
{
    run_tls_exit_callback();
    MSVCRT_exit(code);
}

void CDECL UCRT__cexit(void)
{
    run_tls_exit_callback();
    MSVCRT__cexit();
}
