/* Named events, mutexes, semaphores and waitable timers shared between
 * processes (DESIGN decisions 8 and 9), and the name table that file
 * mappings share with them.
 *
 * carafe-server keeps the namespace: Local\ and Global\ prefixes are
 * dropped (one namespace), names are case-sensitive as on Windows.  A named
 * object's state is one memfd page.  It is mapped so that the object's
 * process-local head (struct object, the `shared` flag) sits at the end of
 * a private page and everything from sync_object.seq on is the shared page:
 *
 *     | private page ............ [id] ... [obj|shared|reserved] | seq lock waiters ... state |
 *                                                                 ^ page boundary = memfd offset 0
 *
 * so synch.c works on it unchanged, with futex words that are not
 * process-private.  A mutex's owner is a Linux thread id (unique across
 * processes); its list links are only ever used by the owner's process.
 * Each process maps an object once: the name table here finds the live
 * local object before asking the server. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include "sync_private.h"
#include "named_private.h"
#include "carafe/protocol.h"
#include "carafe/process.h"

DEFAULT_DEBUG_CHANNEL(sync);

#define STATE_PAGE 4096ul
#define SHARED_OFFSET offsetof(struct sync_object, seq)

struct named_entry {
    struct named_entry *next;
    WCHAR *name;
    struct object *obj;
    uint32_t id;
};

static pthread_mutex_t named_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct named_entry *entries;

void k32_named_lock(void) { pthread_mutex_lock(&named_mutex); }
void k32_named_unlock(void) { pthread_mutex_unlock(&named_mutex); }

const WCHAR *k32_named_strip(const WCHAR *name)
{
    static const WCHAR local[] = u"Local\\", global[] = u"Global\\";
    if (!memcmp(name, local, sizeof(local) - sizeof(WCHAR))) return name + 6;
    if (!memcmp(name, global, sizeof(global) - sizeof(WCHAR))) return name + 7;
    return name;
}

static int wcs_same(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

struct object *k32_named_find_id(uint32_t id)
{
    for (struct named_entry *e = entries; e; e = e->next) {
        if (!id || e->id != id) continue;
        int ref = __atomic_load_n(&e->obj->refcount, __ATOMIC_RELAXED);
        while (ref > 0)
            if (__atomic_compare_exchange_n(&e->obj->refcount, &ref, ref + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
                return e->obj;
    }
    return NULL;
}

uint32_t k32_named_id(struct object *obj)
{
    uint32_t id = 0;
    k32_named_lock();
    for (struct named_entry *e = entries; e; e = e->next)
        if (e->obj == obj) id = e->id;
    k32_named_unlock();
    return id;
}

struct object *k32_named_find(const WCHAR *name)
{
    for (struct named_entry *e = entries; e; e = e->next) {
        if (!wcs_same(e->name, name)) continue;
        int ref = __atomic_load_n(&e->obj->refcount, __ATOMIC_RELAXED);
        while (ref > 0)   /* a dying object (refcount 0) is no longer found */
            if (__atomic_compare_exchange_n(&e->obj->refcount, &ref, ref + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
                return e->obj;
    }
    return NULL;
}

