/* Waitable objects without a server (DESIGN decision 8): events, mutexes,
 * semaphores, waitable timers, and the waits over them and over threads.
 *
 * Each object keeps its state under a small futex lock and carries a
 * 32-bit futex word (sync_object.seq) that changes on every signal.  A
 * wait reads the words, tries to acquire under the locks, and sleeps on
 * the words it read: on one with FUTEX_WAIT, on several with futex_waitv
 * (Linux 5.16), or, where that is missing, on one process-wide word.
 * Wait-all locks all its objects in address order and takes them only
 * when every one can be taken, so it is atomic.
 *
 * Named objects are shared between processes through carafe-server
 * (named.c: their state sits in a shared page, so waits stay futex waits).
 * Only when no server can be reached does the name table here give the
 * same object to CreateEvent/OpenEvent... of one process. */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include "sync_private.h"
#include "carafe/process.h"
#include "named_private.h"
#include "carafe/kernel32.h"

DEFAULT_DEBUG_CHANNEL(sync);

#define CREATE_EVENT_MANUAL_RESET 0x1
#define CREATE_EVENT_INITIAL_SET  0x2
#define CREATE_MUTEX_INITIAL_OWNER 0x1
#define CREATE_WAITABLE_TIMER_MANUAL_RESET 0x1

struct event_object {
    struct sync_object sync;
    int manual, signaled;
    unsigned int pulse_seq;        /* SEQ of the last PulseEvent */
    int pulse_left;                /* an auto-reset pulse not yet taken */
};

struct semaphore_object {
    struct sync_object sync;
    LONG count, max;
};

struct timer_object {
    struct sync_object sync;
    int manual, signaled, active;
    ULONGLONG due;                 /* CLOCK_MONOTONIC, ns */
    ULONGLONG period;              /* ns, 0 for a one-shot timer */
};

/* ---- the object lock and wake-ups ---- */

