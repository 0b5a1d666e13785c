/* Slim locks in the caller's memory, each a futex word: SRW locks,
 * condition variables, one-time initialization, WaitOnAddress. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "sync_private.h"

DEFAULT_DEBUG_CHANNEL(sync);

typedef struct { PVOID Ptr; } SRWLOCK, CONDITION_VARIABLE, INIT_ONCE;
typedef BOOL (WINAPI *init_once_fn)(INIT_ONCE *, PVOID, PVOID *);

#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1
#define INIT_ONCE_CHECK_ONLY  0x1
#define INIT_ONCE_ASYNC       0x2
#define INIT_ONCE_INIT_FAILED 0x4

/* absolute CLOCK_MONOTONIC deadline MS from now; NULL for INFINITE */
static struct timespec *deadline(DWORD ms, struct timespec *ts)
{
    if (ms == INFINITE) return NULL;
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
    return ts;
}

/* ---- SRW locks ----
 * The low 32 bits of the lock: bit 0 held exclusive, bit 1 someone sleeps,
 * bits 2-31 the number of shared holders.  Whoever frees the lock with
 * bit 1 set wakes all sleepers, who compete again. */
#define SRW_EXCLUSIVE 1u
#define SRW_WAITERS   2u
#define SRW_READER    4u

static unsigned int *srw_word(SRWLOCK *lock) { return (unsigned int *)&lock->Ptr; }

