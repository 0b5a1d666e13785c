/* Other processes: CreateProcess, the process object (waitable, signaled
 * when the process ends), OpenProcess, exit codes, TerminateProcess,
 * handle inheritance flags.
 *
 * A Windows child is the carafe executable run again (fork + exec of
 * /proc/self/exe) on the child's .exe; what Windows hands a child (the exact
 * command line, the environment block, the inherited handles at their
 * values, STARTUPINFO.lpReserved2) travels in a startup block in a memfd
 * (include/carafe/process.h).  A Linux program (ELF or #! script) is
 * executed directly with argv split from the command line by the Windows
 * rules, so Windows build tools can call native ones.
 *
 * Ends of processes are seen through pidfds: one reaper thread sleeps in
 * epoll on them, reaps our own children (waitid P_PIDFD, no SIGCHLD), takes
 * the full exit code from the server's process table and signals the
 * object's futex word (DESIGN decision 8: waits never ask the server). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "sync_private.h"
#include "winnls.h"
#include "carafe/process.h"
#include "carafe/protocol.h"
#include "named_private.h"

DEFAULT_DEBUG_CHANNEL(process);

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

#define STATUS_CONTROL_C_EXIT 0xc000013a
#define MAX_INHERITED 1024

struct k32_process {
    struct sync_object sync;       /* signaled once the process has ended */
    int pid;                       /* Linux */
    DWORD id;                      /* Windows */
    int pidfd;
    int is_child;                  /* ours to reap */
    int native;                    /* a Linux program: never reports to the table */
    int exited;
    DWORD exit_code;
    int gate;                      /* CREATE_SUSPENDED: our end of the start gate, -1 once open */
    DWORD suspend;                 /* the main thread's suspend count */
    FILETIME creation_time, exit_time, kernel_time, user_time;
};

static void process_destroy(struct object *obj)
{
    struct k32_process *p = (struct k32_process *)obj;
    if (p->pidfd >= 0) close(p->pidfd);
    if (p->gate >= 0) close(p->gate);
    free(p);
}

static const struct object_ops process_ops = { process_destroy };

int k32_process_signaled(struct sync_object *o)
{
    return ((struct k32_process *)o)->exited;
}

static ULONGLONG now_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return k32_unix_to_ticks(ts.tv_sec, ts.tv_nsec);
}

static void set_filetime(FILETIME *ft, ULONGLONG t)
{
    ft->dwLowDateTime = (DWORD)t;
    ft->dwHighDateTime = (DWORD)(t >> 32);
}

/* ---- the reaper ---- */

static pthread_mutex_t reaper_lock = PTHREAD_MUTEX_INITIALIZER;
static int reaper_epoll = -1;

static void process_ended(struct k32_process *p)
{
    siginfo_t si;
    int have_status = 0, known = 0;
    DWORD code = 0;
    memset(&si, 0, sizeof(si));
    if (p->is_child) {
        int r;
        do r = syscall(SYS_waitid, P_PIDFD, p->pidfd, &si, WEXITED, NULL); while (r < 0 && errno == EINTR);
        have_status = !r;
    }
    if (!p->native) {
        struct carafe_process_query_req req = { p->id, 0 };
        struct carafe_process_info_reply *rep = NULL;
        size_t len = 0;
        if (!carafe_server_call(CARAFE_REQ_PROCESS_QUERY, &req, sizeof(req), (void **)&rep, &len) &&
            len >= sizeof(*rep) && rep->exited) {
            code = rep->exit_code;
            known = 1;
        }
        free(rep);
    }
    if (!known && have_status) {
        if (si.si_code == CLD_EXITED) code = (DWORD)si.si_status;
        else code = si.si_status == SIGINT ? STATUS_CONTROL_C_EXIT : 128 + (DWORD)si.si_status;
        if (!p->native) {   /* killed without a word: the table learns it from us */
            struct carafe_process_exit_req req = { p->id, code };
            carafe_server_call(CARAFE_REQ_PROCESS_EXIT, &req, sizeof(req), NULL, NULL);
        }
    }
    if (have_status) {
        long hz = sysconf(_SC_CLK_TCK);
        if (hz <= 0) hz = 100;
        set_filetime(&p->user_time, (ULONGLONG)si.si_utime * TICKS_PER_SEC / hz);
        set_filetime(&p->kernel_time, (ULONGLONG)si.si_stime * TICKS_PER_SEC / hz);
    }
    TRACE("process %04x ended: %#x\n", p->id, code);
    sync_lock(&p->sync);
    set_filetime(&p->exit_time, now_ticks());
    if (p->native == 2) code = p->exit_code;   /* TerminateProcess of a Linux program */
    p->exit_code = code;
    p->exited = 1;
    sync_changed(&p->sync);
    sync_unlock(&p->sync);
    sync_wake(&p->sync);
}

