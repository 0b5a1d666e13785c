/* Process start: PEB, the main thread's TEB, process parameters (image path,
 * exact command line, environment, current directory, standard handles),
 * then the exe is loaded and run.  And process exit. */
#include <asm/prctl.h>
#include <errno.h>
#include <fcntl.h>
#include <strings.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ntdll_private.h"
#include "winbase_consts.h"
#include "carafe/process.h"

DEFAULT_DEBUG_CHANNEL(process);

PEB *carafe_peb;
static RTL_USER_PROCESS_PARAMETERS params;
extern const char *carafe_dll_dir;
static void (*exit_hooks[8])(void);
static int exit_hook_count;

TEB *thread_alloc_teb(void)
{
    TEB *teb = mmap(NULL, (sizeof(TEB) + 0xfff) & ~0xfff, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (teb == MAP_FAILED) return NULL;
    teb->Tib.Self = &teb->Tib;
    teb->Peb = carafe_peb;
    teb->ClientId.UniqueProcess = (HANDLE)(ULONG_PTR)carafe_pid_to_win(getpid());
    teb->ClientId.UniqueThread = (HANDLE)(ULONG_PTR)syscall(SYS_gettid);
    teb->TlsLinks.Flink = teb->TlsLinks.Blink = &teb->TlsLinks;
    return teb;
}

void thread_set_teb(TEB *teb)
{
    syscall(SYS_arch_prctl, ARCH_SET_GS, teb);
}

static void set_ustr(UNICODE_STRING *s, WCHAR *buf)
{
    size_t len = buf ? carafe_wcslen(buf) : 0;
    s->Buffer = buf;
    s->Length = len * sizeof(WCHAR);
    s->MaximumLength = s->Length + sizeof(WCHAR);
}

/* ---- command line ---- */

/* Append ARG to the command line, quoted so that Windows' argv parsing
 * (CommandLineToArgvW, msvcrt) gives back exactly ARG. */
static char *append_arg(char *p, const char *arg)
{
    int quote = !*arg || strpbrk(arg, " \t\n\v\"") != NULL;
    if (!quote) return stpcpy(p, arg);
    *p++ = '"';
    for (const char *s = arg;; s++) {
        size_t backslashes = 0;
        while (*s == '\\') { s++; backslashes++; }
        if (!*s) {
            for (size_t i = 0; i < backslashes * 2; i++) *p++ = '\\';
            break;
        }
        if (*s == '"') {
            for (size_t i = 0; i < backslashes * 2 + 1; i++) *p++ = '\\';
        } else {
            for (size_t i = 0; i < backslashes; i++) *p++ = '\\';
        }
        *p++ = *s;
    }
    *p++ = '"';
    *p = 0;
    return p;
}

static WCHAR *build_command_line(const char *program, int argc, char **argv)
{
    size_t size = strlen(program) * 2 + 3;
    for (int i = 0; i < argc; i++) size += strlen(argv[i]) * 2 + 3;
    char *line = malloc(size + 1), *p = line;
    if (!line) return NULL;
    /* the program name: quoted if it has spaces, no escapes (Windows' rule for argv[0]) */
    if (strchr(program, ' ') || strchr(program, '\t')) p += sprintf(p, "\"%s\"", program);
    else p = stpcpy(p, program);
    for (int i = 0; i < argc; i++) {
        *p++ = ' ';
        p = append_arg(p, argv[i]);
    }
    *p = 0;
    WCHAR *w = carafe_utf8_to_wide_alloc(line);
    free(line);
    return w;
}

/* ---- environment ---- */

static int env_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    for (;; x++, y++) {
        int cx = (*x >= 'a' && *x <= 'z') ? *x - 32 : *x, cy = (*y >= 'a' && *y <= 'z') ? *y - 32 : *y;
        if (cx == '=') cx = 0;
        if (cy == '=') cy = 0;
        if (cx != cy || !cx) return cx - cy;
    }
}

