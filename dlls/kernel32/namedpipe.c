/* Named pipes: CreateNamedPipe, ConnectNamedPipe, DisconnectNamedPipe,
 * CreateFile on \\.\pipe\NAME, WaitNamedPipe, PeekNamedPipe (anonymous
 * pipes too), GetNamedPipeInfo, SetNamedPipeHandleState, TransactNamedPipe,
 * CallNamedPipe.
 *
 * Each instance is a UNIX socket pair made by the pipe server's process:
 * SOCK_SEQPACKET for PIPE_TYPE_MESSAGE (the kernel keeps the message
 * boundaries), SOCK_STREAM for PIPE_TYPE_BYTE.  The server end stays here;
 * the client end goes to carafe-server, which keeps the pipe namespace and
 * gives it to the first CreateFile of the name (server/objects.c).  It then
 * writes a byte to the instance's notification pipe: ConnectNamedPipe
 * sleeps on that, and a byte already there means a client came first
 * (ERROR_PIPE_CONNECTED).  DisconnectNamedPipe ends the connection; the
 * next ConnectNamedPipe gives carafe-server a fresh pair to hand out.
 * Data goes straight between the two processes.
 *
 * A message longer than a read's buffer is received whole and its tail
 * kept in the handle, for the next read (ERROR_MORE_DATA in message read
 * mode, a plain partial read in byte read mode).  A read in byte read mode
 * on a message pipe returns one message at most. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "named_private.h"
#include "carafe/protocol.h"

DEFAULT_DEBUG_CHANNEL(file);

#define PIPE_ACCESS_DUPLEX            0x00000003
#define PIPE_TYPE_MESSAGE             0x00000004
#define PIPE_READMODE_MESSAGE         0x00000002
#define PIPE_NOWAIT                   0x00000001
#define PIPE_SERVER_END               0x00000001
#define PIPE_UNLIMITED_INSTANCES      255
#define NMPWAIT_USE_DEFAULT_WAIT      0x00000000
#define NMPWAIT_WAIT_FOREVER          0xffffffff
#define DEFAULT_PIPE_TIMEOUT          50   /* ms, when CreateNamedPipe gives 0 */

struct pipe_object {
    struct file_object file;       /* file.fd is our end of the socket pair */
    pthread_mutex_t lock;
    int server_end;
    uint32_t id;                   /* the instance, in carafe-server */
    int notify_fd;                 /* server end: a byte when a client took the other end */
    int connected;                 /* server end: that byte was seen */
    int disconnected;              /* server end: DisconnectNamedPipe, no ConnectNamedPipe since */
    int message;                   /* PIPE_TYPE_MESSAGE */
    DWORD read_mode;               /* PIPE_READMODE_* */
    DWORD nowait;
    DWORD max_instances, out_size, in_size, timeout;
    char *pending;                 /* the rest of a message a short read left */
    size_t pending_len, pending_off;
};

static void pipe_destroy(struct object *obj)
{
    struct pipe_object *p = (struct pipe_object *)obj;
    if (p->server_end && p->id) {
        struct carafe_pipe_id_req req = { p->id };
        carafe_server_call(CARAFE_REQ_PIPE_CLOSE, &req, sizeof(req), NULL, NULL);
    }
    if (p->file.fd >= 0) close(p->file.fd);
    if (p->notify_fd >= 0) close(p->notify_fd);
    pthread_mutex_destroy(&p->lock);
    free(p->pending);
    free(p);
}

static const struct object_ops pipe_ops = { pipe_destroy };

/* the part after \\.\pipe\, or NULL if NAME is no pipe name */
static const WCHAR *pipe_part(const WCHAR *name)
{
    static const char prefix[] = "\\\\.\\pipe\\";
    if (!name) return NULL;
    for (int i = 0; prefix[i]; i++) {
        WCHAR c = name[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c == '/') c = '\\';
        if (c != (WCHAR)prefix[i] && !(i == 2 && c == '?')) return NULL;
    }
    return name + 9;
}