static void reaper_main(void *arg)
{
    struct epoll_event ev[16];
    (void)arg;
    for (;;) {
        int n = epoll_wait(reaper_epoll, ev, 16, -1);
        for (int i = 0; i < n; i++) {
            struct k32_process *p = ev[i].data.ptr;
            epoll_ctl(reaper_epoll, EPOLL_CTL_DEL, p->pidfd, NULL);
            process_ended(p);
            carafe_object_release(&p->sync.obj);   /* the reaper's reference */
        }
    }
}

/* P is watched until it ends (the reaper holds a reference) */
static BOOL watch_process(struct k32_process *p)
{
    pthread_mutex_lock(&reaper_lock);
    if (reaper_epoll < 0) {
        int ep = epoll_create1(EPOLL_CLOEXEC);
        if (ep < 0 || !carafe_thread_create(reaper_main, NULL, 256 * 1024)) {
            if (ep >= 0) close(ep);
            pthread_mutex_unlock(&reaper_lock);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        reaper_epoll = ep;
    }
    pthread_mutex_unlock(&reaper_lock);
    __atomic_add_fetch(&p->sync.obj.refcount, 1, __ATOMIC_RELAXED);
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = p };
    if (epoll_ctl(reaper_epoll, EPOLL_CTL_ADD, p->pidfd, &ev)) {
        carafe_object_release(&p->sync.obj);
        carafe_set_errno_error();
        return FALSE;
    }
    return TRUE;
}

static struct k32_process *new_process(int pid, int pidfd)
{
    struct k32_process *p = calloc(1, sizeof(*p));
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    sync_object_init(&p->sync, OBJ_PROCESS, &process_ops);
    p->pid = pid;
    p->id = carafe_pid_to_win(pid);
    p->pidfd = pidfd;
    p->gate = -1;
    p->exit_code = STILL_ACTIVE;
    return p;
}

static struct k32_process *get_process(HANDLE h)
{
    struct object *obj = carafe_handle_get(h, OBJ_PROCESS);
    if (!obj) SetLastError(ERROR_INVALID_HANDLE);
    return (struct k32_process *)obj;
}

/* ---- finding the program ---- */

static int is_file(const char *path)
{
    struct stat st;
    return !stat(path, &st) && S_ISREG(st.st_mode);
}

static int has_extension(const WCHAR *name)
{
    const WCHAR *dot = NULL;
    for (const WCHAR *p = name; *p; p++) {
        if (*p == '\\' || *p == '/') dot = NULL;
        else if (*p == '.') dot = p;
    }
    return dot && dot[1];
}

static WCHAR *wcat3(const WCHAR *a, const WCHAR *b, const WCHAR *c)
{
    size_t la = a ? carafe_wcslen(a) : 0, lb = carafe_wcslen(b), lc = c ? carafe_wcslen(c) : 0;
    WCHAR *r = malloc((la + lb + lc + 2) * sizeof(WCHAR)), *p = r;
    if (!r) return NULL;
    if (la) {
        memcpy(p, a, la * sizeof(WCHAR));
        p += la;
        if (p[-1] != '\\' && p[-1] != '/') *p++ = '\\';
    }
    memcpy(p, b, lb * sizeof(WCHAR));
    p += lb;
    if (lc) memcpy(p, c, lc * sizeof(WCHAR));
    p[lc] = 0;
    return r;
}

/* NAME (a Windows path, relative to the current directory, or a Unix
 * path) as an existing file: with ".exe" appended when it has no
 * extension, then as it is (a Linux program has none). */
static char *try_path(const WCHAR *dir, const WCHAR *name)
{
    static const WCHAR exe[] = u".exe";
    int ext = has_extension(name);
    for (int pass = ext ? 1 : 0; pass < 2; pass++) {
        WCHAR *full = wcat3(dir, name, pass ? NULL : exe);
        char *unix_path = NULL;
        if (!full) return NULL;
        if (full[0] == '/') unix_path = carafe_wide_to_utf8_alloc(full);
        else unix_path = carafe_dos_to_unix(full);
        free(full);
        if (unix_path && is_file(unix_path)) return unix_path;
        free(unix_path);
    }
    return NULL;
}

/* The search order CreateProcess documents: the application's directory,
 * the current directory, the system directory, the Windows directory, PATH. */
