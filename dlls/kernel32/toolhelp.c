/* Tool Help snapshots of the processes (CreateToolhelp32Snapshot with
 * TH32CS_SNAPPROCESS, Process32First/Next).  The snapshot is taken from
 * /proc when it is made, as Windows takes it: later changes do not show.
 * Process ids are Windows ids (Linux pid x 4, as everywhere in carafe).  A
 * carafe process is named for the Windows program it runs (its command
 * line: `carafe [--] prog.exe ...`), any other process for its Linux name.
 * Threads, modules and heaps are not listed: those flags fail. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include "kernel32_private.h"
#include "winnls.h"
#include "carafe/process.h"

DEFAULT_DEBUG_CHANNEL(process);

#define TH32CS_SNAPHEAPLIST 0x1
#define TH32CS_SNAPPROCESS  0x2
#define TH32CS_SNAPTHREAD   0x4
#define TH32CS_SNAPMODULE   0x8
#define TH32CS_SNAPMODULE32 0x10
#define TH32CS_INHERIT      0x80000000

typedef struct {
    DWORD dwSize, cntUsage, th32ProcessID;
    ULONG_PTR th32DefaultHeapID;
    DWORD th32ModuleID, cntThreads, th32ParentProcessID;
    LONG pcPriClassBase;
    DWORD dwFlags;
    WCHAR szExeFile[MAX_PATH];
} PROCESSENTRY32W;

typedef struct {
    DWORD dwSize, cntUsage, th32ProcessID;
    ULONG_PTR th32DefaultHeapID;
    DWORD th32ModuleID, cntThreads, th32ParentProcessID;
    LONG pcPriClassBase;
    DWORD dwFlags;
    char szExeFile[MAX_PATH];
} PROCESSENTRY32;

struct snapshot {
    struct object obj;
    pthread_mutex_t lock;
    PROCESSENTRY32W *procs;
    unsigned int count, next;
};

static void snapshot_destroy(struct object *obj)
{
    struct snapshot *s = (struct snapshot *)obj;
    free(s->procs);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

static const struct object_ops snapshot_ops = { snapshot_destroy };

/* the whole of a small /proc file, NUL-terminated; its length or -1 */
static ssize_t read_proc(int pid, const char *what, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) return -1;
    buf[n] = 0;
    return n;
}

/* the Windows program a carafe process runs: the base name of its first
 * argument after argv[0] and an optional "--" */