BOOL k32_is_pipe_name(const WCHAR *name)
{
    return pipe_part(name) != NULL;
}

static struct pipe_object *get_pipe(HANDLE h)
{
    struct object *obj = carafe_handle_get(h, OBJ_FILE);
    if (obj && obj->ops == &pipe_ops) return (struct pipe_object *)obj;
    if (obj) carafe_object_release(obj);
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

static struct pipe_object *new_pipe(int fd, DWORD access, DWORD flags)
{
    struct pipe_object *p = calloc(1, sizeof(*p));
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    p->file.obj.type = OBJ_FILE;
    p->file.obj.refcount = 1;
    p->file.obj.ops = &pipe_ops;
    p->file.fd = fd;
    p->file.access = access;
    p->file.flags = flags;
    p->file.type = FILE_TYPE_PIPE;
    p->notify_fd = -1;
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

static HANDLE pipe_handle(struct pipe_object *p)
{
    HANDLE h = carafe_handle_alloc(&p->file.obj);
    if (!h) {
        carafe_object_release(&p->file.obj);
        return INVALID_HANDLE_VALUE;
    }
    SetLastError(ERROR_SUCCESS);
    return h;
}

/* a name request (PIPE_OPEN / PIPE_QUERY) for NAME */
static DWORD pipe_lookup(unsigned int opcode, const WCHAR *name, struct carafe_pipe_info_reply *info, int *fd)
{
    size_t nlen = carafe_wcslen(name) * sizeof(WCHAR);
    struct carafe_pipe_name_req *req = malloc(sizeof(*req) + nlen);
    void *reply = NULL;
    size_t reply_len = 0;
    if (!req) return ERROR_NOT_ENOUGH_MEMORY;
    req->name_len = (uint32_t)nlen;
    memcpy(req + 1, name, nlen);
    DWORD status = carafe_server_call_fds(opcode, req, sizeof(*req) + nlen, NULL, 0, &reply, &reply_len, fd);
    free(req);
    if (!status && reply_len >= sizeof(*info)) memcpy(info, reply, sizeof(*info));
    else if (!status) status = CARAFE_STATUS_PROTOCOL_ERROR;
    free(reply);
    if (status == CARAFE_STATUS_UNAVAILABLE) status = ERROR_FILE_NOT_FOUND;
    return status;
}

/* a fresh socket pair and notifier for an instance: ours in MINE, theirs in THEIRS */
static int make_instance(int message, int mine[2], int theirs[2])
{
    int sv[2], nt[2];
    if (socketpair(AF_UNIX, (message ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC, 0, sv)) return -1;
    if (pipe2(nt, O_CLOEXEC)) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    mine[0] = sv[0], mine[1] = nt[0];
    theirs[0] = sv[1], theirs[1] = nt[1];
    return 0;
}

HANDLE WINAPI CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                               DWORD out_size, DWORD in_size, DWORD timeout, LPSECURITY_ATTRIBUTES sa)
{
    const WCHAR *pn = pipe_part(name);
    int mine[2], theirs[2];
    if (!pn) {
        SetLastError(ERROR_PATH_NOT_FOUND);   /* as Wine: not under \\.\pipe\ */
        return INVALID_HANDLE_VALUE;
    }
    if (!max_instances || max_instances > PIPE_UNLIMITED_INSTANCES || !(open_mode & PIPE_ACCESS_DUPLEX) ||
        ((pipe_mode & PIPE_READMODE_MESSAGE) && !(pipe_mode & PIPE_TYPE_MESSAGE))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (open_mode & FILE_FLAG_OVERLAPPED) FIXME("overlapped pipes work synchronously\n");
    int message = (pipe_mode & PIPE_TYPE_MESSAGE) != 0;
    if (make_instance(message, mine, theirs)) {
        carafe_set_errno_error();
        return INVALID_HANDLE_VALUE;
    }
    size_t nlen = carafe_wcslen(pn) * sizeof(WCHAR);
    struct carafe_pipe_create_req *req = calloc(1, sizeof(*req) + nlen);
    void *reply = NULL;
    size_t reply_len = 0;
    DWORD status = ERROR_NOT_ENOUGH_MEMORY;
    if (req) {
        req->name_len = (uint32_t)nlen;
        req->pipe_mode = pipe_mode;
        req->open_mode = open_mode;
        req->max_instances = max_instances;
        req->out_size = out_size;
        req->in_size = in_size;
        req->timeout = timeout;
        memcpy(req + 1, pn, nlen);
        status = carafe_server_call_fds(CARAFE_REQ_PIPE_CREATE, req, sizeof(*req) + nlen, theirs, 2, &reply,
                                        &reply_len, NULL);
        if (!status && reply_len < sizeof(struct carafe_pipe_create_reply)) status = CARAFE_STATUS_PROTOCOL_ERROR;
    }
    free(req);
    close(theirs[0]);
    close(theirs[1]);
    struct pipe_object *p = status ? NULL : new_pipe(mine[0], GENERIC_READ | GENERIC_WRITE, open_mode);
    if (!p) {
        free(reply);
        close(mine[0]);
        close(mine[1]);
        if (status) SetLastError(status);
        return INVALID_HANDLE_VALUE;
    }
    struct carafe_pipe_create_reply rep;
    memcpy(&rep, reply, sizeof(rep));
    free(reply);
    p->server_end = 1;
    p->id = rep.id;
    p->notify_fd = mine[1];
    p->message = message;
    p->read_mode = pipe_mode & PIPE_READMODE_MESSAGE;
    p->nowait = pipe_mode & PIPE_NOWAIT;
    p->max_instances = max_instances;
    p->out_size = out_size;
    p->in_size = in_size;
    p->timeout = timeout;
    return pipe_handle(p);
}

HANDLE WINAPI CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                               DWORD out_size, DWORD in_size, DWORD timeout, LPSECURITY_ATTRIBUTES sa)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    HANDLE h = CreateNamedPipeW(w, open_mode, pipe_mode, max_instances, out_size, in_size, timeout, sa);
    free(w);
    return h;
}

/* CreateFileW of \\.\pipe\NAME: the client end of a waiting instance */
HANDLE k32_open_pipe(const WCHAR *name, DWORD access, DWORD attributes)
{
    struct carafe_pipe_info_reply info;
    int fd = -1;
    DWORD status = pipe_lookup(CARAFE_REQ_PIPE_OPEN, pipe_part(name), &info, &fd);
    if (!status && fd < 0) status = CARAFE_STATUS_PROTOCOL_ERROR;
    if (status) {
        SetLastError(status);
        return INVALID_HANDLE_VALUE;
    }
    struct pipe_object *p = new_pipe(fd, access, attributes);
    if (!p) {
        close(fd);
        return INVALID_HANDLE_VALUE;
    }
    p->message = (info.pipe_mode & PIPE_TYPE_MESSAGE) != 0;
    p->read_mode = 0;   /* a client starts in byte read mode, whatever the pipe's type */
    p->max_instances = info.max_instances;
    p->out_size = info.out_size;
    p->in_size = info.in_size;
    p->timeout = info.timeout;
    return pipe_handle(p);
}

/* server end: has a client taken the other end?  (called locked) */
static int check_connected(struct pipe_object *p, int timeout_ms)
{
    struct pollfd pfd = { p->notify_fd, POLLIN, 0 };
    char byte;
    if (!p->server_end || p->connected) return 1;
    if (p->disconnected) return 0;
    if (p->notify_fd < 0 || poll(&pfd, 1, timeout_ms) <= 0) return 0;
    if (read(p->notify_fd, &byte, 1) != 1) return 0;   /* the instance went away */
    p->connected = 1;
    return 1;
}

/* called locked: a fresh socket pair in place of the old one, its client
 * end with carafe-server for the next CreateFile */
static DWORD relisten(struct pipe_object *p)
{
    int mine[2], theirs[2];
    if (make_instance(p->message, mine, theirs)) return carafe_errno_to_win32(errno);
    struct carafe_pipe_id_req req = { p->id };
    DWORD status = carafe_server_call_fds(CARAFE_REQ_PIPE_LISTEN, &req, sizeof(req), theirs, 2, NULL, NULL, NULL);
    close(theirs[0]);
    close(theirs[1]);
    if (!status) {
        /* the new pair takes the old descriptor numbers */
        dup3(mine[0], p->file.fd, O_CLOEXEC);
        if (p->notify_fd >= 0) dup3(mine[1], p->notify_fd, O_CLOEXEC);
        else p->notify_fd = fcntl(mine[1], F_DUPFD_CLOEXEC, 0);
        p->disconnected = 0;
        p->connected = 0;
    }
    close(mine[0]);
    close(mine[1]);
    return status;
}

BOOL WINAPI ConnectNamedPipe(HANDLE h, LPOVERLAPPED ov)
{
    struct pipe_object *p = get_pipe(h);
    if (!p) return FALSE;
    if (!p->server_end) {
        carafe_object_release(&p->file.obj);
        SetLastError(ERROR_INVALID_FUNCTION);
        return FALSE;
    }
    pthread_mutex_lock(&p->lock);
    DWORD status = p->disconnected ? relisten(p) : 0;
    int already = !status && check_connected(p, 0);
    int notify = p->notify_fd;
    pthread_mutex_unlock(&p->lock);
    if (status) {
        carafe_object_release(&p->file.obj);
        SetLastError(status);
        return FALSE;
    }
    if (already) {
        carafe_object_release(&p->file.obj);
        SetLastError(ERROR_PIPE_CONNECTED);
        return FALSE;
    }
    if (ov) FIXME("overlapped ConnectNamedPipe waits synchronously\n");
    struct pollfd pfd = { notify, POLLIN, 0 };
    while (poll(&pfd, 1, -1) < 0 && errno == EINTR) ;
    pthread_mutex_lock(&p->lock);
    int ok = check_connected(p, 0);
    pthread_mutex_unlock(&p->lock);
    carafe_object_release(&p->file.obj);
    if (!ok) {
        SetLastError(ERROR_BROKEN_PIPE);
        return FALSE;
    }
    if (ov) {
        ov->Internal = 0;
        ov->InternalHigh = 0;
        if (ov->hEvent) SetEvent(ov->hEvent);
    }
    return TRUE;
}

BOOL WINAPI DisconnectNamedPipe(HANDLE h)
{
    struct pipe_object *p = get_pipe(h);
    int sv[2];
    if (!p) return FALSE;
    if (!p->server_end) {
        carafe_object_release(&p->file.obj);
        SetLastError(ERROR_INVALID_FUNCTION);
        return FALSE;
    }
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
        carafe_object_release(&p->file.obj);
        carafe_set_errno_error();
        return FALSE;
    }
    /* a dead socket takes our end's descriptor number: the client sees the end */
    close(sv[1]);
    pthread_mutex_lock(&p->lock);
    dup3(sv[0], p->file.fd, O_CLOEXEC);
    p->connected = 0;
    p->disconnected = 1;
    free(p->pending);
    p->pending = NULL;
    p->pending_len = p->pending_off = 0;
    pthread_mutex_unlock(&p->lock);
    close(sv[0]);
    carafe_object_release(&p->file.obj);
    return TRUE;
}

