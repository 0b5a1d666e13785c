/* carafe-server: the named-object namespace and the named-pipe namespace
 * (DESIGN decisions 8 and 9).
 *
 * Named objects.  A client that creates one makes its state itself (a memfd
 * page for an event, mutex, semaphore or timer; a memfd or file for a
 * mapping) and sends the descriptor; if the name is new the server keeps it,
 * otherwise it answers with the existing object's descriptor.  Waits are
 * futex waits in the shared page and never come here.  An object lives while
 * some connection holds a reference; a connection's references go when it
 * closes.
 *
 * Abandoned mutexes: the server maps every named mutex's page.  When a
 * connection closes (its process ended, however it ended), every mutex
 * owned by a thread of that process, or by a thread that no longer exists,
 * is released and marked abandoned, and its waiters are woken: the next one
 * to take it gets WAIT_ABANDONED.  (Robust futex lists were the other way;
 * they fit glibc's mutex layout, not ours, and would need every waiter to
 * sleep on the owner word.)
 *
 * Named pipes.  The pipe server makes a socket pair per instance
 * (SOCK_SEQPACKET for message pipes, SOCK_STREAM for byte pipes) and a
 * notification pipe, and gives the client end and the notifier's write end
 * to us.  A client's CreateFile(\\.\pipe\NAME) gets the client end of an
 * instance that waits (ERROR_PIPE_BUSY if none does); we then write a byte
 * to the notifier, which is what ConnectNamedPipe sleeps on.  Data never
 * passes through the server.
 *
 * Handles for another process (DuplicateHandle): DUP_PUT leaves a
 * descriptor (and a reference to the server object, if any) for a target
 * process under a handle value we pick in the remote range; only that
 * process can take it (DUP_GET, by its peer pid), once.  Anonymous objects
 * (OBJ_CREATE with an empty name: inheritable unnamed events and such) are
 * kept like named ones but never found by name. */
#include <dirent.h>
#include <signal.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "objects.h"

#define ERR_PIPE_BUSY        231
#define ERR_ALREADY_EXISTS   183
#define ERR_PIPE_ACCESS_FIRST 0x00080000u   /* FILE_FLAG_FIRST_PIPE_INSTANCE */
#define MAX_PIPE_INSTANCES   255
#define STATE_PAGE           4096

struct nobj {
    struct nobj *next;
    uint32_t id, type;
    wchar16 *name;
    uint32_t name_len;           /* characters */
    int fd;
    uint64_t size;
    uint32_t flags;
    uint32_t refs;
    /* mutexes: the mapped page and the offsets of its words */
    uint8_t *page;
    uint32_t seq_off, lock_off, waiters_off, owner_off, count_off, abandoned_off;
    int check_owner;             /* an abandonment is pending (the page was locked) */
    struct pipe_inst *pipe;      /* a pipe instance's entry (type PIPE_INSTANCE) */
};

#define PIPE_INSTANCE 100        /* nobj.type of a pipe instance reference */

struct pipe_inst {
    struct pipe_inst *next;
    uint32_t id;
    wchar16 *name;
    uint32_t name_len;
    struct carafe_pipe_create_req info;
    int client_fd;               /* the end a client gets; -1 once taken */
    int notify_fd;
    struct nobj *ref;            /* the owner connection's reference */
};

static struct nobj *objects;
static struct pipe_inst *pipes;
static uint32_t last_id;

/* handles waiting for the process they were duplicated into */
#define MAX_DUPS 4096
struct dup_entry {
    struct dup_entry *next;
    struct carafe_dup_info info;
    int fd;
    struct nobj *obj;            /* a reference held for the target, or NULL */
};
static struct dup_entry *dups;
static uint32_t ndups, dup_counter;

