/* The client side of carafe-server (DESIGN decision 9): one connection per
 * process, made on the first request, so a program that never needs shared
 * state never starts the server.  If no server answers on the prefix's
 * socket, this starts carafe-server (found through $CARAFE_SERVER, beside
 * the carafe executable, or on $PATH) and retries with a short backoff; the
 * server's lock file settles races between clients starting it at once.
 * The protocol is in include/carafe/protocol.h. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "carafe/ntdll.h"
#include "carafe/protocol.h"

DEFAULT_DEBUG_CHANNEL(server);

extern char **environ;

static pthread_mutex_t server_lock = PTHREAD_MUTEX_INITIALIZER;
static int server_fd = -1;
static unsigned int server_generation;

static int send_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= n;
    }
    return 0;
}

/* sendmsg of BUF with NFDS descriptors attached (SCM_RIGHTS), then the rest */
static int send_fds(int fd, const void *buf, size_t len, const int *fds, int nfds)
{
    char cbuf[CMSG_SPACE(4 * sizeof(int))];
    struct iovec iov = { (void *)buf, len };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                          .msg_controllen = CMSG_SPACE(nfds * sizeof(int)) };
    if (nfds <= 0) return send_all(fd, buf, len);
    if (nfds > 4) return -1;
    memset(cbuf, 0, sizeof(cbuf));
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(nfds * sizeof(int));
    memcpy(CMSG_DATA(cm), fds, nfds * sizeof(int));
    ssize_t n;
    do n = sendmsg(fd, &msg, MSG_NOSIGNAL); while (n < 0 && errno == EINTR);
    if (n <= 0) return -1;
    return send_all(fd, (const char *)buf + n, len - n);
}

/* RECV_FD: where a descriptor that comes along goes (NULL: closed) */
static int recv_all_fd(int fd, void *buf, size_t len, int *recv_fd)
{
    char *p = buf;
    while (len) {
        char cbuf[CMSG_SPACE(4 * sizeof(int))];
        struct iovec iov = { p, len };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
        ssize_t n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        for (struct cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
            if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS) continue;
            int nfd = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (int i = 0; i < nfd; i++) {
                int got;
                memcpy(&got, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
                if (recv_fd && *recv_fd < 0) *recv_fd = got;
                else close(got);
            }
        }
        p += n;
        len -= n;
    }
    return 0;
}

static int recv_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len) {
        ssize_t n = recv(fd, p, len, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= n;
    }
    return 0;
}

/* one exchange on FD; -1 if the connection failed (then FD is unusable) */
static int exchange_fds(int fd, unsigned int opcode, const void *req, size_t req_len,
                        const int *fds, int nfds, uint32_t *status, void **reply, size_t *reply_len,
                        int *recv_fd)
{
    struct carafe_msg_header h = { (uint32_t)(sizeof(h) + req_len), CARAFE_PROTOCOL_VERSION,
                                   (uint16_t)opcode, 0, 0 };
    if (sizeof(h) + req_len > CARAFE_MAX_MESSAGE) {
        *status = ERROR_NOT_ENOUGH_MEMORY;
        return 0;
    }
    /* one send: a request that arrives in pieces costs the server a wake-up per piece */
    char small[1024];
    char *msg = sizeof(h) + req_len <= sizeof(small) ? small : malloc(sizeof(h) + req_len);
    if (!msg) return -1;
    memcpy(msg, &h, sizeof(h));
    if (req_len) memcpy(msg + sizeof(h), req, req_len);
    int sent = send_fds(fd, msg, sizeof(h) + req_len, fds, nfds);
    if (msg != small) free(msg);
    if (sent) return -1;
    if (recv_all_fd(fd, &h, sizeof(h), recv_fd)) return -1;
    if (h.size < sizeof(h) || h.size > CARAFE_MAX_MESSAGE || h.version != CARAFE_PROTOCOL_VERSION ||
        h.opcode != opcode) {
        ERR("bad reply from carafe-server (size %u, version %u)\n", h.size, h.version);
        return -1;
    }
    size_t len = h.size - sizeof(h);
    void *data = malloc(len ? len : 1);
    if (!data) return -1;
    if (len && recv_all(fd, data, len)) {
        free(data);
        return -1;
    }
    *status = h.status;
    if (reply) {
        *reply = data;
        *reply_len = len;
    } else free(data);
    return 0;
}


/* the socket directory must be ours and closed to others: another user's
 * "server" must never see our requests */
static int dir_is_safe(void)
{
    char dir[256];
    struct stat st;
    if (carafe_server_dir(dir, sizeof(dir)) || lstat(dir, &st)) return 0;
    if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
        ERR("%s must be a directory of this user with mode 0700\n", dir);
        return 0;
    }
    return 1;
}

static const volatile struct carafe_server_shared *shared_page;

const volatile struct carafe_server_shared *carafe_server_shared(void)
{
    return __atomic_load_n(&shared_page, __ATOMIC_ACQUIRE);
}

/* SHARED: map the server's page (the main connection) */
static int try_connect(const char *sock, const char *prefix, int shared)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    size_t len = strlen(sock);
    uint32_t status;
    if (len >= sizeof(addr.sun_path) || !dir_is_safe()) return -1;
    memcpy(addr.sun_path, sock, len + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) goto fail;

    size_t plen = strlen(prefix);
    struct carafe_hello_req *req = malloc(sizeof(*req) + plen);
    if (!req) goto fail;
    req->pid = (uint32_t)getpid();
    req->prefix_len = (uint32_t)plen;
    memcpy(req + 1, prefix, plen);
    int page = -1;
    int r = exchange_fds(fd, CARAFE_REQ_HELLO, req, sizeof(*req) + plen, NULL, 0, &status, NULL, NULL, &page);
    free(req);
    if (!r && !status && shared && page >= 0) {
        /* an older page stays mapped: a thread may be reading it */
        void *p = mmap(NULL, sizeof(struct carafe_server_shared), PROT_READ, MAP_SHARED, page, 0);
        if (p != MAP_FAILED) __atomic_store_n(&shared_page, p, __ATOMIC_RELEASE);
    }
    if (page >= 0) close(page);
    if (r || status) goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}

