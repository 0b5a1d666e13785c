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

#define S_OK ((HRESULT)0)
#define E_INVALIDARG ((HRESULT)0x80070057)
/* HRESULT_FROM_WIN32: facility 7 (FACILITY_WIN32), severity bit set */
#define HRESULT_FROM_WIN32(e) ((e) ? (HRESULT)(((e) & 0xffff) | 0x80070000) : S_OK)

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

/* Windows Error Reporting settings of this process (WER_FAULT_REPORTING_*).
 * carafe has no WER: the flags are kept so that WerGetFlags gives back what
 * WerSetFlags set, which is all a process can observe of them. */
static DWORD wer_flags;

HRESULT WINAPI WerSetFlags(DWORD flags)
{
    __atomic_store_n(&wer_flags, flags, __ATOMIC_RELAXED);
    return S_OK;
}

HRESULT WINAPI WerGetFlags(HANDLE process, PDWORD flags)
{
    if (!flags) return E_INVALIDARG;
    if (process != CURRENT_PROCESS) {
        DWORD id = GetProcessId(process);
        if (!id) return HRESULT_FROM_WIN32(GetLastError());
        if (id != GetCurrentProcessId()) {
            /* another process keeps its flags in its own kernel32 */
            FIXME("WER flags of process %lu\n", (unsigned long)id);
            return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
        }
    }
    *flags = __atomic_load_n(&wer_flags, __ATOMIC_RELAXED);
    return S_OK;
}

/* The system message table: Windows' English texts, by error number (as in
 * Microsoft's "System Error Codes" pages).  FormatMessage adds the CRLF. */
static const struct { DWORD code; const char *text; } messages[] = {
    { 0, "The operation completed successfully." },
    { 1, "Incorrect function." },
    { 2, "The system cannot find the file specified." },
    { 3, "The system cannot find the path specified." },
    { 4, "The system cannot open the file." },
    { 5, "Access is denied." },
    { 6, "The handle is invalid." },
    { 7, "The storage control blocks were destroyed." },
    { 8, "Not enough memory resources are available to process this command." },
    { 9, "The storage control block address is invalid." },
    { 10, "The environment is incorrect." },
    { 11, "An attempt was made to load a program with an incorrect format." },
    { 12, "The access code is invalid." },
    { 13, "The data is invalid." },
    { 14, "Not enough memory resources are available to complete this operation." },
    { 15, "The system cannot find the drive specified." },
    { 16, "The directory cannot be removed." },
    { 17, "The system cannot move the file to a different disk drive." },
    { 18, "There are no more files." },
    { 19, "The media is write protected." },
    { 21, "The device is not ready." },
    { 23, "Data error (cyclic redundancy check)." },
    { 29, "The system cannot write to the specified device." },
    { 30, "The system cannot read from the specified device." },
    { 31, "A device attached to the system is not functioning." },
    { 32, "The process cannot access the file because it is being used by another process." },
    { 33, "The process cannot access the file because another process has locked a portion of the file." },
    { 38, "Reached the end of the file." },
    { 39, "The disk is full." },
    { 50, "The request is not supported." },
    { 53, "The network path was not found." },
    { 67, "The network name cannot be found." },
    { 80, "The file exists." },
    { 82, "The directory or file cannot be created." },
    { 87, "The parameter is incorrect." },
    { 109, "The pipe has been ended." },
    { 110, "The system cannot open the device or file specified." },
    { 111, "The file name is too long." },
    { 112, "There is not enough space on the disk." },
    { 120, "This function is not supported on this system." },
    { 121, "The semaphore timeout period has expired." },
    { 122, "The data area passed to a system call is too small." },
    { 123, "The filename, directory name, or volume label syntax is incorrect." },
    { 126, "The specified module could not be found." },
    { 127, "The specified procedure could not be found." },
    { 131, "An attempt was made to move the file pointer before the beginning of the file." },
    { 145, "The directory is not empty." },
    { 160, "One or more arguments are not correct." },
    { 161, "The specified path is invalid." },
    { 170, "The requested resource is in use." },
    { 183, "Cannot create a file when that file already exists." },
    { 193, "%1 is not a valid Win32 application." },
    { 203, "The system could not find the environment option that was entered." },
    { 206, "The filename or extension is too long." },
    { 230, "The pipe state is invalid." },
    { 231, "All pipe instances are busy." },
    { 232, "The pipe is being closed." },
    { 233, "No process is on the other end of the pipe." },
    { 234, "More data is available." },
    { 258, "The wait operation timed out." },
    { 259, "No more data is available." },
    { 267, "The directory name is invalid." },
    { 288, "Attempt to release mutex not owned by caller." },
    { 298, "Too many posts were made to a semaphore." },
    { 299, "Only part of a ReadProcessMemory or WriteProcessMemory request was completed." },
    { 317, "The system cannot find message text for message number 0x%1 in the message file for %2." },
    { 487, "Attempt to access invalid address." },
    { 534, "Arithmetic result exceeded 32 bits." },
    { 535, "There is a process on other end of the pipe." },
    { 536, "Waiting for a process to open the other end of the pipe." },
    { 995, "The I/O operation has been aborted because of either a thread exit or an application request." },
    { 996, "Overlapped I/O event is not in a signaled state." },
    { 997, "Overlapped I/O operation is in progress." },
    { 998, "Invalid access to memory location." },
    { 1004, "Invalid flags." },
    { 1060, "The specified service does not exist as an installed service." },
    { 1113, "No mapping for the Unicode character exists in the target multi-byte code page." },
    { 1114, "A dynamic link library (DLL) initialization routine failed." },
    { 1168, "Element not found." },
    { 1223, "The operation was canceled by the user." },
    { 1300, "Not all privileges or groups referenced are assigned to the caller." },
    { 1314, "A required privilege is not held by the client." },
    { 1332, "No mapping between account names and security IDs was done." },
    { 1400, "Invalid window handle." },
    { 1410, "Class already exists." },
    { 1411, "Class does not exist." },
    { 1413, "Invalid index." },
    { 1460, "This operation returned because the timeout period expired." },
    { 1784, "The supplied user buffer is not valid for the requested operation." },
    { 1812, "The specified image file did not contain a resource section." },
    { 1813, "The specified resource type cannot be found in the image file." },
    { 1814, "The specified resource name cannot be found in the image file." },
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
    /* with ARGUMENT_ARRAY the "va_list *" is the array itself */
    const ULONG_PTR *array = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) ? (const ULONG_PTR *)args : NULL;
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
    if (!args) { args = &empty; flags |= FORMAT_MESSAGE_IGNORE_INSERTS; }   /* nothing to insert */
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
    if (!args) { args = &empty; flags |= FORMAT_MESSAGE_IGNORE_INSERTS; }   /* nothing to insert */
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
