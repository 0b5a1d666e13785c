/* carafe-server: holds the state that spans processes (DESIGN decision 9);
 * for now the registry.  One per prefix, started on demand by the first
 * client that needs it (dlls/ntdll/server.c), single-threaded epoll loop.
 *
 *   carafe-server [--foreground] [--prefix DIR]   run (normally on demand)
 *   carafe-server --kill [--prefix DIR]           stop the prefix's server
 *
 * Environment: CARAFE_PREFIX, CARAFE_SERVER_DIR (socket directory),
 * CARAFE_SERVER_TIMEOUT (seconds without clients before exiting, default 10),
 * CARAFE_SERVER_SAVE_DELAY (milliseconds between a change and its save,
 * default 100). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "server.h"
#include "objects.h"

struct client {
    int fd;
    uint8_t *in;                 /* the request being received */
    size_t in_len, in_cap;
    uint8_t *out;                /* reply bytes not yet sent */
    size_t out_len, out_off;
    struct handle_table handles;
    struct obj_refs refs;        /* named objects and pipes (objects.c) */
    int in_fds[OBJ_MAX_FDS];     /* descriptors that came with the request */
    int nin_fds;
    int out_fd;                  /* one to send with the reply, or -1 */
    unsigned int deferred;       /* the opcode whose reply comes later (server_complete), or 0 */
    struct client *next;
};

static const char *prefix;
static char sock_path[4096], lock_path[4096];
static struct stat prefix_stat;
static int epfd, listen_fd = -1, sig_fd = -1, foreground;
static struct client *clients;
static int nclients, quitting;
static double idle_timeout = 10, save_delay = 0.1;
static double idle_since, save_at;

void server_log(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    fprintf(stderr, "carafe-server: %s\n", buf);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- connections ---- */

static void client_close_fds(struct client *c)
{
    for (int i = 0; i < c->nin_fds; i++)
        if (c->in_fds[i] >= 0) close(c->in_fds[i]);
    c->nin_fds = 0;
    if (c->out_fd >= 0) close(c->out_fd);
    c->out_fd = -1;
}

/* send(), with c->out_fd attached to the reply's first byte (SCM_RIGHTS) */
static ssize_t client_send(struct client *c)
{
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct iovec iov = { c->out + c->out_off, c->out_len - c->out_off };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (c->out_fd >= 0 && !c->out_off) {
        memset(cbuf, 0, sizeof(cbuf));
        msg.msg_control = cbuf;
        msg.msg_controllen = sizeof(cbuf);
        struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        cm->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(cm), &c->out_fd, sizeof(int));
    }
    ssize_t n = sendmsg(c->fd, &msg, MSG_NOSIGNAL);
    if (n > 0 && msg.msg_control) {
        close(c->out_fd);
        c->out_fd = -1;
    }
    return n;
}

/* recv(), keeping the descriptors that come along in c->in_fds */
static ssize_t client_recv(struct client *c, void *buf, size_t len)
{
    char cbuf[CMSG_SPACE(OBJ_MAX_FDS * sizeof(int))];
    struct iovec iov = { buf, len };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
    ssize_t n = recvmsg(c->fd, &msg, MSG_CMSG_CLOEXEC);
    for (struct cmsghdr *cm = n >= 0 ? CMSG_FIRSTHDR(&msg) : NULL; cm; cm = CMSG_NXTHDR(&msg, cm)) {
        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS) continue;
        int nfd = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (int i = 0; i < nfd; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
            if (c->nin_fds < OBJ_MAX_FDS) c->in_fds[c->nin_fds++] = fd;
            else close(fd);
        }
    }
    return n;
}

static void client_close(struct client *c)
{
    struct client **p = &clients;
    while (*p != c) p = &(*p)->next;
    *p = c->next;
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    handles_free(&c->handles);
    objects_client_gone(&c->refs);
    client_close_fds(c);
    free(c->in);
    free(c->out);
    free(c);
    if (!--nclients) idle_since = now();
}