void sync_lock(struct sync_object *o)
{
    int c = 0;
    if (__atomic_compare_exchange_n(&o->lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    for (int spin = 0; spin < 100; spin++) {
        __builtin_ia32_pause();
        c = 0;
        if (__atomic_compare_exchange_n(&o->lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    }
    if (c != 2) c = __atomic_exchange_n(&o->lock, 2, __ATOMIC_ACQUIRE);
    while (c) {
        sync_futex(o, &o->lock, FUTEX_WAIT, 2, NULL);
        c = __atomic_exchange_n(&o->lock, 2, __ATOMIC_ACQUIRE);
    }
}

struct sync_object *sync_lock_live(struct sync_object *o)
{
    sync_lock(o);
    while (o->moved) {
        struct sync_object *to = o->moved;
        __atomic_add_fetch(&to->obj.refcount, 1, __ATOMIC_RELAXED);
        sync_unlock(o);
        carafe_object_release(&o->obj);
        o = to;
        sync_lock(o);
    }
    return o;
}

void sync_unlock(struct sync_object *o)
{
    if (__atomic_exchange_n(&o->lock, 0, __ATOMIC_RELEASE) == 2) sync_futex(o, &o->lock, FUTEX_WAKE, 1, NULL);
}

/* Without futex_waitv a wait on several objects sleeps on this word,
 * which every signal changes. */
static int have_waitv = 1;
static unsigned int any_seq, any_waiters;

void sync_wake(struct sync_object *o)
{
    if (__atomic_load_n(&o->waiters, __ATOMIC_SEQ_CST)) sync_futex(o, &o->seq, FUTEX_WAKE, INT_MAX, NULL);
    if (!have_waitv) {
        __atomic_add_fetch(&any_seq, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&any_waiters, __ATOMIC_SEQ_CST)) k32_futex(&any_seq, FUTEX_WAKE, INT_MAX, NULL);
    }
}

void sync_object_init(struct sync_object *o, int type, const struct object_ops *ops)
{
    o->obj.type = type;
    o->obj.refcount = 1;
    o->obj.ops = ops;
}

/* ---- names ---- */

struct name_entry {
    struct name_entry *next;
    struct sync_object *obj;
};
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;
static struct name_entry *names;

static int wcs_equal(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

/* a new reference to a live object of that name (names_lock held) */
static struct sync_object *find_name(const WCHAR *name)
{
    for (struct name_entry *e = names; e; e = e->next) {
        if (!wcs_equal(e->obj->name, name)) continue;
        int ref = __atomic_load_n(&e->obj->obj.refcount, __ATOMIC_RELAXED);
        while (ref > 0)   /* a dying object (refcount 0) is no longer found */
            if (__atomic_compare_exchange_n(&e->obj->obj.refcount, &ref, ref + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
                return e->obj;
    }
    return NULL;
}

void sync_object_free_name(struct sync_object *o)
{
    if (!o->name) return;
    pthread_mutex_lock(&names_lock);
    for (struct name_entry **p = &names; *p; p = &(*p)->next) {
        if ((*p)->obj != o) continue;
        struct name_entry *e = *p;
        *p = e->next;
        free(e);
        break;
    }
    pthread_mutex_unlock(&names_lock);
    free(o->name);
}

static void sync_destroy(struct object *obj)
{
    struct sync_object *o = (struct sync_object *)obj;
    sync_object_free_name(o);
    if (o->moved) carafe_object_release(&o->moved->obj);
    free(obj);
}

static const struct object_ops sync_ops = { sync_destroy };

size_t sync_object_size(int type)
{
    switch (type) {
    case OBJ_EVENT: return sizeof(struct event_object);
    case OBJ_MUTEX: return sizeof(struct mutex_object);
    case OBJ_SEMAPHORE: return sizeof(struct semaphore_object);
    default: return sizeof(struct timer_object);
    }
}

/* Give NEW a handle, or, when an object of that name exists, a handle to
 * it (ERROR_ALREADY_EXISTS; NEW is freed).  *CREATED tells which.
 * Named objects are shared between processes through carafe-server
 * (named.c); without a server they stay in this process's name table. */
static HANDLE publish_sa(struct sync_object *new, const WCHAR *name, int *created)
{
    struct sync_object *obj = new;
    DWORD error = ERROR_SUCCESS;
    *created = 1;
    if (name) {
        int fallback = 0;
        HANDLE h = k32_named_sync_create(new, sync_object_size(new->obj.type), name, created, &fallback);
        if (!fallback) return h;
    }
    if (name) {
        pthread_mutex_lock(&names_lock);
        struct sync_object *old = find_name(name);
        if (old) {
            if (old->obj.type != new->obj.type) {
                pthread_mutex_unlock(&names_lock);
                carafe_object_release(&old->obj);
                free(new);
                SetLastError(ERROR_INVALID_HANDLE);
                return NULL;
            }
            obj = old;
            *created = 0;
            error = ERROR_ALREADY_EXISTS;
        } else {
            struct name_entry *e = malloc(sizeof(*e));
            if (e && (new->name = carafe_wcsdup(name))) {
                e->obj = new;
                e->next = names;
                names = e;
            } else free(e);
        }
        pthread_mutex_unlock(&names_lock);
        if (!*created) free(new);
    }
    HANDLE h = carafe_handle_alloc(&obj->obj);
    if (!h) {
        carafe_object_release(&obj->obj);
        return NULL;
    }
    SetLastError(error);
    return h;
}

/* An inheritable object is created shared (through carafe-server, even
 * unnamed) so that a child can have it too; without a server it stays ours. */
static HANDLE publish(struct sync_object *new, const WCHAR *name, int *created, LPSECURITY_ATTRIBUTES sa)
{
    int inherit = sa && sa->bInheritHandle;
    HANDLE h = NULL;
    if (inherit && !name) {
        int fallback = 0;
        *created = 1;
        h = k32_named_sync_create(new, sync_object_size(new->obj.type), NULL, created, &fallback);
        if (fallback) h = publish_sa(new, name, created);
    } else h = publish_sa(new, name, created);
    if (h && inherit) {
        DWORD error = GetLastError();
        carafe_handle_flags(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
        SetLastError(error);
    }
    return h;
}

static HANDLE open_named(int type, const WCHAR *name)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    int fallback = 0;
    HANDLE shared = k32_named_sync_open(type, name, &fallback);
    if (!fallback) return shared;
    pthread_mutex_lock(&names_lock);
    struct sync_object *obj = find_name(name);
    pthread_mutex_unlock(&names_lock);
    if (!obj) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return NULL;
    }
    if (obj->obj.type != type) {
        carafe_object_release(&obj->obj);
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    HANDLE h = carafe_handle_alloc(&obj->obj);
    if (!h) carafe_object_release(&obj->obj);
    return h;
}

static void *alloc_object(size_t size, int type)
{
    struct sync_object *o = calloc(1, size);
    if (!o) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    sync_object_init(o, type, &sync_ops);
    return o;
}

static void *get_object(HANDLE h, int type)
{
    struct object *obj = carafe_handle_get(h, type);
    if (!obj) SetLastError(ERROR_INVALID_HANDLE);
    return obj;
}

/* ---- events ---- */

HANDLE WINAPI CreateEventExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct event_object *ev = alloc_object(sizeof(*ev), OBJ_EVENT);
    int created;
    if (!ev) return NULL;
    ev->manual = !!(flags & CREATE_EVENT_MANUAL_RESET);
    ev->signaled = !!(flags & CREATE_EVENT_INITIAL_SET);
    return publish(&ev->sync, name, &created, sa);
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCWSTR name)
{
    return CreateEventExW(sa, name, (manual ? CREATE_EVENT_MANUAL_RESET : 0) | (initial ? CREATE_EVENT_INITIAL_SET : 0),
                          0x1f0003 /* EVENT_ALL_ACCESS */);
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateEventW(sa, manual, initial, w);
    free(w);
    return h;
}

HANDLE WINAPI CreateEventExA(LPSECURITY_ATTRIBUTES sa, LPCSTR name, DWORD flags, DWORD access)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateEventExW(sa, w, flags, access);
    free(w);
    return h;
}

HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, LPCWSTR name) { return open_named(OBJ_EVENT, name); }

HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = OpenEventW(access, inherit, w);
    free(w);
    return h;
}

BOOL WINAPI SetEvent(HANDLE h)
{
    struct event_object *ev = get_object(h, OBJ_EVENT);
    if (!ev) return FALSE;
    ev = (struct event_object *)sync_lock_live(&ev->sync);
    int was = ev->signaled;
    ev->signaled = 1;
    if (!was) sync_changed(&ev->sync);
    sync_unlock(&ev->sync);
    if (!was) sync_wake(&ev->sync);
    carafe_object_release(&ev->sync.obj);
    return TRUE;
}

DWORD carafe_event_share(HANDLE h, uint32_t *id, uint32_t *signaled_off, uint32_t *seq_off)
{
    struct object *obj = carafe_handle_get(h, OBJ_EVENT);
    uint32_t type;
    int fd;
    if (!obj) return ERROR_INVALID_HANDLE;
    BOOL ok = k32_named_sync_export(obj, &fd, id, &type);
    carafe_object_release(obj);
    if (!ok) return GetLastError() ? GetLastError() : ERROR_NOT_SUPPORTED;
    if (!*id) return ERROR_NOT_SUPPORTED;
    *signaled_off = offsetof(struct event_object, signaled) - offsetof(struct sync_object, seq);
    *seq_off = 0;
    return ERROR_SUCCESS;
}

BOOL WINAPI ResetEvent(HANDLE h)
{
    struct event_object *ev = get_object(h, OBJ_EVENT);
    if (!ev) return FALSE;
    ev = (struct event_object *)sync_lock_live(&ev->sync);
    ev->signaled = 0;
    sync_unlock(&ev->sync);
    carafe_object_release(&ev->sync.obj);
    return TRUE;
}

/* Wakes the threads waiting now (manual reset) or one of them (auto
 * reset), then leaves the event reset.  Unreliable on Windows too. */
BOOL WINAPI PulseEvent(HANDLE h)
{
    struct event_object *ev = get_object(h, OBJ_EVENT);
    if (!ev) return FALSE;
    ev = (struct event_object *)sync_lock_live(&ev->sync);
    sync_changed(&ev->sync);
    ev->pulse_seq = ev->sync.seq;
    ev->pulse_left = 1;
    ev->signaled = 0;
    sync_unlock(&ev->sync);
    sync_wake(&ev->sync);
    carafe_object_release(&ev->sync.obj);
    return TRUE;
}

/* ---- mutexes ---- */

static void mutex_link(struct mutex_object *m, struct k32_thread *t)
{
    __atomic_add_fetch(&m->sync.obj.refcount, 1, __ATOMIC_RELAXED);   /* the owner's reference */
    m->owned_prev = NULL;
    m->owned_next = t->owned;
    if (t->owned) t->owned->owned_prev = m;
    t->owned = m;
}

static void list_remove(struct mutex_object *m, struct k32_thread *t)
{
    if (m->owned_prev) m->owned_prev->owned_next = m->owned_next;
    else t->owned = m->owned_next;
    if (m->owned_next) m->owned_next->owned_prev = m->owned_prev;
    m->owned_next = m->owned_prev = NULL;
}

/* Takes M out of T's list.  A mutex that moved to a shared page while
 * owned (named.c) is not in the list itself: the private object it came
 * from stands for it there, with its own owner's reference, which the
 * caller drops when this returns that object. */
static struct mutex_object *mutex_unlink(struct mutex_object *m, struct k32_thread *t)
{
    struct mutex_object *x = m;
    if (!m->owned_prev && t->owned != m) {
        for (x = t->owned; x && (struct mutex_object *)x->sync.moved != m; x = x->owned_next) ;
        if (!x) return NULL;
    }
    list_remove(x, t);
    return x == m ? NULL : x;
}

HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct mutex_object *m = alloc_object(sizeof(*m), OBJ_MUTEX);
    struct k32_thread *self = k32_current_thread();
    int created;
    if (!m) return NULL;
    /* owned from its first moment: a named one may be seen by others at once */
    if (flags & CREATE_MUTEX_INITIAL_OWNER) {
        m->owner = self->tid;
        m->count = 1;
    }
    HANDLE h = publish(&m->sync, name, &created, sa);
    if (h && created && (flags & CREATE_MUTEX_INITIAL_OWNER)) {
        DWORD error = GetLastError();
        struct mutex_object *real = get_object(h, OBJ_MUTEX);   /* NEW may live elsewhere now */
        if (real) {
            mutex_link(real, self);
            carafe_object_release(&real->sync.obj);
        }
        SetLastError(error);
    }
    return h;
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES sa, BOOL owner, LPCWSTR name)
{
    return CreateMutexExW(sa, name, owner ? CREATE_MUTEX_INITIAL_OWNER : 0, 0x1f0001 /* MUTEX_ALL_ACCESS */);
}

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES sa, BOOL owner, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateMutexW(sa, owner, w);
    free(w);
    return h;
}

