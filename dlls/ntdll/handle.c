/* The process-local handle table: HANDLE values are multiples of 4 that
 * index refcounted objects (DESIGN decision 8). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "carafe/ntdll.h"
#include "carafe/process.h"
#include "carafe/protocol.h"
#include "winbase_consts.h"

DEFAULT_DEBUG_CHANNEL(handle);

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct object **table;
static unsigned int table_size, first_free;
static unsigned char *handle_flags;   /* HANDLE_FLAG_* of each slot (process_handles.c) */

/* Handles another process gave us: values the server picked in
 * [CARAFE_REMOTE_HANDLE_FIRST, _END), kept apart (few, sparse) and
 * fetched from the server on first use by kernel32's resolver. */
struct remote_slot {
    ULONG_PTR value;
    struct object *obj;
    unsigned char flags;
};
static struct remote_slot *remote;
static unsigned int nremote, remote_cap;
static BOOL (*resolver)(HANDLE h);

static int is_remote(HANDLE h)
{
    ULONG_PTR v = (ULONG_PTR)h;
    return v >= CARAFE_REMOTE_HANDLE_FIRST && v < CARAFE_REMOTE_HANDLE_END && !(v & 3);
}

/* called locked: H's object slot and flags (NULL if none); CREATE adds a remote slot */
static struct object **slot_of(HANDLE h, unsigned char **flags, int create)
{
    if (is_remote(h)) {
        for (unsigned int k = 0; k < nremote; k++)
            if (remote[k].value == (ULONG_PTR)h) {
                *flags = &remote[k].flags;
                return &remote[k].obj;
            }
        if (!create) return NULL;
        if (nremote == remote_cap) {
            unsigned int n = remote_cap ? remote_cap * 2 : 16;
            struct remote_slot *r = realloc(remote, n * sizeof(*r));
            if (!r) return NULL;
            remote = r;
            remote_cap = n;
        }
        remote[nremote].value = (ULONG_PTR)h;
        remote[nremote].obj = NULL;
        remote[nremote].flags = 0;
        *flags = &remote[nremote].flags;
        return &remote[nremote++].obj;
    }
    ULONG_PTR v = (ULONG_PTR)h;
    if (!v || (v & 3)) return NULL;
    unsigned int i = (unsigned int)(v / 4 - 1);
    if (v / 4 - 1 >= table_size) return NULL;
    *flags = &handle_flags[i];
    return &table[i];
}

/* called locked, for a remote slot being emptied */
static void remote_forget(HANDLE h)
{
    for (unsigned int k = 0; k < nremote; k++)
        if (remote[k].value == (ULONG_PTR)h) {
            remote[k] = remote[--nremote];
            return;
        }
}

/* a remote value we do not know yet: ask kernel32 to fetch it (without
 * the table lock; one at a time, so two threads' first uses of one value
 * do not both ask) */
static pthread_mutex_t resolve_lock = PTHREAD_MUTEX_INITIALIZER;

static void resolve(HANDLE h)
{
    if (!is_remote(h) || !resolver) return;
    pthread_mutex_lock(&resolve_lock);
    pthread_mutex_lock(&table_lock);
    unsigned char *f;
    struct object **s = slot_of(h, &f, 0);
    int known = s && *s;
    pthread_mutex_unlock(&table_lock);
    if (!known) resolver(h);
    pthread_mutex_unlock(&resolve_lock);
}

void carafe_handle_set_resolver(BOOL (*fn)(HANDLE h))
{
    resolver = fn;
}

static unsigned int handle_index(HANDLE h)
{
    ULONG_PTR v = (ULONG_PTR)h;
    if (!v || (v & 3)) return ~0u;
    return (unsigned int)(v / 4 - 1);
}

HANDLE carafe_handle_alloc(struct object *obj)
{
    HANDLE ret = NULL;
    pthread_mutex_lock(&table_lock);
    unsigned int i = first_free;
    while (i < table_size && table[i]) i++;
    if (i == table_size) {
        unsigned int n = table_size ? table_size * 2 : 64;
        struct object **t = realloc(table, n * sizeof(*t));
        if (!t) goto done;
        memset(t + table_size, 0, (n - table_size) * sizeof(*t));
        table = t;
        unsigned char *f = realloc(handle_flags, n);
        if (!f) goto done;
        memset(f + table_size, 0, n - table_size);
        handle_flags = f;
        table_size = n;
    }
    table[i] = obj;
    handle_flags[i] = 0;
    first_free = i + 1;
    ret = (HANDLE)(ULONG_PTR)((i + 1) * 4);
done:
    pthread_mutex_unlock(&table_lock);
    if (!ret) carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
    return ret;
}