BOOL k32_named_add(const WCHAR *name, struct object *obj, uint32_t id)
{
    struct named_entry *e = malloc(sizeof(*e));
    if (!e || !(e->name = carafe_wcsdup(name))) {
        free(e);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    e->obj = obj;
    e->id = id;
    e->next = entries;
    entries = e;
    return TRUE;
}

void k32_named_remove(struct object *obj)
{
    struct named_entry *e = NULL;
    k32_named_lock();
    for (struct named_entry **p = &entries; *p; p = &(*p)->next) {
        if ((*p)->obj != obj) continue;
        e = *p;
        *p = e->next;
        break;
    }
    k32_named_unlock();
    if (!e) return;
    struct carafe_obj_close_req req = { e->id };
    carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
    free(e->name);
    free(e);
}

DWORD k32_named_server(uint32_t type, const WCHAR *name, int fd, uint64_t size, uint32_t flags,
                       struct named_result *res)
{
    size_t nlen = carafe_wcslen(name) * sizeof(WCHAR);
    struct carafe_obj_create_req *req = calloc(1, sizeof(*req) + nlen);
    void *reply = NULL;
    size_t reply_len = 0;
    if (!req) return ERROR_NOT_ENOUGH_MEMORY;
    req->type = type;
    req->name_len = (uint32_t)nlen;
    req->size = size;
    req->flags = flags;
    if (type == CARAFE_OBJ_MUTEX) {
        req->seq_off = offsetof(struct mutex_object, sync.seq) - SHARED_OFFSET;
        req->lock_off = offsetof(struct mutex_object, sync.lock) - SHARED_OFFSET;
        req->waiters_off = offsetof(struct mutex_object, sync.waiters) - SHARED_OFFSET;
        req->owner_off = offsetof(struct mutex_object, owner) - SHARED_OFFSET;
        req->count_off = offsetof(struct mutex_object, count) - SHARED_OFFSET;
        req->abandoned_off = offsetof(struct mutex_object, abandoned) - SHARED_OFFSET;
    }
    memcpy(req + 1, name, nlen);
    res->fd = -1;
    DWORD status = carafe_server_call_fds(fd >= 0 ? CARAFE_REQ_OBJ_CREATE : CARAFE_REQ_OBJ_OPEN, req,
                                          sizeof(*req) + nlen, &fd, fd >= 0, &reply, &reply_len, &res->fd);
    free(req);
    if (!status) {
        struct carafe_obj_reply rep = { 0 };
        if (reply_len >= sizeof(rep)) memcpy(&rep, reply, sizeof(rep));
        if (reply_len < sizeof(rep) || (!rep.created && res->fd < 0)) {
            status = CARAFE_STATUS_PROTOCOL_ERROR;
        } else {
            res->id = rep.id;
            res->created = rep.created;
            res->size = rep.size;
            res->flags = rep.flags;
        }
    }
    free(reply);
    if (status && res->fd >= 0) {
        close(res->fd);
        res->fd = -1;
    }
    return status;
}

/* ---- the shared objects ---- */

static uint32_t *named_id(struct sync_object *o)
{
    return (uint32_t *)((char *)o + SHARED_OFFSET - STATE_PAGE);
}

/* our own descriptor of the state page: what goes to another process */
static int *named_fd(struct sync_object *o)
{
    return (int *)((char *)o + SHARED_OFFSET - STATE_PAGE + sizeof(uint32_t));
}

static void named_sync_unmap(struct sync_object *o)
{
    if (*named_fd(o) >= 0) close(*named_fd(o));
    munmap((char *)o + SHARED_OFFSET - STATE_PAGE, 2 * STATE_PAGE);
}

static void named_sync_destroy(struct object *obj)
{
    k32_named_remove(obj);
    named_sync_unmap((struct sync_object *)obj);
}

static const struct object_ops named_sync_ops = { named_sync_destroy };

/* FD's page mapped behind a private head: the object, or NULL */
static struct sync_object *map_state(int fd, int type, uint32_t id)
{
    char *p = mmap(NULL, 2 * STATE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    if (mmap(p + STATE_PAGE, STATE_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
        munmap(p, 2 * STATE_PAGE);
        return NULL;
    }
    struct sync_object *o = (struct sync_object *)(p + STATE_PAGE - SHARED_OFFSET);
    o->obj.type = type;
    o->obj.refcount = 1;
    o->obj.ops = &named_sync_ops;
    o->shared = 1;
    *named_id(o) = id;
    *named_fd(o) = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    return o;
}

static int kernel_type(uint32_t type)
{
    switch (type) {
    case CARAFE_OBJ_EVENT: return OBJ_EVENT;
    case CARAFE_OBJ_MUTEX: return OBJ_MUTEX;
    case CARAFE_OBJ_SEMAPHORE: return OBJ_SEMAPHORE;
    case CARAFE_OBJ_TIMER: return OBJ_TIMER;
    default: return -1;
    }
}

static uint32_t carafe_type(int type)
{
    switch (type) {
    case OBJ_EVENT: return CARAFE_OBJ_EVENT;
    case OBJ_MUTEX: return CARAFE_OBJ_MUTEX;
    case OBJ_SEMAPHORE: return CARAFE_OBJ_SEMAPHORE;
    case OBJ_TIMER: return CARAFE_OBJ_TIMER;
    default: return CARAFE_OBJ_MAPPING;
    }
}

/* a handle to OBJ (our reference goes to it) */
static HANDLE give_handle(struct object *obj, DWORD error)
{
    HANDLE h = carafe_handle_alloc(obj);
    if (!h) {
        carafe_object_release(obj);
        return NULL;
    }
    SetLastError(error);
    return h;
}

/* called locked: the local object of that name, checked against TYPE */
static HANDLE existing_local(const WCHAR *name, int type, int *found)
{
    struct object *obj = k32_named_find(name);
    *found = obj != NULL;
    if (!obj) return NULL;
    if (obj->type != type) {
        carafe_object_release(obj);
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return give_handle(obj, ERROR_ALREADY_EXISTS);
}

HANDLE k32_named_sync_create(struct sync_object *new, size_t size, const WCHAR *name, int *created, int *fallback)
{
    struct named_result res;
    struct sync_object *o = NULL;
    HANDLE h = NULL;
    int found, fd = -1, type = new->obj.type;
    DWORD status;

    *created = 0;
    *fallback = 0;
    int anon = !name;
    name = anon ? u"" : k32_named_strip(name);
    if ((!anon && !*name) || size > SHARED_OFFSET + STATE_PAGE) {
        if (*name) ERR("object of %zu bytes does not fit its page\n", size);
        *fallback = 1;
        return NULL;
    }
    k32_named_lock();
    if (!anon) {
        h = existing_local(name, type, &found);
        if (found) goto done;
    }
    fd = memfd_create("carafe-object", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, STATE_PAGE) || !(o = map_state(fd, type, 0))) {
        carafe_set_errno_error();
        goto done;
    }
    /* our state, in case the name is new */
    memcpy((char *)o + SHARED_OFFSET, (char *)new + SHARED_OFFSET, size - SHARED_OFFSET);
    status = k32_named_server(carafe_type(type), name, fd, STATE_PAGE, 0, &res);
    if (status == CARAFE_STATUS_UNAVAILABLE) {
        WARN("no carafe-server: a named object is only seen in this process\n");
        *fallback = 1;
        goto done;
    }
    if (status) {
        SetLastError(status);
        goto done;
    }
    if (!res.created) {   /* someone else's: map theirs */
        munmap((char *)o + SHARED_OFFSET - STATE_PAGE, 2 * STATE_PAGE);
        o = map_state(res.fd, type, res.id);
        close(res.fd);
        if (!o) {
            struct carafe_obj_close_req req = { res.id };
            carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
            carafe_set_errno_error();
            goto done;
        }
    }
    *named_id(o) = res.id;
    if (!k32_named_add(name, &o->obj, res.id)) {
        struct carafe_obj_close_req req = { res.id };
        carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        goto done;
    }
    *created = res.created;
    k32_named_unlock();
    h = give_handle(&o->obj, res.created ? ERROR_SUCCESS : ERROR_ALREADY_EXISTS);
    o = NULL;
    goto out;
done:
    k32_named_unlock();
out:
    if (o) munmap((char *)o + SHARED_OFFSET - STATE_PAGE, 2 * STATE_PAGE);
    if (fd >= 0) close(fd);
    if (!*fallback) free(new);
    return h;
}

HANDLE k32_named_sync_open(int type, const WCHAR *name, int *fallback)
{
    struct named_result res;
    HANDLE h;
    int found;

    *fallback = 0;
    name = k32_named_strip(name);
    if (!*name) {
        *fallback = 1;
        return NULL;
    }
    k32_named_lock();
    h = existing_local(name, type, &found);
    if (found) {
        k32_named_unlock();
        if (h) SetLastError(ERROR_SUCCESS);
        return h;
    }
    DWORD status = k32_named_server(carafe_type(type), name, -1, 0, 0, &res);
    if (status == CARAFE_STATUS_UNAVAILABLE) {
        k32_named_unlock();
        *fallback = 1;
        return NULL;
    }
    if (status) {
        k32_named_unlock();
        SetLastError(status);
        return NULL;
    }
    struct object *same = k32_named_find_id(res.id);
    if (same) {   /* we have it under no name (inherited or duplicated) */
        struct carafe_obj_close_req req = { res.id };
        k32_named_unlock();
        close(res.fd);
        carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        if (same->type != type) {
            carafe_object_release(same);
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        return give_handle(same, ERROR_SUCCESS);
    }
    struct sync_object *o = map_state(res.fd, type, res.id);
    close(res.fd);
    if (!o || !k32_named_add(name, &o->obj, res.id)) {
        struct carafe_obj_close_req req = { res.id };
        k32_named_unlock();
        if (!o) carafe_set_errno_error();
        else munmap((char *)o + SHARED_OFFSET - STATE_PAGE, 2 * STATE_PAGE);
        carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        return NULL;
    }
    k32_named_unlock();
    return give_handle(&o->obj, ERROR_SUCCESS);
}

/* ---- handles of another process (DuplicateHandle, inheritance) ---- */

/* A private object (unnamed, not created inheritable) gets a shared page
 * when another process is to have it: a new anonymous server object with
 * a copy of the state, which every handle of this process names from then
 * on.  O links to it: whoever still holds O (an operation under way, a
 * wait, the owner's list of a mutex) follows the link (synch.c).  Returns
 * the shared object, kept alive by O's link, or NULL with the error set. */
static struct sync_object *promote(struct sync_object *o)
{
    int type = o->obj.type, fd = memfd_create("carafe-object", MFD_CLOEXEC);
    size_t size = sync_object_size(type);
    struct sync_object *n = NULL;
    struct named_result res;

    if (fd < 0 || ftruncate(fd, STATE_PAGE) || !(n = map_state(fd, type, 0))) {
        carafe_set_errno_error();
        if (fd >= 0) close(fd);
        return NULL;
    }
    k32_named_lock();
    sync_lock(o);
    if (o->moved) {   /* another thread was first */
        struct sync_object *done = o->moved;
        sync_unlock(o);
        k32_named_unlock();
        named_sync_unmap(n);
        close(fd);
        return done;
    }
    memcpy((char *)n + SHARED_OFFSET, (char *)o + SHARED_OFFSET, size - SHARED_OFFSET);
    n->lock = 0;
    n->waiters = 0;
    n->name = NULL;
    int owned = 0;
    if (type == OBJ_MUTEX) {
        struct mutex_object *m = (struct mutex_object *)n;
        m->owned_next = m->owned_prev = NULL;   /* O stays in the owner's list for it */
        owned = m->owner != 0;
    }
    DWORD status = k32_named_server(carafe_type(type), u"", fd, STATE_PAGE, 0, &res);
    close(fd);
    if (status || !k32_named_add(u"", &n->obj, res.id)) {
        sync_unlock(o);
        k32_named_unlock();
        if (!status) {
            struct carafe_obj_close_req req = { res.id };
            carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        } else SetLastError(status == CARAFE_STATUS_UNAVAILABLE ? ERROR_NOT_SUPPORTED : status);
        named_sync_unmap(n);
        return NULL;
    }
    if (res.fd >= 0) close(res.fd);
    *named_id(n) = res.id;
    n->obj.refcount = 1 + owned;   /* O's link, and an owner's reference */
    __atomic_store_n(&o->moved, n, __ATOMIC_RELEASE);
    sync_changed(o);
    sync_unlock(o);
    k32_named_unlock();
    sync_wake(o);   /* its sleepers look again and find the link */
    carafe_handle_replace(&o->obj, &n->obj);
    TRACE("object %p moved to shared page %p (server id %u)\n", o, n, res.id);
    return n;
}

BOOL k32_named_sync_export(struct object *obj, int *fd, uint32_t *id, uint32_t *type)
{
    struct sync_object *o = (struct sync_object *)obj;
    if (obj->type != OBJ_EVENT && obj->type != OBJ_MUTEX && obj->type != OBJ_SEMAPHORE && obj->type != OBJ_TIMER)
        return FALSE;
    if (o->moved) o = o->moved;
    else if (!o->shared && !(o = promote(o))) return FALSE;
    if (*named_fd(o) < 0) return FALSE;
    *fd = *named_fd(o);
    *id = *named_id(o);
    *type = carafe_type(obj->type);
    return TRUE;
}

struct object *k32_named_sync_import(int fd, uint32_t type, uint32_t id, int have_ref)
{
    int ktype = kernel_type(type);
    struct object *obj = NULL;
    if (ktype < 0) {
        close(fd);
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    k32_named_lock();
    if ((obj = k32_named_find_id(id))) {
        k32_named_unlock();
        close(fd);
        if (have_ref) {   /* ours already holds one */
            struct carafe_obj_close_req req = { id };
            carafe_server_call(CARAFE_REQ_OBJ_CLOSE, &req, sizeof(req), NULL, NULL);
        }
        return obj;
    }
    struct sync_object *o = map_state(fd, ktype, id);
    close(fd);
    if (!o) {
        k32_named_unlock();
        carafe_set_errno_error();
        return NULL;
    }
    if (id && !have_ref) {
        struct carafe_obj_close_req req = { id };
        if (carafe_server_call(CARAFE_REQ_OBJ_REF, &req, sizeof(req), NULL, NULL)) *named_id(o) = id = 0;
    }
    if (id) k32_named_add(u"", &o->obj, id);   /* found by id only; the name stays the server's */
    k32_named_unlock();
    return &o->obj;
}