HANDLE WINAPI CreateMutexExA(LPSECURITY_ATTRIBUTES sa, LPCSTR name, DWORD flags, DWORD access)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateMutexExW(sa, w, flags, access);
    free(w);
    return h;
}

HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name) { return open_named(OBJ_MUTEX, name); }

HANDLE WINAPI OpenMutexA(DWORD access, BOOL inherit, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = OpenMutexW(access, inherit, w);
    free(w);
    return h;
}

BOOL WINAPI ReleaseMutex(HANDLE h)
{
    struct mutex_object *m = get_object(h, OBJ_MUTEX);
    struct k32_thread *self = k32_current_thread();
    struct mutex_object *stand_in = NULL;
    int freed = 0;
    if (!m) return FALSE;
    m = (struct mutex_object *)sync_lock_live(&m->sync);
    if (m->owner != self->tid) {
        sync_unlock(&m->sync);
        carafe_object_release(&m->sync.obj);
        SetLastError(ERROR_NOT_OWNER);
        return FALSE;
    }
    if (!--m->count) {
        m->owner = 0;
        stand_in = mutex_unlink(m, self);
        sync_changed(&m->sync);
        freed = 1;
    }
    sync_unlock(&m->sync);
    if (freed) {
        sync_wake(&m->sync);
        carafe_object_release(&m->sync.obj);   /* the owner's reference */
        if (stand_in) carafe_object_release(&stand_in->sync.obj);
    }
    carafe_object_release(&m->sync.obj);
    return TRUE;
}

