/* Threads: CreateThread, ExitThread, the thread object (waitable: it is
 * signaled when the thread ends), suspension, priorities, descriptions.
 * ntdll (thread.c) makes the Linux thread, its TEB and static TLS. */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <ucontext.h>
#include "carafe/seh.h"
#include "sync_private.h"
#include "named_private.h"

DEFAULT_DEBUG_CHANNEL(thread);

#define CREATE_SUSPENDED 0x4
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000
#define MAXIMUM_SUSPEND_COUNT 127
#define THREAD_PRIORITY_IDLE (-15)
#define THREAD_PRIORITY_LOWEST (-2)
#define THREAD_PRIORITY_HIGHEST 2
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_ERROR_RETURN 0x7fffffff
#define E_INVALIDARG ((HRESULT)0x80070057)
#define E_OUTOFMEMORY ((HRESULT)0x8007000e)
#define HRESULT_INVALID_HANDLE ((HRESULT)0x80070006)

typedef DWORD (WINAPI *thread_start_fn)(LPVOID);

/* SuspendThread and TerminateThread reach a running thread with this
 * signal; its handler waits while suspended or ends the thread. */
#define THREAD_SIGNAL (SIGRTMIN + 3)

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static struct k32_thread *threads;
static LONG live_threads = 1;      /* the main thread */
static int process_boost_disabled; /* SetProcessPriorityBoost: new threads start with it */

static void filetime_now(FILETIME *ft)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ULONGLONG t = k32_unix_to_ticks(ts.tv_sec, ts.tv_nsec);
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
}

static void thread_destroy(struct object *obj)
{
    struct k32_thread *t = (struct k32_thread *)obj;
    pthread_mutex_lock(&threads_lock);
    if (t->prev) t->prev->next = t->next;
    else threads = t->next;
    if (t->next) t->next->prev = t->prev;
    pthread_mutex_unlock(&threads_lock);
    free(t->description);
    free(t->fls);
    free(t);
}

static const struct object_ops thread_ops = { thread_destroy };

static struct k32_thread *thread_alloc(void)
{
    struct k32_thread *t = calloc(1, sizeof(*t));
    if (!t) return NULL;
    sync_object_init(&t->sync, OBJ_THREAD, &thread_ops);
    t->exit_code = STILL_ACTIVE;
    filetime_now(&t->creation_time);
    pthread_mutex_lock(&threads_lock);
    t->priority_boost_disabled = process_boost_disabled;
    t->next = threads;
    if (threads) threads->prev = t;
    threads = t;
    pthread_mutex_unlock(&threads_lock);
    return t;
}

/* The thread object of the running thread; the main thread (and any
 * thread carafe did not start) gets one on first use. */
struct k32_thread *k32_current_thread(void)
{
    TEB *teb = NtCurrentTeb();
    struct k32_thread *t = teb->carafe_dll_data[CARAFE_TLS_KERNEL32];
    if (__builtin_expect(t != NULL, 1)) return t;
    if (!(t = thread_alloc())) {
        ERR("out of memory for the thread object\n");
        abort();
    }
    t->tid = (DWORD)(ULONG_PTR)teb->ClientId.UniqueThread;
    t->teb = teb;
    teb->carafe_dll_data[CARAFE_TLS_KERNEL32] = t;
    return t;
}

struct k32_thread *k32_get_thread(HANDLE h)
{
    struct k32_thread *t;
    if (h == CURRENT_THREAD) {
        t = k32_current_thread();
        __atomic_add_fetch(&t->sync.obj.refcount, 1, __ATOMIC_RELAXED);
        return t;
    }
    if (!(t = (struct k32_thread *)carafe_handle_get(h, OBJ_THREAD))) SetLastError(ERROR_INVALID_HANDLE);
    return t;
}

void k32_for_each_thread(void (*fn)(struct k32_thread *t, void *ctx), void *ctx)
{
    pthread_mutex_lock(&threads_lock);
    for (struct k32_thread *t = threads; t; t = t->next) fn(t, ctx);
    pthread_mutex_unlock(&threads_lock);
}