static int carafe_program(int pid, const char *loader, char *name, size_t size)
{
    char exe[4096], cmd[4096];
    char link[64];
    snprintf(link, sizeof(link), "/proc/%d/exe", pid);
    ssize_t n = readlink(link, exe, sizeof(exe) - 1);
    if (n <= 0) return 0;
    exe[n] = 0;
    if (strcmp(exe, loader)) return 0;
    ssize_t len = read_proc(pid, "cmdline", cmd, sizeof(cmd));
    if (len <= 0) return 0;
    const char *arg = cmd + strlen(cmd) + 1;
    if (arg < cmd + len && !strcmp(arg, "--")) arg += 3;
    if (arg >= cmd + len || !*arg) return 0;
    const char *base = arg;
    for (const char *p = arg; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    snprintf(name, size, "%s", base);
    return 1;
}

/* one process of /proc, or 0 if it is gone */
static int read_process(int pid, const char *loader, PROCESSENTRY32W *e)
{
    char stat[1024], name[MAX_PATH];
    if (read_proc(pid, "stat", stat, sizeof(stat)) <= 0) return 0;
    /* pid (comm) state ppid ... num_threads is field 20; comm may hold anything */
    char *lp = strchr(stat, '('), *rp = strrchr(stat, ')'), *save = NULL;
    if (!lp || !rp) return 0;
    int ppid = 0, field = 3;
    long threads = 1;
    for (char *tok = strtok_r(rp + 2, " ", &save); tok; tok = strtok_r(NULL, " ", &save), field++) {
        if (field == 4) ppid = atoi(tok);
        if (field == 20) threads = atol(tok);
    }
    if (!carafe_program(pid, loader, name, sizeof(name))) {
        *rp = 0;
        snprintf(name, sizeof(name), "%s", lp + 1);
    }
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    e->th32ProcessID = (DWORD)pid * 4;
    e->th32ParentProcessID = (DWORD)ppid * 4;
    e->cntThreads = (DWORD)threads;
    e->pcPriClassBase = 8;   /* NORMAL_PRIORITY_CLASS's base */
    MultiByteToWideChar(CP_UTF8, 0, name, -1, e->szExeFile, MAX_PATH);
    e->szExeFile[MAX_PATH - 1] = 0;
    return 1;
}

static int take_processes(struct snapshot *s)
{
    char loader[4096];
    ssize_t n = readlink("/proc/self/exe", loader, sizeof(loader) - 1);
    loader[n > 0 ? n : 0] = 0;
    DIR *dir = opendir("/proc");
    if (!dir) return -1;
    unsigned int cap = 0;
    for (struct dirent *d; (d = readdir(dir));) {
        if (!isdigit((unsigned char)d->d_name[0])) continue;
        if (s->count == cap) {
            cap = cap ? cap * 2 : 64;
            PROCESSENTRY32W *p = realloc(s->procs, cap * sizeof(*p));
            if (!p) {
                closedir(dir);
                return -1;
            }
            s->procs = p;
        }
        if (read_process(atoi(d->d_name), loader, &s->procs[s->count])) s->count++;
    }
    closedir(dir);
    return 0;
}

HANDLE WINAPI CreateToolhelp32Snapshot(DWORD flags, DWORD pid)
{
    (void)pid;   /* only module and heap snapshots look at it */
    if (flags & (TH32CS_SNAPHEAPLIST | TH32CS_SNAPTHREAD | TH32CS_SNAPMODULE | TH32CS_SNAPMODULE32)) {
        FIXME("snapshots of threads, modules and heaps (flags 0x%x) are not supported\n", (unsigned)flags);
        SetLastError(ERROR_NOT_SUPPORTED);
        return INVALID_HANDLE_VALUE;
    }
    struct snapshot *s = calloc(1, sizeof(*s));
    if (!s) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    pthread_mutex_init(&s->lock, NULL);
    s->obj.type = OBJ_OTHER;
    s->obj.refcount = 1;
    s->obj.ops = &snapshot_ops;
    if ((flags & TH32CS_SNAPPROCESS) && take_processes(s)) {
        snapshot_destroy(&s->obj);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = carafe_handle_alloc(&s->obj);
    if (!h) return INVALID_HANDLE_VALUE;
    if (flags & TH32CS_INHERIT) carafe_handle_flags(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, NULL);
    return h;
}

/* the next process of H's snapshot (the first with FIRST) into *E */
static BOOL next_process(HANDLE h, PROCESSENTRY32W *e, int first)
{
    struct object *obj = carafe_handle_get(h, OBJ_OTHER);
    if (!obj || obj->ops != &snapshot_ops) {
        if (obj) carafe_object_release(obj);
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    struct snapshot *s = (struct snapshot *)obj;
    BOOL ok = FALSE;
    pthread_mutex_lock(&s->lock);
    if (first) s->next = 0;
    if (s->next < s->count) {
        *e = s->procs[s->next++];
        ok = TRUE;
    } else SetLastError(ERROR_NO_MORE_FILES);
    pthread_mutex_unlock(&s->lock);
    carafe_object_release(obj);
    return ok;
}

/* the caller's entry must say it is at least NEED bytes (documented:
 * "If you do not initialize dwSize, Process32First fails") */
static BOOL fetch(HANDLE h, const DWORD *size, DWORD need, PROCESSENTRY32W *e, int first)
{
    if (!size || *size < need) {
        SetLastError(ERROR_BAD_LENGTH);
        return FALSE;
    }
    return next_process(h, e, first);
}

static BOOL process_w(HANDLE h, PROCESSENTRY32W *out, int first)
{
    PROCESSENTRY32W e;
    if (!fetch(h, out ? &out->dwSize : NULL, sizeof(*out), &e, first)) return FALSE;
    e.dwSize = out->dwSize;
    *out = e;
    return TRUE;
}

static BOOL process_a(HANDLE h, PROCESSENTRY32 *out, int first)
{
    PROCESSENTRY32W e;
    if (!fetch(h, out ? &out->dwSize : NULL, sizeof(*out), &e, first)) return FALSE;
    DWORD size = out->dwSize;
    memcpy(out, &e, offsetof(PROCESSENTRY32, szExeFile));
    out->dwSize = size;
    WideCharToMultiByte(CP_ACP, 0, e.szExeFile, -1, out->szExeFile, MAX_PATH, NULL, NULL);
    out->szExeFile[MAX_PATH - 1] = 0;
    return TRUE;
}

BOOL WINAPI Process32FirstW(HANDLE h, PROCESSENTRY32W *e) { return process_w(h, e, 1); }
BOOL WINAPI Process32NextW(HANDLE h, PROCESSENTRY32W *e) { return process_w(h, e, 0); }
BOOL WINAPI Process32First(HANDLE h, PROCESSENTRY32 *e) { return process_a(h, e, 1); }
BOOL WINAPI Process32Next(HANDLE h, PROCESSENTRY32 *e) { return process_a(h, e, 0); }