/* called locked: the tail of a long message first */
static DWORD take_pending(struct pipe_object *p, char *buffer, DWORD count, DWORD *done)
{
    size_t left = p->pending_len - p->pending_off, n = left < count ? left : count;
    memcpy(buffer, p->pending + p->pending_off, n);
    p->pending_off += n;
    *done = (DWORD)n;
    if (p->pending_off < p->pending_len) return p->read_mode ? ERROR_MORE_DATA : 0;
    free(p->pending);
    p->pending = NULL;
    p->pending_len = p->pending_off = 0;
    return 0;
}

static DWORD read_error(int err)
{
    if (err == EAGAIN || err == EWOULDBLOCK) return ERROR_NO_DATA;
    if (err == ECONNRESET || err == EPIPE) return ERROR_BROKEN_PIPE;
    return carafe_errno_to_win32(err);
}

static DWORD pipe_read(struct pipe_object *p, char *buffer, DWORD count, DWORD *done)
{
    int flags = p->nowait ? MSG_DONTWAIT : 0;
    ssize_t n;
    *done = 0;
    pthread_mutex_lock(&p->lock);
    if (p->disconnected || !check_connected(p, 0)) {
        pthread_mutex_unlock(&p->lock);
        return p->disconnected ? ERROR_PIPE_NOT_CONNECTED : ERROR_PIPE_LISTENING;
    }
    if (p->pending) {
        DWORD err = take_pending(p, buffer, count, done);
        pthread_mutex_unlock(&p->lock);
        return err;
    }
    pthread_mutex_unlock(&p->lock);
    if (!p->message) {
        do n = recv(p->file.fd, buffer, count, flags); while (n < 0 && errno == EINTR);
        if (n < 0) return read_error(errno);
        if (!n && count) return ERROR_BROKEN_PIPE;
        *done = (DWORD)n;
        return 0;
    }
    for (;;) {
        /* the next message's length, waiting for one */
        do n = recv(p->file.fd, NULL, 0, MSG_PEEK | MSG_TRUNC | flags); while (n < 0 && errno == EINTR);
        if (n < 0) return read_error(errno);
        if (!n) {
            char probe;
            if (recv(p->file.fd, &probe, 1, MSG_PEEK | MSG_DONTWAIT) == 0) return ERROR_BROKEN_PIPE;
        }
        pthread_mutex_lock(&p->lock);
        if ((size_t)n <= count) n = recv(p->file.fd, buffer, count, MSG_DONTWAIT);
        else {
            char *whole = malloc(n);
            if (!whole) {
                pthread_mutex_unlock(&p->lock);
                return ERROR_NOT_ENOUGH_MEMORY;
            }
            ssize_t got = recv(p->file.fd, whole, n, MSG_DONTWAIT);
            if (got > (ssize_t)count) {
                p->pending = whole;
                p->pending_len = got;
                p->pending_off = 0;
                DWORD err = take_pending(p, buffer, count, done);
                pthread_mutex_unlock(&p->lock);
                return err;
            }
            if (got > 0) memcpy(buffer, whole, got);
            free(whole);
            n = got;
        }
        pthread_mutex_unlock(&p->lock);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !flags) continue;   /* another reader took it */
        if (n < 0) return read_error(errno);
        *done = (DWORD)n;
        return 0;
    }
}

