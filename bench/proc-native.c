/* Process benchmarks, native Linux equivalents of bench/proc-win.c:
 *   spawn     fork + execv of this program with "child" (returns at once)
 *             + waitpid, SPAWNS times;
 *   pingpong  two auto-reset events made of futex words in a shared memfd
 *             page, between this process and an exec'd child;
 *   registry  no registry on Linux: the closest analogue of carafe's
 *             (a request/reply to a server process over a UNIX stream
 *             socket, 16-byte header + UTF-16 name, UTF-16 data back).
 *             One "query" request per read through a held handle; then
 *             "open" + "query" + "close" requests per iteration.
 * Usage and output as bench/proc-win.c. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPAWNS 100
#define ROUNDS 20000
#define QUERIES 100000
#define OPENS 10000

static char self[4096];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void fail(const char *what)
{
    perror(what);
    exit(1);
}

/* fork + exec this program with ARG1 and ARG2 (may be NULL) */
static pid_t spawn(const char *arg1, const char *arg2)
{
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (!pid) {
        char *argv[] = {self, (char *)arg1, (char *)arg2, NULL};
        execv(self, argv);
        _exit(127);
    }
    return pid;
}

static void wait_ok(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) fail("child");
}

static void bench_spawn(void)
{
    wait_ok(spawn("child", NULL));
    double start = now();
    for (int i = 0; i < SPAWNS; i++) wait_ok(spawn("child", NULL));
    double t = now() - start;
    printf("spawn_total_ms %.3f\n", t * 1e3);
    printf("spawn_us %.1f\n", t * 1e6 / SPAWNS);
}

/* auto-reset event: 1 = signalled; shared futex (no FUTEX_PRIVATE_FLAG) */
static void set_event(atomic_uint *w)
{
    atomic_store(w, 1);
    syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void wait_event(atomic_uint *w)
{
    for (;;) {
        unsigned one = 1;
        if (atomic_compare_exchange_strong(w, &one, 0)) return;
        syscall(SYS_futex, w, FUTEX_WAIT, 0, NULL, NULL, 0);
    }
}

static atomic_uint *map_events(int fd)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) fail("mmap");
    return p;
}

static int pong(int fd)
{
    atomic_uint *ev = map_events(fd);
    for (int i = 0; i < ROUNDS + 1; i++) {
        wait_event(&ev[0]);
        set_event(&ev[16]);   /* another cache line */
    }
    return 0;
}

static void bench_pingpong(void)
{
    int fd = memfd_create("bench-events", 0);   /* inherited over exec */
    char arg[16];
    if (fd < 0 || ftruncate(fd, 4096)) fail("memfd");
    atomic_uint *ev = map_events(fd);
    snprintf(arg, sizeof(arg), "%d", fd);
    pid_t child = spawn("pong", arg);
    set_event(&ev[0]);   /* one untimed round trip: the child is running */
    wait_event(&ev[16]);
    double start = now();
    for (int i = 0; i < ROUNDS; i++) {
        set_event(&ev[0]);
        wait_event(&ev[16]);
    }
    double t = now() - start;
    wait_ok(child);
    close(fd);
    printf("pingpong_per_s %.0f\n", ROUNDS / t);
    printf("pingpong_us %.2f\n", t * 1e6 / ROUNDS);
}

/* the echo "registry" server: one key, one value */
struct header { uint32_t size, version, opcode, status; };
enum { OP_OPEN = 1, OP_QUERY, OP_CLOSE };

static int full_read(int fd, void *buf, size_t len)
{
    for (size_t got = 0; got < len;) {
        ssize_t r = read(fd, (char *)buf + got, len - got);
        if (r <= 0) return -1;
        got += r;
    }
    return 0;
}

static void full_write(int fd, const void *buf, size_t len)
{
    if (write(fd, buf, len) != (ssize_t)len) fail("write");
}