static char *search_program(const WCHAR *name)
{
    WCHAR buf[MAX_PATH + 1];
    char *found;
    int has_dir = name[0] == '/';
    for (const WCHAR *p = name; *p; p++) if (*p == '\\' || *p == '/' || *p == ':') has_dir = 1;
    if (has_dir) return try_path(NULL, name);

    DWORD n = GetModuleFileNameW(NULL, buf, MAX_PATH);
    if (n && n < MAX_PATH) {
        WCHAR *slash = NULL;
        for (WCHAR *p = buf; *p; p++) if (*p == '\\') slash = p;
        if (slash) {
            *slash = 0;
            if ((found = try_path(buf, name))) return found;
        }
    }
    if ((found = try_path(NULL, name))) return found;
    if ((n = GetSystemDirectoryW(buf, MAX_PATH)) && n < MAX_PATH && (found = try_path(buf, name))) return found;
    if ((n = GetWindowsDirectoryW(buf, MAX_PATH)) && n < MAX_PATH && (found = try_path(buf, name))) return found;
    DWORD len = GetEnvironmentVariableW(u"PATH", NULL, 0);
    WCHAR *path = len ? malloc(len * sizeof(WCHAR)) : NULL;
    if (path && GetEnvironmentVariableW(u"PATH", path, len)) {
        for (WCHAR *dir = path, *end; dir && *dir; dir = end) {
            end = dir;
            while (*end && *end != ';') end++;
            if (*end) *end++ = 0;
            else end = NULL;
            if (*dir && (found = try_path(dir, name))) {
                free(path);
                return found;
            }
        }
    }
    free(path);
    return NULL;
}

/* The program of a command line: a quoted first token, or the shortest
 * run of space-separated words that names a file ("C:\Program Files\x"). */
static char *program_from_cmdline(const WCHAR *cmd)
{
    size_t len = carafe_wcslen(cmd);
    WCHAR *tok = malloc((len + 1) * sizeof(WCHAR));
    char *found = NULL;
    if (!tok) return NULL;
    while (*cmd == ' ' || *cmd == '\t') cmd++;
    if (*cmd == '"') {
        const WCHAR *end = cmd + 1;
        while (*end && *end != '"') end++;
        memcpy(tok, cmd + 1, (end - cmd - 1) * sizeof(WCHAR));
        tok[end - cmd - 1] = 0;
        if (*tok) found = search_program(tok);
        free(tok);
        return found;
    }
    for (const WCHAR *p = cmd;; p++) {
        if (*p && *p != ' ' && *p != '\t') continue;
        memcpy(tok, cmd, (p - cmd) * sizeof(WCHAR));
        tok[p - cmd] = 0;
        if (*tok && (found = search_program(tok))) break;
        if (!*p) break;
    }
    free(tok);
    return found;
}

/* ---- the child's argv for a Linux program: the Windows splitting rules ---- */

static char **split_cmdline(const WCHAR *cmd, const char *argv0)
{
    char *line = carafe_wide_to_utf8_alloc(cmd);
    if (!line) return NULL;
    size_t len = strlen(line), n = 1;
    char **argv = calloc(len / 2 + 3, sizeof(char *));
    char *buf = malloc(len + 1), *out = buf;
    const char *s = line;
    if (!argv || !buf) goto fail;
    /* the program name: up to a space, or between quotes; no escapes */
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '"') { s++; while (*s && *s != '"') s++; if (*s) s++; }
    else while (*s && *s != ' ' && *s != '\t') s++;
    argv[0] = strdup(argv0);
    for (;;) {
        while (*s == ' ' || *s == '\t') s++;
        if (!*s) break;
        char *arg = out;
        int quoted = 0;
        while (*s && (quoted || (*s != ' ' && *s != '\t'))) {
            size_t bs = 0;
            while (*s == '\\') s++, bs++;
            if (*s == '"') {
                for (size_t i = 0; i < bs / 2; i++) *out++ = '\\';
                if (bs % 2) *out++ = '"', s++;
                else if (quoted && s[1] == '"') *out++ = '"', s += 2;   /* "" inside quotes */
                else quoted = !quoted, s++;
            } else {
                for (size_t i = 0; i < bs; i++) *out++ = '\\';
                if (*s && (quoted || (*s != ' ' && *s != '\t'))) *out++ = *s++;
            }
        }
        *out++ = 0;
        argv[n++] = strdup(arg);
    }
    argv[n] = NULL;
    free(buf);
    free(line);
    return argv;
fail:
    free(argv);
    free(buf);
    free(line);
    return NULL;
}

static void free_strv(char **v)
{
    if (!v) return;
    for (char **p = v; *p; p++) free(*p);
    free(v);
}

/* The Windows environment block as a Unix one; PATH's entries become Unix paths. */
static char **native_environment(const WCHAR *block)
{
    size_t n = 0;
    for (const WCHAR *p = block; *p; p += carafe_wcslen(p) + 1) n++;
    char **envp = calloc(n + 1, sizeof(char *));
    if (!envp) return NULL;
    n = 0;
    for (const WCHAR *p = block; *p; p += carafe_wcslen(p) + 1) {
        if (*p == '=') continue;   /* the per-drive directories (=C:=...) */
        char *var = carafe_wide_to_utf8_alloc(p);
        if (!var) continue;
        if (!strncasecmp(var, "PATH=", 5)) {
            size_t cap = strlen(var) * 4 + 64;
            char *path = malloc(cap), *o = path;
            if (path) {
                o += sprintf(o, "PATH=");
                for (char *dir = var + 5, *end; dir && *dir; dir = end) {
                    if ((end = strchr(dir, ';'))) *end++ = 0;
                    WCHAR *w = carafe_utf8_to_wide_alloc(dir);
                    char *u = w && *w ? carafe_dos_to_unix(w) : NULL;
                    free(w);
                    if (u && strlen(u) + 2 < cap - (o - path)) o += sprintf(o, "%s%s", o - path > 5 ? ":" : "", u);
                    free(u);
                }
                free(var);
                var = path;
            }
        }
        envp[n++] = var;
    }
    return envp;
}

