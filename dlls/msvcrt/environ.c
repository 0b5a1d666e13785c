/* The CRT's environment (_environ, getenv, _putenv) and its ANSI helpers. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "msvcrt_private.h"
#include "winbase.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

char **MSVCRT__environ;
WCHAR **MSVCRT__wenviron;
extern char **MSVCRT___initenv;
extern WCHAR **MSVCRT___winitenv;
static CRITICAL_SECTION env_lock = { NULL, -1, 0, 0, 0, 0 };

WCHAR *msvcrt_strdup_AtoW(const char *s)
{
    if (!s) return NULL;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = malloc((n ? n : 1) * sizeof(WCHAR));
    if (!w) return NULL;
    if (!n || !MultiByteToWideChar(CP_ACP, 0, s, -1, w, n)) w[0] = 0;
    return w;
}

char *msvcrt_strdup_WtoA(const WCHAR *s)
{
    if (!s) return NULL;
    int n = WideCharToMultiByte(CP_ACP, 0, s, -1, NULL, 0, NULL, NULL);
    char *a = malloc(n ? n : 1);
    if (!a) return NULL;
    if (!n || !WideCharToMultiByte(CP_ACP, 0, s, -1, a, n, NULL, NULL)) a[0] = 0;
    return a;
}

/* Build the CRT's own copy; entries like "=C:=C:\dir" are left out, as msvcrt does. */
static char **build_environ(void)
{
    char *block = GetEnvironmentStringsA(), *p;
    int n = 0;
    if (!block) return calloc(1, sizeof(char *));
    for (p = block; *p; p += strlen(p) + 1) if (*p != '=') n++;
    char **env = malloc((n + 1) * sizeof(char *));
    if (env) {
        n = 0;
        for (p = block; *p; p += strlen(p) + 1) if (*p != '=') env[n++] = strdup(p);
        env[n] = NULL;
    }
    FreeEnvironmentStringsA(block);
    return env;
}

static WCHAR **build_wenviron(void)
{
    WCHAR *block = GetEnvironmentStringsW(), *p;
    int n = 0;
    if (!block) return calloc(1, sizeof(WCHAR *));
    for (p = block; *p; p += carafe_wcslen(p) + 1) if (*p != '=') n++;
    WCHAR **env = malloc((n + 1) * sizeof(WCHAR *));
    if (env) {
        n = 0;
        for (p = block; *p; p += carafe_wcslen(p) + 1) if (*p != '=') env[n++] = carafe_wcsdup(p);
        env[n] = NULL;
    }
    FreeEnvironmentStringsW(block);
    return env;
}

void msvcrt_init_environ(void)
{
    MSVCRT__environ = build_environ();
    MSVCRT___initenv = MSVCRT__environ;
}

void msvcrt_init_wenviron(void)
{
    if (!MSVCRT__wenviron) MSVCRT__wenviron = build_wenviron();
    MSVCRT___winitenv = MSVCRT__wenviron;
}

char ***CDECL MSVCRT___p__environ(void) { return &MSVCRT__environ; }
WCHAR ***CDECL MSVCRT___p__wenviron(void) { return &MSVCRT__wenviron; }

static int name_matches(const char *entry, const char *name, size_t len)
{
    return !strncasecmp(entry, name, len) && entry[len] == '=';
}

char *CDECL MSVCRT_getenv(const char *name)
{
    char *ret = NULL;
    if (!name) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; }
    size_t len = strlen(name);
    EnterCriticalSection(&env_lock);
    for (char **e = MSVCRT__environ; e && *e; e++)
        if (name_matches(*e, name, len)) { ret = *e + len + 1; break; }
    LeaveCriticalSection(&env_lock);
    return ret;
}

WCHAR *CDECL MSVCRT__wgetenv(const WCHAR *name)
{
    if (!name) { msvcrt_set_errno(MSVCRT_EINVAL); return NULL; }
    size_t len = carafe_wcslen(name);
    msvcrt_init_wenviron();
    for (WCHAR **e = MSVCRT__wenviron; e && *e; e++) {
        size_t i;
        for (i = 0; i < len; i++) {
            WCHAR a = name[i], b = (*e)[i];
            if (a >= 'a' && a <= 'z') a -= 32;
            if (b >= 'a' && b <= 'z') b -= 32;
            if (a != b) break;
        }
        if (i == len && (*e)[len] == '=') return *e + len + 1;
    }
    return NULL;
}

/* "NAME=value" sets, "NAME=" removes; both the CRT copy and the process. */
int CDECL MSVCRT__putenv(const char *str)
{
    const char *eq = str ? strchr(str, '=') : NULL;
    if (!eq || eq == str) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    size_t len = eq - str;
    char *name = strndup(str, len);
    int ret = SetEnvironmentVariableA(name, eq[1] ? eq + 1 : NULL) || !eq[1] ? 0 : -1;
    free(name);
    EnterCriticalSection(&env_lock);
    char **e = MSVCRT__environ;
    int n = 0, found = -1;
    for (; e && e[n]; n++) if (found < 0 && !strncasecmp(e[n], str, len) && e[n][len] == '=') found = n;
    if (found >= 0) {
        free(e[found]);
        if (eq[1]) e[found] = strdup(str);
        else memmove(e + found, e + found + 1, (n - found) * sizeof(char *));
    } else if (eq[1]) {
        char **ne = realloc(e, (n + 2) * sizeof(char *));
        if (ne) {
            ne[n] = strdup(str);
            ne[n + 1] = NULL;
            MSVCRT__environ = ne;
        } else ret = -1;
    }
    LeaveCriticalSection(&env_lock);
    if (MSVCRT__wenviron) {
        /* keep the wide copy in step */
        MSVCRT__wenviron = build_wenviron();
    }
    return ret;
}

int CDECL MSVCRT__wputenv(const WCHAR *str)
{
    char *a = msvcrt_strdup_WtoA(str);
    int r = a ? MSVCRT__putenv(a) : -1;
    free(a);
    return r;
}

int CDECL MSVCRT__putenv_s(const char *name, const char *value)
{
    if (!name || !value) return MSVCRT_EINVAL;
    size_t n = strlen(name) + strlen(value) + 2;
    char *s = malloc(n);
    if (!s) return MSVCRT_ENOMEM;
    snprintf(s, n, "%s=%s", name, value);
    int r = MSVCRT__putenv(s);
    free(s);
    return r ? msvcrt_errno : 0;
}