static void client_watch(struct client *c)
{
    /* a connection whose reply is deferred reads nothing more (hang-ups are always reported) */
    struct epoll_event ev = { .events = c->out_len ? EPOLLOUT : c->deferred ? 0 : EPOLLIN, .data.ptr = c };
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* sends what it can now, keeps the rest for EPOLLOUT; -1: the peer is gone */
static int client_flush(struct client *c)
{
    while (c->out_off < c->out_len) {
        ssize_t n = client_send(c);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n <= 0) return -1;
        c->out_off += n;
    }
    if (c->out_off == c->out_len) {
        free(c->out);
        c->out = NULL;
        c->out_len = c->out_off = 0;
    }
    client_watch(c);
    return 0;
}

static int client_reply(struct client *c, unsigned int opcode, struct reply *r)
{
    struct carafe_msg_header h = { (uint32_t)(sizeof(h) + r->len), CARAFE_PROTOCOL_VERSION,
                                   (uint16_t)opcode, r->status, 0 };
    if (r->status) r->len = 0, h.size = sizeof(h);
    uint8_t *buf = malloc(h.size);
    if (!buf) return -1;
    memcpy(buf, &h, sizeof(h));
    if (r->len) memcpy(buf + sizeof(h), r->data, r->len);
    c->out = buf;
    c->out_len = h.size;
    c->out_off = 0;
    return client_flush(c);
}

/* the page every client maps (protocol.h) */
static int shared_fd = -1;
static volatile struct carafe_server_shared *shared;

static int shared_init(void)
{
    shared_fd = memfd_create("carafe-server-shared", MFD_CLOEXEC);
    if (shared_fd < 0 || ftruncate(shared_fd, sizeof(*shared))) return -1;
    void *p = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED, shared_fd, 0);
    if (p == MAP_FAILED) return -1;
    shared = p;
    shared->registry_generation = 1;   /* 0 means "no page" to clients */
    return 0;
}

/* requests that change the registry (when they succeed) */
static int registry_change(unsigned int opcode, const uint8_t *p, size_t len, const struct reply *r)
{
    struct carafe_reg_open_req open;
    struct carafe_reg_open_reply opened;
    switch (opcode) {
    case CARAFE_REQ_REG_SET_VALUE:
    case CARAFE_REQ_REG_DELETE_KEY:
    case CARAFE_REQ_REG_DELETE_TREE:
    case CARAFE_REQ_REG_DELETE_VALUE:
        return 1;
    case CARAFE_REQ_REG_OPEN:
        if (len < sizeof(open)) return 0;
        memcpy(&open, p, sizeof(open));
        if (!(open.flags & CARAFE_REG_CREATE) || r->len != sizeof(opened)) return 0;
        memcpy(&opened, r->data, sizeof(opened));
        return opened.created;   /* RegCreateKeyEx of a key that exists changes nothing */
    default:
        return 0;
    }
}