/* ---- the startup block ---- */

struct child_handles {
    unsigned int count;
    struct carafe_startup_handle h[MAX_INHERITED];
};

static void collect_inherited(struct child_handles *ch)
{
    static HANDLE values[MAX_INHERITED];
    static struct object *objs[MAX_INHERITED];
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    unsigned int n = carafe_handle_inheritable(values, objs, MAX_INHERITED);
    ch->count = 0;
    for (unsigned int i = 0; i < n; i++) {
        struct carafe_startup_handle *sh = &ch->h[ch->count];
        int fd = -1;
        memset(sh, 0, sizeof(*sh));
        sh->handle = (ULONG_PTR)values[i];
        if (objs[i]->type == OBJ_FILE) {
            struct file_object *f = (struct file_object *)objs[i];
            sh->kind = CARAFE_DUP_FILE;
            sh->fd = f->fd;
            sh->access = f->access;
            sh->flags = f->flags;
            ch->count++;
        } else if (objs[i]->type == OBJ_PROCESS) {
            sh->kind = CARAFE_DUP_PROCESS;
            sh->fd = -1;
            sh->id = ((struct k32_process *)objs[i])->id;
            ch->count++;
        } else if (k32_mapping_export(objs[i], &fd, &sh->size, &sh->flags, &sh->id)) {
            sh->kind = CARAFE_DUP_MAPPING;
            sh->fd = fd;
            ch->count++;
        } else if (k32_named_sync_export(objs[i], &fd, &sh->id, &sh->obj_type)) {
            /* shared, or private and moved to a shared page now (named.c) */
            sh->kind = CARAFE_DUP_SYNC;
            sh->fd = fd;
            ch->count++;
        } else TRACE("handle %p (type %d) cannot go to another process\n", values[i], objs[i]->type);
        carafe_object_release(objs[i]);
    }
    pthread_mutex_unlock(&lock);
}

static int write_startup(const struct carafe_startup *hdr, const struct child_handles *ch, const WCHAR *cmd,
                         const WCHAR *env, const BYTE *reserved2)
{
    int fd = syscall(SYS_memfd_create, "carafe-startup", MFD_CLOEXEC);
    if (fd < 0) return -1;
    struct { const void *p; size_t len; } parts[] = {
        { hdr, sizeof(*hdr) },
        { ch->h, ch->count * sizeof(ch->h[0]) },
        { cmd, hdr->cmdline_len * sizeof(WCHAR) },
        { env, hdr->env_len * sizeof(WCHAR) },
        { reserved2, hdr->reserved2_len },
    };
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        size_t done = 0;
        while (done < parts[i].len) {
            ssize_t n = write(fd, (const char *)parts[i].p + done, parts[i].len - done);
            if (n <= 0) { close(fd); return -1; }
            done += n;
        }
    }
    return fd;
}

static size_t env_block_len(const WCHAR *env)
{
    const WCHAR *p = env;
    if (!*p) return 2;
    while (*p) p += carafe_wcslen(p) + 1;
    return p - env + 1;
}

/* the fd the child gets as standard handle K; -1: none (then /dev/null) */
static int std_fd(const STARTUPINFOW *si, int k, HANDLE *value)
{
    static const DWORD ids[3] = { STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE };
    HANDLE h;
    if (si && (si->dwFlags & STARTF_USESTDHANDLES))
        h = k == 0 ? si->hStdInput : k == 1 ? si->hStdOutput : si->hStdError;
    else h = GetStdHandle(ids[k]);
    *value = h;
    int fd = (h && h != INVALID_HANDLE_VALUE) ? carafe_handle_fd(h) : -1;
    if (fd < 0 && !(si && (si->dwFlags & STARTF_USESTDHANDLES)) && fcntl(k, F_GETFD) != -1) fd = k;
    return fd;
}

/* ---- fork and exec ---- */

struct exec_plan {
    const char *path;
    char **argv, **envp;
    const char *cwd;               /* NULL: the parent's */
    int std[3];                    /* -1: /dev/null */
    int devnull;
    const struct child_handles *inherit;
    int startup_fd;                /* -1 for a Linux program */
    int gate_fd;                   /* the child's end of the start gate, or -1 */
    int err_fd;
};

/* In the child between fork and exec: system calls only (the parent may
 * have had other threads holding locks). */