/* T ends holding mutexes: each becomes free and abandoned (the next
 * wait that takes it returns WAIT_ABANDONED). */
void k32_abandon_mutexes(struct k32_thread *t)
{
    struct mutex_object *node;
    while ((node = t->owned)) {
        struct mutex_object *m = node->sync.moved ? (struct mutex_object *)node->sync.moved : node;
        sync_lock(&m->sync);
        list_remove(node, t);
        int owned = m->owner == t->tid;
        if (owned) {
            m->owner = 0;
            m->count = 0;
            m->abandoned = 1;
            sync_changed(&m->sync);
        }
        sync_unlock(&m->sync);
        if (owned) sync_wake(&m->sync);
        if (owned && m != node) carafe_object_release(&m->sync.obj);   /* its owner's reference */
        carafe_object_release(&node->sync.obj);
    }
}

/* ---- semaphores ---- */

HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCWSTR name, DWORD flags, DWORD access)
{
    if (max <= 0 || initial < 0 || initial > max) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct semaphore_object *s = alloc_object(sizeof(*s), OBJ_SEMAPHORE);
    int created;
    if (!s) return NULL;
    s->count = initial;
    s->max = max;
    return publish(&s->sync, name, &created, sa);
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCWSTR name)
{
    return CreateSemaphoreExW(sa, initial, max, name, 0, 0x1f0003 /* SEMAPHORE_ALL_ACCESS */);
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateSemaphoreW(sa, initial, max, w);
    free(w);
    return h;
}