static int env_has(char **vars, int n, const char *name)
{
    size_t len = strlen(name);
    for (int i = 0; i < n; i++)
        if (!strncasecmp(vars[i], name, len) && vars[i][len] == '=') return 1;
    return 0;
}

/* The Windows environment: the Unix one, plus the variables Windows
 * programs expect, sorted as Windows keeps it. */
static WCHAR *build_environment(size_t *size_out)
{
    extern char **environ;
    int n = 0, cap = 0;
    char **vars;
    for (char **e = environ; *e; e++) cap++;
    cap += 32;
    if (!(vars = calloc(cap, sizeof(char *)))) return NULL;
    for (char **e = environ; *e; e++) {
        if (!strncmp(*e, "PATH=", 5)) continue;   /* rebuilt below */
        vars[n++] = strdup(*e);
    }
    const char *user = carafe_user_name();
    char host[64] = "localhost", buf[PATH_MAX + 64];
    gethostname(host, sizeof(host) - 1);
    for (char *h = host; *h; h++) { if (*h == '.') { *h = 0; break; } if (*h >= 'a' && *h <= 'z') *h -= 32; }
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    const char *tmp = getenv("TMPDIR");
    char tmpdos[PATH_MAX];
    WCHAR *wt = carafe_unix_to_dos(tmp && *tmp ? tmp : "/tmp");
    carafe_utf16_to_utf8(wt, -1, tmpdos, sizeof(tmpdos));
    free(wt);
    struct { const char *name; char value[PATH_MAX]; } defaults[] = {
        { "SystemRoot", "C:\\windows" }, { "windir", "C:\\windows" }, { "SystemDrive", "C:" },
        { "ComSpec", "C:\\windows\\system32\\cmd.exe" }, { "PATHEXT", ".COM;.EXE;.BAT;.CMD" },
        { "OS", "Windows_NT" }, { "PROCESSOR_ARCHITECTURE", "AMD64" },
        { "ProgramFiles", "C:\\Program Files" }, { "ProgramData", "C:\\ProgramData" },
        { "ALLUSERSPROFILE", "C:\\ProgramData" }, { "HOMEDRIVE", "C:" },
        { "NUMBER_OF_PROCESSORS", "" }, { "COMPUTERNAME", "" }, { "USERNAME", "" },
        { "USERPROFILE", "" }, { "HOMEPATH", "" }, { "APPDATA", "" }, { "LOCALAPPDATA", "" },
        { "TEMP", "" }, { "TMP", "" },
    };
    for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
        char *v = defaults[i].value;
        const char *name = defaults[i].name;
        if (!strcmp(name, "NUMBER_OF_PROCESSORS")) snprintf(v, PATH_MAX, "%ld", ncpu > 0 ? ncpu : 1);
        else if (!strcmp(name, "COMPUTERNAME")) snprintf(v, PATH_MAX, "%s", host);
        else if (!strcmp(name, "USERNAME")) snprintf(v, PATH_MAX, "%s", user);
        else if (!strcmp(name, "USERPROFILE")) snprintf(v, PATH_MAX, "C:\\users\\%s", user);
        else if (!strcmp(name, "HOMEPATH")) snprintf(v, PATH_MAX, "\\users\\%s", user);
        else if (!strcmp(name, "APPDATA")) snprintf(v, PATH_MAX, "C:\\users\\%s\\AppData\\Roaming", user);
        else if (!strcmp(name, "LOCALAPPDATA")) snprintf(v, PATH_MAX, "C:\\users\\%s\\AppData\\Local", user);
        else if (!strcmp(name, "TEMP") || !strcmp(name, "TMP")) snprintf(v, PATH_MAX, "%s", tmpdos);
        if (env_has(vars, n, name) || n >= cap - 2) continue;
        snprintf(buf, sizeof(buf), "%s=%s", name, v);
        vars[n++] = strdup(buf);
    }
    /* PATH: the Windows directories, then the Unix PATH as Z: paths */
    const char *upath = getenv("PATH");
    size_t plen = 64 + (upath ? strlen(upath) * 2 : 0);
    char *path = malloc(plen), *p = path;
    p += sprintf(p, "PATH=C:\\windows\\system32;C:\\windows");
    if (upath) {
        for (const char *s = upath; *s;) {
            const char *end = strchr(s, ':');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len && *s == '/') {
                p += sprintf(p, ";Z:");
                for (size_t i = 0; i < len; i++) *p++ = s[i] == '/' ? '\\' : s[i];
                *p = 0;
            }
            s += len;
            if (*s) s++;
        }
    }
    vars[n++] = path;
    qsort(vars, n, sizeof(char *), env_cmp);
    size_t total = 1;
    for (int i = 0; i < n; i++) total += carafe_utf8_to_utf16(vars[i], -1, NULL, 0);
    WCHAR *block = malloc(total * sizeof(WCHAR)), *w = block;
    for (int i = 0; i < n; i++) {
        w += carafe_utf8_to_utf16(vars[i], -1, w, total - (w - block));
        free(vars[i]);
    }
    *w++ = 0;
    free(vars);
    *size_out = (w - block) * sizeof(WCHAR);
    return block;
}