/* ---- the end of a thread ---- */

static void record_times(struct k32_thread *t)
{
    struct rusage ru;
    if (getrusage(RUSAGE_THREAD, &ru)) return;
    ULONGLONG k = ru.ru_stime.tv_sec * TICKS_PER_SEC + ru.ru_stime.tv_usec * 10ull;
    ULONGLONG u = ru.ru_utime.tv_sec * TICKS_PER_SEC + ru.ru_utime.tv_usec * 10ull;
    t->kernel_time.dwLowDateTime = (DWORD)k;
    t->kernel_time.dwHighDateTime = (DWORD)(k >> 32);
    t->user_time.dwLowDateTime = (DWORD)u;
    t->user_time.dwHighDateTime = (DWORD)(u >> 32);
}

/* Mark T (the running thread) ended, signal its waiters and leave. */
static __attribute__((noreturn)) void thread_finish(struct k32_thread *t, DWORD code)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, THREAD_SIGNAL);
    pthread_sigmask(SIG_BLOCK, &set, NULL);   /* no suspension or termination from now on */
    k32_abandon_mutexes(t);
    record_times(t);
    sync_lock(&t->sync);
    t->exit_code = code;
    t->exited = 1;
    t->teb = NULL;
    filetime_now(&t->exit_time);
    sync_changed(&t->sync);
    sync_unlock(&t->sync);
    sync_wake(&t->sync);
    NtCurrentTeb()->carafe_dll_data[CARAFE_TLS_KERNEL32] = NULL;
    carafe_object_release(&t->sync.obj);   /* the running thread's reference */
    carafe_thread_exit();
}

/* The last thread to end ends the process, with its exit code. */
static void leave_live(DWORD code)
{
    if (!__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL)) carafe_exit_process(code);
}

__attribute__((noreturn)) void WINAPI ExitThread(DWORD code)
{
    struct k32_thread *t = k32_current_thread();
    TRACE("thread %04x exits with %u\n", t->tid, code);
    k32_fls_thread_exit(t);
    leave_live(code);
    carafe_thread_detach_dlls();
    thread_finish(t, code);
}

static void thread_signal_handler(int sig, siginfo_t *info, void *ucontext)
{
    struct k32_thread *t = NtCurrentTeb()->carafe_dll_data[CARAFE_TLS_KERNEL32];
    if (!t) return;
    for (;;) {
        if (__atomic_load_n(&t->terminate, __ATOMIC_ACQUIRE)) {
            leave_live(t->terminate_code);
            thread_finish(t, t->terminate_code);   /* no DLL notifications, as on Windows */
        }
        unsigned int n = __atomic_load_n(&t->suspend, __ATOMIC_ACQUIRE);
        if (!n) break;
        if (!__atomic_load_n(&t->parked, __ATOMIC_RELAXED)) {
            /* GetThreadContext/SetThreadContext work on this saved state */
            t->parked_uc = ucontext;
            __atomic_store_n(&t->parked, 1, __ATOMIC_RELEASE);
            k32_futex(&t->parked, FUTEX_WAKE, INT_MAX, NULL);
        }
        k32_futex(&t->suspend, FUTEX_WAIT, n, NULL);
    }
    if (__atomic_load_n(&t->parked, __ATOMIC_RELAXED)) {
        __atomic_store_n(&t->parked, 0, __ATOMIC_RELEASE);
        t->parked_uc = NULL;
    }
}

void k32_thread_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = thread_signal_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(THREAD_SIGNAL, &sa, NULL);
    k32_current_thread();
}

/* ---- creation ---- */

static void thread_entry(void *arg)
{
    struct k32_thread *t = arg;
    TEB *teb = NtCurrentTeb();
    teb->carafe_dll_data[CARAFE_TLS_KERNEL32] = t;
    t->tid = (DWORD)(ULONG_PTR)teb->ClientId.UniqueThread;
    __atomic_store_n(&t->teb, teb, __ATOMIC_RELEASE);
    /* CREATE_SUSPENDED: nothing of the program runs before ResumeThread */
    thread_signal_handler(0, NULL, NULL);
    carafe_thread_attach_dlls();
    DWORD code = ((thread_start_fn)t->start)(t->param);
    ExitThread(code);
}