static __attribute__((noreturn)) void exec_child(const struct exec_plan *x)
{
    int tmp[3], e;
    sigset_t none;
    for (int k = 0; k < 3; k++)
        if ((tmp[k] = fcntl(x->std[k] >= 0 ? x->std[k] : x->devnull, F_DUPFD_CLOEXEC, 3)) < 0) goto fail;
    if (x->inherit)
        for (unsigned int i = 0; i < x->inherit->count; i++) fcntl(x->inherit->h[i].fd, F_SETFD, 0);
    if (x->startup_fd >= 0) fcntl(x->startup_fd, F_SETFD, 0);
    if (x->gate_fd >= 0) fcntl(x->gate_fd, F_SETFD, 0);
    for (int k = 0; k < 3; k++) if (dup2(tmp[k], k) < 0) goto fail;
    if (x->cwd && chdir(x->cwd)) goto fail;
    signal(SIGPIPE, SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(x->path, x->argv, x->envp);
fail:
    e = errno;
    if (write(x->err_fd, &e, sizeof(e)) < 0) _exit(126);
    _exit(127);
}

/* 0 and the pid, or an errno */
static int spawn(const struct exec_plan *plan, int *pid_out)
{
    int errpipe[2], e = 0;
    if (pipe2(errpipe, O_CLOEXEC)) return errno;
    struct exec_plan x = *plan;
    x.err_fd = errpipe[1];
    pid_t pid = fork();
    if (pid < 0) {
        e = errno;
        close(errpipe[0]);
        close(errpipe[1]);
        return e;
    }
    if (!pid) exec_child(&x);
    close(errpipe[1]);
    ssize_t n;
    do n = read(errpipe[0], &e, sizeof(e)); while (n < 0 && errno == EINTR);
    close(errpipe[0]);
    if (n == sizeof(e)) {
        waitpid(pid, NULL, 0);
        return e ? e : ENOEXEC;
    }
    *pid_out = pid;
    return 0;
}

static char *carafe_executable(void)
{
    static char path[4096];
    if (!path[0]) {
        ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
        if (n <= 0) return NULL;
        path[n] = 0;
    }
    return path;
}

enum image_kind { IMAGE_BAD, IMAGE_PE, IMAGE_NATIVE };

static enum image_kind image_kind(const char *path)
{
    unsigned char magic[4] = { 0 };
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return IMAGE_BAD;
    ssize_t n = read(fd, magic, sizeof(magic));
    close(fd);
    if (n >= 2 && magic[0] == 'M' && magic[1] == 'Z') return IMAGE_PE;
    if (n == 4 && !memcmp(magic, "\177ELF", 4)) return IMAGE_NATIVE;
    if (n >= 2 && magic[0] == '#' && magic[1] == '!') return IMAGE_NATIVE;
    return IMAGE_BAD;
}

/* the carafe child's Unix environment: ours plus the startup fd */
static char **carafe_child_environment(int startup_fd)
{
    extern char **environ;
    size_t n = 0;
    for (char **e = environ; *e; e++) n++;
    char **envp = calloc(n + 2, sizeof(char *));
    if (!envp) return NULL;
    n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, CARAFE_STARTUP_ENV "=", sizeof(CARAFE_STARTUP_ENV))) envp[n++] = strdup(*e);
    char var[64];
    snprintf(var, sizeof(var), "%s=%d", CARAFE_STARTUP_ENV, startup_fd);
    envp[n++] = strdup(var);
    return envp;
}

static HANDLE process_handle(struct k32_process *p)
{
    __atomic_add_fetch(&p->sync.obj.refcount, 1, __ATOMIC_RELAXED);
    HANDLE h = carafe_handle_alloc(&p->sync.obj);
    if (!h) carafe_object_release(&p->sync.obj);
    return h;
}

static const DWORD ignored_flags = DEBUG_PROCESS | DEBUG_ONLY_THIS_PROCESS | DETACHED_PROCESS | CREATE_NEW_CONSOLE |
                                   CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW |
                                   EXTENDED_STARTUPINFO_PRESENT | 0x20 /* NORMAL_PRIORITY_CLASS */ |
                                   0x40 /* IDLE */ | 0x80 /* HIGH */ | 0x4000 /* BELOW_NORMAL */ |
                                   0x8000 /* ABOVE_NORMAL */ | 0x1000000 /* CREATE_BREAKAWAY_FROM_JOB */ |
                                   0x4000000 /* CREATE_DEFAULT_ERROR_MODE */ | 0x1000 /* CREATE_SEPARATE_WOW_VDM */;

