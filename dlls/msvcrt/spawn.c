/* Processes from the C runtime: _spawn* and _exec*, _cwait, system,
 * _popen/_pclose, _pipe.  All on CreateProcessW.
 *
 * As the Windows CRT does, the argument vector is joined with single
 * spaces and not quoted (a caller passes "\"a b\"" to keep a space), and the
 * inheritable descriptors travel to the child in STARTUPINFO.lpReserved2:
 * an int count, COUNT flag bytes, then COUNT handles (pointer-sized, not
 * aligned).  The child's msvcrt_init_io rebuilds them (io.c). */
#include <string.h>
#include "msvcrt_private.h"
#include "winbase.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define MSVCRT_P_WAIT    0
#define MSVCRT_P_NOWAIT  1
#define MSVCRT_P_OVERLAY 2
#define MSVCRT_P_NOWAITO 3
#define MSVCRT_P_DETACH  4

/* io.c */
unsigned int msvcrt_fd_snapshot(HANDLE *handles, unsigned char *flags, unsigned int max);
int CDECL MSVCRT__open_osfhandle(intptr_t h, int flags);
int CDECL MSVCRT__close(int fd);
MSVCRT_FILE *CDECL MSVCRT__fdopen(int fd, const char *mode);
MSVCRT_FILE *CDECL MSVCRT__wfdopen(int fd, const WCHAR *mode);
int CDECL MSVCRT_fclose(MSVCRT_FILE *f);
int CDECL MSVCRT__fileno(MSVCRT_FILE *f);
int CDECL MSVCRT_fflush(MSVCRT_FILE *f);

static WCHAR *a_to_w(const char *s)
{
    if (!s) return NULL;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = malloc(n * sizeof(WCHAR));
    if (w) MultiByteToWideChar(CP_ACP, 0, s, -1, w, n);
    return w;
}

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static int file_exists(const WCHAR *path)
{
    DWORD attr = GetFileAttributesW(path);
    return attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY);
}

/* DIR\NAME with the extensions the CRT tries when NAME has none */
static WCHAR *try_dir(const WCHAR *dir, size_t dirlen, const WCHAR *name)
{
    static const WCHAR *const exts[] = { u"", u".com", u".exe", u".bat", u".cmd" };
    size_t nlen = wlen(name);
    int has_ext = 0;
    for (const WCHAR *p = name; *p; p++) {
        if (*p == '\\' || *p == '/') has_ext = 0;
        else if (*p == '.') has_ext = 1;
    }
    WCHAR *buf = malloc((dirlen + nlen + 8) * sizeof(WCHAR));
    if (!buf) return NULL;
    for (size_t i = has_ext ? 0 : 1; i < (has_ext ? 1 : sizeof(exts) / sizeof(exts[0])); i++) {
        WCHAR *p = buf;
        if (dirlen) {
            memcpy(p, dir, dirlen * sizeof(WCHAR));
            p += dirlen;
            if (p[-1] != '\\' && p[-1] != '/') *p++ = '\\';
        }
        memcpy(p, name, nlen * sizeof(WCHAR));
        p += nlen;
        size_t elen = wlen(exts[i]);
        memcpy(p, exts[i], (elen + 1) * sizeof(WCHAR));
        if (file_exists(buf)) return buf;
    }
    free(buf);
    return NULL;
}

/* the program to run: NAME itself, or with SEARCH along PATH */
static WCHAR *find_program(const WCHAR *name, int search)
{
    WCHAR *found = try_dir(NULL, 0, name);
    if (found || !search) return found;
    for (const WCHAR *p = name; *p; p++)
        if (*p == '\\' || *p == '/' || *p == ':') return NULL;
    DWORD len = GetEnvironmentVariableW(u"PATH", NULL, 0);
    WCHAR *path = len ? malloc(len * sizeof(WCHAR)) : NULL;
    if (path && GetEnvironmentVariableW(u"PATH", path, len)) {
        for (WCHAR *dir = path; *dir && !found;) {
            WCHAR *end = dir;
            while (*end && *end != ';') end++;
            if (end > dir) found = try_dir(dir, end - dir, name);
            dir = *end ? end + 1 : end;
        }
    }
    free(path);
    return found;
}

/* arguments joined by spaces, as the Windows CRT does (no quoting) */
static WCHAR *join_args(const WCHAR *const *argv)
{
    size_t len = 1;
    for (const WCHAR *const *a = argv; *a; a++) len += wlen(*a) + 1;
    WCHAR *cmd = malloc(len * sizeof(WCHAR)), *p = cmd;
    if (!cmd) return NULL;
    for (const WCHAR *const *a = argv; *a; a++) {
        if (a != argv) *p++ = ' ';
        size_t n = wlen(*a);
        memcpy(p, *a, n * sizeof(WCHAR));
        p += n;
    }
    *p = 0;
    return cmd;
}

