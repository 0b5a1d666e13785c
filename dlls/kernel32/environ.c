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
    WCHAR *wname = k32_strdup_AtoW(name), *value = NULL;
    DWORD ret = 0;
    if (!wname || !*wname) { free(wname); SetLastError(ERROR_ENVVAR_NOT_FOUND); return 0; }
    EnterCriticalSection(&env_lock);
    WCHAR *var = find_var(params()->Environment, wname);
    if (var) value = carafe_wcsdup(var + carafe_wcslen(wname) + 1);
    LeaveCriticalSection(&env_lock);
    free(wname);
    if (!var) { SetLastError(ERROR_ENVVAR_NOT_FOUND); return 0; }
    if (!value) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    ret = k32_copy_WtoA(value, buf, size);   /* length copied, or size needed with the NUL */
    if (!*value) SetLastError(ERROR_SUCCESS);
    free(value);
    return ret;
}

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value)
{
    if (!name || !*name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* '=' may only lead a name (the "=C:" current-directory entries) */
    for (const WCHAR *p = name + 1; *p; p++)
        if (*p == '=') { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    EnterCriticalSection(&env_lock);
    RTL_USER_PROCESS_PARAMETERS *pp = params();
    WCHAR *env = pp->Environment;
    size_t total = block_len(env), nlen = carafe_wcslen(name), vlen = value ? carafe_wcslen(value) : 0;
    WCHAR *old = find_var(env, name);
    if (!old && !value) {   /* deleting what is not there succeeds */
        LeaveCriticalSection(&env_lock);
        return TRUE;
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

/* a growable UTF-16 string for the expansion */
struct wbuf { WCHAR *s; size_t len, cap; int failed; };

static void wbuf_put(struct wbuf *b, const WCHAR *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap) cap *= 2;
        WCHAR *t = realloc(b->s, cap * sizeof(WCHAR));
        if (!t) { b->failed = 1; return; }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n * sizeof(WCHAR));
    b->len += n;
}

/* %NAME% becomes the value of NAME; an unknown NAME (the empty one of "%%"
 * too) is kept with its percent signs and scanning resumes after it; a '%'
 * with no closing one is kept as it is. */
DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size)
{
    struct wbuf out = { 0 };
    const WCHAR *p = src;
    while (*p) {
        const WCHAR *end = p + 1;
        if (*p != '%') { wbuf_put(&out, p++, 1); continue; }
        while (*end && *end != '%') end++;
        if (!*end) { wbuf_put(&out, p, end - p); break; }
        size_t len = end - p - 1;
        WCHAR *name = malloc((len + 1) * sizeof(WCHAR)), *var = NULL;
        if (name) {
            memcpy(name, p + 1, len * sizeof(WCHAR));
            name[len] = 0;
            EnterCriticalSection(&env_lock);
            if (len && (var = find_var(params()->Environment, name))) {
                const WCHAR *value = var + len + 1;
                wbuf_put(&out, value, carafe_wcslen(value));
            }
            LeaveCriticalSection(&env_lock);
            free(name);
        } else out.failed = 1;
        if (!var) wbuf_put(&out, p, end + 1 - p);
        p = end + 1;
    }
    WCHAR nul = 0;
    wbuf_put(&out, &nul, 1);
    if (out.failed) { free(out.s); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    DWORD n = out.len;
    if (dst && n <= size) memcpy(dst, out.s, n * sizeof(WCHAR));
    free(out.s);
    return n;
}

DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size)
{
    WCHAR *w = k32_strdup_AtoW(src);
    if (!w) { SetLastError(src ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return 0; }
    DWORD n = ExpandEnvironmentStringsW(w, NULL, 0);
    WCHAR *out = n ? malloc(n * sizeof(WCHAR)) : NULL;
    if (!out) { free(w); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
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
    if (p->RuntimeData.Length) {   /* the C runtime's descriptors from a parent */
        info->cbReserved2 = p->RuntimeData.Length;
        info->lpReserved2 = (LPBYTE)p->RuntimeData.Buffer;
    }
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
    if (p->RuntimeData.Length) {
        info->cbReserved2 = p->RuntimeData.Length;
        info->lpReserved2 = (LPBYTE)p->RuntimeData.Buffer;
    }
}
