/* The Linux side of Windows threads: a pthread with its own TEB in gs
 * (DESIGN decision 5), stack fields, alternate signal stack and static TLS.
 * kernel32 (thread.c) builds CreateThread, ExitThread and the thread
 * object on top of this. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ntdll_private.h"
#include "exception_private.h"

DEFAULT_DEBUG_CHANNEL(thread);

#define GUARD_SIZE STACK_PAGE   /* glibc's guard page: the permanent one */

/* ntdll's private part of a thread (TEB.carafe); it lives on the frame of
 * thread_main, which carafe_thread_exit jumps back to. */
struct carafe_thread {
    jmp_buf exit_jmp;
};

struct start_info {
    carafe_thread_entry entry;
    void *arg;
    TEB *teb;
    DWORD tid;
    int started;            /* futex: 0 until the TEB is set up */
};

static void free_teb(TEB *teb)
{
    munmap(teb, (sizeof(TEB) + 0xfff) & ~0xfff);
}

/* The stack glibc gave us, as Windows describes a stack: DeallocationStack
 * at glibc's guard page, then the guard zone that a stack overflow hands
 * to the exception handlers (exception_private.h), usable from StackLimit
 * up to StackBase.  Same layout as the main thread's stack. */
static void set_stack_fields(TEB *teb)
{
    pthread_attr_t attr;
    void *low;
    size_t size, guard = 0;
    if (pthread_getattr_np(pthread_self(), &attr)) return;
    if (!pthread_attr_getstack(&attr, &low, &size)) {
        pthread_attr_getguardsize(&attr, &guard);
        teb->Tib.StackBase = (char *)low + size;
        teb->Tib.StackLimit = low;
        teb->DeallocationStack = (char *)low - guard;
        if (guard == STACK_PAGE && size >= 4 * STACK_GUARD_SIZE &&
            !mprotect(low, STACK_GUARD_SIZE - STACK_PAGE, PROT_NONE))
            teb->Tib.StackLimit = (char *)teb->DeallocationStack + STACK_GUARD_SIZE;
    }
    pthread_attr_destroy(&attr);
}

static void free_altstack(void)
{
    stack_t ss, off;
    if (sigaltstack(NULL, &ss) || (ss.ss_flags & SS_DISABLE)) return;
    memset(&off, 0, sizeof(off));
    off.ss_flags = SS_DISABLE;
    if (!sigaltstack(&off, NULL)) munmap(ss.ss_sp, ss.ss_size);
}

static void *thread_main(void *param)
{
    struct start_info *si = param;
    carafe_thread_entry entry = si->entry;
    void *arg = si->arg;
    TEB *teb = si->teb;
    struct carafe_thread self;

    thread_set_teb(teb);
    si->tid = syscall(SYS_gettid);
    teb->ClientId.UniqueThread = (HANDLE)(ULONG_PTR)si->tid;
    teb->carafe = &self;
    set_stack_fields(teb);
    signal_init_thread();
    /* the creator may free SI as soon as it sees STARTED */
    __atomic_store_n(&si->started, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &si->started, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);

    if (!setjmp(self.exit_jmp)) entry(arg);

    /* no Windows code runs on this thread any more */
    loader_thread_free_tls(teb);
    free(teb->TlsExpansionSlots);
    free_altstack();
    thread_set_teb(NULL);
    free_teb(teb);
    return NULL;
}

DWORD carafe_thread_create(carafe_thread_entry entry, void *arg, SIZE_T stack_size)
{
    struct start_info si = { entry, arg, NULL, 0, 0 };
    pthread_attr_t attr;
    pthread_t thread;
    int err;

    if (!(si.teb = thread_alloc_teb())) {
        carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    stack_size = (stack_size + 0xffff) & ~(SIZE_T)0xffff;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, stack_size);
    pthread_attr_setguardsize(&attr, GUARD_SIZE);
    err = pthread_create(&thread, &attr, thread_main, &si);
    pthread_attr_destroy(&attr);
    if (err) {
        WARN("pthread_create: %s\n", strerror(err));
        free_teb(si.teb);
        carafe_set_last_error(err == EAGAIN ? ERROR_NOT_ENOUGH_MEMORY : carafe_errno_to_win32(err));
        return 0;
    }
    while (!__atomic_load_n(&si.started, __ATOMIC_ACQUIRE))
        syscall(SYS_futex, &si.started, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
    DWORD tid = si.tid;   /* the TEB may be gone already: the thread can end at once */
    TRACE("thread %04x: stack %lu bytes\n", tid, (unsigned long)stack_size);
    return tid;
}

void carafe_thread_attach_dlls(void)
{
    loader_thread_attach();
}

void carafe_thread_detach_dlls(void)
{
    loader_thread_detach();
}

void carafe_thread_exit(void)
{
    TEB *teb = NtCurrentTeb();
    if (teb->carafe) longjmp(teb->carafe->exit_jmp, 1);
    /* the main thread: its stack and TEB stay; only the Linux thread ends */
    for (;;) syscall(SYS_exit, 0);
}