static WCHAR *env_block(const WCHAR *const *envp)
{
    size_t len = 2;
    for (const WCHAR *const *e = envp; *e; e++) len += wlen(*e) + 1;
    WCHAR *block = calloc(len, sizeof(WCHAR)), *p = block;
    if (!block) return NULL;
    for (const WCHAR *const *e = envp; *e; e++) {
        size_t n = wlen(*e);
        memcpy(p, *e, (n + 1) * sizeof(WCHAR));
        p += n + 1;
    }
    return block;
}

/* the descriptor table for the child (lpReserved2) */
static BYTE *fd_block(WORD *size)
{
    enum { MAX = 256 };
    HANDLE handles[MAX];
    unsigned char flags[MAX];
    unsigned int n = msvcrt_fd_snapshot(handles, flags, MAX);
    size_t bytes = sizeof(int) + n * (1 + sizeof(HANDLE));
    BYTE *block = malloc(bytes);
    if (!block) return NULL;
    int count = (int)n;
    memcpy(block, &count, sizeof(count));
    for (unsigned int i = 0; i < n; i++) {
        DWORD hflags = 0;
        HANDLE h = handles[i];
        /* only what the child can have: inheritable handles */
        if (!flags[i] || !GetHandleInformation(h, &hflags) || !(hflags & HANDLE_FLAG_INHERIT)) {
            flags[i] = 0;
            h = INVALID_HANDLE_VALUE;
        }
        block[sizeof(int) + i] = flags[i];
        memcpy(block + sizeof(int) + n + i * sizeof(HANDLE), &h, sizeof(HANDLE));
    }
    *size = (WORD)bytes;
    return block;
}

static void set_errno_from_create(DWORD err)
{
    switch (err) {
    case ERROR_FILE_NOT_FOUND: case ERROR_PATH_NOT_FOUND: msvcrt_set_errno(MSVCRT_ENOENT); break;
    case ERROR_BAD_EXE_FORMAT: msvcrt_set_errno(MSVCRT_ENOEXEC); break;
    case ERROR_NOT_ENOUGH_MEMORY: msvcrt_set_errno(MSVCRT_ENOMEM); break;
    default: msvcrt_set_errno_from_win32(err); return;
    }
    msvcrt_doserrno = err;
}

/* Starts PATH with ARGV (and ENVP, NULL: ours); MODE is _P_*.  Returns what
 * _spawn returns: the exit code (_P_WAIT), the process handle (_P_NOWAIT),
 * 0 (_P_DETACH), or -1 with errno. */
static intptr_t do_spawn(int mode, const WCHAR *path, const WCHAR *const *argv, const WCHAR *const *envp, int search)
{
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    intptr_t ret = -1;
    WCHAR *exe = NULL, *cmd = NULL, *env = NULL;
    BYTE *fds = NULL;

    if (!path || !argv || !argv[0] || mode < MSVCRT_P_WAIT || mode > MSVCRT_P_DETACH) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    if (!(exe = find_program(path, search))) {
        msvcrt_set_errno(MSVCRT_ENOENT);
        return -1;
    }
    if (!(cmd = join_args(argv)) || (envp && !(env = env_block(envp)))) {
        msvcrt_set_errno(MSVCRT_ENOMEM);
        goto done;
    }
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (mode != MSVCRT_P_DETACH && (fds = fd_block(&si.cbReserved2))) si.lpReserved2 = fds;
    MSVCRT_fflush(NULL);   /* what is buffered goes out before the child writes */
    if (!CreateProcessW(exe, cmd, NULL, NULL, TRUE,
                        (env ? CREATE_UNICODE_ENVIRONMENT : 0) | (mode == MSVCRT_P_DETACH ? DETACHED_PROCESS : 0),
                        env, NULL, &si, &pi)) {
        set_errno_from_create(GetLastError());
        goto done;
    }
    CloseHandle(pi.hThread);
    switch (mode) {
    case MSVCRT_P_WAIT:
    case MSVCRT_P_OVERLAY: {
        DWORD code = 0;
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hProcess);
        /* _P_OVERLAY: the new program takes this process' place; who
         * waits for us sees its exit code */
        if (mode == MSVCRT_P_OVERLAY) ExitProcess(code);
        ret = (int)code;
        break;
    }
    case MSVCRT_P_DETACH:
        CloseHandle(pi.hProcess);
        ret = 0;
        break;
    default:
        ret = (intptr_t)pi.hProcess;
        break;
    }