HANDLE WINAPI CreateSemaphoreExA(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCSTR name, DWORD flags, DWORD access)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateSemaphoreExW(sa, initial, max, w, flags, access);
    free(w);
    return h;
}

HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name) { return open_named(OBJ_SEMAPHORE, name); }

HANDLE WINAPI OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = OpenSemaphoreW(access, inherit, w);
    free(w);
    return h;
}

BOOL WINAPI ReleaseSemaphore(HANDLE h, LONG count, LPLONG previous)
{
    struct semaphore_object *s = get_object(h, OBJ_SEMAPHORE);
    DWORD error = ERROR_SUCCESS;
    if (!s) return FALSE;
    s = (struct semaphore_object *)sync_lock_live(&s->sync);
    if (count <= 0) error = ERROR_INVALID_PARAMETER;
    else if (count > s->max - s->count) error = ERROR_TOO_MANY_POSTS;
    else {
        if (previous) *previous = s->count;
        s->count += count;
        sync_changed(&s->sync);
    }
    sync_unlock(&s->sync);
    if (!error) sync_wake(&s->sync);
    carafe_object_release(&s->sync.obj);
    if (error) SetLastError(error);
    return !error;
}

/* ---- waitable timers: they fire when a wait looks at them ---- */

static ULONGLONG now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ULONGLONG)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

HANDLE WINAPI CreateWaitableTimerExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct timer_object *t = alloc_object(sizeof(*t), OBJ_TIMER);
    int created;
    if (!t) return NULL;
    t->manual = !!(flags & CREATE_WAITABLE_TIMER_MANUAL_RESET);
    return publish(&t->sync, name, &created, sa);
}

HANDLE WINAPI CreateWaitableTimerW(LPSECURITY_ATTRIBUTES sa, BOOL manual, LPCWSTR name)
{
    return CreateWaitableTimerExW(sa, name, manual ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0, 0x1f0003);
}

HANDLE WINAPI CreateWaitableTimerA(LPSECURITY_ATTRIBUTES sa, BOOL manual, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateWaitableTimerW(sa, manual, w);
    free(w);
    return h;
}

HANDLE WINAPI CreateWaitableTimerExA(LPSECURITY_ATTRIBUTES sa, LPCSTR name, DWORD flags, DWORD access)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateWaitableTimerExW(sa, w, flags, access);
    free(w);
    return h;
}

HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name) { return open_named(OBJ_TIMER, name); }

HANDLE WINAPI OpenWaitableTimerA(DWORD access, BOOL inherit, LPCSTR name)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = OpenWaitableTimerW(access, inherit, w);
    free(w);
    return h;
}

