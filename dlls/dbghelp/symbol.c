/* dbghelp.dll: symbol handler sessions (SymInitialize, SymCleanup) and the
 * options, written from Microsoft's documentation.  Programs such as Dart's
 * VM open a session at start so that a crash report can name functions;
 * there are no symbol files to read here, so a session holds nothing but
 * its identifying handle, and no lookup function is exported yet. */
#include <pthread.h>
#include <stdlib.h>
#include "winbase.h"

#define SYMOPT_UNDNAME 0x00000002

struct session {
    struct session *next;
    HANDLE process;   /* any unique nonzero value identifying the caller */
};

static struct session *sessions;
static pthread_mutex_t sessions_lock = PTHREAD_MUTEX_INITIALIZER;
/* SYMOPT_UNDNAME is documented as on by default */
static DWORD options = SYMOPT_UNDNAME;

DWORD WINAPI SymGetOptions(void)
{
    return __atomic_load_n(&options, __ATOMIC_RELAXED);
}

/* returns the options now in effect */
DWORD WINAPI SymSetOptions(DWORD new_options)
{
    __atomic_store_n(&options, new_options, __ATOMIC_RELAXED);
    return new_options;
}

static struct session **find_session(HANDLE process)
{
    struct session **p = &sessions;
    while (*p && (*p)->process != process) p = &(*p)->next;
    return p;
}

/* UserSearchPath and fInvadeProcess only steer how symbol files are found */
BOOL WINAPI SymInitialize(HANDLE process, const char *search_path, BOOL invade)
{
    BOOL ret = FALSE;
    if (!process) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pthread_mutex_lock(&sessions_lock);
    if (*find_session(process)) {
        /* documented: not again before SymCleanup; Windows fails it, Wine 8 succeeds */
        SetLastError(ERROR_INVALID_PARAMETER);
    } else {
        struct session *s = calloc(1, sizeof(*s));
        if (!s) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        } else {
            s->process = process;
            s->next = sessions;
            sessions = s;
            ret = TRUE;
        }
    }
    pthread_mutex_unlock(&sessions_lock);
    return ret;
}

BOOL WINAPI SymCleanup(HANDLE process)
{
    pthread_mutex_lock(&sessions_lock);
    struct session **p = find_session(process), *s = *p;
    if (s) *p = s->next;
    pthread_mutex_unlock(&sessions_lock);
    if (!s) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    free(s);
    return TRUE;
}