static void handle_hello(const uint8_t *p, size_t len, struct reply *r, int *out_fd)
{
    struct carafe_hello_req req;
    struct carafe_hello_reply rep = { (uint32_t)getpid(), CARAFE_PROTOCOL_VERSION };
    if (len < sizeof(req)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    memcpy(&req, p, sizeof(req));
    if (req.prefix_len != len - sizeof(req)) { r->status = CARAFE_STATUS_PROTOCOL_ERROR; return; }
    if (req.prefix_len != strlen(prefix) || memcmp(p + sizeof(req), prefix, req.prefix_len)) {
        /* the socket name says our prefix, the client's path says otherwise:
         * ours was deleted and its inode reused; the once-a-second check
         * of the prefix ends this server */
        r->status = CARAFE_STATUS_UNAVAILABLE;
        return;
    }
    reply_add(r, &rep, sizeof(rep));
    *out_fd = fcntl(shared_fd, F_DUPFD_CLOEXEC, 3);
}

/* one complete message in c->in; -1 closes the connection */
static int client_dispatch(struct client *c)
{
    struct carafe_msg_header h;
    struct reply r = { 0 };
    memcpy(&h, c->in, sizeof(h));
    const uint8_t *p = c->in + sizeof(h);
    size_t len = h.size - sizeof(h);
    int dirty = registry_dirty;

    if (h.version != CARAFE_PROTOCOL_VERSION || h.status || h.reserved)
        r.status = CARAFE_STATUS_PROTOCOL_ERROR;
    else if (h.opcode == CARAFE_REQ_HELLO) handle_hello(p, len, &r, &c->out_fd);
    else if (h.opcode == CARAFE_REQ_SHUTDOWN) quitting = 1;
    else if (objects_opcode(h.opcode))
        objects_request(&c->refs, h.opcode, p, len, c->in_fds, c->nin_fds, &r, &c->out_fd);
    else if (process_request(h.opcode, p, len, &r)) ;
    else {
        registry_request(&c->handles, h.opcode, p, len, &r);
        if (!r.status && registry_change(h.opcode, p, len, &r))
            __atomic_add_fetch(&shared->registry_generation, 1, __ATOMIC_RELEASE);
    }
    if (!dirty && registry_dirty) save_at = now() + save_delay;

    c->in_len = 0;
    for (int i = 0; i < c->nin_fds; i++)
        if (c->in_fds[i] >= 0) close(c->in_fds[i]);
    c->nin_fds = 0;
    if (r.status == CARAFE_STATUS_DEFERRED) {
        c->deferred = h.opcode;
        client_watch(c);
        return 0;
    }
    if (r.status && c->out_fd >= 0) close(c->out_fd), c->out_fd = -1;
    int ret = client_reply(c, h.opcode, &r);
    free(r.data);
    return ret;
}

static int client_read(struct client *c)
{
    for (;;) {
        if (c->deferred) return 0;
        size_t want = sizeof(struct carafe_msg_header);
        if (c->in_len >= want) {
            uint32_t size;
            memcpy(&size, c->in, sizeof(size));
            if (size < want || size > CARAFE_MAX_MESSAGE) return -1;   /* cannot resynchronise */
            want = size;
            if (c->in_len == want) {
                if (client_dispatch(c)) return -1;
                if (c->out_len) return 0;   /* no more reading until the reply is out */
                continue;
            }
        }
        if (want > c->in_cap) {
            uint8_t *b = realloc(c->in, want);
            if (!b) return -1;
            c->in = b;
            c->in_cap = want;
        }
        ssize_t n = client_recv(c, c->in + c->in_len, want - c->in_len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        if (n <= 0) return -1;
        c->in_len += n;
    }
}

void server_complete(struct obj_refs *refs, struct reply *r, int fd)
{
    struct client *c = clients;
    while (c && &c->refs != refs) c = c->next;
    if (!c || !c->deferred) {
        if (fd >= 0) close(fd);
        return;
    }
    unsigned int opcode = c->deferred;
    c->deferred = 0;
    if (r->status && fd >= 0) close(fd), fd = -1;
    c->out_fd = fd;
    /* a peer that is gone: the loop sees the hang-up and closes it */
    if (client_reply(c, opcode, r)) shutdown(c->fd, SHUT_RDWR);
}

static void accept_client(void)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);
    int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) || cred.uid != getuid()) {
        server_log("refused a client of uid %d", (int)cred.uid);
        close(fd);
        return;
    }
    struct client *c = calloc(1, sizeof(*c));
    if (!c) {
        close(fd);
        return;
    }
    c->fd = fd;
    c->out_fd = -1;
    c->refs.pid = cred.pid;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev)) {
        close(fd);
        free(c);
        return;
    }
    c->next = clients;
    clients = c;
    nclients++;
}

/* ---- start-up ---- */

static int prefix_still_there(void)
{
    struct stat st;
    return !stat(prefix, &st) && st.st_dev == prefix_stat.st_dev && st.st_ino == prefix_stat.st_ino;
}

static int connect_socket(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    size_t len = strlen(path);
    if (len >= sizeof(addr.sun_path)) return -1;
    memcpy(addr.sun_path, path, len + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && !connect(fd, (struct sockaddr *)&addr, sizeof(addr))) return fd;
    if (fd >= 0) close(fd);
    return -1;
}

