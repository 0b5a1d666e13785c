/* Interlocked singly linked lists (SLIST_HEADER, x64 layout): 16 bytes,
 * the first quadword Depth (16 bits) and Sequence (48 bits), the second the
 * first entry (16-byte aligned, so its low 4 bits are free).  Updated with
 * cmpxchg16b; the sequence changes on every push and pop (ABA). */
#include "sync_private.h"

typedef struct _SLIST_ENTRY { struct _SLIST_ENTRY *Next; } __attribute__((aligned(16))) SLIST_ENTRY, *PSLIST_ENTRY;
typedef struct { ULONGLONG lo, hi; } __attribute__((aligned(16))) SLIST_HEADER, *PSLIST_HEADER;

#define DEPTH_MASK 0xffffull
#define SEQ_ONE    0x10000ull

static int cas16(SLIST_HEADER *h, SLIST_HEADER *expect, ULONGLONG lo, ULONGLONG hi)
{
    unsigned char ok;
    __asm__ volatile("lock cmpxchg16b %1\n\tsete %0"
                     : "=q"(ok), "+m"(*h), "+a"(expect->lo), "+d"(expect->hi)
                     : "b"(lo), "c"(hi)
                     : "memory", "cc");
    return ok;
}

static void load(SLIST_HEADER *h, SLIST_HEADER *out)
{
    /* a torn read only makes the cmpxchg16b fail and the loop retry */
    out->lo = __atomic_load_n(&h->lo, __ATOMIC_ACQUIRE);
    out->hi = __atomic_load_n(&h->hi, __ATOMIC_ACQUIRE);
}

void WINAPI InitializeSListHead(PSLIST_HEADER h)
{
    h->lo = h->hi = 0;
}

USHORT WINAPI QueryDepthSList(PSLIST_HEADER h)
{
    return (USHORT)(__atomic_load_n(&h->lo, __ATOMIC_ACQUIRE) & DEPTH_MASK);
}

PSLIST_ENTRY WINAPI RtlFirstEntrySList(const SLIST_HEADER *h)
{
    return (PSLIST_ENTRY)(ULONG_PTR)(__atomic_load_n(&h->hi, __ATOMIC_ACQUIRE) & ~15ull);
}

PSLIST_ENTRY WINAPI InterlockedPushEntrySList(PSLIST_HEADER h, PSLIST_ENTRY entry)
{
    SLIST_HEADER old;
    load(h, &old);
    do {
        entry->Next = (PSLIST_ENTRY)(ULONG_PTR)(old.hi & ~15ull);
    } while (!cas16(h, &old, ((old.lo + SEQ_ONE) & ~DEPTH_MASK) | ((old.lo + 1) & DEPTH_MASK), (ULONG_PTR)entry));
    return (PSLIST_ENTRY)(ULONG_PTR)(old.hi & ~15ull);
}

/* FIRST..LAST, already linked, COUNT entries */
PSLIST_ENTRY WINAPI InterlockedPushListSListEx(PSLIST_HEADER h, PSLIST_ENTRY first, PSLIST_ENTRY last, ULONG count)
{
    SLIST_HEADER old;
    load(h, &old);
    do {
        last->Next = (PSLIST_ENTRY)(ULONG_PTR)(old.hi & ~15ull);
    } while (!cas16(h, &old, ((old.lo + SEQ_ONE) & ~DEPTH_MASK) | ((old.lo + count) & DEPTH_MASK), (ULONG_PTR)first));
    return (PSLIST_ENTRY)(ULONG_PTR)(old.hi & ~15ull);
}

PSLIST_ENTRY WINAPI InterlockedPopEntrySList(PSLIST_HEADER h)
{
    SLIST_HEADER old;
    PSLIST_ENTRY first;
    load(h, &old);
    do {
        first = (PSLIST_ENTRY)(ULONG_PTR)(old.hi & ~15ull);
        if (!first) return NULL;
        /* FIRST may be popped and freed by another thread meanwhile; then
         * the sequence has moved and the exchange fails (Windows reads it the same way) */
    } while (!cas16(h, &old, ((old.lo + SEQ_ONE) & ~DEPTH_MASK) | ((old.lo - 1) & DEPTH_MASK),
                    (ULONG_PTR)__atomic_load_n(&first->Next, __ATOMIC_RELAXED)));
    return first;
}

PSLIST_ENTRY WINAPI InterlockedFlushSList(PSLIST_HEADER h)
{
    SLIST_HEADER old;
    load(h, &old);
    do {
        if (!(old.hi & ~15ull)) return NULL;
    } while (!cas16(h, &old, old.lo & ~DEPTH_MASK, 0));
    return (PSLIST_ENTRY)(ULONG_PTR)(old.hi & ~15ull);
}