BOOL k32_pipe_read(struct file_object *f, void *buffer, DWORD count, DWORD *nread, BOOL *ret)
{
    DWORD done;
    if (f->obj.ops != &pipe_ops) return FALSE;
    DWORD err = pipe_read((struct pipe_object *)f, buffer, count, &done);
    if (nread) *nread = done;
    if (err) SetLastError(err);
    *ret = !err;
    return TRUE;
}

/* PeekNamedPipe on one of our pipes (called unlocked) */
static DWORD peek_pipe(struct pipe_object *p, char *buf, DWORD size, DWORD *got, DWORD *avail, DWORD *left)
{
    int n_in = 0;
    ssize_t n;
    pthread_mutex_lock(&p->lock);
    if (!check_connected(p, 0)) {
        pthread_mutex_unlock(&p->lock);
        return ERROR_BAD_PIPE;
    }
    if (p->pending) {
        size_t rest = p->pending_len - p->pending_off, c = rest < size ? rest : size;
        if (buf) memcpy(buf, p->pending + p->pending_off, c);
        ioctl(p->file.fd, FIONREAD, &n_in);
        *got = (DWORD)c;
        *avail = (DWORD)(rest + n_in);
        *left = (DWORD)(rest - c);
        pthread_mutex_unlock(&p->lock);
        return 0;
    }
    char probe;
    if (!buf || !size) buf = &probe, size = 0;   /* a byte to tell an empty pipe from a closed one */
    n = recv(p->file.fd, buf, size ? size : 1, MSG_PEEK | MSG_DONTWAIT | (p->message ? MSG_TRUNC : 0));
    pthread_mutex_unlock(&p->lock);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) n = 0;
    else if (n < 0) return read_error(errno);
    else if (n == 0) return ERROR_BROKEN_PIPE;
    if (p->message) {
        *avail = (DWORD)n;   /* the next message: the kernel counts no further */
        *got = (DWORD)(n < (ssize_t)size ? n : (ssize_t)size);
        *left = (DWORD)n - *got;
    } else {
        ioctl(p->file.fd, FIONREAD, &n_in);
        *got = size ? (DWORD)n : 0;
        *avail = n_in;
        *left = 0;
    }
    return 0;
}