/* the socket directory must be ours and closed to others */
static int check_dir(void)
{
    char dir[4096];
    struct stat st;
    if (carafe_server_dir(dir, sizeof(dir))) return -1;
    if (mkdir(dir, 0700) && errno != EEXIST) {
        server_log("cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    if (lstat(dir, &st) || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
        server_log("%s is not a directory of this user closed to others (mode 0700): refusing it", dir);
        return -1;
    }
    return 0;
}

static int take_lock(void)
{
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        server_log("cannot open %s: %s", lock_path, strerror(errno));
        return -1;
    }
    for (int i = 0; i < 500; i++) {
        if (!flock(fd, LOCK_EX | LOCK_NB)) {
            /* an exiting server unlinks the file it locked: ours must be the one in place */
            struct stat a, b;
            if (!fstat(fd, &a) && !stat(lock_path, &b) && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
                return fd;
            close(fd);
            if ((fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) return -1;
            continue;
        }
        int s = connect_socket(sock_path);
        if (s >= 0) {   /* another server runs: nothing to do */
            close(s);
            close(fd);
            return -2;
        }
        usleep(10000);
    }
    server_log("%s stays locked but no server answers", lock_path);
    close(fd);
    return -1;
}

static int listen_socket(void)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(sock_path) >= sizeof(addr.sun_path)) {
        server_log("socket path too long: %s", sock_path);
        return -1;
    }
    strcpy(addr.sun_path, sock_path);
    unlink(sock_path);   /* a dead server's: we hold the lock */
    listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    mode_t old = umask(077);
    int ret = listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(listen_fd, 128);
    umask(old);
    if (ret) server_log("cannot listen on %s: %s", sock_path, strerror(errno));
    return ret ? -1 : 0;
}

static void close_inherited_fds(void)
{
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = 3; fd < max; fd++) close(fd);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        if (null > 2) close(null);
    }
}

static const char *find_prefix(const char *arg)
{
    static char buf[4096];
    const char *env = getenv("CARAFE_PREFIX"), *home = getenv("HOME");
    if (arg) snprintf(buf, sizeof(buf), "%s", arg);
    else if (env && *env) snprintf(buf, sizeof(buf), "%s", env);
    else snprintf(buf, sizeof(buf), "%s/.carafe", home && *home ? home : "/tmp");
    char *real = realpath(buf, NULL);
    return real ? real : buf;
}

static int kill_server(void)
{
    struct carafe_msg_header h = { sizeof(h), CARAFE_PROTOCOL_VERSION, CARAFE_REQ_SHUTDOWN, 0, 0 };
    char buf[256];
    int fd = connect_socket(sock_path);
    if (fd < 0) {
        fprintf(stderr, "carafe-server: no server runs for %s\n", prefix);
        return 1;
    }
    if (write(fd, &h, sizeof(h)) != sizeof(h)) return 1;
    /* the reply, then end of file once the registry is saved and the server gone */
    while (read(fd, buf, sizeof(buf)) > 0) ;
    close(fd);
    /* the lock is free once the process has exited */
    int lfd = open(lock_path, O_RDWR | O_CLOEXEC);
    if (lfd >= 0) {
        flock(lfd, LOCK_EX);
        close(lfd);
    }
    return 0;
}

static double env_number(const char *name, double def)
{
    const char *v = getenv(name);
    char *end;
    if (!v || !*v) return def;
    double d = strtod(v, &end);
    return *end || d < 0 ? def : d;
}

/* ---- the loop ---- */