BOOL WINAPI CreateProcessW(LPCWSTR app, LPWSTR cmdline, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                           BOOL inherit, DWORD flags, LPVOID env, LPCWSTR cwd, LPSTARTUPINFOW si,
                           LPPROCESS_INFORMATION pi)
{
    struct exec_plan plan = { .cwd = NULL, .devnull = -1, .startup_fd = -1, .gate_fd = -1, .err_fd = -1 };
    int gate[2] = { -1, -1 };
    struct child_handles *ch = NULL;
    struct carafe_startup hdr;
    char *exe = NULL, *unix_cwd = NULL;
    WCHAR *envw = NULL;
    const WCHAR *cmd = cmdline ? cmdline : app;
    DWORD error = ERROR_SUCCESS;
    BOOL ret = FALSE;
    int pid = -1;

    TRACE("app %p cmd %p flags %#x\n", app, cmd, flags);
    if (!cmd || !pi) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (flags & ~ignored_flags & ~CREATE_SUSPENDED) FIXME("creation flags %#x ignored\n", flags & ~ignored_flags);

    exe = app ? search_program(app) : program_from_cmdline(cmd);
    if (!exe) { error = ERROR_FILE_NOT_FOUND; goto done; }
    enum image_kind kind = image_kind(exe);
    if (kind == IMAGE_BAD) { error = ERROR_BAD_EXE_FORMAT; goto done; }
    if (cwd) {
        struct stat st;
        if (!(unix_cwd = carafe_dos_to_unix(cwd)) || stat(unix_cwd, &st) || !S_ISDIR(st.st_mode)) {
            error = ERROR_DIRECTORY;
            goto done;
        }
        plan.cwd = unix_cwd;
    }
    /* the environment block, as UTF-16 */
    if (env && (flags & CREATE_UNICODE_ENVIRONMENT)) {
        size_t len = env_block_len(env);
        if ((envw = malloc(len * sizeof(WCHAR)))) memcpy(envw, env, len * sizeof(WCHAR));
    } else if (env) {
        const char *a = env;
        size_t len = 0;
        if (!*a) len = 2;
        else { while (a[len]) len += strlen(a + len) + 1; len++; }
        int n = MultiByteToWideChar(CP_ACP, 0, a, (int)len, NULL, 0);
        if ((envw = malloc(n * sizeof(WCHAR)))) MultiByteToWideChar(CP_ACP, 0, a, (int)len, envw, n);
    } else {
        WCHAR *cur = GetEnvironmentStringsW();
        if (cur) {
            size_t len = env_block_len(cur);
            if ((envw = malloc(len * sizeof(WCHAR)))) memcpy(envw, cur, len * sizeof(WCHAR));
            FreeEnvironmentStringsW(cur);
        }
    }
    if (!envw || !(ch = calloc(1, sizeof(*ch)))) { error = ERROR_NOT_ENOUGH_MEMORY; goto done; }

    memset(&hdr, 0, sizeof(hdr));
    if (inherit) collect_inherited(ch);
    for (int k = 0; k < 3; k++) {
        HANDLE value;
        plan.std[k] = std_fd(si, k, &value);
        /* an inherited handle given as a standard handle keeps its value */
        for (unsigned int i = 0; inherit && i < ch->count; i++)
            if (ch->h[i].handle == (ULONG_PTR)value) hdr.std_handles[k] = (ULONG_PTR)value;
    }
    plan.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    plan.inherit = ch;
    if (kind == IMAGE_PE) {
        hdr.magic = CARAFE_STARTUP_MAGIC;
        hdr.version = CARAFE_STARTUP_VERSION;
        hdr.parent = GetCurrentProcessId();
        hdr.startf = si ? si->dwFlags : 0;
        hdr.show_window = si ? si->wShowWindow : 0;
        hdr.nhandles = ch->count;
        hdr.cmdline_len = (uint32_t)carafe_wcslen(cmd);
        hdr.env_len = (uint32_t)env_block_len(envw);
        hdr.reserved2_len = si && si->lpReserved2 ? si->cbReserved2 : 0;
        hdr.creation_flags = flags;
        hdr.gate_fd = -1;
        if ((flags & CREATE_SUSPENDED) && !pipe2(gate, O_CLOEXEC)) hdr.gate_fd = plan.gate_fd = gate[0];
        if ((plan.startup_fd = write_startup(&hdr, ch, cmd, envw, si ? si->lpReserved2 : NULL)) < 0) {
            error = ERROR_NOT_ENOUGH_MEMORY;
            goto done;
        }
        static char dashdash[] = "--";
        char *carafe = carafe_executable();
        if (!carafe) { error = ERROR_FILE_NOT_FOUND; goto done; }
        plan.path = carafe;
        plan.argv = calloc(4, sizeof(char *));
        if (plan.argv) {
            plan.argv[0] = strdup(carafe);
            plan.argv[1] = strdup(dashdash);
            plan.argv[2] = strdup(exe);
        }
        plan.envp = carafe_child_environment(plan.startup_fd);
    } else {
        if (flags & CREATE_SUSPENDED) FIXME("CREATE_SUSPENDED: a Linux program starts at once\n");
        plan.path = exe;
        plan.argv = split_cmdline(cmd, exe);
        plan.envp = native_environment(envw);
    }
    if (!plan.argv || !plan.envp) { error = ERROR_NOT_ENOUGH_MEMORY; goto done; }

    int e = spawn(&plan, &pid);
    if (e) {
        error = e == ENOENT ? ERROR_FILE_NOT_FOUND : e == ENOEXEC ? ERROR_BAD_EXE_FORMAT : carafe_errno_to_win32(e);
        goto done;
    }
    int pidfd = syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) {
        error = carafe_errno_to_win32(errno);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        goto done;
    }
    fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    struct k32_process *p = new_process(pid, pidfd);
    if (!p) {
        close(pidfd);
        error = ERROR_NOT_ENOUGH_MEMORY;
        goto done;
    }
    p->is_child = 1;
    p->native = kind == IMAGE_NATIVE;
    if (gate[1] >= 0) {
        p->gate = gate[1];
        p->suspend = 1;
        gate[1] = -1;
    }
    set_filetime(&p->creation_time, now_ticks());
    if (!p->native) {
        struct carafe_process_new_req req = { p->id, GetCurrentProcessId(), (uint32_t)pid, 0 };
        carafe_server_call(CARAFE_REQ_PROCESS_NEW, &req, sizeof(req), NULL, NULL);
    }
    if (!watch_process(p)) {
        /* nobody could see it end: better not to let it run */
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        carafe_object_release(&p->sync.obj);
        error = GetLastError();
        goto done;
    }
    pi->hProcess = carafe_handle_alloc(&p->sync.obj);
    pi->hThread = process_handle(p);   /* the main thread ends with the process */
    pi->dwProcessId = p->id;
    pi->dwThreadId = (DWORD)pid;       /* the main thread's Linux id is the pid */
    if (psa && psa->bInheritHandle) carafe_handle_flags(pi->hProcess, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
    if (tsa && tsa->bInheritHandle) carafe_handle_flags(pi->hThread, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
    TRACE("started %s as %04x (pid %d)\n", exe, p->id, pid);
    ret = TRUE;
done:
    if (gate[0] >= 0) close(gate[0]);
    if (gate[1] >= 0) close(gate[1]);
    if (plan.startup_fd >= 0) close(plan.startup_fd);
    if (plan.devnull >= 0) close(plan.devnull);
    free_strv(plan.argv);
    free_strv(plan.envp);
    free(ch);
    free(envw);
    free(exe);
    free(unix_cwd);
    if (!ret) SetLastError(error);
    else SetLastError(ERROR_SUCCESS);
    return ret;
}

static WCHAR *dup_AtoW(LPCSTR s)
{
    return s ? k32_strdup_AtoW(s) : NULL;
}

BOOL WINAPI CreateProcessA(LPCSTR app, LPSTR cmdline, LPSECURITY_ATTRIBUTES psa, LPSECURITY_ATTRIBUTES tsa,
                           BOOL inherit, DWORD flags, LPVOID env, LPCSTR cwd, LPSTARTUPINFOA si,
                           LPPROCESS_INFORMATION pi)
{
    WCHAR *appw = dup_AtoW(app), *cmdw = dup_AtoW(cmdline), *cwdw = dup_AtoW(cwd);
    STARTUPINFOW siw;
    WCHAR *desktop = NULL, *title = NULL;
    if (si) {
        memcpy(&siw, si, sizeof(siw));   /* the same layout: only the strings differ */
        siw.cb = sizeof(siw);
        siw.lpReserved = NULL;
        siw.lpDesktop = desktop = dup_AtoW(si->lpDesktop);
        siw.lpTitle = title = dup_AtoW(si->lpTitle);
    }
    BOOL ret = CreateProcessW(appw, cmdw, psa, tsa, inherit, flags, env, cwdw, si ? &siw : NULL, pi);
    DWORD error = GetLastError();
    free(appw);
    free(cmdw);
    free(cwdw);
    free(desktop);
    free(title);
    SetLastError(error);
    return ret;
}

/* ---- the process object's functions ---- */

HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD id)
{
    int pid = carafe_win_to_pid(id);
    if (pid <= 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    int pidfd = syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) {
        SetLastError(errno == EPERM ? ERROR_ACCESS_DENIED : ERROR_INVALID_PARAMETER);
        return NULL;
    }
    fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    struct k32_process *p = new_process(pid, pidfd);
    if (!p) {
        close(pidfd);
        return NULL;
    }
    set_filetime(&p->creation_time, now_ticks());
    if (pid != getpid() && !watch_process(p)) {
        carafe_object_release(&p->sync.obj);
        return NULL;
    }
    HANDLE h = carafe_handle_alloc(&p->sync.obj);
    if (!h) {
        carafe_object_release(&p->sync.obj);
        return NULL;
    }
    if (inherit) carafe_handle_flags(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
    SetLastError(ERROR_SUCCESS);
    return h;
}

DWORD WINAPI GetProcessId(HANDLE h)
{
    if (h == CURRENT_PROCESS) return GetCurrentProcessId();
    struct k32_process *p = get_process(h);
    if (!p) return 0;
    DWORD id = p->id;
    carafe_object_release(&p->sync.obj);
    return id;
}

BOOL k32_process_exit_code(HANDLE h, DWORD *code)
{
    struct k32_process *p = get_process(h);
    if (!p) return FALSE;
    sync_lock(&p->sync);
    *code = p->exited ? p->exit_code : STILL_ACTIVE;
    sync_unlock(&p->sync);
    carafe_object_release(&p->sync.obj);
    return TRUE;
}

BOOL k32_process_terminate(HANDLE h, UINT code)
{
    struct k32_process *p = get_process(h);
    if (!p) return FALSE;
    BOOL ret = TRUE;
    if (__atomic_load_n(&p->exited, __ATOMIC_ACQUIRE)) {
        SetLastError(ERROR_ACCESS_DENIED);
        ret = FALSE;
    } else {
        if (!p->native) {   /* the code first: the first report wins */
            struct carafe_process_exit_req req = { p->id, code };
            carafe_server_call(CARAFE_REQ_PROCESS_EXIT, &req, sizeof(req), NULL, NULL);
        }
        if (syscall(SYS_pidfd_send_signal, p->pidfd, SIGKILL, NULL, 0) && errno != ESRCH) {
            carafe_set_errno_error();
            ret = FALSE;
        }
        if (ret && p->native) {
            /* a Linux program cannot carry the code: the object keeps it */
            sync_lock(&p->sync);
            p->native = 2;
            p->exit_code = code;
            sync_unlock(&p->sync);
        }
    }
    carafe_object_release(&p->sync.obj);
    return ret;
}

static void proc_times(int pid, FILETIME *creation, FILETIME *kernel, FILETIME *user)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0) return;
    buf[n] = 0;
    char *s = strrchr(buf, ')');
    if (!s) return;
    unsigned long long utime = 0, stime = 0, start = 0;
    /* after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ... starttime */
    if (sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d %*d %*d %*d %*d %llu",
               &utime, &stime, &start) != 3) return;
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) hz = 100;
    set_filetime(user, utime * TICKS_PER_SEC / hz);
    set_filetime(kernel, stime * TICKS_PER_SEC / hz);
    if (creation) {
        struct timespec rt, bt;
        clock_gettime(CLOCK_REALTIME, &rt);
        clock_gettime(CLOCK_BOOTTIME, &bt);
        long long boot = (long long)rt.tv_sec - bt.tv_sec;
        set_filetime(creation, k32_unix_to_ticks(boot + (long long)(start / hz), (long)(start % hz) * (1000000000 / hz)));
    }
}