struct object *carafe_handle_get(HANDLE h, int type)
{
    struct object *obj = NULL, **s;
    unsigned char *f;
    resolve(h);
    pthread_mutex_lock(&table_lock);
    if ((s = slot_of(h, &f, 0)) && *s && (!type || (*s)->type == type)) {
        obj = *s;
        __atomic_add_fetch(&obj->refcount, 1, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&table_lock);
    return obj;
}

void carafe_object_release(struct object *obj)
{
    if (obj && !__atomic_sub_fetch(&obj->refcount, 1, __ATOMIC_ACQ_REL)) obj->ops->destroy(obj);
}

BOOL carafe_handle_close(HANDLE h)
{
    struct object *obj = NULL, **s;
    unsigned char *f;
    resolve(h);
    pthread_mutex_lock(&table_lock);
    if ((s = slot_of(h, &f, 0)) && *s) {
        obj = *s;
        *s = NULL;
        if (is_remote(h)) remote_forget(h);
        else if (handle_index(h) < first_free) first_free = handle_index(h);
    }
    pthread_mutex_unlock(&table_lock);
    if (!obj) {
        carafe_set_last_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    carafe_object_release(obj);
    return TRUE;
}

/* ---- file objects ---- */

static void file_destroy(struct object *obj)
{
    struct file_object *f = (struct file_object *)obj;
    if (f->fd > 2) close(f->fd);
    free(f->unix_path);
    free(f);
}

static const struct object_ops file_ops = { file_destroy };

/* a file object that is only its fd (kernel32's named pipes are not) */
int ntdll_file_is_plain(const struct file_object *f)
{
    return f->obj.ops == &file_ops;
}

HANDLE carafe_file_handle_from_fd(int fd, DWORD access, DWORD flags)
{
    struct file_object *f = calloc(1, sizeof(*f));
    struct stat st;
    if (!f) {
        carafe_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    f->obj.type = OBJ_FILE;
    f->obj.refcount = 1;
    f->obj.ops = &file_ops;
    f->fd = fd;
    f->access = access;
    f->flags = flags;
    f->type = FILE_TYPE_DISK;
    if (!fstat(fd, &st)) {
        if (S_ISCHR(st.st_mode)) f->type = FILE_TYPE_CHAR;
        else if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) f->type = FILE_TYPE_PIPE;
    }
    f->console = f->type == FILE_TYPE_CHAR && isatty(fd);
    HANDLE h = carafe_handle_alloc(&f->obj);
    if (!h) {
        f->fd = -1;
        free(f);
        return INVALID_HANDLE_VALUE;
    }
    return h;
}

struct file_object *carafe_get_file(HANDLE h)
{
    struct object *obj = carafe_handle_get(h, OBJ_FILE);
    if (!obj) carafe_set_last_error(ERROR_INVALID_HANDLE);
    return (struct file_object *)obj;
}

int carafe_handle_fd(HANDLE h)
{
    struct file_object *f = (struct file_object *)carafe_handle_get(h, OBJ_FILE);
    if (!f) return -1;
    int fd = f->fd;
    carafe_object_release(&f->obj);
    return fd;
}

/* ---- per-handle flags (HANDLE_FLAG_INHERIT, _PROTECT_FROM_CLOSE) ---- */

BOOL carafe_handle_flags(HANDLE h, DWORD mask, DWORD set, DWORD *old)
{
    struct object **s;
    unsigned char *f;
    BOOL ret = FALSE;
    resolve(h);
    pthread_mutex_lock(&table_lock);
    if ((s = slot_of(h, &f, 0)) && *s) {
        if (old) *old = *f;
        *f = (*f & ~mask) | (set & mask);
        ret = TRUE;
    }
    pthread_mutex_unlock(&table_lock);
    if (!ret) carafe_set_last_error(ERROR_INVALID_HANDLE);
    return ret;
}

unsigned int carafe_handle_inheritable(HANDLE *out, struct object **objs, unsigned int max)
{
    unsigned int n = 0;
    pthread_mutex_lock(&table_lock);
    for (unsigned int i = 0; i < table_size && n < max; i++) {
        if (!table[i] || !(handle_flags[i] & HANDLE_FLAG_INHERIT)) continue;
        out[n] = (HANDLE)(ULONG_PTR)((i + 1) * 4);
        objs[n] = table[i];
        __atomic_add_fetch(&table[i]->refcount, 1, __ATOMIC_RELAXED);
        n++;
    }
    for (unsigned int k = 0; k < nremote && n < max; k++) {
        if (!remote[k].obj || !(remote[k].flags & HANDLE_FLAG_INHERIT)) continue;
        out[n] = (HANDLE)remote[k].value;
        objs[n] = remote[k].obj;
        __atomic_add_fetch(&objs[n]->refcount, 1, __ATOMIC_RELAXED);
        n++;
    }
    pthread_mutex_unlock(&table_lock);
    return n;
}

unsigned int carafe_handle_replace(struct object *old, struct object *new)
{
    unsigned int n = 0;
    pthread_mutex_lock(&table_lock);
    for (unsigned int i = 0; i < table_size; i++)
        if (table[i] == old) table[i] = new, n++;
    for (unsigned int k = 0; k < nremote; k++)
        if (remote[k].obj == old) remote[k].obj = new, n++;
    if (n) __atomic_add_fetch(&new->refcount, n, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&table_lock);
    /* the handles' references to OLD go; never its last one: the caller holds one */
    if (n) __atomic_sub_fetch(&old->refcount, n, __ATOMIC_ACQ_REL);
    return n;
}

BOOL carafe_handle_alloc_at(HANDLE h, struct object *obj, DWORD flags)
{
    unsigned int i = handle_index(h);
    BOOL ret = FALSE;
    if (is_remote(h)) {
        struct object **s;
        unsigned char *f;
        pthread_mutex_lock(&table_lock);
        if ((s = slot_of(h, &f, 1)) && !*s) {
            *s = obj;
            *f = flags;
            ret = TRUE;
        }
        pthread_mutex_unlock(&table_lock);
        return ret;
    }
    if (i > (1u << 24)) return FALSE;
    pthread_mutex_lock(&table_lock);
    if (i >= table_size) {
        unsigned int n = table_size ? table_size : 64;
        while (n <= i) n *= 2;
        struct object **t = realloc(table, n * sizeof(*t));
        if (!t) goto done;
        memset(t + table_size, 0, (n - table_size) * sizeof(*t));
        table = t;
        unsigned char *f = realloc(handle_flags, n);
        if (!f) goto done;
        memset(f + table_size, 0, n - table_size);
        handle_flags = f;
        table_size = n;
    }
    if (!table[i]) {
        table[i] = obj;
        handle_flags[i] = flags;
        ret = TRUE;
    }
done:
    pthread_mutex_unlock(&table_lock);
    return ret;
}
