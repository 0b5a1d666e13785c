/* I/O completion ports: a queue of completion packets that threads wait on.
 * Packets come from PostQueuedCompletionStatus; carafe's file I/O completes
 * synchronously, so associating a file handle with a port is not supported
 * yet (programs such as libuv's and the Dart VM's event loops create a port
 * and post to it without files). */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(iocp);

struct completion_packet {
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED overlapped;
    struct completion_packet *next;
};

struct completion_port {
    struct object obj;
    pthread_mutex_t lock;
    pthread_cond_t cond;           /* on CLOCK_MONOTONIC */
    struct completion_packet *head, *tail;
};

static void port_destroy(struct object *obj)
{
    struct completion_port *port = (struct completion_port *)obj;
    while (port->head) {
        struct completion_packet *p = port->head;
        port->head = p->next;
        free(p);
    }
    pthread_cond_destroy(&port->cond);
    pthread_mutex_destroy(&port->lock);
    free(port);
}

static const struct object_ops port_ops = { port_destroy };

/* A new reference to the port behind H, or NULL with ERROR_INVALID_HANDLE. */
static struct completion_port *get_port(HANDLE h)
{
    struct object *obj = carafe_handle_get(h, OBJ_OTHER);
    if (obj && obj->ops == &port_ops) return (struct completion_port *)obj;
    if (obj) carafe_object_release(obj);
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD threads)
{
    (void)key;
    /* NumberOfConcurrentThreads only tunes scheduling: every waiter may run */
    (void)threads;
    if (file != INVALID_HANDLE_VALUE) {
        FIXME("associating handle %p with a completion port is not supported\n", file);
        SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
        return NULL;
    }
    if (existing) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct completion_port *port = calloc(1, sizeof(*port));
    if (!port) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&port->cond, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&port->lock, NULL);
    port->obj.type = OBJ_OTHER;
    port->obj.refcount = 1;
    port->obj.ops = &port_ops;
    HANDLE h = carafe_handle_alloc(&port->obj);
    if (!h) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return h;
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE h, DWORD bytes, ULONG_PTR key, LPOVERLAPPED overlapped)
{
    struct completion_port *port = get_port(h);
    if (!port) return FALSE;
    struct completion_packet *p = malloc(sizeof(*p));
    if (!p) {
        carafe_object_release(&port->obj);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    p->bytes = bytes;
    p->key = key;
    p->overlapped = overlapped;
    p->next = NULL;
    pthread_mutex_lock(&port->lock);
    if (port->tail) port->tail->next = p; else port->head = p;
    port->tail = p;
    pthread_cond_signal(&port->cond);
    pthread_mutex_unlock(&port->lock);
    carafe_object_release(&port->obj);
    return TRUE;
}

BOOL WINAPI GetQueuedCompletionStatus(HANDLE h, LPDWORD bytes, PULONG_PTR key, LPOVERLAPPED *overlapped,
                                      DWORD timeout)
{
    struct completion_port *port = get_port(h);
    struct timespec deadline;
    int err = 0;

    *overlapped = NULL;
    if (!port) return FALSE;
    if (timeout != INFINITE) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout / 1000;
        deadline.tv_nsec += (long)(timeout % 1000) * 1000000;
        if (deadline.tv_nsec >= 1000000000) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000; }
    }
    pthread_mutex_lock(&port->lock);
    while (!port->head && err != ETIMEDOUT) {
        if (timeout == INFINITE) pthread_cond_wait(&port->cond, &port->lock);
        else err = pthread_cond_timedwait(&port->cond, &port->lock, &deadline);
    }
    struct completion_packet *p = port->head;
    if (p) {
        port->head = p->next;
        if (!port->head) port->tail = NULL;
    }
    pthread_mutex_unlock(&port->lock);
    carafe_object_release(&port->obj);
    if (!p) {
        SetLastError(WAIT_TIMEOUT);
        return FALSE;
    }
    *bytes = p->bytes;
    *key = p->key;
    *overlapped = p->overlapped;
    free(p);
    return TRUE;
}