static int server(int fd)
{
    static const uint16_t key[] = u"Software\\Microsoft\\Windows NT\\CurrentVersion";
    static const uint16_t name[] = u"ProductName";
    static const uint16_t value[] = u"Windows 10 Pro";
    struct header h;
    uint8_t buf[4096], out[4096];
    while (!full_read(fd, &h, sizeof(h))) {
        if (h.size < sizeof(h) || h.size - sizeof(h) > sizeof(buf) || full_read(fd, buf, h.size - sizeof(h))) return 1;
        size_t len = h.size - sizeof(h), out_len = 0;
        struct header *r = (struct header *)out;
        *r = (struct header){sizeof(*r), h.version, h.opcode, 2 /* not found */};
        uint32_t handle = 1;
        if (h.opcode == OP_OPEN && len == 4 + sizeof(key) - 2 && !memcmp(buf + 4, key, len - 4)) {
            r->status = 0;
            memcpy(out + sizeof(*r), &handle, 4);
            out_len = 4;
        } else if (h.opcode == OP_QUERY && len == 4 + sizeof(name) - 2 && !memcmp(buf + 4, name, len - 4)) {
            r->status = 0;
            memcpy(out + sizeof(*r), value, sizeof(value));
            out_len = sizeof(value);
        } else if (h.opcode == OP_CLOSE) {
            r->status = 0;
        }
        r->size += out_len;
        full_write(fd, out, r->size);
    }
    return 0;
}

/* one request/reply: 4-byte handle + UTF-16 name (without the NUL) */
static void call(int fd, uint32_t opcode, const uint16_t *name, size_t name_bytes)
{
    uint8_t req[512], rep[4096];
    struct header *h = (struct header *)req, r;
    *h = (struct header){sizeof(*h) + 4 + name_bytes, 1, opcode, 0};
    uint32_t handle = 1;
    memcpy(req + sizeof(*h), &handle, 4);
    memcpy(req + sizeof(*h) + 4, name, name_bytes);
    full_write(fd, req, h->size);
    if (full_read(fd, &r, sizeof(r)) || r.size < sizeof(r) || r.size - sizeof(r) > sizeof(rep) ||
        full_read(fd, rep, r.size - sizeof(r)) || r.status)
        fail("reply");
}

static void bench_registry(void)
{
    static const uint16_t key[] = u"Software\\Microsoft\\Windows NT\\CurrentVersion";
    static const uint16_t name[] = u"ProductName";
    int sv[2];
    char arg[16];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || fcntl(sv[0], F_SETFD, FD_CLOEXEC)) fail("socketpair");
    snprintf(arg, sizeof(arg), "%d", sv[1]);
    pid_t child = spawn("server", arg);
    close(sv[1]);
    int fd = sv[0];
    call(fd, OP_OPEN, key, sizeof(key) - 2);
    call(fd, OP_QUERY, name, sizeof(name) - 2);
    double start = now();
    for (int i = 0; i < QUERIES; i++) call(fd, OP_QUERY, name, sizeof(name) - 2);
    double t = now() - start;
    call(fd, OP_CLOSE, NULL, 0);
    printf("regquery_per_s %.0f\n", QUERIES / t);
    printf("regquery_us %.2f\n", t * 1e6 / QUERIES);

    start = now();
    for (int i = 0; i < OPENS; i++) {
        call(fd, OP_OPEN, key, sizeof(key) - 2);
        call(fd, OP_QUERY, name, sizeof(name) - 2);
        call(fd, OP_CLOSE, NULL, 0);
    }
    t = now() - start;
    printf("regopen_per_s %.0f\n", OPENS / t);
    printf("regopen_us %.2f\n", t * 1e6 / OPENS);
    close(fd);
    wait_ok(child);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return 0;
    if (argc > 2 && !strcmp(argv[1], "pong")) return pong(atoi(argv[2]));
    if (argc > 2 && !strcmp(argv[1], "server")) return server(atoi(argv[2]));
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) fail("readlink /proc/self/exe");
    self[n] = 0;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "spawn") && strcmp(argv[i], "pingpong") && strcmp(argv[i], "registry")) {
            fprintf(stderr, "usage: proc-native [spawn|pingpong|registry]...\n");
            return 2;
        }
    int all = argc < 2;
    for (int i = all ? 0 : 1; i < (all ? 1 : argc); i++) {
        if (all || !strcmp(argv[i], "spawn")) bench_spawn();
        if (all || !strcmp(argv[i], "pingpong")) bench_pingpong();
        if (all || !strcmp(argv[i], "registry")) bench_registry();
        fflush(stdout);
    }
    return 0;
}
