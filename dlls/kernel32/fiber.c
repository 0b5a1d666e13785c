/* Fiber-local storage.  There are no fibers yet (ConvertThreadToFiber and
 * friends are another issue), so FLS is per thread: values live in the
 * thread object, and the callbacks run when a thread ends and on FlsFree. */
#include <pthread.h>
#include <string.h>
#include "sync_private.h"

DEFAULT_DEBUG_CHANNEL(fiber);

#define FLS_MAXIMUM_AVAILABLE 4080
#define FLS_OUT_OF_INDEXES ((DWORD)0xffffffff)

typedef void (WINAPI *fls_callback_fn)(PVOID);

static pthread_mutex_t fls_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char fls_used[FLS_MAXIMUM_AVAILABLE];
static fls_callback_fn fls_callbacks[FLS_MAXIMUM_AVAILABLE];

DWORD WINAPI FlsAlloc(void *callback)
{
    DWORD ret = FLS_OUT_OF_INDEXES;
    pthread_mutex_lock(&fls_lock);
    for (DWORD i = 1; i < FLS_MAXIMUM_AVAILABLE; i++) {   /* Windows never hands out 0 */
        if (fls_used[i]) continue;
        fls_used[i] = 1;
        fls_callbacks[i] = (fls_callback_fn)callback;
        ret = i;
        break;
    }
    pthread_mutex_unlock(&fls_lock);
    if (ret == FLS_OUT_OF_INDEXES) SetLastError(ERROR_NO_MORE_ITEMS);
    else FlsSetValue(ret, NULL);
    return ret;
}

struct fls_free_ctx {
    DWORD index;
    fls_callback_fn callback;
    void **values;
    int count, capacity;
};

static void collect_value(struct k32_thread *t, void *arg)
{
    struct fls_free_ctx *ctx = arg;
    if (ctx->index >= t->fls_size || !t->fls[ctx->index]) return;
    if (ctx->count == ctx->capacity) {
        int cap = ctx->capacity ? ctx->capacity * 2 : 16;
        void **v = realloc(ctx->values, cap * sizeof(*v));
        if (!v) return;
        ctx->values = v;
        ctx->capacity = cap;
    }
    ctx->values[ctx->count++] = t->fls[ctx->index];
    t->fls[ctx->index] = NULL;
}

/* Frees the index; its callback runs (here) for every thread's non-NULL value. */
BOOL WINAPI FlsFree(DWORD index)
{
    struct fls_free_ctx ctx = { index };
    pthread_mutex_lock(&fls_lock);
    if (index >= FLS_MAXIMUM_AVAILABLE || !fls_used[index]) {
        pthread_mutex_unlock(&fls_lock);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    fls_used[index] = 0;
    ctx.callback = fls_callbacks[index];
    fls_callbacks[index] = NULL;
    k32_for_each_thread(collect_value, &ctx);
    pthread_mutex_unlock(&fls_lock);
    if (ctx.callback)
        for (int i = 0; i < ctx.count; i++) ctx.callback(ctx.values[i]);
    free(ctx.values);
    return TRUE;
}

PVOID WINAPI FlsGetValue(DWORD index)
{
    struct k32_thread *t = k32_current_thread();
    if (!index || index >= FLS_MAXIMUM_AVAILABLE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    SetLastError(ERROR_SUCCESS);
    return index < t->fls_size ? t->fls[index] : NULL;
}

BOOL WINAPI FlsSetValue(DWORD index, PVOID value)
{
    struct k32_thread *t = k32_current_thread();
    if (!index || index >= FLS_MAXIMUM_AVAILABLE || !fls_used[index]) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (index >= t->fls_size) {
        /* grown under the lock: FlsFree looks at every thread's array */
        pthread_mutex_lock(&fls_lock);
        DWORD size = index < 64 ? 64 : FLS_MAXIMUM_AVAILABLE;
        void **fls = realloc(t->fls, size * sizeof(*fls));
        if (fls) {
            memset(fls + t->fls_size, 0, (size - t->fls_size) * sizeof(*fls));
            t->fls = fls;
            t->fls_size = size;
        }
        pthread_mutex_unlock(&fls_lock);
        if (!fls) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
    }
    t->fls[index] = value;
    return TRUE;
}

BOOL WINAPI IsThreadAFiber(void) { return FALSE; }

/* T is ending: the callbacks of its non-NULL values, in index order. */
void k32_fls_thread_exit(struct k32_thread *t)
{
    for (DWORD i = 1; i < t->fls_size; i++) {
        pthread_mutex_lock(&fls_lock);
        void *value = t->fls[i];
        fls_callback_fn cb = fls_used[i] ? fls_callbacks[i] : NULL;
        t->fls[i] = NULL;
        pthread_mutex_unlock(&fls_lock);
        if (value && cb) cb(value);
    }
}

/* ---- TlsFree: the slot reads NULL again on every thread ---- */

static void clear_slot(struct k32_thread *t, void *arg)
{
    DWORD index = (DWORD)(ULONG_PTR)arg;
    sync_lock(&t->sync);   /* a thread that ends drops its TEB under this lock */
    TEB *teb = t->teb;
    if (teb && index < TLS_MINIMUM_AVAILABLE) teb->TlsSlots[index] = NULL;
    else if (teb && teb->TlsExpansionSlots) teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] = NULL;
    sync_unlock(&t->sync);
}

void k32_tls_clear_all(DWORD index)
{
    k32_for_each_thread(clear_slot, (void *)(ULONG_PTR)index);
}