/* $CARAFE_SERVER, else carafe-server beside the carafe executable (the top
 * of the build tree, or $(bindir)), else the one on $PATH */
static void server_binary(char *buf, size_t size)
{
    const char *env = getenv("CARAFE_SERVER");
    char self[4096];
    ssize_t n;
    if (env && *env) {
        snprintf(buf, size, "%s", env);
        return;
    }
    if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
        self[n] = 0;
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = 0;
            int len = snprintf(buf, size, "%s/carafe-server", self);
            if (len > 0 && (size_t)len < size && !access(buf, X_OK)) return;
        }
    }
    snprintf(buf, size, "carafe-server");
}

static void spawn_server(const char *prefix)
{
    char path[4096];
    posix_spawnattr_t attr;
    sigset_t none, all;
    pid_t pid;
    server_binary(path, sizeof(path));
    char *argv[] = { "carafe-server", "--prefix", (char *)prefix, NULL };
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    int err = strchr(path, '/') ? posix_spawn(&pid, path, NULL, &attr, argv, environ)
                                : posix_spawnp(&pid, path, NULL, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    if (err) {
        ERR("cannot start %s: %s\n", path, strerror(err));
        return;
    }
    TRACE("started %s (pid %d)\n", path, (int)pid);
    /* it returns once the daemon it forks listens (or found another one) */
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) ;
}

static int connect_server(void)
{
    char sock[4096];
    const char *prefix = carafe_prefix();
    if (carafe_server_path(prefix, "sock", sock, sizeof(sock))) {
        ERR("no socket path for the prefix %s\n", prefix);
        return -1;
    }
    int fd = try_connect(sock, prefix, 1);
    if (fd >= 0) return fd;
    /* 5 s in all: the first start, then again after a second in case the
     * server that won the race was exiting (idle) as we came */
    int delay_ms = 2;
    for (int waited = 0; waited < 5000; waited += delay_ms) {
        if (waited == 0 || (waited >= 1000 && waited - delay_ms < 1000)) spawn_server(prefix);
        if ((fd = try_connect(sock, prefix, 1)) >= 0) return fd;
        struct timespec ts = { 0, delay_ms * 1000000L };
        nanosleep(&ts, NULL);
        if (delay_ms < 100) delay_ms *= 2;
    }
    ERR("cannot reach carafe-server at %s\n", sock);
    return -1;
}

uint32_t carafe_server_call(unsigned int opcode, const void *req, size_t req_len,
                            void **reply, size_t *reply_len)
{
    return carafe_server_call_fds(opcode, req, req_len, NULL, 0, reply, reply_len, NULL);
}

/* one exchange on FD (-1: none); *LOST: the connection failed (FD is unusable) */
static uint32_t call_on(int fd, unsigned int opcode, const void *req, size_t req_len, const int *send_fds, int nsend,
                        void **reply, size_t *reply_len, int *recv_fd, int *lost)
{
    uint32_t status = CARAFE_STATUS_UNAVAILABLE;
    int got = -1;
    if (recv_fd) *recv_fd = -1;
    if (reply) *reply = NULL;
    if (reply_len) *reply_len = 0;
    *lost = fd >= 0 && exchange_fds(fd, opcode, req, req_len, send_fds, nsend, &status, reply, reply_len, &got);
    if (*lost) status = CARAFE_STATUS_UNAVAILABLE;
    if (got >= 0 && (status || !recv_fd)) close(got);
    else if (recv_fd) *recv_fd = got;
    return status;
}

uint32_t carafe_server_call_fds(unsigned int opcode, const void *req, size_t req_len,
                                const int *send_fds, int nsend,
                                void **reply, size_t *reply_len, int *recv_fd)
{
    int lost;
    pthread_mutex_lock(&server_lock);
    if (server_fd < 0 && (server_fd = connect_server()) >= 0) server_generation++;
    uint32_t status = call_on(server_fd, opcode, req, req_len, send_fds, nsend, reply, reply_len, recv_fd, &lost);
    if (lost) {
        /* the server died: the next call reconnects (ids of this one are stale) */
        WARN("lost the connection to carafe-server\n");
        close(server_fd);
        server_fd = -1;
    }
    pthread_mutex_unlock(&server_lock);
    return status;
}

int carafe_server_connect_extra(void)
{
    char sock[4096];
    const char *prefix = carafe_prefix();
    if (carafe_server_path(prefix, "sock", sock, sizeof(sock))) return -1;
    return try_connect(sock, prefix, 0);
}

uint32_t carafe_server_call_on(int fd, unsigned int opcode, const void *req, size_t req_len,
                               const int *send_fds, int nsend,
                               void **reply, size_t *reply_len, int *recv_fd)
{
    int lost;
    return call_on(fd, opcode, req, req_len, send_fds, nsend, reply, reply_len, recv_fd, &lost);
}

unsigned int carafe_server_generation(void)
{
    pthread_mutex_lock(&server_lock);
    unsigned int g = server_generation;
    pthread_mutex_unlock(&server_lock);
    return g;
}