done:
    free(exe);
    free(cmd);
    free(env);
    free(fds);
    return ret;
}

/* ---- the A <-> W and list <-> vector variants ---- */

static WCHAR **vec_a_to_w(const char *const *v)
{
    size_t n = 0;
    if (!v) return NULL;
    while (v[n]) n++;
    WCHAR **w = calloc(n + 1, sizeof(WCHAR *));
    for (size_t i = 0; w && i < n; i++) w[i] = a_to_w(v[i]);
    return w;
}

static void vec_free(WCHAR **v)
{
    if (!v) return;
    for (WCHAR **p = v; *p; p++) free(*p);
    free(v);
}

static intptr_t spawn_a(int mode, const char *path, const char *const *argv, const char *const *envp, int search)
{
    WCHAR *wpath = a_to_w(path), **wargv = vec_a_to_w(argv), **wenvp = vec_a_to_w(envp);
    intptr_t ret = do_spawn(mode, wpath, (const WCHAR *const *)wargv, (const WCHAR *const *)wenvp, search);
    free(wpath);
    vec_free(wargv);
    vec_free(wenvp);
    return ret;
}

#define MAX_LIST_ARGS 1024

/* the arguments of a list variant up to NULL; with ENV, the pointer after it */
#define COLLECT(type, first, args, with_env, envp)                          \
    do {                                                                    \
        __builtin_ms_va_list ap;                                            \
        int n_ = 0;                                                         \
        __builtin_ms_va_start(ap, first);                                   \
        args[n_] = first;                                                   \
        while (args[n_] && n_ < MAX_LIST_ARGS - 1) args[++n_] = __builtin_va_arg(ap, type); \
        args[n_] = NULL;                                                    \
        if (with_env) envp = __builtin_va_arg(ap, const type *);            \
        __builtin_ms_va_end(ap);                                            \
    } while (0)

intptr_t CDECL MSVCRT__spawnv(int mode, const char *path, const char *const *argv) { return spawn_a(mode, path, argv, NULL, 0); }
intptr_t CDECL MSVCRT__spawnve(int mode, const char *path, const char *const *argv, const char *const *envp) { return spawn_a(mode, path, argv, envp, 0); }
intptr_t CDECL MSVCRT__spawnvp(int mode, const char *path, const char *const *argv) { return spawn_a(mode, path, argv, NULL, 1); }
intptr_t CDECL MSVCRT__spawnvpe(int mode, const char *path, const char *const *argv, const char *const *envp) { return spawn_a(mode, path, argv, envp, 1); }
intptr_t CDECL MSVCRT__wspawnv(int mode, const WCHAR *path, const WCHAR *const *argv) { return do_spawn(mode, path, argv, NULL, 0); }
intptr_t CDECL MSVCRT__wspawnve(int mode, const WCHAR *path, const WCHAR *const *argv, const WCHAR *const *envp) { return do_spawn(mode, path, argv, envp, 0); }
intptr_t CDECL MSVCRT__wspawnvp(int mode, const WCHAR *path, const WCHAR *const *argv) { return do_spawn(mode, path, argv, NULL, 1); }
intptr_t CDECL MSVCRT__wspawnvpe(int mode, const WCHAR *path, const WCHAR *const *argv, const WCHAR *const *envp) { return do_spawn(mode, path, argv, envp, 1); }