/* The reserve a thread gets: dwStackSize is the commit size unless the
 * flag says reserve; a commit beyond the exe's reserve rounds the reserve
 * up to a whole MiB, as Windows does. */
static SIZE_T stack_reserve(SIZE_T size, DWORD flags)
{
    SIZE_T reserve = carafe_default_stack_size();
    if (flags & STACK_SIZE_PARAM_IS_A_RESERVATION) return size ? size : reserve;
    if (size > reserve) reserve = (size + 0xfffff) & ~(SIZE_T)0xfffff;
    return reserve;
}

HANDLE WINAPI CreateRemoteThreadEx(HANDLE process, LPSECURITY_ATTRIBUTES sa, SIZE_T stack, void *start, LPVOID param,
                                   DWORD flags, void *attributes, LPDWORD id)
{
    if (process != CURRENT_PROCESS) {
        FIXME("threads in other processes\n");
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    k32_current_thread();   /* the creator has its object before the first other thread runs */
    struct k32_thread *t = thread_alloc();
    if (!t) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    t->start = start;
    t->param = param;
    t->suspend = (flags & CREATE_SUSPENDED) ? 1 : 0;
    t->sync.obj.refcount = 2;   /* the handle and the running thread */
    HANDLE h = carafe_handle_alloc(&t->sync.obj);
    if (!h) {
        carafe_object_release(&t->sync.obj);
        carafe_object_release(&t->sync.obj);
        return NULL;
    }
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
    DWORD tid = carafe_thread_create(thread_entry, t, stack_reserve(stack, flags));
    if (!tid) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
        DWORD err = GetLastError();
        carafe_object_release(&t->sync.obj);
        CloseHandle(h);
        SetLastError(err);
        return NULL;
    }
    t->tid = tid;
    if (id) *id = tid;
    TRACE("thread %04x start %p param %p flags %x\n", tid, start, param, flags);
    return h;
}

HANDLE WINAPI CreateRemoteThread(HANDLE process, LPSECURITY_ATTRIBUTES sa, SIZE_T stack, void *start, LPVOID param,
                                 DWORD flags, LPDWORD id)
{
    return CreateRemoteThreadEx(process, sa, stack, start, param, flags, NULL, id);
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES sa, SIZE_T stack, void *start, LPVOID param, DWORD flags, LPDWORD id)
{
    return CreateRemoteThreadEx(CURRENT_PROCESS, sa, stack, start, param, flags, NULL, id);
}

/* ---- state ---- */

BOOL WINAPI GetExitCodeThread(HANDLE h, LPDWORD code)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    *code = __atomic_load_n(&t->exit_code, __ATOMIC_ACQUIRE);
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

DWORD WINAPI GetThreadId(HANDLE h)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return 0;
    DWORD tid = t->tid;
    carafe_object_release(&t->sync.obj);
    return tid;
}

DWORD WINAPI GetProcessIdOfThread(HANDLE h)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return 0;
    carafe_object_release(&t->sync.obj);
    return GetCurrentProcessId();
}

HANDLE WINAPI OpenThread(DWORD access, BOOL inherit, DWORD tid)
{
    struct k32_thread *found = NULL;
    pthread_mutex_lock(&threads_lock);
    for (struct k32_thread *t = threads; t; t = t->next) {
        if (t->tid != tid || !t->sync.obj.refcount) continue;
        if (!found || !t->exited) found = t;   /* Linux reuses ids: the live one wins */
    }
    if (found) __atomic_add_fetch(&found->sync.obj.refcount, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&threads_lock);
    if (!found) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    HANDLE h = carafe_handle_alloc(&found->sync.obj);
    if (!h) carafe_object_release(&found->sync.obj);
    return h;
}

/* A real handle for the current thread (DuplicateHandle of GetCurrentThread()). */
HANDLE k32_current_thread_handle(void)
{
    struct k32_thread *t = k32_get_thread(CURRENT_THREAD);
    HANDLE h = carafe_handle_alloc(&t->sync.obj);
    if (!h) carafe_object_release(&t->sync.obj);
    return h;
}

