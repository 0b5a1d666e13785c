/* Command line, environment block, startup information. */
#include <string.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(environ);

static RTL_USER_PROCESS_PARAMETERS *params(void)
{
    return NtCurrentTeb()->Peb->ProcessParameters;
}

LPWSTR WINAPI GetCommandLineW(void)
{
    return params()->CommandLine.Buffer;
}

LPSTR WINAPI GetCommandLineA(void)
{
    static char *line;
    if (!line) {
        int n = WideCharToMultiByte(CP_ACP, 0, GetCommandLineW(), -1, NULL, 0, NULL, NULL);
        char *l = malloc(n);
        if (l) WideCharToMultiByte(CP_ACP, 0, GetCommandLineW(), -1, l, n, NULL, NULL);
        line = l;
    }
    return line;
}

/* ---- the environment block: "NAME=value\0...\0\0", kept sorted ---- */

static CRITICAL_SECTION env_lock = { NULL, -1, 0, 0, 0, 0 };

static size_t block_len(const WCHAR *env)
{
    const WCHAR *p = env;
    while (*p) p += carafe_wcslen(p) + 1;
    return p - env + 1;
}

static WCHAR upper(WCHAR c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

/* Compare a NAME with the name part of an entry, ignoring case. */
static int name_cmp(const WCHAR *name, size_t len, const WCHAR *entry)
{
    size_t i;
    /* entries like "=C:=C:\dir" have a name that starts with '=' */
    for (i = 0; i < len; i++) {
        WCHAR a = upper(name[i]), b = upper(entry[i]);
        if (b == '=' && i) return 1;
        if (a != b) return (int)a - (int)b;
    }
    return entry[i] == '=' ? 0 : -1;
}

static WCHAR *find_var(WCHAR *env, const WCHAR *name)
{
    size_t len = carafe_wcslen(name);
    for (WCHAR *p = env; *p; p += carafe_wcslen(p) + 1)
        if (!name_cmp(name, len, p)) return p;
    return NULL;
}

DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR buf, DWORD size)
{
    if (!name || !*name) { SetLastError(ERROR_ENVVAR_NOT_FOUND); return 0; }
    EnterCriticalSection(&env_lock);
    WCHAR *var = find_var(params()->Environment, name);
    DWORD ret = 0;
    if (!var) SetLastError(ERROR_ENVVAR_NOT_FOUND);
    else {
        const WCHAR *value = var + carafe_wcslen(name) + 1;
        DWORD len = carafe_wcslen(value);
        if (len < size && buf) {
            memcpy(buf, value, (len + 1) * sizeof(WCHAR));
            ret = len;
        } else ret = len + 1;
        if (!len) SetLastError(ERROR_SUCCESS);
    }
    LeaveCriticalSection(&env_lock);
    return ret;
}