/* set the waiters bit on V (if needed) and sleep; 0 if V went away meanwhile */
static void srw_sleep(unsigned int *w, unsigned int v)
{
    if (!(v & SRW_WAITERS)) {
        if (!__atomic_compare_exchange_n(w, &v, v | SRW_WAITERS, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) return;
        v |= SRW_WAITERS;
    }
    k32_futex(w, FUTEX_WAIT, v, NULL);
}

void WINAPI InitializeSRWLock(SRWLOCK *lock) { lock->Ptr = NULL; }

void WINAPI AcquireSRWLockExclusive(SRWLOCK *lock)
{
    unsigned int *w = srw_word(lock), v = 0;
    if (__atomic_compare_exchange_n(w, &v, SRW_EXCLUSIVE, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    for (;;) {
        v = __atomic_load_n(w, __ATOMIC_RELAXED);
        if (!(v & ~SRW_WAITERS)) {
            if (__atomic_compare_exchange_n(w, &v, v | SRW_EXCLUSIVE, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
            continue;
        }
        srw_sleep(w, v);
    }
}

void WINAPI AcquireSRWLockShared(SRWLOCK *lock)
{
    unsigned int *w = srw_word(lock);
    for (;;) {
        unsigned int v = __atomic_load_n(w, __ATOMIC_RELAXED);
        if (!(v & SRW_EXCLUSIVE)) {
            if (__atomic_compare_exchange_n(w, &v, v + SRW_READER, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
            continue;
        }
        srw_sleep(w, v);
    }
}

BOOLEAN WINAPI TryAcquireSRWLockExclusive(SRWLOCK *lock)
{
    unsigned int *w = srw_word(lock), v = __atomic_load_n(w, __ATOMIC_RELAXED);
    if (v & ~SRW_WAITERS) return FALSE;
    return __atomic_compare_exchange_n(w, &v, v | SRW_EXCLUSIVE, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

BOOLEAN WINAPI TryAcquireSRWLockShared(SRWLOCK *lock)
{
    unsigned int *w = srw_word(lock), v = __atomic_load_n(w, __ATOMIC_RELAXED);
    while (!(v & SRW_EXCLUSIVE))
        if (__atomic_compare_exchange_n(w, &v, v + SRW_READER, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return TRUE;
    return FALSE;
}

void WINAPI ReleaseSRWLockExclusive(SRWLOCK *lock)
{
    unsigned int *w = srw_word(lock);
    if (__atomic_exchange_n(w, 0, __ATOMIC_RELEASE) & SRW_WAITERS) k32_futex(w, FUTEX_WAKE, INT_MAX, NULL);
}

void WINAPI ReleaseSRWLockShared(SRWLOCK *lock)
{
    unsigned int *w = srw_word(lock), v = SRW_WAITERS;
    if (__atomic_sub_fetch(w, SRW_READER, __ATOMIC_RELEASE) != SRW_WAITERS) return;
    /* the last reader out with sleepers; if the CAS fails, a new holder will wake them */
    if (__atomic_compare_exchange_n(w, &v, 0, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) k32_futex(w, FUTEX_WAKE, INT_MAX, NULL);
}

/* ---- condition variables ----
 * Low 32 bits: a sequence that every wake bumps; high 32 bits: sleepers. */

static unsigned int *cv_seq(CONDITION_VARIABLE *cv) { return (unsigned int *)&cv->Ptr; }
static unsigned int *cv_waiters(CONDITION_VARIABLE *cv) { return (unsigned int *)&cv->Ptr + 1; }

void WINAPI InitializeConditionVariable(CONDITION_VARIABLE *cv) { cv->Ptr = NULL; }

static BOOL cv_sleep(CONDITION_VARIABLE *cv, unsigned int seq, DWORD ms)
{
    struct timespec ts;
    long r = k32_futex(cv_seq(cv), FUTEX_WAIT_BITSET, seq, deadline(ms, &ts));
    __atomic_sub_fetch(cv_waiters(cv), 1, __ATOMIC_SEQ_CST);
    return !(r < 0 && errno == ETIMEDOUT);
}

BOOL WINAPI SleepConditionVariableCS(CONDITION_VARIABLE *cv, CRITICAL_SECTION *cs, DWORD ms)
{
    unsigned int seq = __atomic_load_n(cv_seq(cv), __ATOMIC_SEQ_CST);
    __atomic_add_fetch(cv_waiters(cv), 1, __ATOMIC_SEQ_CST);
    LeaveCriticalSection(cs);
    BOOL woken = cv_sleep(cv, seq, ms);
    EnterCriticalSection(cs);
    if (!woken) SetLastError(ERROR_TIMEOUT);
    return woken;
}

BOOL WINAPI SleepConditionVariableSRW(CONDITION_VARIABLE *cv, SRWLOCK *lock, DWORD ms, ULONG flags)
{
    unsigned int seq = __atomic_load_n(cv_seq(cv), __ATOMIC_SEQ_CST);
    __atomic_add_fetch(cv_waiters(cv), 1, __ATOMIC_SEQ_CST);
    if (flags & CONDITION_VARIABLE_LOCKMODE_SHARED) ReleaseSRWLockShared(lock);
    else ReleaseSRWLockExclusive(lock);
    BOOL woken = cv_sleep(cv, seq, ms);
    if (flags & CONDITION_VARIABLE_LOCKMODE_SHARED) AcquireSRWLockShared(lock);
    else AcquireSRWLockExclusive(lock);
    if (!woken) SetLastError(ERROR_TIMEOUT);
    return woken;
}

static void cv_wake(CONDITION_VARIABLE *cv, int count)
{
    __atomic_add_fetch(cv_seq(cv), 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(cv_waiters(cv), __ATOMIC_SEQ_CST)) k32_futex(cv_seq(cv), FUTEX_WAKE, count, NULL);
}

void WINAPI WakeConditionVariable(CONDITION_VARIABLE *cv) { cv_wake(cv, 1); }
void WINAPI WakeAllConditionVariable(CONDITION_VARIABLE *cv) { cv_wake(cv, INT_MAX); }

/* ---- one-time initialization ----
 * Ptr: 0 not done, 1 being done (synchronous), 3 being done (asynchronous),
 * context | 2 done (the context's two low bits are zero). */
#define ONCE_BUSY  1u
#define ONCE_DONE  2u
#define ONCE_ASYNC 3u

static unsigned int *once_word(INIT_ONCE *once) { return (unsigned int *)&once->Ptr; }

void WINAPI InitOnceInitialize(INIT_ONCE *once) { once->Ptr = NULL; }

BOOL WINAPI InitOnceBeginInitialize(INIT_ONCE *once, DWORD flags, PBOOL pending, PVOID *context)
{
    if ((flags & ~(INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC)) ||
        ((flags & INIT_ONCE_CHECK_ONLY) && (flags & INIT_ONCE_ASYNC)) || !pending) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    for (;;) {
        ULONG_PTR v = (ULONG_PTR)__atomic_load_n(&once->Ptr, __ATOMIC_ACQUIRE);
        if ((v & 3) == ONCE_DONE) {
            *pending = FALSE;
            if (context) *context = (PVOID)(v & ~(ULONG_PTR)3);
            return TRUE;
        }
        if (flags & INIT_ONCE_CHECK_ONLY) {
            SetLastError(ERROR_GEN_FAILURE);
            return FALSE;
        }
        if (flags & INIT_ONCE_ASYNC) {
            if (v == ONCE_BUSY) {
                SetLastError(ERROR_INVALID_PARAMETER);   /* a synchronous one is under way */
                return FALSE;
            }
            void *expect = (void *)v;
            if (v == ONCE_ASYNC ||
                __atomic_compare_exchange_n(&once->Ptr, &expect, (void *)(ULONG_PTR)ONCE_ASYNC, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                *pending = TRUE;
                return TRUE;
            }
            continue;
        }
        if (v == 0) {
            void *expect = NULL;
            if (__atomic_compare_exchange_n(&once->Ptr, &expect, (void *)(ULONG_PTR)ONCE_BUSY, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                *pending = TRUE;
                return TRUE;
            }
            continue;
        }
        if (v == ONCE_ASYNC) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        k32_futex(once_word(once), FUTEX_WAIT, ONCE_BUSY, NULL);
    }
}

BOOL WINAPI InitOnceComplete(INIT_ONCE *once, DWORD flags, PVOID context)
{
    ULONG_PTR ctx = (ULONG_PTR)context;
    if ((flags & ~(INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED)) ||
        ((flags & INIT_ONCE_INIT_FAILED) && (flags & INIT_ONCE_ASYNC)) || (ctx & 3) ||
        ((flags & INIT_ONCE_INIT_FAILED) && ctx)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG_PTR v = (ULONG_PTR)__atomic_load_n(&once->Ptr, __ATOMIC_ACQUIRE);
    void *expect = (void *)v;
    if (flags & INIT_ONCE_ASYNC) {
        if (v != ONCE_ASYNC) {
            SetLastError((v & 3) == ONCE_DONE ? ERROR_ALREADY_EXISTS /* another won */ : ERROR_GEN_FAILURE);
            return FALSE;
        }
        if (!__atomic_compare_exchange_n(&once->Ptr, &expect, (void *)(ctx | ONCE_DONE), 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            SetLastError(ERROR_ALREADY_EXISTS);
            return FALSE;
        }
        return TRUE;
    }
    if (v != ONCE_BUSY) {
        SetLastError(ERROR_GEN_FAILURE);
        return FALSE;
    }
    __atomic_store_n(&once->Ptr, (flags & INIT_ONCE_INIT_FAILED) ? NULL : (void *)(ctx | ONCE_DONE), __ATOMIC_RELEASE);
    k32_futex(once_word(once), FUTEX_WAKE, INT_MAX, NULL);
    return TRUE;
}

BOOL WINAPI InitOnceExecuteOnce(INIT_ONCE *once, void *fn, PVOID param, PVOID *context)
{
    BOOL pending;
    PVOID ctx = NULL;
    if (!InitOnceBeginInitialize(once, 0, &pending, context)) return FALSE;
    if (!pending) return TRUE;
    if (!((init_once_fn)fn)(once, param, &ctx)) {
        InitOnceComplete(once, INIT_ONCE_INIT_FAILED, NULL);
        return FALSE;
    }
    InitOnceComplete(once, 0, ctx);
    if (context) *context = ctx;
    return TRUE;
}

/* ---- WaitOnAddress ----
 * Sleepers hash by address onto a word that every wake of that bucket
 * bumps; a wake wakes the whole bucket (WaitOnAddress may return early). */
struct address_bucket {
    unsigned int seq, waiters;
} __attribute__((aligned(64)));
static struct address_bucket buckets[256];

static struct address_bucket *bucket_of(const volatile void *addr)
{
    ULONG_PTR a = (ULONG_PTR)addr;
    return &buckets[((a >> 3) ^ (a >> 11)) & 255];
}

BOOL WINAPI WaitOnAddress(volatile void *addr, PVOID compare, SIZE_T size, DWORD ms)
{
    struct address_bucket *b = bucket_of(addr);
    struct timespec ts;
    if (size != 1 && size != 2 && size != 4 && size != 8) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    unsigned int seq = __atomic_load_n(&b->seq, __ATOMIC_SEQ_CST);
    if (memcmp((const void *)addr, compare, size)) return TRUE;
    __atomic_add_fetch(&b->waiters, 1, __ATOMIC_SEQ_CST);
    long r = k32_futex(&b->seq, FUTEX_WAIT_BITSET, seq, deadline(ms, &ts));
    __atomic_sub_fetch(&b->waiters, 1, __ATOMIC_SEQ_CST);
    if (r < 0 && errno == ETIMEDOUT) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return TRUE;
}

static void wake_address(const volatile void *addr)
{
    struct address_bucket *b = bucket_of(addr);
    __atomic_add_fetch(&b->seq, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&b->waiters, __ATOMIC_SEQ_CST)) k32_futex(&b->seq, FUTEX_WAKE, INT_MAX, NULL);
}

void WINAPI WakeByAddressSingle(PVOID addr) { wake_address(addr); }
void WINAPI WakeByAddressAll(PVOID addr) { wake_address(addr); }
