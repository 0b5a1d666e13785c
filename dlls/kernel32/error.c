/* Last error, error mode, FormatMessage for system errors. */
#include <stdio.h>
#include <string.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(error);

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x200
#define FORMAT_MESSAGE_FROM_STRING     0x400
#define FORMAT_MESSAGE_FROM_HMODULE    0x800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x1000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x2000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0xff

static UINT error_mode;

DWORD WINAPI GetLastError(void)
{
    return NtCurrentTeb()->LastErrorValue;
}

void WINAPI SetLastError(DWORD err)
{
    NtCurrentTeb()->LastErrorValue = err;
}

UINT WINAPI SetErrorMode(UINT mode)
{
    UINT old = error_mode;
    error_mode = mode;
    return old;
}

UINT WINAPI GetErrorMode(void)
{
    return error_mode;
}

/* The system message table: Windows' English texts. */
static const struct { DWORD code; const char *text; } messages[] = {
    { ERROR_SUCCESS, "The operation completed successfully." },
    { ERROR_INVALID_FUNCTION, "Incorrect function." },
    { ERROR_FILE_NOT_FOUND, "The system cannot find the file specified." },
    { ERROR_PATH_NOT_FOUND, "The system cannot find the path specified." },
    { ERROR_TOO_MANY_OPEN_FILES, "The system cannot open the file." },
    { ERROR_ACCESS_DENIED, "Access is denied." },
    { ERROR_INVALID_HANDLE, "The handle is invalid." },
    { ERROR_NOT_ENOUGH_MEMORY, "Not enough memory resources are available to process this command." },
    { ERROR_INVALID_DATA, "The data is invalid." },
    { ERROR_OUTOFMEMORY, "Not enough memory resources are available to complete this operation." },
    { ERROR_INVALID_DRIVE, "The system cannot find the drive specified." },
    { ERROR_NOT_SAME_DEVICE, "The system cannot move the file to a different disk drive." },
    { ERROR_NO_MORE_FILES, "There are no more files." },
    { ERROR_WRITE_PROTECT, "The media is write protected." },
    { ERROR_SHARING_VIOLATION, "The process cannot access the file because it is being used by another process." },
    { ERROR_HANDLE_EOF, "Reached the end of the file." },
    { ERROR_NOT_SUPPORTED, "The request is not supported." },
    { ERROR_FILE_EXISTS, "The file exists." },
    { ERROR_INVALID_PARAMETER, "The parameter is incorrect." },
    { ERROR_BROKEN_PIPE, "The pipe has been ended." },
    { ERROR_DISK_FULL, "There is not enough space on the disk." },
    { ERROR_CALL_NOT_IMPLEMENTED, "This function is not supported on this system." },
    { ERROR_INSUFFICIENT_BUFFER, "The data area passed to a system call is too small." },
    { ERROR_INVALID_NAME, "The filename, directory name, or volume label syntax is incorrect." },
    { ERROR_MOD_NOT_FOUND, "The specified module could not be found." },
    { ERROR_PROC_NOT_FOUND, "The specified procedure could not be found." },
    { ERROR_DIR_NOT_EMPTY, "The directory is not empty." },
    { ERROR_ALREADY_EXISTS, "Cannot create a file when that file already exists." },
    { ERROR_BAD_EXE_FORMAT, "%1 is not a valid Win32 application." },
    { ERROR_ENVVAR_NOT_FOUND, "The system could not find the environment option that was entered." },
    { ERROR_FILENAME_EXCED_RANGE, "The filename or extension is too long." },
    { ERROR_NO_DATA, "The pipe is being closed." },
    { ERROR_MORE_DATA, "More data is available." },
    { ERROR_DIRECTORY, "The directory name is invalid." },
    { ERROR_NOACCESS, "Invalid access to memory location." },
    { ERROR_NO_UNICODE_TRANSLATION, "No mapping for the Unicode character exists in the target multi-byte code page." },
    { ERROR_DLL_INIT_FAILED, "A dynamic link library (DLL) initialization routine failed." },
    { ERROR_INVALID_FLAGS, "Invalid flags." },
    { ERROR_TIMEOUT, "This operation returned because the timeout period expired." },
};

static const char *system_message(DWORD code)
{
    for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
        if (messages[i].code == code) return messages[i].text;
    return NULL;
}

/* Format a message into a malloc'd UTF-16 string.  Inserts %1..%99 take
 * strings (or !fmt! printf formats for the common integer cases). */
static WCHAR *format_message(DWORD flags, const WCHAR *src, __builtin_ms_va_list *args, int wide_args, DWORD *len_out)
{
    size_t cap = 256, n = 0;
    WCHAR *out = malloc(cap * sizeof(WCHAR));
    const ULONG_PTR *array = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) ? (const ULONG_PTR *)*args : NULL;
    ULONG_PTR argv[100] = { 0 };
    int fetched = 0;
    if (!out) return NULL;
