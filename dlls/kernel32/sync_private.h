/* What kernel32's thread and synchronization files share: waitable
 * objects on futex words (DESIGN decision 8) and the thread object. */
#ifndef CARAFE_KERNEL32_SYNC_PRIVATE_H
#define CARAFE_KERNEL32_SYNC_PRIVATE_H

#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel32_private.h"

#define STILL_ACTIVE 259
#define WAIT_ABANDONED 0x80
#define MAXIMUM_WAIT_OBJECTS 64

static inline long k32_futex(void *addr, int op, unsigned int val, const struct timespec *ts)
{
    return syscall(SYS_futex, addr, op | FUTEX_PRIVATE_FLAG, val, ts, NULL, op == FUTEX_WAIT_BITSET ? FUTEX_BITSET_MATCH_ANY : 0);
}

/* Every waitable object.  SEQ changes (under LOCK) whenever the object
 * may have become signaled; a waiter reads it before looking at the
 * state and sleeps on it, so a signal between the look and the sleep is
 * never lost.  WAITERS counts sleepers, so signaling nobody costs no
 * system call. */
struct sync_object {
    struct object obj;
    /* Set when a private object went to a shared page so that another
     * process could have it (named.c): the handles point there now, and
     * whoever still holds this one follows the link (sync_lock_live). */
    struct sync_object *moved;
    /* A named object (named.c) is mapped so that everything from SEQ on
     * lies in a page shared between processes, and what is above stays
     * this process's own.  Its futex words are then not process-private. */
    unsigned int shared;
    unsigned int reserved;
    unsigned int seq;
    int lock;                      /* 0 free, 1 held, 2 held and contended */
    unsigned int waiters;
    WCHAR *name;                   /* process-local name table (synch.c) */
};

struct mutex_object {
    struct sync_object sync;
    DWORD owner;                   /* thread id, 0 when free */
    DWORD count;                   /* recursion */
    int abandoned;
    struct mutex_object *owned_next, *owned_prev;   /* the owner's list */
};

struct k32_thread {
    struct sync_object sync;       /* signaled when the thread has ended */
    DWORD tid;
    DWORD exit_code;               /* STILL_ACTIVE while it runs */
    int exited;
    unsigned int suspend;          /* futex: suspend count */
    unsigned int parked;           /* futex: 1 while waiting in the suspension handler */
    void *parked_uc;               /* its ucontext_t then (NULL: not stopped by the signal) */
    int terminate;                 /* TerminateThread asked for an end */
    DWORD terminate_code;
    int priority, priority_boost_disabled;
    WCHAR *description;
    void *start, *param;           /* LPTHREAD_START_ROUTINE and its argument */
    TEB *teb;                      /* NULL once ended */
    FILETIME creation_time, exit_time, kernel_time, user_time;
    struct mutex_object *owned;    /* mutexes it holds (only it touches the list) */
    void **fls;                    /* FLS values, fls_size of them */
    DWORD fls_size;
    struct k32_thread *next, *prev;   /* every thread object (thread.c) */
};

/* a futex operation on a word of O */
static inline long sync_futex(struct sync_object *o, void *addr, int op, unsigned int val, const struct timespec *ts)
{
    return syscall(SYS_futex, addr, op | (o->shared ? 0 : FUTEX_PRIVATE_FLAG), val, ts, NULL,
                   op == FUTEX_WAIT_BITSET ? FUTEX_BITSET_MATCH_ANY : 0);
}

void sync_object_init(struct sync_object *o, int type, const struct object_ops *ops);
size_t sync_object_size(int type);   /* of an event, mutex, semaphore or timer */
void sync_lock(struct sync_object *o);
/* O locked, or, if it moved, the object it moved to: the caller's
 * reference to O has become one to the returned object */
struct sync_object *sync_lock_live(struct sync_object *o);
void sync_unlock(struct sync_object *o);
/* the state changed under the lock: bump SEQ (call locked), then wake (unlocked) */
static inline void sync_changed(struct sync_object *o) { __atomic_add_fetch(&o->seq, 1, __ATOMIC_SEQ_CST); }
void sync_wake(struct sync_object *o);
void sync_object_free_name(struct sync_object *o);

/* threads (thread.c) */
struct k32_thread *k32_current_thread(void);          /* no new reference */
struct k32_thread *k32_get_thread(HANDLE h);          /* new reference; pseudo handle too */
void k32_for_each_thread(void (*fn)(struct k32_thread *t, void *ctx), void *ctx);
void k32_thread_init(void);
void k32_console_ctrl_init(void);   /* console_ctrl.c */

/* mutexes a thread still holds when it ends (synch.c) */
void k32_abandon_mutexes(struct k32_thread *t);
/* FLS of a thread that ends (fiber.c) */
void k32_fls_thread_exit(struct k32_thread *t);
void k32_tls_clear_all(DWORD index);

DWORD k32_wait(DWORD count, const HANDLE *handles, BOOL all, DWORD timeout);
void k32_wait_init(void);   /* gives ntdll its NtWaitForSingleObject */

/* processes (process_create.c) */
int k32_process_signaled(struct sync_object *o);      /* called locked */
BOOL k32_process_exit_code(HANDLE h, DWORD *code);
BOOL k32_process_terminate(HANDLE h, UINT code);
DWORD k32_process_resume(HANDLE h);   /* hThread of a CREATE_SUSPENDED child */

#endif