/* DUE: negative, relative in 100 ns units; otherwise an absolute UTC FILETIME. */
BOOL WINAPI SetWaitableTimerEx(HANDLE h, const LARGE_INTEGER *due, LONG period, void *completion, LPVOID arg,
                               void *wake_context, ULONG tolerable_delay)
{
    struct timer_object *t = get_object(h, OBJ_TIMER);
    ULONGLONG now = now_ns(), when;
    if (!t) return FALSE;
    if (period < 0) {
        carafe_object_release(&t->sync.obj);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (completion) FIXME("timer completion routines (APCs) are not called\n");
    if (due->QuadPart < 0) when = now + (ULONGLONG)(-due->QuadPart) * 100;
    else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        long long utc = (long long)k32_unix_to_ticks(ts.tv_sec, ts.tv_nsec);
        long long delta = due->QuadPart - utc;
        when = delta > 0 ? now + (ULONGLONG)delta * 100 : now;
    }
    t = (struct timer_object *)sync_lock_live(&t->sync);
    t->signaled = 0;
    t->active = 1;
    t->due = when;
    t->period = (ULONGLONG)period * 1000000ull;
    sync_changed(&t->sync);   /* waiters sleep until the old due time: make them look again */
    sync_unlock(&t->sync);
    sync_wake(&t->sync);
    carafe_object_release(&t->sync.obj);
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

BOOL WINAPI SetWaitableTimer(HANDLE h, const LARGE_INTEGER *due, LONG period, void *completion, LPVOID arg, BOOL resume)
{
    return SetWaitableTimerEx(h, due, period, completion, arg, NULL, 0);
}

BOOL WINAPI CancelWaitableTimer(HANDLE h)
{
    struct timer_object *t = get_object(h, OBJ_TIMER);
    if (!t) return FALSE;
    t = (struct timer_object *)sync_lock_live(&t->sync);
    t->active = 0;
    sync_unlock(&t->sync);
    carafe_object_release(&t->sync.obj);
    return TRUE;
}

/* called locked: a due timer becomes signaled */
static void timer_update(struct timer_object *t, ULONGLONG now)
{
    if (!t->active || now < t->due) return;
    t->signaled = 1;
    if (t->period) t->due += ((now - t->due) / t->period + 1) * t->period;
    else t->active = 0;
}

/* ---- waiting ---- */

/* The process pseudo handle never signals (a process ends when it stops
 * waiting); other handles (files, consoles) are always signaled. */
static struct sync_object never_object = { { OBJ_OTHER, 1 << 30, &sync_ops } };
static struct sync_object always_object = { { OBJ_OTHER, 1 << 30, &sync_ops } };

static struct sync_object *get_waitable(HANDLE h)
{
    if (h == CURRENT_PROCESS) return &never_object;
    if (h == CURRENT_THREAD) return (struct sync_object *)k32_get_thread(h);
    struct object *obj = carafe_handle_get(h, 0);
    if (!obj) return NULL;
    switch (obj->type) {
    case OBJ_EVENT: case OBJ_MUTEX: case OBJ_SEMAPHORE: case OBJ_THREAD: case OBJ_TIMER: case OBJ_PROCESS:
        return (struct sync_object *)obj;
    case OBJ_FILE:
        carafe_object_release(obj);
        return &always_object;
    default:
        carafe_object_release(obj);
        return NULL;
    }
}

enum { NOT_YET, TAKEN, TAKEN_ABANDONED, MOVED };
#define WAIT_MOVED 0xfffffffeu   /* try_wait: an object moved (named.c), look again */

/* Called locked.  With TAKE, acquire the object for thread TID.
 * FIRST_SEQ is the object's SEQ when the wait began (PulseEvent). */
static int try_object(struct sync_object *o, DWORD tid, unsigned int first_seq, ULONGLONG now, int take)
{
    if (o->moved) return MOVED;
    switch (o->obj.type) {
    case OBJ_EVENT: {
        struct event_object *ev = (struct event_object *)o;
        if (ev->signaled) {
            if (take && !ev->manual) ev->signaled = 0;
            return TAKEN;
        }
        if ((int)(ev->pulse_seq - first_seq) > 0 && (ev->manual || ev->pulse_left)) {
            if (take && !ev->manual) ev->pulse_left = 0;
            return TAKEN;
        }
        return NOT_YET;
    }
    case OBJ_MUTEX: {
        struct mutex_object *m = (struct mutex_object *)o;
        if (m->owner && m->owner != tid) return NOT_YET;
        int ret = m->abandoned ? TAKEN_ABANDONED : TAKEN;
        if (take) {
            if (!m->count++) {
                m->owner = tid;
                mutex_link(m, k32_current_thread());
            }
            m->abandoned = 0;
        }
        return ret;
    }
    case OBJ_SEMAPHORE: {
        struct semaphore_object *s = (struct semaphore_object *)o;
        if (!s->count) return NOT_YET;
        if (take) s->count--;
        return TAKEN;
    }
    case OBJ_THREAD:
        return ((struct k32_thread *)o)->exited ? TAKEN : NOT_YET;
    case OBJ_PROCESS:
        return k32_process_signaled(o) ? TAKEN : NOT_YET;
    case OBJ_TIMER: {
        struct timer_object *t = (struct timer_object *)o;
        timer_update(t, now);
        if (!t->signaled) return NOT_YET;
        if (take && !t->manual) t->signaled = 0;
        return TAKEN;
    }
    default:
        return o == &always_object ? TAKEN : NOT_YET;
    }
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return x < y ? -1 : x > y;
}

/* one attempt; returns the WAIT_* result or WAIT_TIMEOUT for "not yet" */
static DWORD try_wait(struct sync_object **objs, const unsigned int *first, DWORD count, BOOL all, DWORD tid, ULONGLONG now)
{
    if (!all) {
        for (DWORD i = 0; i < count; i++) {
            sync_lock(objs[i]);
            int r = try_object(objs[i], tid, first[i], now, 1);
            sync_unlock(objs[i]);
            if (r == TAKEN) return WAIT_OBJECT_0 + i;
            if (r == TAKEN_ABANDONED) return WAIT_ABANDONED + i;
            if (r == MOVED) return WAIT_MOVED;
        }
        return WAIT_TIMEOUT;
    }
    struct sync_object *sorted[MAXIMUM_WAIT_OBJECTS];
    DWORD ret = WAIT_OBJECT_0, i;
    memcpy(sorted, objs, count * sizeof(*objs));
    qsort(sorted, count, sizeof(*sorted), cmp_ptr);
    for (i = 0; i < count; i++) sync_lock(sorted[i]);
    int r = TAKEN;
    for (i = 0; i < count; i++)
        if ((r = try_object(objs[i], tid, first[i], now, 0)) == NOT_YET || r == MOVED) break;
    if (i < count) ret = r == MOVED ? WAIT_MOVED : WAIT_TIMEOUT;
    else {
        for (i = 0; i < count; i++)
            if (try_object(objs[i], tid, first[i], now, 1) == TAKEN_ABANDONED && ret == WAIT_OBJECT_0)
                ret = WAIT_ABANDONED + i;
    }
    for (i = count; i > 0; i--) sync_unlock(sorted[i - 1]);
    return ret;
}

struct futex_waitv_arg {
    uint64_t val;
    uint64_t uaddr;
    uint32_t flags;
    uint32_t reserved;
};
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_PRIVATE  128
#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif

/* sleep until one of the words moves from SNAP, or DEADLINE (ns, CLOCK_MONOTONIC; 0 = none) */
static void sleep_on(struct sync_object **objs, const unsigned int *snap, DWORD count, ULONGLONG deadline,
                     unsigned int any_snap)
{
    struct timespec ts, *pts = NULL;
    if (deadline) {
        ts.tv_sec = deadline / 1000000000ull;
        ts.tv_nsec = deadline % 1000000000ull;
        pts = &ts;
    }
    for (DWORD i = 0; i < count; i++) __atomic_add_fetch(&objs[i]->waiters, 1, __ATOMIC_SEQ_CST);
    if (count == 1) sync_futex(objs[0], &objs[0]->seq, FUTEX_WAIT_BITSET, snap[0], pts);
    else if (have_waitv) {
        struct futex_waitv_arg w[MAXIMUM_WAIT_OBJECTS];
        for (DWORD i = 0; i < count; i++) {
            w[i].val = snap[i];
            w[i].uaddr = (uintptr_t)&objs[i]->seq;
            w[i].flags = FUTEX2_SIZE_U32 | (objs[i]->shared ? 0 : FUTEX2_PRIVATE);
            w[i].reserved = 0;
        }
        if (syscall(SYS_futex_waitv, w, count, 0, pts, CLOCK_MONOTONIC) < 0 && errno == ENOSYS) {
            WARN("no futex_waitv: waits on several objects share one futex word\n");
            have_waitv = 0;   /* the caller goes round again: the any-word takes over from the next signal */
        }
    } else {
        __atomic_add_fetch(&any_waiters, 1, __ATOMIC_SEQ_CST);
        k32_futex(&any_seq, FUTEX_WAIT_BITSET, any_snap, pts);
        __atomic_sub_fetch(&any_waiters, 1, __ATOMIC_SEQ_CST);
    }
    for (DWORD i = 0; i < count; i++) __atomic_sub_fetch(&objs[i]->waiters, 1, __ATOMIC_SEQ_CST);
}

/* the earliest due time of the active timers among OBJS, 0 if none */
static ULONGLONG next_timer(struct sync_object **objs, DWORD count)
{
    ULONGLONG next = 0;
    for (DWORD i = 0; i < count; i++) {
        if (objs[i]->obj.type != OBJ_TIMER) continue;
        struct timer_object *t = (struct timer_object *)objs[i];
        sync_lock(&t->sync);
        if (t->active && (!next || t->due < next)) next = t->due;
        sync_unlock(&t->sync);
    }
    return next;
}

DWORD k32_wait(DWORD count, const HANDLE *handles, BOOL all, DWORD timeout)
{
    struct sync_object *objs[MAXIMUM_WAIT_OBJECTS];
    unsigned int first[MAXIMUM_WAIT_OBJECTS], snap[MAXIMUM_WAIT_OBJECTS];
    DWORD ret = WAIT_FAILED, i, n = 0, tid = k32_current_thread()->tid;
    int timers = 0;

    if (!count || count > MAXIMUM_WAIT_OBJECTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    for (; n < count; n++) {
        if (!(objs[n] = get_waitable(handles[n]))) {
            SetLastError(ERROR_INVALID_HANDLE);
            goto done;
        }
        if (objs[n]->obj.type == OBJ_TIMER) timers = 1;
        if (all)
            for (i = 0; i < n; i++)
                if (objs[i] == objs[n] && objs[n]->obj.type != OBJ_OTHER) {
                    n++;
                    SetLastError(ERROR_INVALID_PARAMETER);   /* the same object twice */
                    goto done;
                }
        first[n] = __atomic_load_n(&objs[n]->seq, __ATOMIC_SEQ_CST);
    }
    ULONGLONG deadline = timeout == INFINITE ? 0 : now_ns() + (ULONGLONG)timeout * 1000000ull;
    for (;;) {
        unsigned int any_snap = __atomic_load_n(&any_seq, __ATOMIC_SEQ_CST);
        for (i = 0; i < count; i++) snap[i] = __atomic_load_n(&objs[i]->seq, __ATOMIC_SEQ_CST);
        ULONGLONG now = timers || deadline ? now_ns() : 0;
        if ((ret = try_wait(objs, first, count, all, tid, now)) == WAIT_MOVED) {
            for (i = 0; i < count; i++) {
                struct sync_object *to = __atomic_load_n(&objs[i]->moved, __ATOMIC_ACQUIRE);
                if (!to) continue;
                __atomic_add_fetch(&to->obj.refcount, 1, __ATOMIC_RELAXED);
                carafe_object_release(&objs[i]->obj);
                objs[i] = to;
                first[i] = __atomic_load_n(&to->seq, __ATOMIC_SEQ_CST);
            }
            continue;
        }
        if (ret != WAIT_TIMEOUT) break;
        if (!timeout || (deadline && now >= deadline)) break;
        ULONGLONG wake = deadline, due = timers ? next_timer(objs, count) : 0;
        if (due && (!wake || due < wake)) wake = due;
        sleep_on(objs, snap, count, wake, any_snap);
    }
done:
    for (i = 0; i < n; i++) carafe_object_release(&objs[i]->obj);
    return ret;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL all, DWORD timeout, BOOL alertable)
{
    return k32_wait(count, handles, all, timeout);
}

DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE *handles, BOOL all, DWORD timeout)
{
    return k32_wait(count, handles, all, timeout);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE h, DWORD timeout, BOOL alertable)
{
    return k32_wait(1, &h, FALSE, timeout);
}

DWORD WINAPI WaitForSingleObject(HANDLE h, DWORD timeout)
{
    return k32_wait(1, &h, FALSE, timeout);
}

/* NtWaitForSingleObject (ntdll): a timeout in 100 ns units, negative for
 * a relative one, positive for a system time; NULL waits for ever. */
static NTSTATUS nt_wait_single(HANDLE h, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    DWORD ms = INFINITE;
    if (timeout) {
        LONGLONG ticks = timeout->QuadPart;
        if (ticks > 0) {
            FILETIME ft;
            GetSystemTimeAsFileTime(&ft);
            ticks = (LONGLONG)(((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime) - ticks;
            if (ticks > 0) ticks = 0;   /* already past */
        }
        ULONGLONG ms64 = ((ULONGLONG)-ticks + 9999) / 10000;   /* never shorter than asked */
        ms = ms64 >= INFINITE ? INFINITE - 1 : (DWORD)ms64;
    }
    DWORD ret = k32_wait(1, &h, FALSE, ms);
    if (ret != WAIT_FAILED) return ret;   /* WAIT_OBJECT_0, WAIT_ABANDONED, WAIT_TIMEOUT are NTSTATUS values */
    return GetLastError() == ERROR_INVALID_HANDLE ? STATUS_INVALID_HANDLE : STATUS_INVALID_PARAMETER;
}

void k32_wait_init(void)
{
    carafe_set_wait_service(nt_wait_single);
}

DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD timeout, BOOL alertable)
{
    struct object *obj = carafe_handle_get(signal, 0);
    int type = obj ? obj->type : 0;
    BOOL ok;
    if (obj) carafe_object_release(obj);
    switch (type) {
    case OBJ_EVENT: ok = SetEvent(signal); break;
    case OBJ_MUTEX: ok = ReleaseMutex(signal); break;
    case OBJ_SEMAPHORE: ok = ReleaseSemaphore(signal, 1, NULL); break;
    default:
        SetLastError(ERROR_INVALID_HANDLE);
        return WAIT_FAILED;
    }
    if (!ok) return WAIT_FAILED;
    return k32_wait(1, &wait, FALSE, timeout);
}
