/* CRT startup as mingw-w64 and MSVC programs use it: the argument vector
 * (Windows quoting rules), _initterm, app type, and the data the startup
 * code reads (_acmdln, __initenv, _fmode, _commode, __argc ...). */
#include <stdio.h>
#include <string.h>
#include "msvcrt_private.h"
#include "winbase.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

typedef int (CDECL *initterm_e_fn)(void);

char *MSVCRT__acmdln;
WCHAR *MSVCRT__wcmdln;
int MSVCRT___argc;
char **MSVCRT___argv;
WCHAR **MSVCRT___wargv;
char **MSVCRT___initenv;
WCHAR **MSVCRT___winitenv;
int MSVCRT__fmode;      /* 0 = _O_TEXT */
int MSVCRT__commode;
unsigned int MSVCRT__osplatform = 2, MSVCRT__osver = 19045, MSVCRT__winver = 0x0a00;
unsigned int MSVCRT__winmajor = 10, MSVCRT__winminor = 0;
static int app_type;

/* Split a command line the way msvcrt does.  The program name ends at the
 * next quote if it starts with one, else at white space, with no escapes.
 * Then: 2n backslashes + quote -> n backslashes and a quote toggle;
 * 2n+1 backslashes + quote -> n backslashes and a literal quote; "" inside
 * quotes is a literal quote.  T is char or WCHAR. */
#define DEFINE_PARSE(NAME, T)                                                  \
static T **NAME(const T *line, int *argc_out)                                  \
{                                                                              \
    size_t len = 0;                                                            \
    while (line[len]) len++;                                                   \
    /* every argument is at most the whole line; at most len/2+2 of them */    \
    T **argv = malloc((len / 2 + 3) * sizeof(T *) + (len + 2) * sizeof(T) * 2); \
    T *out = (T *)(argv + len / 2 + 3);                                        \
    int argc = 0;                                                              \
    const T *p = line;                                                         \
    if (!argv) return NULL;                                                    \
    argv[argc++] = out;                                                        \
    if (*p == '"') {                                                           \
        p++;                                                                   \
        while (*p && *p != '"') *out++ = *p++;                                 \
        if (*p) p++;                                                           \
    } else {                                                                   \
        while (*p && *p != ' ' && *p != '\t') *out++ = *p++;                   \
    }                                                                          \
    *out++ = 0;                                                                \
    for (;;) {                                                                 \
        while (*p == ' ' || *p == '\t') p++;                                   \
        if (!*p) break;                                                        \
        argv[argc++] = out;                                                    \
        int quoted = 0;                                                        \
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {                  \
            if (*p == '\\') {                                                  \
                size_t n = 0;                                                  \
                while (*p == '\\') { p++; n++; }                               \
                if (*p == '"') {                                               \
                    for (size_t i = 0; i < n / 2; i++) *out++ = '\\';          \
                    if (n & 1) { *out++ = '"'; p++; }                          \
                } else for (size_t i = 0; i < n; i++) *out++ = '\\';           \
            } else if (*p == '"') {                                            \
                p++;                                                           \
                if (quoted && *p == '"') { *out++ = '"'; p++; }                \
                else quoted = !quoted;                                         \
            } else *out++ = *p++;                                              \
        }                                                                      \
        *out++ = 0;                                                            \
    }                                                                          \
    argv[argc] = NULL;                                                         \
    *argc_out = argc;                                                          \
    return argv;                                                               \
}
DEFINE_PARSE(parse_args_a, char)
DEFINE_PARSE(parse_args_w, WCHAR)

void CDECL MSVCRT___getmainargs(int *argc, char ***argv, char ***envp, int wildcards, MSVCRT_startupinfo *si)
{
    if (!MSVCRT___argv) MSVCRT___argv = parse_args_a(MSVCRT__acmdln, &MSVCRT___argc);
    if (wildcards) FIXME("wildcards in arguments are not expanded\n");
    *argc = MSVCRT___argc;
    *argv = MSVCRT___argv;
    *envp = MSVCRT___initenv;
}

void CDECL MSVCRT___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp, int wildcards, MSVCRT_startupinfo *si)
{
    if (!MSVCRT___wargv) MSVCRT___wargv = parse_args_w(MSVCRT__wcmdln, &MSVCRT___argc);
    if (wildcards) FIXME("wildcards in arguments are not expanded\n");
    msvcrt_init_wenviron();
    *argc = MSVCRT___argc;
    *argv = MSVCRT___wargv;
    *envp = MSVCRT___winitenv;
}

int *CDECL MSVCRT___p___argc(void) { return &MSVCRT___argc; }
char ***CDECL MSVCRT___p___argv(void) { return &MSVCRT___argv; }
WCHAR ***CDECL MSVCRT___p___wargv(void) { return &MSVCRT___wargv; }
char **CDECL MSVCRT___p__acmdln(void) { return &MSVCRT__acmdln; }
WCHAR **CDECL MSVCRT___p__wcmdln(void) { return &MSVCRT__wcmdln; }
int *CDECL MSVCRT___p__fmode(void) { return &MSVCRT__fmode; }
int *CDECL MSVCRT___p__commode(void) { return &MSVCRT__commode; }
char ***CDECL MSVCRT___p___initenv(void) { return &MSVCRT___initenv; }
WCHAR ***CDECL MSVCRT___p___winitenv(void) { return &MSVCRT___winitenv; }

int CDECL MSVCRT__set_fmode(int mode) { MSVCRT__fmode = mode; return 0; }
int CDECL MSVCRT__get_fmode(int *mode) { if (!mode) return MSVCRT_EINVAL; *mode = MSVCRT__fmode; return 0; }

void CDECL MSVCRT___set_app_type(int type) { app_type = type; }

/* Calls each non-NULL function pointer in [start, end). */
void CDECL MSVCRT__initterm(msvcrt_vfunc *start, msvcrt_vfunc *end)
{
    for (; start < end; start++)
        if (*start) (*start)();
}

int CDECL MSVCRT__initterm_e(initterm_e_fn *start, initterm_e_fn *end)
{
    for (; start < end; start++) {
        if (!*start) continue;
        int r = (*start)();
        if (r) return r;
    }
    return 0;
}

/* Runtime error: msvcrt prints "runtime error R60xx" and exits with 255. */
void CDECL MSVCRT__amsg_exit(int code)
{
    char buf[128];
    int n = snprintf(buf, sizeof(buf), "\nruntime error R60%02d\n", code);
    DWORD written;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), buf, n, &written, NULL);
    MSVCRT__exit(255);
}

void msvcrt_init_startup(void)
{
    MSVCRT__acmdln = GetCommandLineA();
    MSVCRT__wcmdln = GetCommandLineW();
    msvcrt_init_environ();
}