BOOL WINAPI GetProcessTimes(HANDLE h, LPFILETIME creation, LPFILETIME exit_time, LPFILETIME kernel, LPFILETIME user)
{
    FILETIME c = { 0 }, e = { 0 }, k = { 0 }, u = { 0 };
    if (h == CURRENT_PROCESS) proc_times(getpid(), &c, &k, &u);
    else {
        struct k32_process *p = get_process(h);
        if (!p) return FALSE;
        sync_lock(&p->sync);
        int exited = p->exited;
        c = p->creation_time;
        e = p->exit_time;
        k = p->kernel_time;
        u = p->user_time;
        sync_unlock(&p->sync);
        if (!exited) proc_times(p->pid, &c, &k, &u);
        carafe_object_release(&p->sync.obj);
    }
    if (creation) *creation = c;
    if (exit_time) *exit_time = e;
    if (kernel) *kernel = k;
    if (user) *user = u;
    return TRUE;
}

BOOL WINAPI GetHandleInformation(HANDLE h, LPDWORD flags)
{
    DWORD old = 0;
    if (!carafe_handle_flags(h, 0, 0, &old)) return FALSE;
    if (flags) *flags = old;
    return TRUE;
}

BOOL WINAPI SetHandleInformation(HANDLE h, DWORD mask, DWORD flags)
{
    return carafe_handle_flags(h, mask & (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE), flags, NULL);
}

/* ResumeThread on the hThread of a CREATE_SUSPENDED child: the previous
 * suspend count; at zero the start gate opens. */
DWORD k32_process_resume(HANDLE h)
{
    struct k32_process *p = get_process(h);
    if (!p) return (DWORD)-1;
    sync_lock(&p->sync);
    DWORD prev = p->suspend;
    int gate = -1;
    if (prev && !--p->suspend) {
        gate = p->gate;
        p->gate = -1;
    }
    sync_unlock(&p->sync);
    if (gate >= 0) {
        char c = 1;
        if (write(gate, &c, 1) < 0) WARN("start gate: %s\n", strerror(errno));
        close(gate);
    }
    carafe_object_release(&p->sync.obj);
    return prev;
}