static void run(void)
{
    struct epoll_event events[32];
    idle_since = now();
    while (!quitting) {
        double t = now(), wake = t + 1;   /* at least once a second: idle and prefix checks */
        if (registry_dirty && save_at < wake) wake = save_at;
        if (!nclients && idle_since + idle_timeout < wake) wake = idle_since + idle_timeout;
        int ms = wake > t ? (int)((wake - t) * 1000) + 1 : 0;
        int n = epoll_wait(epfd, events, 32, ms);
        for (int i = 0; i < n; i++) {
            void *ptr = events[i].data.ptr;
            if (ptr == &listen_fd) accept_client();
            else if (ptr == &sig_fd) quitting = 1;
            else {
                struct client *c = ptr;
                int bad = (events[i].events & EPOLLOUT) ? client_flush(c) : 0;
                if (!bad && !c->out_len) bad = client_read(c);
                if (bad || (events[i].events & (EPOLLERR | EPOLLHUP) && !(events[i].events & EPOLLIN)))
                    client_close(c);
            }
        }
        t = now();
        objects_tick();
        if (registry_dirty && t >= save_at && registry_save()) save_at = t + 5;   /* retry later */
        if (!nclients && t >= idle_since + idle_timeout) break;
        if (!prefix_still_there()) {
            /* the prefix was deleted (a test's temporary one): nothing left to serve */
            unlink(sock_path);
            unlink(lock_path);
            exit(0);
        }
    }
    unlink(sock_path);
    if (registry_dirty) registry_save();
    /* replies (SHUTDOWN's) still queued: best effort */
    for (struct client *c = clients; c; c = c->next) {
        fcntl(c->fd, F_SETFL, 0);
        client_flush(c);
    }
}

int main(int argc, char **argv)
{
    const char *prefix_arg = NULL;
    int kill_it = 0, ready[2] = { -1, -1 };
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--foreground")) foreground = 1;
        else if (!strcmp(argv[i], "--kill")) kill_it = 1;
        else if (!strcmp(argv[i], "--prefix") && i + 1 < argc) prefix_arg = argv[++i];
        else {
            fprintf(stderr, "usage: carafe-server [--foreground] [--kill] [--prefix DIR]\n");
            return 2;
        }
    }
    if (!kill_it) close_inherited_fds();
    prefix = find_prefix(prefix_arg);
    if (!kill_it && mkdir(prefix, 0777) && errno != EEXIST) {
        server_log("cannot create %s: %s", prefix, strerror(errno));
        return 1;
    }
    if (stat(prefix, &prefix_stat) || carafe_server_path(prefix, "sock", sock_path, sizeof(sock_path)) ||
        carafe_server_path(prefix, "lock", lock_path, sizeof(lock_path))) {
        if (kill_it) fprintf(stderr, "carafe-server: no server runs for %s\n", prefix);
        else server_log("bad prefix %s", prefix);
        return 1;
    }
    if (kill_it) return kill_server();
    if (check_dir()) return 1;
    idle_timeout = env_number("CARAFE_SERVER_TIMEOUT", 10);
    save_delay = env_number("CARAFE_SERVER_SAVE_DELAY", 100) / 1000;

    if (!foreground) {
        /* the starter waits until the socket listens, then returns */
        if (pipe2(ready, O_CLOEXEC)) return 1;
        pid_t pid = fork();
        if (pid < 0) return 1;
        if (pid > 0) {
            char ok = 0;
            close(ready[1]);
            return read(ready[0], &ok, 1) == 1 && ok == 1 ? 0 : 1;
        }
        close(ready[0]);
        setsid();
    }
    signal(SIGPIPE, SIG_IGN);
    int lock_fd = take_lock();
    if (lock_fd == -2) {   /* another one serves this prefix */
        char ok = 1;
        if (ready[1] >= 0 && write(ready[1], &ok, 1) < 0) return 1;
        return 0;
    }
    if (lock_fd < 0 || shared_init() || registry_init(prefix) || listen_socket()) return 1;

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &listen_fd };
    epoll_ctl(epfd, EPOLL_CTL_ADD, listen_fd, &ev);
    ev.data.ptr = &sig_fd;
    if (sig_fd >= 0) epoll_ctl(epfd, EPOLL_CTL_ADD, sig_fd, &ev);

    if (registry_dirty) registry_save();   /* a new registry is on disk at once */
    if (!foreground) {
        char ok = 1;
        if (write(ready[1], &ok, 1) < 0) return 1;
        close(ready[1]);
        /* from now on the starter's stderr is not ours to hold open */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) dup2(null, 2), close(null);
    }
    run();
    unlink(lock_path);   /* still locked: a newcomer's lock on the old file is refused above */
    close(lock_fd);
    return 0;
}