DWORD WINAPI GetEnvironmentVariableA(LPCSTR name, LPSTR buf, DWORD size)
{
    WCHAR *wname = k32_strdup_AtoW(name), wbuf[32768];
    if (!wname) { SetLastError(ERROR_ENVVAR_NOT_FOUND); return 0; }
    DWORD n = GetEnvironmentVariableW(wname, wbuf, 32768);
    free(wname);
    if (!n && GetLastError() != ERROR_SUCCESS) return 0;
    if (n >= 32768) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    if (!n) { if (buf && size) *buf = 0; return 0; }
    return k32_copy_WtoA(wbuf, buf, size);
}

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value)
{
    if (!name || !*name || (name[0] != '=' && memchr(name, '=', carafe_wcslen(name) * sizeof(WCHAR)) && 0)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    for (const WCHAR *p = name + 1; *p; p++)
        if (*p == '=') { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    EnterCriticalSection(&env_lock);
    RTL_USER_PROCESS_PARAMETERS *pp = params();
    WCHAR *env = pp->Environment;
    size_t total = block_len(env), nlen = carafe_wcslen(name), vlen = value ? carafe_wcslen(value) : 0;
    WCHAR *old = find_var(env, name);
    if (!old && !value) {
        LeaveCriticalSection(&env_lock);
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return FALSE;
    }
    WCHAR *nenv = malloc((total + nlen + vlen + 2) * sizeof(WCHAR)), *o = nenv;
    if (!nenv) { LeaveCriticalSection(&env_lock); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    int inserted = !value;
    for (WCHAR *p = env; *p; p += carafe_wcslen(p) + 1) {
        if (p == old) continue;
        if (!inserted && name_cmp(name, nlen, p) < 0) {
            memcpy(o, name, nlen * sizeof(WCHAR)); o += nlen;
            *o++ = '=';
            memcpy(o, value, vlen * sizeof(WCHAR)); o += vlen;
            *o++ = 0;
            inserted = 1;
        }
        size_t l = carafe_wcslen(p) + 1;
        memcpy(o, p, l * sizeof(WCHAR));
        o += l;
    }
    if (!inserted) {
        memcpy(o, name, nlen * sizeof(WCHAR)); o += nlen;
        *o++ = '=';
        memcpy(o, value, vlen * sizeof(WCHAR)); o += vlen;
        *o++ = 0;
    }
    *o++ = 0;
    pp->Environment = nenv;   /* the old block leaks: a caller may still read it */
    pp->EnvironmentSize = (o - nenv) * sizeof(WCHAR);
    LeaveCriticalSection(&env_lock);
    return TRUE;
}

BOOL WINAPI SetEnvironmentVariableA(LPCSTR name, LPCSTR value)
{
    WCHAR *wn = k32_strdup_AtoW(name), *wv = k32_strdup_AtoW(value);
    BOOL ret = SetEnvironmentVariableW(wn, wv);
    free(wn);
    free(wv);
    return ret;
}

LPWSTR WINAPI GetEnvironmentStringsW(void)
{
    EnterCriticalSection(&env_lock);
    WCHAR *env = params()->Environment;
    size_t len = block_len(env);
    WCHAR *copy = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR));
    if (copy) memcpy(copy, env, len * sizeof(WCHAR));
    LeaveCriticalSection(&env_lock);
    return copy;
}

LPSTR WINAPI GetEnvironmentStringsA(void)
{
    WCHAR *w = GetEnvironmentStringsW();
    if (!w) return NULL;
    int len = block_len(w);
    int n = WideCharToMultiByte(CP_ACP, 0, w, len, NULL, 0, NULL, NULL);
    char *a = HeapAlloc(GetProcessHeap(), 0, n);
    if (a) WideCharToMultiByte(CP_ACP, 0, w, len, a, n, NULL, NULL);
    HeapFree(GetProcessHeap(), 0, w);
    return a;
}

BOOL WINAPI FreeEnvironmentStringsW(LPWSTR p) { return HeapFree(GetProcessHeap(), 0, p); }
BOOL WINAPI FreeEnvironmentStringsA(LPSTR p) { return HeapFree(GetProcessHeap(), 0, p); }

DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size)
{
    size_t cap = 256, n = 0;
    WCHAR *out = malloc(cap * sizeof(WCHAR));
    if (!out) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
#define PUTW(c) do { if (n + 1 >= cap) { cap *= 2; out = realloc(out, cap * sizeof(WCHAR)); if (!out) return 0; } out[n++] = (c); } while (0)
    for (const WCHAR *p = src; *p;) {
        const WCHAR *end;
        if (*p == '%' && (end = p + 1) && ({ while (*end && *end != '%') end++; *end == '%'; }) && end > p + 1) {
            size_t len = end - p - 1;
            WCHAR name[512], value[32768];
            if (len < 512) {
                memcpy(name, p + 1, len * sizeof(WCHAR));
                name[len] = 0;
                DWORD vl = GetEnvironmentVariableW(name, value, 32768);
                if (vl && vl < 32768) {
                    for (DWORD i = 0; i < vl; i++) PUTW(value[i]);
                    p = end + 1;
                    continue;
                }
            }
            for (const WCHAR *q = p; q <= end; q++) PUTW(*q);   /* unknown: kept as is */
            p = end + 1;
            continue;
        }
        PUTW(*p);
        p++;
    }
    out[n++] = 0;
#undef PUTW
    if (dst && n <= size) memcpy(dst, out, n * sizeof(WCHAR));
    free(out);
    return n;
}

DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size)
{
    WCHAR *w = k32_strdup_AtoW(src);
    if (!w) return 0;
    DWORD n = ExpandEnvironmentStringsW(w, NULL, 0);
    WCHAR *out = malloc(n * sizeof(WCHAR));
    ExpandEnvironmentStringsW(w, out, n);
    DWORD need = WideCharToMultiByte(CP_ACP, 0, out, -1, NULL, 0, NULL, NULL);
    if (dst && need <= size) WideCharToMultiByte(CP_ACP, 0, out, -1, dst, size, NULL, NULL);
    free(w);
    free(out);
    return need;
}

void WINAPI GetStartupInfoW(STARTUPINFOW *info)
{
    RTL_USER_PROCESS_PARAMETERS *p = params();
    memset(info, 0, sizeof(*info));
    info->cb = sizeof(*info);
    info->lpTitle = p->ImagePathName.Buffer;
    info->dwFlags = STARTF_USESTDHANDLES;
    info->wShowWindow = 1;
    info->hStdInput = p->StandardInput;
    info->hStdOutput = p->StandardOutput;
    info->hStdError = p->StandardError;
}

void WINAPI GetStartupInfoA(STARTUPINFOA *info)
{
    static char *title;
    RTL_USER_PROCESS_PARAMETERS *p = params();
    if (!title) {
        int n = WideCharToMultiByte(CP_ACP, 0, p->ImagePathName.Buffer, -1, NULL, 0, NULL, NULL);
        if ((title = malloc(n))) WideCharToMultiByte(CP_ACP, 0, p->ImagePathName.Buffer, -1, title, n, NULL, NULL);
    }
    memset(info, 0, sizeof(*info));
    info->cb = sizeof(*info);
    info->lpTitle = title;
    info->dwFlags = STARTF_USESTDHANDLES;
    info->wShowWindow = 1;
    info->hStdInput = p->StandardInput;
    info->hStdOutput = p->StandardOutput;
    info->hStdError = p->StandardError;
}