intptr_t CDECL MSVCRT__spawnl(int mode, const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 0, envp);
    return spawn_a(mode, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__spawnle(int mode, const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 1, envp);
    return spawn_a(mode, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__spawnlp(int mode, const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 0, envp);
    return spawn_a(mode, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__spawnlpe(int mode, const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 1, envp);
    return spawn_a(mode, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__wspawnl(int mode, const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 0, envp);
    return do_spawn(mode, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__wspawnle(int mode, const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 1, envp);
    return do_spawn(mode, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__wspawnlp(int mode, const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 0, envp);
    return do_spawn(mode, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__wspawnlpe(int mode, const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 1, envp);
    return do_spawn(mode, path, args, envp, 1);
}

/* _exec*: _spawn with _P_OVERLAY (returns only on failure) */
intptr_t CDECL MSVCRT__execv(const char *path, const char *const *argv) { return spawn_a(MSVCRT_P_OVERLAY, path, argv, NULL, 0); }
intptr_t CDECL MSVCRT__execve(const char *path, const char *const *argv, const char *const *envp) { return spawn_a(MSVCRT_P_OVERLAY, path, argv, envp, 0); }
intptr_t CDECL MSVCRT__execvp(const char *path, const char *const *argv) { return spawn_a(MSVCRT_P_OVERLAY, path, argv, NULL, 1); }
intptr_t CDECL MSVCRT__execvpe(const char *path, const char *const *argv, const char *const *envp) { return spawn_a(MSVCRT_P_OVERLAY, path, argv, envp, 1); }
intptr_t CDECL MSVCRT__wexecv(const WCHAR *path, const WCHAR *const *argv) { return do_spawn(MSVCRT_P_OVERLAY, path, argv, NULL, 0); }
intptr_t CDECL MSVCRT__wexecve(const WCHAR *path, const WCHAR *const *argv, const WCHAR *const *envp) { return do_spawn(MSVCRT_P_OVERLAY, path, argv, envp, 0); }
intptr_t CDECL MSVCRT__wexecvp(const WCHAR *path, const WCHAR *const *argv) { return do_spawn(MSVCRT_P_OVERLAY, path, argv, NULL, 1); }
intptr_t CDECL MSVCRT__wexecvpe(const WCHAR *path, const WCHAR *const *argv, const WCHAR *const *envp) { return do_spawn(MSVCRT_P_OVERLAY, path, argv, envp, 1); }

intptr_t CDECL MSVCRT__execl(const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 0, envp);
    return spawn_a(MSVCRT_P_OVERLAY, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__execle(const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 1, envp);
    return spawn_a(MSVCRT_P_OVERLAY, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__execlp(const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 0, envp);
    return spawn_a(MSVCRT_P_OVERLAY, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__execlpe(const char *path, const char *arg0, ...)
{
    const char *args[MAX_LIST_ARGS];
    const char *const *envp = NULL;
    COLLECT(const char *, arg0, args, 1, envp);
    return spawn_a(MSVCRT_P_OVERLAY, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__wexecl(const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 0, envp);
    return do_spawn(MSVCRT_P_OVERLAY, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__wexecle(const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 1, envp);
    return do_spawn(MSVCRT_P_OVERLAY, path, args, envp, 0);
}

intptr_t CDECL MSVCRT__wexeclp(const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 0, envp);
    return do_spawn(MSVCRT_P_OVERLAY, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__wexeclpe(const WCHAR *path, const WCHAR *arg0, ...)
{
    const WCHAR *args[MAX_LIST_ARGS];
    const WCHAR *const *envp = NULL;
    COLLECT(const WCHAR *, arg0, args, 1, envp);
    return do_spawn(MSVCRT_P_OVERLAY, path, args, envp, 1);
}

intptr_t CDECL MSVCRT__cwait(int *status, intptr_t process, int action)
{
    HANDLE h = (HANDLE)process;
    DWORD code = 0;
    (void)action;   /* _WAIT_CHILD / _WAIT_GRANDCHILD: the same on Windows NT */
    if (WaitForSingleObject(h, INFINITE) == WAIT_FAILED || !GetExitCodeProcess(h, &code)) {
        DWORD err = GetLastError();
        msvcrt_set_errno(err == ERROR_INVALID_HANDLE ? MSVCRT_ECHILD : MSVCRT_EINVAL);
        msvcrt_doserrno = err;
        return -1;
    }
    if (status) *status = (int)code;
    CloseHandle(h);
    return process;
}

/* ---- the command interpreter ---- */

/* %ComSpec%, else cmd.exe along PATH; NULL if there is none */
static WCHAR *comspec(void)
{
    WCHAR buf[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(u"ComSpec", buf, MAX_PATH);
    WCHAR *found = n && n < MAX_PATH ? find_program(buf, 0) : NULL;
    return found ? found : find_program(u"cmd.exe", 1);
}

int CDECL MSVCRT__wsystem(const WCHAR *command)
{
    WCHAR *shell = comspec();
    if (!command) {
        free(shell);
        return shell != NULL;
    }
    if (!shell) {
        msvcrt_set_errno(MSVCRT_ENOENT);
        return -1;
    }
    const WCHAR *argv[] = { shell, u"/c", command, NULL };
    intptr_t ret = do_spawn(MSVCRT_P_WAIT, shell, argv, NULL, 0);
    free(shell);
    return (int)ret;
}

int CDECL MSVCRT_system(const char *command)
{
    WCHAR *w = a_to_w(command);
    int ret = MSVCRT__wsystem(w);
    free(w);
    return ret;
}

/* ---- pipes ---- */

int CDECL MSVCRT__pipe(int *pfds, unsigned int size, int textmode)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, !(textmode & MSVCRT__O_NOINHERIT) };
    HANDLE r, w;
    if (!pfds) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    if (!CreatePipe(&r, &w, &sa, size)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    int mode = textmode & (MSVCRT__O_BINARY | MSVCRT__O_TEXT);
    int rfd = MSVCRT__open_osfhandle((intptr_t)r, mode | MSVCRT__O_RDONLY);
    if (rfd < 0) {
        CloseHandle(r);
        CloseHandle(w);
        return -1;
    }
    int wfd = MSVCRT__open_osfhandle((intptr_t)w, mode | MSVCRT__O_WRONLY);
    if (wfd < 0) {
        MSVCRT__close(rfd);
        CloseHandle(w);
        return -1;
    }
    pfds[0] = rfd;
    pfds[1] = wfd;
    return 0;
}

/* the process behind each _popen stream */
struct popen_entry {
    MSVCRT_FILE *file;
    HANDLE process;
    struct popen_entry *next;
};
static struct popen_entry *popens;
static CRITICAL_SECTION popen_lock = { NULL, -1, 0, 0, 0, 0 };

MSVCRT_FILE *CDECL MSVCRT__wpopen(const WCHAR *command, const WCHAR *mode)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    HANDLE r, w;
    int reading = 0, textflag = 0;
    if (!command || !mode) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return NULL;
    }
    for (const WCHAR *m = mode; *m; m++) {
        if (*m == 'r') reading = 1;
        else if (*m == 'w') reading = 0;
        else if (*m == 'b') textflag = MSVCRT__O_BINARY;
        else if (*m == 't') textflag = MSVCRT__O_TEXT;
    }
    WCHAR *shell = comspec();
    if (!shell) {
        msvcrt_set_errno(MSVCRT_ENOENT);
        return NULL;
    }
    const WCHAR *argv[] = { shell, u"/c", command, NULL };
    WCHAR *cmd = join_args(argv);
    if (!cmd || !CreatePipe(&r, &w, &sa, 0)) {
        free(shell);
        free(cmd);
        msvcrt_set_errno(MSVCRT_EMFILE);
        return NULL;
    }
    HANDLE ours = reading ? r : w, theirs = reading ? w : r;
    SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = reading ? GetStdHandle(STD_INPUT_HANDLE) : theirs;
    si.hStdOutput = reading ? theirs : GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    MSVCRT_fflush(NULL);
    BOOL ok = CreateProcessW(shell, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    DWORD err = GetLastError();
    free(shell);
    free(cmd);
    CloseHandle(theirs);
    if (!ok) {
        CloseHandle(ours);
        set_errno_from_create(err);
        return NULL;
    }
    CloseHandle(pi.hThread);
    int fd = MSVCRT__open_osfhandle((intptr_t)ours, textflag | (reading ? MSVCRT__O_RDONLY : MSVCRT__O_WRONLY));
    MSVCRT_FILE *f = fd >= 0 ? MSVCRT__fdopen(fd, reading ? (textflag == MSVCRT__O_BINARY ? "rb" : "r")
                                                          : (textflag == MSVCRT__O_BINARY ? "wb" : "w")) : NULL;
    struct popen_entry *e = f ? malloc(sizeof(*e)) : NULL;
    if (!e) {
        if (f) MSVCRT_fclose(f);
        else if (fd >= 0) MSVCRT__close(fd);
        else CloseHandle(ours);
        TerminateProcess(pi.hProcess, 1);
        CloseHandle(pi.hProcess);
        msvcrt_set_errno(MSVCRT_ENOMEM);
        return NULL;
    }
    e->file = f;
    e->process = pi.hProcess;
    EnterCriticalSection(&popen_lock);
    e->next = popens;
    popens = e;
    LeaveCriticalSection(&popen_lock);
    return f;
}

MSVCRT_FILE *CDECL MSVCRT__popen(const char *command, const char *mode)
{
    WCHAR *wc = a_to_w(command), *wm = a_to_w(mode);
    MSVCRT_FILE *f = MSVCRT__wpopen(wc, wm);
    free(wc);
    free(wm);
    return f;
}

int CDECL MSVCRT__pclose(MSVCRT_FILE *f)
{
    struct popen_entry *e = NULL;
    EnterCriticalSection(&popen_lock);
    for (struct popen_entry **p = &popens; *p; p = &(*p)->next)
        if ((*p)->file == f) {
            e = *p;
            *p = e->next;
            break;
        }
    LeaveCriticalSection(&popen_lock);
    if (!e) {
        msvcrt_set_errno(MSVCRT_EBADF);
        return -1;
    }
    MSVCRT_fclose(f);
    DWORD code = 0;
    WaitForSingleObject(e->process, INFINITE);
    GetExitCodeProcess(e->process, &code);
    CloseHandle(e->process);
    free(e);
    return (int)code;
}