void process_init_params(int argc, char **argv, const WCHAR *image_path)
{
    char cwd[PATH_MAX];
    static WCHAR cwd_buf[PATH_MAX + 2];
    size_t env_size;
    carafe_peb->ProcessParameters = &params;
    params.MaximumLength = params.Length = sizeof(params);
    set_ustr(&params.ImagePathName, carafe_wcsdup(image_path));
    /* argv[0] as the user gave it, in Windows form */
    char *prog = strdup(argv[0]);
    if (prog[0] == '/') {
        WCHAR *w = carafe_unix_to_dos(prog);
        free(prog);
        prog = carafe_wide_to_utf8_alloc(w);
        free(w);
    } else for (char *c = prog; *c; c++) if (*c == '/') *c = '\\';
    const struct carafe_startup_info *su = carafe_startup_info();
    process_startup_handles();   /* inherited handles keep their values: before any other */
    if (su) set_ustr(&params.CommandLine, (WCHAR *)su->cmdline);   /* exactly the parent's string */
    else set_ustr(&params.CommandLine, build_command_line(prog, argc - 1, argv + 1));
    free(prog);
    if (su && su->env) {
        env_size = su->header->env_len * sizeof(WCHAR);
        params.Environment = malloc(env_size);
        if (params.Environment) memcpy(params.Environment, su->env, env_size);
        else params.Environment = build_environment(&env_size);
    } else params.Environment = build_environment(&env_size);
    params.EnvironmentSize = env_size;
    if (su && su->reserved2) {
        params.RuntimeData.Buffer = (WCHAR *)su->reserved2;
        params.RuntimeData.Length = params.RuntimeData.MaximumLength = su->header->reserved2_len;
    }
    if (getcwd(cwd, sizeof(cwd))) {
        WCHAR *w = carafe_unix_to_dos(cwd);
        size_t len = carafe_wcslen(w);
        memcpy(cwd_buf, w, len * sizeof(WCHAR));
        if (len && cwd_buf[len - 1] != '\\') cwd_buf[len++] = '\\';
        cwd_buf[len] = 0;
        free(w);
    }
    set_ustr(&params.CurrentDirectory.DosPath, cwd_buf);
    params.CurrentDirectory.DosPath.MaximumLength = sizeof(cwd_buf);
    set_ustr(&params.DllPath, NULL);
    for (int fd = 0; fd < 3; fd++) {
        HANDLE h = NULL;
        if (fcntl(fd, F_GETFD) != -1)
            h = carafe_file_handle_from_fd(fd, fd ? GENERIC_WRITE : GENERIC_READ, 0);
        if (h == INVALID_HANDLE_VALUE) h = NULL;
        if (su && su->header->std_handles[fd] && carafe_handle_fd((HANDLE)(ULONG_PTR)su->header->std_handles[fd]) >= 0) {
            /* an inherited handle given as a standard handle: the child sees that value */
            if (h) carafe_handle_close(h);
            h = (HANDLE)(ULONG_PTR)su->header->std_handles[fd];
        }
        if (fd == 0) params.StandardInput = h;
        else if (fd == 1) params.StandardOutput = h;
        else params.StandardError = h;
    }
}