/* ---- suspension and termination ---- */

static void send_signal(struct k32_thread *t)
{
    /* under the object lock: a thread that has ended gets nothing */
    sync_lock(&t->sync);
    if (!t->exited && t->teb) syscall(SYS_tgkill, getpid(), t->tid, THREAD_SIGNAL);
    sync_unlock(&t->sync);
}

DWORD WINAPI SuspendThread(HANDLE h)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return (DWORD)-1;
    unsigned int prev = __atomic_load_n(&t->suspend, __ATOMIC_RELAXED);
    do {
        if (prev >= MAXIMUM_SUSPEND_COUNT) {
            carafe_object_release(&t->sync.obj);
            SetLastError(ERROR_SIGNAL_REFUSED);
            return (DWORD)-1;
        }
    } while (!__atomic_compare_exchange_n(&t->suspend, &prev, prev + 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    if (!prev) {
        if (t == k32_current_thread()) thread_signal_handler(0, NULL, NULL);
        else if (__atomic_load_n(&t->teb, __ATOMIC_ACQUIRE)) send_signal(t);
    }
    carafe_object_release(&t->sync.obj);
    return prev;
}

DWORD WINAPI ResumeThread(HANDLE h)
{
    struct object *obj = carafe_handle_get(h, OBJ_PROCESS);
    if (obj) {   /* the main thread of a child process */
        carafe_object_release(obj);
        return k32_process_resume(h);
    }
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return (DWORD)-1;
    unsigned int prev = __atomic_load_n(&t->suspend, __ATOMIC_RELAXED);
    while (prev && !__atomic_compare_exchange_n(&t->suspend, &prev, prev - 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) ;
    if (prev == 1) k32_futex(&t->suspend, FUTEX_WAKE, INT_MAX, NULL);
    carafe_object_release(&t->sync.obj);
    return prev;
}

/* ---- the context of a suspended thread ---- */

#define CONTEXT_DEBUG_REGISTERS (CONTEXT_AMD64 | 0x10)
#define KERNEL_CS 0x33   /* the selectors a 64-bit Windows thread has */
#define KERNEL_DS 0x2b
#define KERNEL_FS 0x53

/* Waits until the suspended thread T stands in the suspension handler
 * (SuspendThread only sends the signal, as Windows suspends
 * asynchronously); NULL with the last error set when it cannot. */
static ucontext_t *wait_parked(struct k32_thread *t)
{
    static const struct timespec slice = { 0, 10 * 1000 * 1000 };
    for (;;) {
        if (__atomic_load_n(&t->parked, __ATOMIC_ACQUIRE)) break;
        if (!__atomic_load_n(&t->suspend, __ATOMIC_ACQUIRE) || __atomic_load_n(&t->exited, __ATOMIC_ACQUIRE)) {
            /* Windows gives no valid context of a running thread */
            SetLastError(ERROR_GEN_FAILURE);
            return NULL;
        }
        k32_futex(&t->parked, FUTEX_WAIT, 0, &slice);
    }
    if (!t->parked_uc) {
        /* created suspended: it has not started, there are no registers yet */
        FIXME("context of a thread that never ran\n");
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    return t->parked_uc;
}

static void copy_context(CONTEXT *dst, const CONTEXT *src, DWORD flags)
{
    if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
        dst->SegCs = src->SegCs; dst->SegSs = src->SegSs; dst->EFlags = src->EFlags;
        dst->Rsp = src->Rsp; dst->Rip = src->Rip;
    }
    if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
        dst->Rax = src->Rax; dst->Rcx = src->Rcx; dst->Rdx = src->Rdx; dst->Rbx = src->Rbx;
        dst->Rbp = src->Rbp; dst->Rsi = src->Rsi; dst->Rdi = src->Rdi;
        dst->R8 = src->R8; dst->R9 = src->R9; dst->R10 = src->R10; dst->R11 = src->R11;
        dst->R12 = src->R12; dst->R13 = src->R13; dst->R14 = src->R14; dst->R15 = src->R15;
    }
    if ((flags & CONTEXT_SEGMENTS) == CONTEXT_SEGMENTS) {
        dst->SegDs = src->SegDs; dst->SegEs = src->SegEs; dst->SegFs = src->SegFs; dst->SegGs = src->SegGs;
    }
    if ((flags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT) {
        dst->FltSave = src->FltSave;
        dst->MxCsr = src->MxCsr;
    }
    if ((flags & CONTEXT_DEBUG_REGISTERS) == CONTEXT_DEBUG_REGISTERS) {
        dst->Dr0 = src->Dr0; dst->Dr1 = src->Dr1; dst->Dr2 = src->Dr2; dst->Dr3 = src->Dr3;
        dst->Dr6 = src->Dr6; dst->Dr7 = src->Dr7;
    }
}

static void context_from_uc(CONTEXT *ctx, const ucontext_t *uc)
{
    const greg_t *g = uc->uc_mcontext.gregs;
    memset(ctx, 0, sizeof(*ctx));
    ctx->Rax = g[REG_RAX]; ctx->Rcx = g[REG_RCX]; ctx->Rdx = g[REG_RDX]; ctx->Rbx = g[REG_RBX];
    ctx->Rsp = g[REG_RSP]; ctx->Rbp = g[REG_RBP]; ctx->Rsi = g[REG_RSI]; ctx->Rdi = g[REG_RDI];
    ctx->R8 = g[REG_R8]; ctx->R9 = g[REG_R9]; ctx->R10 = g[REG_R10]; ctx->R11 = g[REG_R11];
    ctx->R12 = g[REG_R12]; ctx->R13 = g[REG_R13]; ctx->R14 = g[REG_R14]; ctx->R15 = g[REG_R15];
    ctx->Rip = g[REG_RIP];
    ctx->EFlags = (DWORD)g[REG_EFL];
    ctx->SegCs = KERNEL_CS;
    ctx->SegSs = ctx->SegDs = ctx->SegEs = ctx->SegGs = KERNEL_DS;
    ctx->SegFs = KERNEL_FS;
    if (uc->uc_mcontext.fpregs) {
        memcpy(&ctx->FltSave, uc->uc_mcontext.fpregs, sizeof(ctx->FltSave));
        ctx->MxCsr = uc->uc_mcontext.fpregs->mxcsr;
    }
}

/* Only what a thread may change: segments and debug registers stay. */
static void context_to_uc(ucontext_t *uc, const CONTEXT *ctx, DWORD flags)
{
    greg_t *g = uc->uc_mcontext.gregs;
    if ((flags & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
        g[REG_RSP] = ctx->Rsp; g[REG_RIP] = ctx->Rip;
        /* the arithmetic, direction and trap flags; not IOPL or the like */
        g[REG_EFL] = (g[REG_EFL] & ~0xfd5) | (ctx->EFlags & 0xfd5);
    }
    if ((flags & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
        g[REG_RAX] = ctx->Rax; g[REG_RCX] = ctx->Rcx; g[REG_RDX] = ctx->Rdx; g[REG_RBX] = ctx->Rbx;
        g[REG_RBP] = ctx->Rbp; g[REG_RSI] = ctx->Rsi; g[REG_RDI] = ctx->Rdi;
        g[REG_R8] = ctx->R8; g[REG_R9] = ctx->R9; g[REG_R10] = ctx->R10; g[REG_R11] = ctx->R11;
        g[REG_R12] = ctx->R12; g[REG_R13] = ctx->R13; g[REG_R14] = ctx->R14; g[REG_R15] = ctx->R15;
    }
    if ((flags & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT && uc->uc_mcontext.fpregs) {
        memcpy(uc->uc_mcontext.fpregs, &ctx->FltSave, sizeof(ctx->FltSave));
        uc->uc_mcontext.fpregs->mxcsr = ctx->MxCsr;
    }
}

BOOL WINAPI GetThreadContext(HANDLE h, CONTEXT *ctx)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    DWORD flags = ctx->ContextFlags;
    CONTEXT full;
    BOOL ret = TRUE;
    if (t == k32_current_thread()) {
        RtlCaptureContext(&full);   /* the registers inside this call, as on Windows */
        full.Dr0 = full.Dr1 = full.Dr2 = full.Dr3 = full.Dr6 = full.Dr7 = 0;
    } else {
        ucontext_t *uc = wait_parked(t);
        if (uc) context_from_uc(&full, uc);
        else ret = FALSE;
    }
    if (ret) copy_context(ctx, &full, flags);
    carafe_object_release(&t->sync.obj);
    return ret;
}

BOOL WINAPI SetThreadContext(HANDLE h, const CONTEXT *ctx)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    BOOL ret = FALSE;
    if (t == k32_current_thread()) {
        /* Windows would continue at the new Rip; nothing asks that of carafe yet */
        FIXME("SetThreadContext on the calling thread\n");
        SetLastError(ERROR_NOT_SUPPORTED);
    } else {
        ucontext_t *uc = wait_parked(t);
        if (uc) {
            context_to_uc(uc, ctx, ctx->ContextFlags);
            ret = TRUE;
        }
    }
    carafe_object_release(&t->sync.obj);
    return ret;
}

/* Ends the thread wherever it is: no DLL notifications and no FLS
 * callbacks, as on Windows.  Best effort: locks it holds stay held. */
BOOL WINAPI TerminateThread(HANDLE h, DWORD code)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    if (t == k32_current_thread()) {
        carafe_object_release(&t->sync.obj);
        leave_live(code);
        thread_finish(t, code);
    }
    t->terminate_code = code;
    __atomic_store_n(&t->terminate, 1, __ATOMIC_RELEASE);
    if (__atomic_load_n(&t->teb, __ATOMIC_ACQUIRE)) send_signal(t);
    /* a thread that never ran (still suspended at creation) wakes to end */
    __atomic_store_n(&t->suspend, 0, __ATOMIC_RELEASE);
    k32_futex(&t->suspend, FUTEX_WAKE, INT_MAX, NULL);
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

/* ---- priority, description, times ---- */

BOOL WINAPI SetThreadPriority(HANDLE h, int priority)
{
    if (priority != THREAD_PRIORITY_IDLE && priority != THREAD_PRIORITY_TIME_CRITICAL &&
        (priority < THREAD_PRIORITY_LOWEST || priority > THREAD_PRIORITY_HIGHEST)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    t->priority = priority;   /* kept, not applied: Linux needs privileges to raise it */
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

int WINAPI GetThreadPriority(HANDLE h)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return THREAD_PRIORITY_ERROR_RETURN;
    int p = t->priority;
    carafe_object_release(&t->sync.obj);
    return p;
}

BOOL WINAPI SetThreadPriorityBoost(HANDLE h, BOOL disable)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    t->priority_boost_disabled = !!disable;
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

BOOL WINAPI GetThreadPriorityBoost(HANDLE h, PBOOL disabled)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    *disabled = t->priority_boost_disabled;
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

/* Priority boost of the whole process: Linux has no dynamic boost, so the
 * state is kept for the Get functions; as documented it reaches every
 * existing thread and is inherited by new ones. */
static BOOL is_current_process(HANDLE h)
{
    if (h == CURRENT_PROCESS) return TRUE;
    DWORD id = GetProcessId(h);   /* ERROR_INVALID_HANDLE when not a process */
    if (!id) return FALSE;
    if (id == GetCurrentProcessId()) return TRUE;
    /* another process keeps its state in its own kernel32 */
    FIXME("priority boost of process %lu\n", (unsigned long)id);
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

BOOL WINAPI SetProcessPriorityBoost(HANDLE h, BOOL disable)
{
    if (!is_current_process(h)) return FALSE;
    pthread_mutex_lock(&threads_lock);
    process_boost_disabled = !!disable;
    for (struct k32_thread *t = threads; t; t = t->next) t->priority_boost_disabled = !!disable;
    pthread_mutex_unlock(&threads_lock);
    return TRUE;
}

BOOL WINAPI GetProcessPriorityBoost(HANDLE h, PBOOL disabled)
{
    if (!is_current_process(h)) return FALSE;
    *disabled = __atomic_load_n(&process_boost_disabled, __ATOMIC_RELAXED);
    return TRUE;
}

HRESULT WINAPI SetThreadDescription(HANDLE h, LPCWSTR desc)
{
    if (!desc) return E_INVALIDARG;
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return HRESULT_INVALID_HANDLE;
    WCHAR *copy = carafe_wcsdup(desc);
    if (!copy) {
        carafe_object_release(&t->sync.obj);
        return E_OUTOFMEMORY;
    }
    sync_lock(&t->sync);
    WCHAR *old = t->description;
    t->description = copy;
    sync_unlock(&t->sync);
    free(old);
    carafe_object_release(&t->sync.obj);
    return 0;
}

/* the description in LocalAlloc'd memory (LocalFree), "" when none was set */
HRESULT WINAPI GetThreadDescription(HANDLE h, LPWSTR *desc)
{
    if (!desc) return E_INVALIDARG;
    *desc = NULL;
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return HRESULT_INVALID_HANDLE;
    HRESULT hr = 0;
    sync_lock(&t->sync);
    size_t len = t->description ? carafe_wcslen(t->description) : 0;
    WCHAR *out = LocalAlloc(LMEM_FIXED, (len + 1) * sizeof(WCHAR));
    if (out) {
        if (len) memcpy(out, t->description, len * sizeof(WCHAR));
        out[len] = 0;
        *desc = out;
    } else hr = E_OUTOFMEMORY;
    sync_unlock(&t->sync);
    carafe_object_release(&t->sync.obj);
    return hr;
}

static void ticks_to_filetime(ULONGLONG t, FILETIME *ft)
{
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
}

/* CPU times of another running thread, from /proc (clock ticks) */
static void proc_times(DWORD tid, FILETIME *kernel, FILETIME *user)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/self/task/%u/stat", tid);
    FILE *f = fopen(path, "r");
    if (!f) return;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    unsigned long long ut = 0, st = 0;
    /* after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return;
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) hz = 100;
    ticks_to_filetime(ut * TICKS_PER_SEC / hz, user);
    ticks_to_filetime(st * TICKS_PER_SEC / hz, kernel);
}

BOOL WINAPI GetThreadTimes(HANDLE h, LPFILETIME creation, LPFILETIME exit, LPFILETIME kernel, LPFILETIME user)
{
    struct k32_thread *t = k32_get_thread(h);
    if (!t) return FALSE;
    sync_lock(&t->sync);
    *creation = t->creation_time;
    *exit = t->exit_time;
    *kernel = t->kernel_time;
    *user = t->user_time;
    int running = !t->exited;
    DWORD tid = t->tid;
    sync_unlock(&t->sync);
    if (running && t == k32_current_thread()) {
        record_times(t);
        *kernel = t->kernel_time;
        *user = t->user_time;
    } else if (running) proc_times(tid, kernel, user);
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

void WINAPI GetCurrentThreadStackLimits(PULONG_PTR low, PULONG_PTR high)
{
    TEB *teb = NtCurrentTeb();
    *low = (ULONG_PTR)teb->DeallocationStack;
    *high = (ULONG_PTR)teb->Tib.StackBase;
}

/* The guard zone that hands the guaranteed bytes to a stack overflow
 * handler is ntdll's (exception.c). */
BOOL WINAPI SetThreadStackGuarantee(PULONG size)
{
    DWORD err = carafe_set_stack_guarantee(size);
    if (err) SetLastError(err);
    return !err;
}

BOOL WINAPI SwitchToThread(void)
{
    sched_yield();
    return TRUE;
}

/* ---- kernel32's initialization (the loader calls it, in order) ---- */

__attribute__((visibility("default"))) BOOL __carafe_dll_main(HINSTANCE inst, DWORD reason)
{
    if (reason == DLL_PROCESS_ATTACH) {
        k32_thread_init();
        k32_console_ctrl_init();
        k32_dup_init();
        k32_wait_init();
    }
    return TRUE;
}