/* an anonymous pipe (a FIFO): tee() copies without consuming */
static DWORD peek_fifo(int fd, char *buf, DWORD size, DWORD *got, DWORD *avail)
{
    int n_in = 0, tmp[2];
    if (ioctl(fd, FIONREAD, &n_in)) return carafe_errno_to_win32(errno);
    *avail = n_in;
    if (!n_in) {
        struct pollfd pfd = { fd, POLLIN, 0 };
        if (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLHUP)) return ERROR_BROKEN_PIPE;
        return 0;
    }
    if (!buf || !size || pipe2(tmp, O_CLOEXEC)) return 0;
    ssize_t n = tee(fd, tmp[1], size < (DWORD)n_in ? size : (DWORD)n_in, SPLICE_F_NONBLOCK);
    if (n > 0) n = read(tmp[0], buf, n);
    close(tmp[0]);
    close(tmp[1]);
    *got = n > 0 ? (DWORD)n : 0;
    return 0;
}

BOOL WINAPI PeekNamedPipe(HANDLE h, LPVOID buffer, DWORD size, LPDWORD nread, LPDWORD avail, LPDWORD left)
{
    struct file_object *f = carafe_get_file(h);
    DWORD r = 0, a = 0, l = 0, err;
    struct stat st;
    if (!f) return FALSE;
    if (f->obj.ops == &pipe_ops) err = peek_pipe((struct pipe_object *)f, buffer, size, &r, &a, &l);
    else if (fstat(f->fd, &st)) err = carafe_errno_to_win32(errno);
    else if (S_ISFIFO(st.st_mode)) err = peek_fifo(f->fd, buffer, size, &r, &a);
    else if (S_ISSOCK(st.st_mode)) {
        ssize_t n = recv(f->fd, buffer, buffer ? size : 0, MSG_PEEK | MSG_DONTWAIT);
        int n_in = 0;
        ioctl(f->fd, FIONREAD, &n_in);
        err = n < 0 && errno != EAGAIN ? read_error(errno) : n == 0 && size && buffer ? ERROR_BROKEN_PIPE : 0;
        r = n > 0 ? (DWORD)n : 0;
        a = n_in;
    } else err = ERROR_INVALID_FUNCTION;
    carafe_object_release(&f->obj);
    if (err) {
        SetLastError(err);
        return FALSE;
    }
    if (nread) *nread = r;
    if (avail) *avail = a;
    if (left) *left = l;
    return TRUE;
}

