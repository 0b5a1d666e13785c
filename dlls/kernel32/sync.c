/* Critical sections (futex-based) and thread-local storage slots. */
#include <linux/futex.h>
#include <sched.h>
#include <time.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "sync_private.h"

DEFAULT_DEBUG_CHANNEL(sync);

/* ---- critical sections ----
 * The futex word is the low half of LockSemaphore: 0 free, 1 held,
 * 2 held with waiters.  OwningThread and RecursionCount are kept as
 * Windows keeps them (programs look at them). */

static int *cs_word(CRITICAL_SECTION *cs) { return (int *)&cs->LockSemaphore; }

static long futex(int *addr, int op, int val)
{
    return syscall(SYS_futex, addr, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

void WINAPI InitializeCriticalSection(CRITICAL_SECTION *cs)
{
    memset(cs, 0, sizeof(*cs));
    cs->LockCount = -1;
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *cs, DWORD spin)
{
    InitializeCriticalSection(cs);
    cs->SpinCount = spin & 0xffffff;
    return TRUE;
}

BOOL WINAPI InitializeCriticalSectionEx(CRITICAL_SECTION *cs, DWORD spin, DWORD flags)
{
    return InitializeCriticalSectionAndSpinCount(cs, spin);
}

DWORD WINAPI SetCriticalSectionSpinCount(CRITICAL_SECTION *cs, DWORD spin)
{
    DWORD old = cs->SpinCount;
    cs->SpinCount = spin & 0xffffff;
    return old;
}

void WINAPI DeleteCriticalSection(CRITICAL_SECTION *cs)
{
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = 0;
    *cs_word(cs) = 0;
}

static void cs_acquired(CRITICAL_SECTION *cs, HANDLE self)
{
    cs->OwningThread = self;
    cs->RecursionCount = 1;
    __atomic_add_fetch(&cs->LockCount, 1, __ATOMIC_RELAXED);
}

BOOL WINAPI TryEnterCriticalSection(CRITICAL_SECTION *cs)
{
    HANDLE self = NtCurrentTeb()->ClientId.UniqueThread;
    if (cs->OwningThread == self) {
        cs->RecursionCount++;
        return TRUE;
    }
    int expected = 0;
    if (!__atomic_compare_exchange_n(cs_word(cs), &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return FALSE;
    cs_acquired(cs, self);
    return TRUE;
}

void WINAPI EnterCriticalSection(CRITICAL_SECTION *cs)
{
    HANDLE self = NtCurrentTeb()->ClientId.UniqueThread;
    int *w = cs_word(cs);
    if (cs->OwningThread == self) {
        cs->RecursionCount++;
        return;
    }
    int c = 0;
    if (!__atomic_compare_exchange_n(w, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        for (ULONG_PTR spin = cs->SpinCount; spin; spin--) {
            __builtin_ia32_pause();
            c = 0;
            if (__atomic_compare_exchange_n(w, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) goto acquired;
        }
        if (c != 2) c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
        while (c) {
            futex(w, FUTEX_WAIT, 2);
            c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
        }
    }
acquired:
    cs_acquired(cs, self);
}

void WINAPI LeaveCriticalSection(CRITICAL_SECTION *cs)
{
    if (--cs->RecursionCount > 0) return;
    cs->OwningThread = 0;
    cs->RecursionCount = 0;
    __atomic_sub_fetch(&cs->LockCount, 1, __ATOMIC_RELAXED);
    if (__atomic_exchange_n(cs_word(cs), 0, __ATOMIC_RELEASE) == 2) futex(cs_word(cs), FUTEX_WAKE, 1);
}

/* ---- TLS slots: 64 in the TEB, 1024 more in the expansion array ---- */

static unsigned char tls_used[TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS];
static CRITICAL_SECTION tls_lock = { NULL, -1, 0, 0, 0, 0 };

DWORD WINAPI TlsAlloc(void)
{
    DWORD ret = TLS_OUT_OF_INDEXES;
    EnterCriticalSection(&tls_lock);
    for (DWORD i = 0; i < sizeof(tls_used); i++) {
        if (tls_used[i]) continue;
        tls_used[i] = 1;
        ret = i;
        break;
    }
    LeaveCriticalSection(&tls_lock);
    if (ret == TLS_OUT_OF_INDEXES) SetLastError(ERROR_NO_MORE_ITEMS);
    else TlsSetValue(ret, NULL);   /* a new slot reads NULL on every thread */
    return ret;
}

BOOL WINAPI TlsFree(DWORD index)
{
    if (index >= sizeof(tls_used) || !tls_used[index]) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    tls_used[index] = 0;
    k32_tls_clear_all(index);
    return TRUE;
}

LPVOID WINAPI TlsGetValue(DWORD index)
{
    TEB *teb = NtCurrentTeb();
    if (index < TLS_MINIMUM_AVAILABLE) {
        teb->LastErrorValue = ERROR_SUCCESS;
        return teb->TlsSlots[index];
    }
    if (index >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS) {
        teb->LastErrorValue = ERROR_INVALID_PARAMETER;
        return NULL;
    }
    teb->LastErrorValue = ERROR_SUCCESS;
    return teb->TlsExpansionSlots ? teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] : NULL;
}

BOOL WINAPI TlsSetValue(DWORD index, LPVOID value)
{
    TEB *teb = NtCurrentTeb();
    if (index < TLS_MINIMUM_AVAILABLE) {
        teb->TlsSlots[index] = value;
        return TRUE;
    }
    if (index >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!teb->TlsExpansionSlots && !(teb->TlsExpansionSlots = calloc(TLS_EXPANSION_SLOTS, sizeof(void *)))) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] = value;
    return TRUE;
}

/* ---- interlocked (exported by kernel32 for old programs) ---- */

LONG WINAPI InterlockedIncrement(LONG volatile *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
LONG WINAPI InterlockedDecrement(LONG volatile *p) { return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
LONG WINAPI InterlockedExchange(LONG volatile *p, LONG v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
LONG WINAPI InterlockedExchangeAdd(LONG volatile *p, LONG v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
LONG WINAPI InterlockedCompareExchange(LONG volatile *p, LONG xchg, LONG cmp)
{
    __atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return cmp;
}

/* ---- waiting (threads come later: only timeouts work for now) ---- */

void WINAPI Sleep(DWORD ms)
{
    if (!ms) { sched_yield(); return; }
    if (ms == INFINITE) for (;;) pause();
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts)) ;
}

DWORD WINAPI SleepEx(DWORD ms, BOOL alertable)
{
    Sleep(ms);
    return 0;
}
