/* The child's side of CreateProcess (include/carafe/process.h): read the
 * startup block the parent left in a memfd, give the inherited handles
 * their values again, and report the exit code to the process table. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ntdll_private.h"
#include "carafe/process.h"
#include "carafe/protocol.h"
#include "winbase_consts.h"

DEFAULT_DEBUG_CHANNEL(process);

static struct carafe_startup_info startup;
static int have_startup;

const struct carafe_startup_info *carafe_startup_info(void)
{
    return have_startup ? &startup : NULL;
}

static int read_all(int fd, void *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, done);
        if (n <= 0) return -1;
        done += n;
    }
    return 0;
}

/* Read and check the block; the fd and the variable go away either way. */
void process_startup_read(void)
{
    const char *var = getenv(CARAFE_STARTUP_ENV);
    struct stat st;
    if (!var) return;
    int fd = atoi(var);
    unsetenv(CARAFE_STARTUP_ENV);
    if (fd < 3 || fstat(fd, &st) || st.st_size < (off_t)sizeof(struct carafe_startup) || st.st_size > (64 << 20)) {
        WARN("bad startup block (fd %d)\n", fd);
        if (fd >= 3) close(fd);
        return;
    }
    char *buf = malloc(st.st_size);
    if (!buf || read_all(fd, buf, st.st_size)) {
        free(buf);
        close(fd);
        return;
    }
    close(fd);
    const struct carafe_startup *h = (const struct carafe_startup *)buf;
    size_t need = sizeof(*h) + (size_t)h->nhandles * sizeof(struct carafe_startup_handle) +
                  ((size_t)h->cmdline_len + h->env_len) * sizeof(WCHAR) + h->reserved2_len;
    if (h->magic != CARAFE_STARTUP_MAGIC || h->version != CARAFE_STARTUP_VERSION || h->nhandles > 65536 ||
        h->cmdline_len > (1u << 24) || h->env_len > (1u << 24) || need != (size_t)st.st_size) {
        WARN("bad startup block\n");
        free(buf);
        return;
    }
    const char *p = buf + sizeof(*h);
    startup.header = h;
    startup.handles = (const struct carafe_startup_handle *)p;
    p += h->nhandles * sizeof(struct carafe_startup_handle);
    /* the command line gets a terminator of its own: copy it */
    WCHAR *cmd = malloc((h->cmdline_len + 1) * sizeof(WCHAR));
    if (!cmd) { free(buf); return; }
    memcpy(cmd, p, h->cmdline_len * sizeof(WCHAR));
    cmd[h->cmdline_len] = 0;
    startup.cmdline = cmd;
    p += h->cmdline_len * sizeof(WCHAR);
    startup.env = h->env_len ? (const WCHAR *)p : NULL;
    p += h->env_len * sizeof(WCHAR);
    startup.reserved2 = h->reserved2_len ? (const BYTE *)p : NULL;
    have_startup = 1;
    if (h->gate_fd >= 3) {
        /* CREATE_SUSPENDED: ResumeThread in the parent opens the gate (its
         * end closing does too: nobody is left to resume us) */
        char c;
        ssize_t n;
        do n = read(h->gate_fd, &c, 1); while (n < 0 && errno == EINTR);
        close(h->gate_fd);
    }
    TRACE("child of %04x, %u inherited handles\n", h->parent, h->nhandles);
}

static void placeholder_destroy(struct object *obj)
{
    free(obj);
}

static const struct object_ops placeholder_ops = { placeholder_destroy };

/* The inherited handles at their values, before any other handle exists.
 * Objects only kernel32 can make (events, mappings, processes) get a
 * placeholder (OBJ_OTHER) that keeps their value until kernel32 replaces it. */
void process_startup_handles(void)
{
    if (!have_startup) return;
    for (uint32_t i = 0; i < startup.header->nhandles; i++) {
        const struct carafe_startup_handle *sh = &startup.handles[i];
        HANDLE want = (HANDLE)(ULONG_PTR)sh->handle;
        if (sh->kind != CARAFE_DUP_FILE) {
            struct object *ph = calloc(1, sizeof(*ph));
            if (!ph) continue;
            ph->type = OBJ_OTHER;
            ph->refcount = 1;
            ph->ops = &placeholder_ops;
            if (!carafe_handle_alloc_at(want, ph, HANDLE_FLAG_INHERIT)) free(ph);
            continue;
        }
        HANDLE h = carafe_file_handle_from_fd(sh->fd, sh->access, sh->flags);
        if (h == INVALID_HANDLE_VALUE) continue;
        if (h == want) {
            carafe_handle_flags(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
            continue;
        }
        /* move the object to its value */
        struct object *obj = carafe_handle_get(h, 0);
        if (carafe_handle_alloc_at(want, obj, HANDLE_FLAG_INHERIT)) {
            carafe_handle_close(h);   /* the table's other reference; the fd stays */
        } else {
            WARN("handle %p taken: inherited as %p\n", want, h);
            carafe_object_release(obj);
        }
    }
}

void carafe_process_report_exit(UINT code)
{
    static int reported;
    if (!have_startup || __atomic_exchange_n(&reported, 1, __ATOMIC_ACQ_REL)) return;
    struct carafe_process_exit_req req = { carafe_pid_to_win(getpid()), code };
    carafe_server_call(CARAFE_REQ_PROCESS_EXIT, &req, sizeof(req), NULL, NULL);
}