BOOL WINAPI WaitNamedPipeW(LPCWSTR name, DWORD timeout)
{
    const WCHAR *pn = pipe_part(name);
    struct timespec start, now;
    if (!pn) {
        SetLastError(ERROR_BAD_PATHNAME);
        return FALSE;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct carafe_pipe_info_reply info;
        DWORD status = pipe_lookup(CARAFE_REQ_PIPE_QUERY, pn, &info, NULL);
        if (status) {
            SetLastError(status);
            return FALSE;
        }
        if (info.available) return TRUE;
        if (timeout == NMPWAIT_USE_DEFAULT_WAIT) timeout = info.timeout ? info.timeout : DEFAULT_PIPE_TIMEOUT;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long ms = (now.tv_sec - start.tv_sec) * 1000LL + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (timeout != NMPWAIT_WAIT_FOREVER && ms >= timeout) {
            SetLastError(ERROR_SEM_TIMEOUT);
            return FALSE;
        }
        struct timespec ts = { 0, 5 * 1000000L };   /* the server has no waiter list: look again soon */
        nanosleep(&ts, NULL);
    }
}

BOOL WINAPI WaitNamedPipeA(LPCSTR name, DWORD timeout)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    BOOL ret = WaitNamedPipeW(w, timeout);
    free(w);
    return ret;
}