/* DuplicateHandle asks for a handle of another process (protocol.h) */
#define MAX_ASKS 1024
struct dup_ask_entry {
    struct dup_ask_entry *next;
    struct carafe_dup_ask ask;
    struct obj_refs *asker;      /* the connection whose reply waits */
    struct obj_refs *server;     /* the source's connection that took it, or NULL */
    double deadline, signaled;
};
static struct dup_ask_entry *asks;
static uint32_t nasks, ask_counter;

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the ask is done: the asker gets R (and FD) */
static void ask_finish(struct dup_ask_entry **pp, struct reply *r, int fd)
{
    struct dup_ask_entry *a = *pp;
    *pp = a->next;
    nasks--;
    server_complete(a->asker, r, fd);
    free(a);
}

/* Only a process running our loader (the carafe beside this server) gets
 * SIGURG: a request must not make us signal anything else. */
static int carafe_process(pid_t pid)
{
    static char loader[PATH_MAX];
    char link[64], exe[PATH_MAX];
    if (!loader[0]) {
        ssize_t n = readlink("/proc/self/exe", loader, sizeof(loader) - 8);
        char *slash = n > 0 ? memrchr(loader, '/', n) : NULL;
        if (!slash) return 0;
        strcpy(slash + 1, "carafe");
    }
    snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
    ssize_t n = readlink(link, exe, sizeof(exe) - 1);
    if (n <= 0) return 0;
    exe[n] = 0;
    return !strcmp(exe, loader);
}

static void ask_fail(struct dup_ask_entry **pp, uint32_t status)
{
    struct reply r = { status };
    ask_finish(pp, &r, -1);
}

/* SIGURG (ignored by default: harmless to a process that is not ours)
 * wakes the source's kernel32, which then fetches its asks */
static void ask_signal(struct dup_ask_entry *a, double t)
{
    a->signaled = t;
    kill((pid_t)(a->ask.source / 4), SIGURG);
}

/* ---- references ---- */

static int refs_add(struct obj_refs *refs, struct nobj *o)
{
    if (refs->nobjs == refs->objs_cap) {
        uint32_t cap = refs->objs_cap ? refs->objs_cap * 2 : 16;
        struct nobj **n = realloc(refs->objs, cap * sizeof(*n));
        if (!n) return -1;
        refs->objs = n;
        refs->objs_cap = cap;
    }
    refs->objs[refs->nobjs++] = o;
    o->refs++;
    return 0;
}

static void pipe_free(struct pipe_inst *p)
{
    struct pipe_inst **pp = &pipes;
    while (*pp && *pp != p) pp = &(*pp)->next;
    if (*pp) *pp = p->next;
    if (p->client_fd >= 0) close(p->client_fd);
    if (p->notify_fd >= 0) close(p->notify_fd);
    free(p->name);
    free(p);
}

static void nobj_release(struct nobj *o)
{
    if (--o->refs) return;
    struct nobj **pp = &objects;
    while (*pp && *pp != o) pp = &(*pp)->next;
    if (*pp) *pp = o->next;
    if (o->pipe) pipe_free(o->pipe);
    if (o->page) munmap(o->page, STATE_PAGE);
    if (o->fd >= 0) close(o->fd);
    free(o->name);
    free(o);
}

/* drop one reference of REFS to the object ID (of TYPE, or any type but pipes if 0) */
static int refs_drop(struct obj_refs *refs, uint32_t id, int pipe)
{
    for (uint32_t i = 0; i < refs->nobjs; i++) {
        struct nobj *o = refs->objs[i];
        if (o->id != id || (o->type == PIPE_INSTANCE) != pipe) continue;
        refs->objs[i] = refs->objs[--refs->nobjs];
        nobj_release(o);
        return 0;
    }
    return -1;
}

/* ---- mutex abandonment ---- */

static long futex_wake(void *addr, int count)
{
    return syscall(SYS_futex, addr, FUTEX_WAKE, count, NULL, NULL, 0);
}

/* 1 if thread TID has ended or belongs to process PID */
static int owner_gone(uint32_t tid, int pid)
{
    char path[64], line[256];
    snprintf(path, sizeof(path), "/proc/%u/status", tid);
    FILE *f = fopen(path, "re");
    if (!f) return 1;
    int gone = 0;
    while (fgets(line, sizeof(line), f)) {
        if (!strncmp(line, "State:", 6)) gone |= strchr(line, 'Z') || strchr(line, 'X');
        else if (!strncmp(line, "Tgid:", 5)) gone |= atoi(line + 5) == pid;
    }
    fclose(f);
    return gone;
}