/* ---- exit ---- */

void carafe_register_exit_hook(void (*fn)(void))
{
    if (exit_hook_count < (int)(sizeof(exit_hooks) / sizeof(exit_hooks[0]))) exit_hooks[exit_hook_count++] = fn;
}

void carafe_exit_process(UINT code)
{
    static int exiting;
    TRACE("exit code %u\n", code);
    if (!__atomic_exchange_n(&exiting, 1, __ATOMIC_ACQ_REL)) {
        loader_detach_all();
        for (int i = exit_hook_count - 1; i >= 0; i--) exit_hooks[i]();
    }
    carafe_process_report_exit(code);
    _exit(code);
}

/* ---- entry from the carafe executable ---- */

static void usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "carafe: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(EXIT_LOADER_USAGE);
}

/* Find the program: as given, with .exe added, or as a Windows path. */
static char *find_program(const char *arg)
{
    char *path = NULL;
    if (strchr(arg, '\\') || (arg[0] && arg[1] == ':')) {
        WCHAR *w = carafe_utf8_to_wide_alloc(arg);
        path = carafe_dos_to_unix(w);
        free(w);
    } else path = strdup(arg);
    if (!path) return NULL;
    if (access(path, F_OK)) {
        size_t len = strlen(path);
        if (len < 4 || strcasecmp(path + len - 4, ".exe")) {
            char *alt = malloc(len + 5);
            sprintf(alt, "%s.exe", path);
            if (!access(alt, F_OK)) { free(path); return alt; }
            free(alt);
        }
        /* "carafe cmd /c ..." runs the cmd.exe shipped with carafe */
        char *builtin = strpbrk(arg, "/\\") ? NULL : carafe_builtin_program(arg);
        if (builtin) { free(path); return builtin; }
    }
    return path;
}

CARAFE_API int __carafe_start(const char *dlldir, int check_only, int argc, char **argv)
{
    char err[1024];
    carafe_dll_dir = dlldir;
    static PEB peb;
    carafe_peb = &peb;
    peb.OSMajorVersion = 10;
    peb.OSMinorVersion = 0;
    peb.OSBuildNumber = 19045;
    peb.OSPlatformId = VER_PLATFORM_WIN32_NT;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    peb.NumberOfProcessors = ncpu > 0 ? ncpu : 1;
    static char heap_marker[16];
    peb.ProcessHeap = heap_marker;
    TEB *teb = thread_alloc_teb();
    if (!teb) usage_error("%s", "out of memory");
    thread_set_teb(teb);
    signal_init();
    process_startup_read();

    char *unix_path = find_program(argv[0]);
    if (!unix_path) usage_error("%s: no such file", argv[0]);
    char *real = realpath(unix_path, NULL);
    if (!real) {
        fprintf(stderr, "carafe: %s: %s\n", argv[0], strerror(errno));
        exit(EXIT_LOADER_NOTFOUND);
    }
    WCHAR *dos_path = carafe_unix_to_dos(real);
    process_init_params(argc, argv, dos_path);
    int status = loader_load_exe(real, dos_path, err, sizeof(err));
    if (status) {
        fprintf(stderr, "carafe: %s: %s\n", argv[0], err);
        exit(status);
    }
    if (check_only) exit(loader_check_imports(argv[0]));
    user_shared_data_init();
    loader_run_exe();
}