BOOL WINAPI GetNamedPipeInfo(HANDLE h, LPDWORD flags, LPDWORD out_size, LPDWORD in_size, LPDWORD instances)
{
    struct pipe_object *p = get_pipe(h);
    if (!p) return FALSE;
    if (flags) *flags = (p->server_end ? PIPE_SERVER_END : 0) | (p->message ? PIPE_TYPE_MESSAGE : 0);
    if (out_size) *out_size = p->out_size;
    if (in_size) *in_size = p->in_size;
    if (instances) *instances = p->max_instances;
    carafe_object_release(&p->file.obj);
    return TRUE;
}

BOOL WINAPI SetNamedPipeHandleState(HANDLE h, LPDWORD mode, LPDWORD max_collection, LPDWORD timeout)
{
    struct pipe_object *p = get_pipe(h);
    BOOL ret = TRUE;
    if (!p) return FALSE;
    if (mode) {
        if ((*mode & PIPE_READMODE_MESSAGE) && !p->message) {
            SetLastError(ERROR_INVALID_PARAMETER);
            ret = FALSE;
        } else if (*mode & ~(PIPE_READMODE_MESSAGE | PIPE_NOWAIT)) {
            SetLastError(ERROR_INVALID_PARAMETER);
            ret = FALSE;
        } else {
            pthread_mutex_lock(&p->lock);
            p->read_mode = *mode & PIPE_READMODE_MESSAGE;
            p->nowait = *mode & PIPE_NOWAIT;
            pthread_mutex_unlock(&p->lock);
        }
    }
    if (ret && (max_collection || timeout)) FIXME("collection count and timeout are ignored\n");
    carafe_object_release(&p->file.obj);
    return ret;
}

BOOL WINAPI TransactNamedPipe(HANDLE h, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD nread,
                              LPOVERLAPPED ov)
{
    struct pipe_object *p = get_pipe(h);
    DWORD written, done = 0, err;
    if (nread) *nread = 0;
    if (!p) return FALSE;
    if (ov) FIXME("overlapped TransactNamedPipe works synchronously\n");
    if (!p->message || !p->read_mode) err = ERROR_BAD_PIPE;
    else if (!WriteFile(h, in, in_size, &written, NULL)) err = GetLastError();
    else err = pipe_read(p, out, out_size, &done);
    carafe_object_release(&p->file.obj);
    if (nread) *nread = done;
    if (err) SetLastError(err);
    return !err;
}

BOOL WINAPI CallNamedPipeW(LPCWSTR name, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD nread,
                           DWORD timeout)
{
    HANDLE h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY && WaitNamedPipeW(name, timeout))
        h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return FALSE;
    DWORD mode = PIPE_READMODE_MESSAGE;
    BOOL ret = SetNamedPipeHandleState(h, &mode, NULL, NULL) &&
               TransactNamedPipe(h, in, in_size, out, out_size, nread, NULL);
    DWORD err = GetLastError();
    CloseHandle(h);
    SetLastError(ret ? ERROR_SUCCESS : err);
    return ret;
}

BOOL WINAPI CallNamedPipeA(LPCSTR name, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD nread,
                           DWORD timeout)
{
    WCHAR *w = name ? k32_strdup_AtoW(name) : NULL;
    BOOL ret = CallNamedPipeW(w, in, in_size, out, out_size, nread, timeout);
    free(w);
    return ret;
}