/* -1: the page is locked (try again later) */
static int mutex_check(struct nobj *o, int pid)
{
    uint32_t *lock = (uint32_t *)(o->page + o->lock_off);
    uint32_t *owner = (uint32_t *)(o->page + o->owner_off);
    uint32_t zero = 0;
    if (!__atomic_load_n(owner, __ATOMIC_ACQUIRE)) return 0;
    if (!__atomic_compare_exchange_n(lock, &zero, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return -1;
    int woke = 0;
    uint32_t tid = *owner;
    if (tid && owner_gone(tid, pid)) {
        *owner = 0;
        *(uint32_t *)(o->page + o->count_off) = 0;
        *(int32_t *)(o->page + o->abandoned_off) = 1;
        __atomic_add_fetch((uint32_t *)(o->page + o->seq_off), 1, __ATOMIC_SEQ_CST);
        woke = 1;
    }
    if (__atomic_exchange_n(lock, 0, __ATOMIC_RELEASE) == 2) futex_wake(lock, 1);
    if (woke) futex_wake(o->page + o->seq_off, INT_MAX);
    return 0;
}

static void abandon_mutexes(int pid)
{
    for (struct nobj *o = objects; o; o = o->next)
        if (o->page && mutex_check(o, pid) < 0) o->check_owner = pid ? pid : -1;
}

void objects_tick(void)
{
    double t = asks ? mono_now() : 0;
    for (struct dup_ask_entry **pp = &asks; *pp;) {
        struct dup_ask_entry *a = *pp;
        if (t >= a->deadline) {
            server_log("process %u did not answer for its handle %#llx", a->ask.source,
                       (unsigned long long)a->ask.handle);
            ask_fail(pp, ERR_ACCESS_DENIED);
            continue;
        }
        if (!a->server && t >= a->signaled + 1) ask_signal(a, t);   /* missed (still starting?) */
        pp = &a->next;
    }
    for (struct nobj *o = objects; o; o = o->next)
        if (o->check_owner && mutex_check(o, o->check_owner) == 0) o->check_owner = 0;
}

static void dup_free(struct dup_entry *d)
{
    if (d->fd >= 0) close(d->fd);
    if (d->obj) nobj_release(d->obj);
    free(d);
    ndups--;
}

void objects_client_gone(struct obj_refs *refs)
{
    for (struct dup_ask_entry **pp = &asks; *pp;) {
        struct dup_ask_entry *a = *pp;
        if (a->asker == refs) {   /* nobody waits for it any more */
            *pp = a->next;
            nasks--;
            free(a);
        } else if (a->server == refs) ask_fail(pp, ERR_ACCESS_DENIED);   /* the source went away */
        else pp = &a->next;
    }
    /* what still waits for this process will never be asked for */
    for (struct dup_entry **pp = &dups; *pp;) {
        struct dup_entry *d = *pp;
        if (d->info.target == (uint32_t)refs->pid * 4) {
            *pp = d->next;
            dup_free(d);
        } else pp = &d->next;
    }
    abandon_mutexes(refs->pid);
    while (refs->nobjs) nobj_release(refs->objs[--refs->nobjs]);
    free(refs->objs);
    refs->objs = NULL;
    refs->objs_cap = 0;
}

/* ---- named objects ---- */

static struct nobj *find_object(const wchar16 *name, uint32_t len)
{
    if (!len) return NULL;   /* anonymous objects (inheritable unnamed ones) are never found */
    for (struct nobj *o = objects; o; o = o->next)
        if (o->type != PIPE_INSTANCE && o->name_len == len && !memcmp(o->name, name, len * 2)) return o;
    return NULL;
}

static int valid_layout(const struct carafe_obj_create_req *req)
{
    const uint32_t offs[] = { req->seq_off, req->lock_off, req->waiters_off, req->owner_off,
                              req->count_off, req->abandoned_off };
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++)
        if (offs[i] > STATE_PAGE - 4 || (offs[i] & 3)) return 0;
    return 1;
}

static void obj_reply(struct reply *r, struct nobj *o, int created)
{
    struct carafe_obj_reply rep = { o->id, (uint32_t)created, o->size, o->flags, 0 };
    reply_add(r, &rep, sizeof(rep));
}

static void obj_create(struct obj_refs *refs, unsigned int opcode, const uint8_t *p, size_t len,
                       int *fds, int nfds, struct reply *r, int *out_fd)
{
    struct carafe_obj_create_req req;
    if (len < sizeof(req)) goto bad;
    memcpy(&req, p, sizeof(req));
    if (req.name_len != len - sizeof(req) || (!req.name_len && opcode != CARAFE_REQ_OBJ_CREATE) || (req.name_len & 1) ||
        req.type < CARAFE_OBJ_EVENT || req.type > CARAFE_OBJ_MAPPING) goto bad;
    const wchar16 *name = (const wchar16 *)(p + sizeof(req));
    uint32_t nlen = req.name_len / 2;
    struct nobj *o = find_object(name, nlen);
    if (o) {
        if (o->type != req.type) { r->status = ERR_INVALID_HANDLE; return; }
        if (refs_add(refs, o)) { r->status = ERR_NOT_ENOUGH_MEMORY; return; }
        if ((*out_fd = fcntl(o->fd, F_DUPFD_CLOEXEC, 0)) < 0) {
            refs_drop(refs, o->id, 0);
            r->status = ERR_NOT_ENOUGH_MEMORY;
            return;
        }
        obj_reply(r, o, 0);
        return;
    }
    if (opcode == CARAFE_REQ_OBJ_OPEN) { r->status = ERR_FILE_NOT_FOUND; return; }
    if (nfds != 1 || fds[0] < 0) goto bad;
    if (req.type == CARAFE_OBJ_MUTEX && !valid_layout(&req)) goto bad;
    if (!(o = calloc(1, sizeof(*o))) || !(o->name = malloc(req.name_len ? req.name_len : 2))) goto nomem;
    memcpy(o->name, name, req.name_len);
    o->name_len = nlen;
    o->type = req.type;
    o->size = req.size;
    o->flags = req.flags;
    o->fd = -1;
    if (req.type == CARAFE_OBJ_MUTEX) {
        o->page = mmap(NULL, STATE_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fds[0], 0);
        if (o->page == MAP_FAILED) { o->page = NULL; goto nomem; }
        o->seq_off = req.seq_off;
        o->lock_off = req.lock_off;
        o->waiters_off = req.waiters_off;
        o->owner_off = req.owner_off;
        o->count_off = req.count_off;
        o->abandoned_off = req.abandoned_off;
    }
    if (refs_add(refs, o)) goto nomem;
    o->fd = fds[0];
    fds[0] = -1;
    o->id = ++last_id;
    o->next = objects;
    objects = o;
    obj_reply(r, o, 1);
    return;
nomem:
    if (o) {
        if (o->page) munmap(o->page, STATE_PAGE);
        free(o->name);
        free(o);
    }
    r->status = ERR_NOT_ENOUGH_MEMORY;
    return;
bad:
    r->status = CARAFE_STATUS_PROTOCOL_ERROR;
}

/* ---- pipes ---- */

static wchar16 fold(wchar16 c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

static int pipe_name_equal(const struct pipe_inst *p, const wchar16 *name, uint32_t len)
{
    if (p->name_len != len) return 0;
    for (uint32_t i = 0; i < len; i++)
        if (fold(p->name[i]) != fold(name[i])) return 0;
    return 1;
}

static struct pipe_inst *find_pipe_id(struct obj_refs *refs, uint32_t id)
{
    for (uint32_t i = 0; i < refs->nobjs; i++)
        if (refs->objs[i]->type == PIPE_INSTANCE && refs->objs[i]->id == id) return refs->objs[i]->pipe;
    return NULL;
}

static void pipe_create(struct obj_refs *refs, const uint8_t *p, size_t len, int *fds, int nfds,
                        struct reply *r)
{
    struct carafe_pipe_create_req req;
    if (len < sizeof(req)) goto bad;
    memcpy(&req, p, sizeof(req));
    if (req.name_len != len - sizeof(req) || (req.name_len & 1) || nfds != 2 || fds[0] < 0 || fds[1] < 0)
        goto bad;
    const wchar16 *name = (const wchar16 *)(p + sizeof(req));
    uint32_t nlen = req.name_len / 2, count = 0;
    struct pipe_inst *first = NULL;
    for (struct pipe_inst *q = pipes; q; q = q->next)
        if (pipe_name_equal(q, name, nlen)) {
            count++;
            first = q;
        }
    if (first) {
        if (req.open_mode & ERR_PIPE_ACCESS_FIRST) { r->status = ERR_ACCESS_DENIED; return; }
        uint32_t max = first->info.max_instances;
        if (max < MAX_PIPE_INSTANCES && count >= max) { r->status = ERR_PIPE_BUSY; return; }
        if ((first->info.pipe_mode ^ req.pipe_mode) & 4 /* PIPE_TYPE_MESSAGE */) {
            r->status = ERR_ACCESS_DENIED;
            return;
        }
    }
    struct pipe_inst *inst = calloc(1, sizeof(*inst));
    struct nobj *o = calloc(1, sizeof(*o));
    if (!inst || !o || (nlen && !(inst->name = malloc(req.name_len)))) goto nomem;
    memcpy(inst->name, name, req.name_len);
    inst->name_len = nlen;
    inst->info = req;
    if (first) inst->info.max_instances = first->info.max_instances;
    o->type = PIPE_INSTANCE;
    o->fd = -1;
    o->pipe = inst;
    if (refs_add(refs, o)) goto nomem;
    o->id = inst->id = ++last_id;
    o->next = objects;
    objects = o;
    inst->ref = o;
    inst->client_fd = fds[0];
    inst->notify_fd = fds[1];
    fds[0] = fds[1] = -1;
    inst->next = pipes;
    pipes = inst;
    struct carafe_pipe_create_reply rep = { inst->id, 0 };
    reply_add(r, &rep, sizeof(rep));
    return;
nomem:
    if (inst) free(inst->name);
    free(inst);
    free(o);
    r->status = ERR_NOT_ENOUGH_MEMORY;
    return;
bad:
    r->status = CARAFE_STATUS_PROTOCOL_ERROR;
}

static void pipe_listen(struct obj_refs *refs, const uint8_t *p, size_t len, int *fds, int nfds,
                        struct reply *r)
{
    struct carafe_pipe_id_req req;
    if (len != sizeof(req) || nfds != 2 || fds[0] < 0 || fds[1] < 0) {
        r->status = CARAFE_STATUS_PROTOCOL_ERROR;
        return;
    }
    memcpy(&req, p, sizeof(req));
    struct pipe_inst *inst = find_pipe_id(refs, req.id);
    if (!inst) { r->status = ERR_INVALID_HANDLE; return; }
    if (inst->client_fd >= 0) close(inst->client_fd);
    if (inst->notify_fd >= 0) close(inst->notify_fd);
    inst->client_fd = fds[0];
    inst->notify_fd = fds[1];
    fds[0] = fds[1] = -1;
}

static void pipe_info(struct pipe_inst *inst, uint32_t count, uint32_t avail, struct reply *r)
{
    struct carafe_pipe_info_reply rep = { inst->info.pipe_mode, inst->info.open_mode, inst->info.max_instances,
                                          inst->info.out_size, inst->info.in_size, inst->info.timeout,
                                          count, avail };
    reply_add(r, &rep, sizeof(rep));
}

/* OPEN: hand out a waiting instance's client end; QUERY: say what there is */
static void pipe_lookup(unsigned int opcode, const uint8_t *p, size_t len, struct reply *r, int *out_fd)
{
    struct carafe_pipe_name_req req;
    if (len < sizeof(req)) goto bad;
    memcpy(&req, p, sizeof(req));
    if (req.name_len != len - sizeof(req) || (req.name_len & 1)) goto bad;
    const wchar16 *name = (const wchar16 *)(p + sizeof(req));
    uint32_t nlen = req.name_len / 2, count = 0, avail = 0;
    struct pipe_inst *waiting = NULL, *any = NULL;
    for (struct pipe_inst *q = pipes; q; q = q->next) {
        if (!pipe_name_equal(q, name, nlen)) continue;
        count++;
        any = q;
        if (q->client_fd >= 0) {
            avail++;
            if (!waiting) waiting = q;
        }
    }
    if (!any) { r->status = ERR_FILE_NOT_FOUND; return; }
    if (opcode == CARAFE_REQ_PIPE_QUERY) { pipe_info(any, count, avail, r); return; }
    if (!waiting) { r->status = ERR_PIPE_BUSY; return; }
    *out_fd = waiting->client_fd;
    waiting->client_fd = -1;
    char byte = 1;
    if (write(waiting->notify_fd, &byte, 1) < 0) server_log("pipe notify: %s", strerror(errno));
    close(waiting->notify_fd);
    waiting->notify_fd = -1;
    pipe_info(waiting, count, avail - 1, r);
    return;
bad:
    r->status = CARAFE_STATUS_PROTOCOL_ERROR;
}

/* ---- events the registry signals ---- */

struct nobj *objects_event_get(uint32_t id, uint32_t signaled_off, uint32_t seq_off)
{
    struct nobj *o = NULL;
    for (struct nobj *x = objects; x && !o; x = x->next)
        if (x->id == id && x->type == CARAFE_OBJ_EVENT) o = x;
    if (!o || o->fd < 0 || signaled_off > STATE_PAGE - 4 || seq_off > STATE_PAGE - 4 || (signaled_off | seq_off) & 3)
        return NULL;
    if (!o->page) {
        void *page = mmap(NULL, STATE_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, o->fd, 0);
        if (page == MAP_FAILED) return NULL;
        o->page = page;
    }
    o->refs++;
    return o;
}

/* Without the event's lock (a client may hold it for ever): SIGNALED is
 * set before SEQ moves, and a waiter rechecks after any move of SEQ, so
 * neither a wake-up nor the signal is lost (dlls/kernel32/synch.c) */
void objects_event_set(struct nobj *o, uint32_t signaled_off, uint32_t seq_off)
{
    __atomic_store_n((int32_t *)(o->page + signaled_off), 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch((uint32_t *)(o->page + seq_off), 1, __ATOMIC_SEQ_CST);
    futex_wake(o->page + seq_off, INT_MAX);
}

void objects_put(struct nobj *o)
{
    nobj_release(o);
}

/* ---- handles for another process ---- */

static struct nobj *find_ref(struct obj_refs *refs, uint32_t id)
{
    for (uint32_t i = 0; i < refs->nobjs; i++)
        if (refs->objs[i]->id == id && refs->objs[i]->type != PIPE_INSTANCE) return refs->objs[i];
    return NULL;
}

static struct nobj *find_id(uint32_t id)
{
    for (struct nobj *o = objects; o; o = o->next)
        if (o->id == id && o->type != PIPE_INSTANCE) return o;
    return NULL;
}

/* a waiting entry for INFO's target with OBJ (a reference is taken) and
 * FDS[0]; R gets INFO with the handle value */
static void dup_add(struct carafe_dup_info info, struct nobj *obj, int *fds, int nfds, struct reply *r)
{
    struct dup_entry *d;
    if (info.kind > CARAFE_DUP_PROCESS || !info.target || (info.target & 3)) goto bad;
    if (info.kind != CARAFE_DUP_PROCESS && (nfds != 1 || fds[0] < 0)) goto bad;
    if (!(d = calloc(1, sizeof(*d)))) { r->status = ERR_NOT_ENOUGH_MEMORY; return; }
    d->fd = -1;
    if ((d->obj = obj)) obj->refs++;
    else info.id = 0;
    if (info.kind != CARAFE_DUP_PROCESS) {
        d->fd = fds[0];
        fds[0] = -1;
    }
    /* a value no other waiting entry for that target has */
    for (;;) {
        dup_counter = dup_counter % ((CARAFE_REMOTE_HANDLE_END - CARAFE_REMOTE_HANDLE_FIRST) / 4 - 1) + 1;
        info.handle = CARAFE_REMOTE_HANDLE_FIRST + 4ull * dup_counter;
        struct dup_entry *q = dups;
        while (q && (q->info.target != info.target || q->info.handle != info.handle)) q = q->next;
        if (!q) break;
    }
    d->info = info;
    if (ndups >= MAX_DUPS && dups) {   /* the oldest goes (the list is newest first) */
        struct dup_entry **pp = &dups;
        while ((*pp)->next) pp = &(*pp)->next;
        dup_free(*pp);
        *pp = NULL;
    }
    d->next = dups;
    dups = d;
    ndups++;
    reply_add(r, &info, sizeof(info));
    return;
bad:
    r->status = CARAFE_STATUS_PROTOCOL_ERROR;
}

static void dup_put(struct obj_refs *refs, const uint8_t *p, size_t len, int *fds, int nfds, struct reply *r)
{
    struct carafe_dup_info info;
    if (len != sizeof(info)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    memcpy(&info, p, sizeof(info));
    dup_add(info, info.id ? find_ref(refs, info.id) : NULL, fds, nfds, r);
}

static void dup_ask(struct obj_refs *refs, const uint8_t *p, size_t len, struct reply *r)
{
    struct dup_ask_entry *a;
    struct carafe_dup_ask ask;
    if (len != sizeof(ask)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    memcpy(&ask, p, sizeof(ask));
    if (!ask.source || (ask.source & 3) || ask.source / 4 > INT_MAX || (ask.target & 3)) {
        r->status = CARAFE_STATUS_PROTOCOL_ERROR;
        return;
    }
    if (!carafe_process((pid_t)(ask.source / 4))) { r->status = ERR_ACCESS_DENIED; return; }
    if (nasks >= MAX_ASKS || !(a = calloc(1, sizeof(*a)))) { r->status = ERR_NOT_ENOUGH_MEMORY; return; }
    ask_counter = ask_counter % 0x7fffffff + 1;
    ask.id = ask_counter;
    a->ask = ask;
    a->asker = refs;
    a->deadline = mono_now() + CARAFE_DUP_ASK_TIMEOUT;
    a->next = asks;
    asks = a;
    nasks++;
    ask_signal(a, mono_now());
    r->status = CARAFE_STATUS_DEFERRED;
}

/* the source's kernel32 fetches an ask meant for it */
static void dup_serve(struct obj_refs *refs, size_t len, struct reply *r)
{
    if (len) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    for (struct dup_ask_entry *a = asks; a; a = a->next)
        if (!a->server && a->ask.source == (uint32_t)refs->pid * 4) {
            a->server = refs;
            reply_add(r, &a->ask, sizeof(a->ask));
            return;
        }
    r->status = ERR_NO_MORE_ITEMS;
}

static void dup_answer(struct obj_refs *refs, const uint8_t *p, size_t len, int *fds, int nfds, struct reply *r)
{
    struct carafe_dup_answer ans;
    struct dup_ask_entry **pp = &asks;
    if (len != sizeof(ans)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    memcpy(&ans, p, sizeof(ans));
    while (*pp && ((*pp)->ask.id != ans.ask || (*pp)->server != refs)) pp = &(*pp)->next;
    if (!*pp) { r->status = ERR_INVALID_PARAMETER; return; }   /* timed out, or not yours */
    struct reply out = { ans.status };
    if (!ans.status && (*pp)->ask.target) {
        ans.info.target = (*pp)->ask.target;
        ans.info.handle_flags = (*pp)->ask.handle_flags;
        dup_add(ans.info, ans.info.id ? find_id(ans.info.id) : NULL, fds, nfds, &out);
        if (out.status) r->status = out.status;   /* the source learns it too */
    } else if (!ans.status) {
        struct carafe_dup_info none = { 0 };
        reply_add(&out, &none, sizeof(none));
    }
    ask_finish(pp, &out, -1);
    free(out.data);
}

static void dup_get(struct obj_refs *refs, const uint8_t *p, size_t len, struct reply *r, int *out_fd)
{
    struct carafe_dup_info info;
    if (len != sizeof(info)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    memcpy(&info, p, sizeof(info));
    for (struct dup_entry **pp = &dups; *pp; pp = &(*pp)->next) {
        struct dup_entry *d = *pp;
        if (d->info.target != (uint32_t)refs->pid * 4 || d->info.handle != info.handle) continue;
        if (d->obj) {   /* the entry's reference becomes the getter's */
            if (refs_add(refs, d->obj)) { r->status = ERR_NOT_ENOUGH_MEMORY; return; }
            d->obj->refs--;
            d->obj = NULL;
        }
        *pp = d->next;
        *out_fd = d->fd;
        d->fd = -1;
        reply_add(r, &d->info, sizeof(d->info));
        dup_free(d);
        return;
    }
    r->status = ERR_INVALID_HANDLE;
}

static void obj_ref(struct obj_refs *refs, const uint8_t *p, size_t len, struct reply *r)
{
    uint32_t id;
    if (len != sizeof(id)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    memcpy(&id, p, sizeof(id));
    for (struct nobj *o = objects; o; o = o->next)
        if (o->id == id && o->type != PIPE_INSTANCE) {
            if (refs_add(refs, o)) r->status = ERR_NOT_ENOUGH_MEMORY;
            return;
        }
    r->status = ERR_INVALID_HANDLE;
}

void objects_request(struct obj_refs *refs, unsigned int opcode, const uint8_t *p, size_t len,
                     int *fds, int nfds, struct reply *r, int *out_fd)
{
    switch (opcode) {
    case CARAFE_REQ_OBJ_REF:
        obj_ref(refs, p, len, r);
        break;
    case CARAFE_REQ_DUP_PUT:
        dup_put(refs, p, len, fds, nfds, r);
        break;
    case CARAFE_REQ_DUP_GET:
        dup_get(refs, p, len, r, out_fd);
        break;
    case CARAFE_REQ_DUP_ASK:
        dup_ask(refs, p, len, r);
        break;
    case CARAFE_REQ_DUP_SERVE:
        dup_serve(refs, len, r);
        break;
    case CARAFE_REQ_DUP_ANSWER:
        dup_answer(refs, p, len, fds, nfds, r);
        break;
    case CARAFE_REQ_OBJ_CREATE:
    case CARAFE_REQ_OBJ_OPEN:
        obj_create(refs, opcode, p, len, fds, nfds, r, out_fd);
        break;
    case CARAFE_REQ_OBJ_CLOSE:
    case CARAFE_REQ_PIPE_CLOSE: {
        uint32_t id;
        if (len != sizeof(id)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; break; }
        memcpy(&id, p, sizeof(id));
        if (refs_drop(refs, id, opcode == CARAFE_REQ_PIPE_CLOSE)) r->status = ERR_INVALID_HANDLE;
        break;
    }
    case CARAFE_REQ_PIPE_CREATE:
        pipe_create(refs, p, len, fds, nfds, r);
        break;
    case CARAFE_REQ_PIPE_LISTEN:
        pipe_listen(refs, p, len, fds, nfds, r);
        break;
    case CARAFE_REQ_PIPE_OPEN:
    case CARAFE_REQ_PIPE_QUERY:
        pipe_lookup(opcode, p, len, r, out_fd);
        break;
    default:
        r->status = CARAFE_STATUS_PROTOCOL_ERROR;
    }
}
