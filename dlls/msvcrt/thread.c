/* _beginthread, _beginthreadex and their ends.  The CRT's per-thread data
 * (msvcrt_td) is made on first use and freed at DLL_THREAD_DETACH (main.c). */
#include <stdint.h>
#include "msvcrt_private.h"
#include "winbase.h"

typedef void (CDECL *begin_fn)(void *);
typedef unsigned int (WINAPI *beginex_fn)(void *);

struct start {
    begin_fn start;          /* _beginthread */
    beginex_fn start_ex;     /* _beginthreadex */
    void *arg;
    HANDLE handle;           /* _beginthread's: the CRT closes it when the thread ends */
};

void CDECL MSVCRT__endthreadex(unsigned int code)
{
    ExitThread(code);
}

void CDECL MSVCRT__endthread(void)
{
    struct msvcrt_thread_data *td = msvcrt_td();
    if (td->thread_handle) {
        CloseHandle(td->thread_handle);
        td->thread_handle = NULL;
    }
    ExitThread(0);
}

static DWORD WINAPI thread_start(void *param)
{
    struct start s = *(struct start *)param;
    free(param);
    if (s.start_ex) MSVCRT__endthreadex(s.start_ex(s.arg));
    msvcrt_td()->thread_handle = s.handle;
    s.start(s.arg);
    MSVCRT__endthread();
}

static HANDLE start_thread(const struct start *s, unsigned int stack, unsigned int flags, unsigned int *id)
{
    struct start *copy = malloc(sizeof(*copy));
    DWORD tid;
    if (!copy) {
        msvcrt_set_errno(MSVCRT_ENOMEM);
        return NULL;
    }
    *copy = *s;
    HANDLE h = CreateThread(NULL, stack, thread_start, copy, flags | CREATE_SUSPENDED, &tid);
    if (!h) {
        free(copy);
        msvcrt_set_errno(MSVCRT_EAGAIN);
        return NULL;
    }
    if (s->start) copy->handle = h;   /* before it runs */
    if (!(flags & CREATE_SUSPENDED)) ResumeThread(h);
    if (id) *id = tid;
    return h;
}

uintptr_t CDECL MSVCRT__beginthreadex(void *security, unsigned int stack, beginex_fn start, void *arg,
                                      unsigned int flags, unsigned int *id)
{
    struct start s = { NULL, start, arg, NULL };
    if (!start) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return 0;
    }
    return (uintptr_t)start_thread(&s, stack, flags, id);
}

/* -1 on failure, unlike _beginthreadex */
uintptr_t CDECL MSVCRT__beginthread(begin_fn start, unsigned int stack, void *arg)
{
    struct start s = { start, NULL, arg, NULL };
    if (!start) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return (uintptr_t)-1;
    }
    HANDLE h = start_thread(&s, stack, 0, NULL);
    return h ? (uintptr_t)h : (uintptr_t)-1;
}
