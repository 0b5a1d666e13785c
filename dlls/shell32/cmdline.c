/* CommandLineToArgvW with Windows' splitting rules:
 *  - the first argument is the program name: if it starts with a quote it
 *    runs to the next quote (no escapes) and ends there; otherwise it runs
 *    to the first space or tab, quotes included;
 *  - a command line starting with whitespace has an empty program name;
 *  - later arguments are separated by spaces and tabs outside quotes;
 *    2n backslashes before a quote give n backslashes and the quote opens
 *    or closes quoting; 2n+1 give n backslashes and a literal quote;
 *    backslashes elsewhere are literal; inside quotes "" gives a literal
 *    quote and ends the quoting;
 *  - an empty command line gives the path of the executable.
 * The result is one LocalAlloc block (pointers, then the strings), freed
 * by the caller with LocalFree. */
#include "winbase.h"
#include "winerror.h"
#include "winnls.h"

static int is_blank(WCHAR c)
{
    return c == ' ' || c == '\t';
}

/* Splits cmdline; with argv == NULL only counts arguments and characters
 * (terminators included). */
static int split(const WCHAR *p, WCHAR **argv, WCHAR *out, size_t *chars)
{
    int argc = 0;
    size_t n = 0;

#define EMIT(c) do { if (out) out[n] = (c); n++; } while (0)
    /* the program name */
    if (argv) argv[argc] = out + n;
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) EMIT(*p);
        if (*p) p++;
    } else {
        for (; *p && !is_blank(*p); p++) EMIT(*p);
    }
    EMIT(0);
    argc++;

    for (;;) {
        while (is_blank(*p)) p++;
        if (!*p) break;
        if (argv) argv[argc] = out + n;
        int quoted = 0;
        while (*p && (quoted || !is_blank(*p))) {
            if (*p == '\\') {
                int slashes = 0;
                while (*p == '\\') { slashes++; p++; }
                if (*p == '"') {
                    for (int i = 0; i < slashes / 2; i++) EMIT('\\');
                    if (slashes % 2) { EMIT('"'); p++; }
                } else {
                    for (int i = 0; i < slashes; i++) EMIT('\\');
                }
                continue;
            }
            if (*p == '"') {
                if (quoted && p[1] == '"') {
                    EMIT('"');
                    p += 2;
                    quoted = 0;
                    continue;
                }
                quoted = !quoted;
                p++;
                continue;
            }
            EMIT(*p);
            p++;
        }
        EMIT(0);
        argc++;
    }
#undef EMIT
    *chars = n;
    return argc;
}

LPWSTR *WINAPI CommandLineToArgvW(LPCWSTR cmdline, int *numargs)
{
    WCHAR path[MAX_PATH + 1];
    size_t chars;

    if (!numargs) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!cmdline || !*cmdline) {
        DWORD len = GetModuleFileNameW(NULL, path, MAX_PATH + 1);
        if (!len || len > MAX_PATH) return NULL;
        WCHAR **argv = LocalAlloc(LMEM_FIXED, 2 * sizeof(WCHAR *) + (len + 1) * sizeof(WCHAR));
        if (!argv) return NULL;
        WCHAR *s = (WCHAR *)(argv + 2);
        for (DWORD i = 0; i <= len; i++) s[i] = path[i];
        argv[0] = s;
        argv[1] = NULL;
        *numargs = 1;
        return argv;
    }
    int argc = split(cmdline, NULL, NULL, &chars);
    WCHAR **argv = LocalAlloc(LMEM_FIXED, (argc + 1) * sizeof(WCHAR *) + chars * sizeof(WCHAR));
    if (!argv) return NULL;
    split(cmdline, argv, (WCHAR *)(argv + argc + 1), &chars);
    argv[argc] = NULL;
    *numargs = argc;
    return argv;
}