#define PUT(c) do { if (n + 2 >= cap) { cap *= 2; WCHAR *t = realloc(out, cap * sizeof(WCHAR)); if (!t) { free(out); return NULL; } out = t; } out[n++] = (c); } while (0)
    for (const WCHAR *p = src; *p; p++) {
        if (*p != '%') { PUT(*p); continue; }
        p++;
        if (!*p) break;
        if (*p >= '1' && *p <= '9') {
            int num = *p - '0';
            if (p[1] >= '0' && p[1] <= '9') num = num * 10 + (*++p - '0');
            if (flags & FORMAT_MESSAGE_IGNORE_INSERTS) {
                char tmp[8];
                snprintf(tmp, sizeof(tmp), "%%%d", num);
                for (char *t = tmp; *t; t++) PUT(*t);
                continue;
            }
            char fmt[32] = "s";
            if (p[1] == '!') {
                const WCHAR *end = p + 2;
                size_t k = 0;
                while (*end && *end != '!' && k < sizeof(fmt) - 1) fmt[k++] = (char)*end++;
                fmt[k] = 0;
                if (*end == '!') p = end;
            }
            ULONG_PTR value;
            if (array) value = array[num - 1];
            else {
                while (fetched < num && fetched < 100) argv[fetched++] = __builtin_va_arg(*args, ULONG_PTR);
                value = argv[num - 1];
            }
            size_t flen = strlen(fmt);
            if (fmt[flen - 1] == 's' || fmt[flen - 1] == 'S') {
                int wide = fmt[flen - 1] == 'S' ? !wide_args : wide_args;
                if (strchr(fmt, 'h')) wide = 0;
                if (strchr(fmt, 'l') || strchr(fmt, 'w')) wide = 1;
                if (wide) for (const WCHAR *s = (const WCHAR *)value; s && *s; s++) PUT(*s);
                else {
                    WCHAR *w = k32_strdup_AtoW((const char *)value);
                    for (const WCHAR *s = w; s && *s; s++) PUT(*s);
                    free(w);
                }
            } else {
                char cfmt[40], tmp[128];
                snprintf(cfmt, sizeof(cfmt), "%%%s", fmt);
                /* Windows integers are 32-bit unless I64 is given */
                char *i64 = strstr(cfmt, "I64");
                if (i64) { memmove(i64 + 2, i64 + 3, strlen(i64 + 3) + 1); i64[0] = 'l'; i64[1] = 'l'; snprintf(tmp, sizeof(tmp), cfmt, (long long)value); }
                else snprintf(tmp, sizeof(tmp), cfmt, (int)value);
                for (char *t = tmp; *t; t++) PUT(*t);
            }
        } else if (*p == 'n') { PUT('\r'); PUT('\n'); }
        else if (*p == 'r') PUT('\r');
        else if (*p == 't') PUT('\t');
        else if (*p == '0') break;
        else PUT(*p);   /* %% %. %! and the like */
    }
    out[n] = 0;
    *len_out = n;
    return out;
#undef PUT
}

static WCHAR *message_source(DWORD flags, LPCVOID source, DWORD id, int ansi)
{
    if (flags & FORMAT_MESSAGE_FROM_STRING)
        return ansi ? k32_strdup_AtoW(source) : carafe_wcsdup(source);
    if (flags & FORMAT_MESSAGE_FROM_SYSTEM) {
        const char *text = system_message(id);
        if (text) {
            char buf[512];
            snprintf(buf, sizeof(buf), "%s\r\n", text);   /* system messages end with CRLF */
            return carafe_utf8_to_wide_alloc(buf);
        }
    }
    if (flags & FORMAT_MESSAGE_FROM_HMODULE) FIXME("message tables of modules are not supported\n");
    SetLastError(ERROR_MR_MID_NOT_FOUND);
    return NULL;
}

DWORD WINAPI FormatMessageW(DWORD flags, LPCVOID source, DWORD id, DWORD lang, LPWSTR buffer, DWORD size,
                            __builtin_ms_va_list *args)
{
    DWORD len;
    WCHAR *src = message_source(flags, source, id, 0);
    if (!src) return 0;
    __builtin_ms_va_list empty = NULL;
    if (!args) { args = &empty; if (!(flags & FORMAT_MESSAGE_ARGUMENT_ARRAY)) flags |= FORMAT_MESSAGE_IGNORE_INSERTS; }
    WCHAR *msg = format_message(flags, src, args, 1, &len);
    free(src);
    if (!msg) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        WCHAR *buf = LocalAlloc(LMEM_FIXED, (len + 1 > size ? len + 1 : size) * sizeof(WCHAR));
        if (!buf) { free(msg); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
        memcpy(buf, msg, (len + 1) * sizeof(WCHAR));
        *(WCHAR **)buffer = buf;
    } else {
        if (len >= size) { free(msg); SetLastError(ERROR_INSUFFICIENT_BUFFER); return 0; }
        memcpy(buffer, msg, (len + 1) * sizeof(WCHAR));
    }
    free(msg);
    return len;
}

DWORD WINAPI FormatMessageA(DWORD flags, LPCVOID source, DWORD id, DWORD lang, LPSTR buffer, DWORD size,
                            __builtin_ms_va_list *args)
{
    DWORD len;
    WCHAR *src = message_source(flags, source, id, 1);
    if (!src) return 0;
    __builtin_ms_va_list empty = NULL;
    if (!args) { args = &empty; if (!(flags & FORMAT_MESSAGE_ARGUMENT_ARRAY)) flags |= FORMAT_MESSAGE_IGNORE_INSERTS; }
    WCHAR *msg = format_message(flags, src, args, 0, &len);
    free(src);
    if (!msg) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    DWORD need = k32_copy_WtoA(msg, NULL, 0);   /* with NUL */
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        char *buf = LocalAlloc(LMEM_FIXED, need > size ? need : size);
        if (!buf) { free(msg); SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
        k32_copy_WtoA(msg, buf, need);
        *(char **)buffer = buf;
    } else {
        if (need > size) { free(msg); SetLastError(ERROR_INSUFFICIENT_BUFFER); return 0; }
        k32_copy_WtoA(msg, buffer, size);
    }
    free(msg);
    return need - 1;
}
