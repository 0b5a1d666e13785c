/* msvcrt errno: the per-thread errno and _doserrno, the error-code
 * translations other files use, and the strerror family with the messages
 * Microsoft's C runtime prints (they differ from glibc's wording). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "msvcrt_private.h"
#include "winerror.h"

struct msvcrt_thread_data *msvcrt_thread_data_alloc(void)
{
    struct msvcrt_thread_data *td = calloc(1, sizeof(*td));
    if (!td) abort();
    td->rand_seed = 1;
    NtCurrentTeb()->carafe_dll_data[CARAFE_TLS_MSVCRT] = td;
    return td;
}

/* The table programs see as _sys_errlist; index 43 is the catch-all. */
static char msg_unknown[] = "Unknown error";
char *MSVCRT__sys_errlist[] = {
    "No error", "Operation not permitted", "No such file or directory",
    "No such process", "Interrupted function call", "Input/output error",
    "No such device or address", "Arg list too long", "Exec format error",
    "Bad file descriptor", "No child processes",
    "Resource temporarily unavailable", "Not enough space",
    "Permission denied", "Bad address", msg_unknown, "Resource device",
    "File exists", "Improper link", "No such device", "Not a directory",
    "Is a directory", "Invalid argument", "Too many open files in system",
    "Too many open files", "Inappropriate I/O control operation",
    msg_unknown, "File too large", "No space left on device",
    "Invalid seek", "Read-only file system", "Too many links",
    "Broken pipe", "Domain error", "Result too large", msg_unknown,
    "Resource deadlock avoided", msg_unknown, "Filename too long",
    "No locks available", "Function not implemented",
    "Directory not empty", "Illegal byte sequence", msg_unknown,
};
int MSVCRT__sys_nerr = sizeof(MSVCRT__sys_errlist) / sizeof(MSVCRT__sys_errlist[0]) - 1;

static const char *errno_message(int err)
{
    if (err < 0 || err > MSVCRT__sys_nerr) err = MSVCRT__sys_nerr;
    return MSVCRT__sys_errlist[err];
}

int * CDECL MSVCRT__errno(void) { return &msvcrt_errno; }
unsigned long * CDECL MSVCRT___doserrno(void) { return &msvcrt_doserrno; }

int CDECL MSVCRT__get_errno(int *value)
{
    if (!value) return MSVCRT_EINVAL;
    *value = msvcrt_errno;
    return 0;
}

int CDECL MSVCRT__set_errno(int value)
{
    msvcrt_errno = value;
    return 0;
}

int CDECL MSVCRT__get_doserrno(uint32_t *value)
{
    if (!value) return MSVCRT_EINVAL;
    *value = (uint32_t)msvcrt_doserrno;
    return 0;
}

int CDECL MSVCRT__set_doserrno(uint32_t value)
{
    msvcrt_doserrno = value;
    return 0;
}

int msvcrt_errno_from_linux(int err)
{
    switch (err) {
    case 0: return 0;
    case ENOTBLK: return MSVCRT_EINVAL;     /* no Windows counterparts */
    case ETXTBSY: return MSVCRT_EACCES;
    case EDEADLK: return MSVCRT_EDEADLK;
    case ENAMETOOLONG: return MSVCRT_ENAMETOOLONG;
    case ENOLCK: return MSVCRT_ENOLCK;
    case ENOSYS: return MSVCRT_ENOSYS;
    case ENOTEMPTY: return MSVCRT_ENOTEMPTY;
    case EILSEQ: return MSVCRT_EILSEQ;
    case ELOOP: return MSVCRT_ENOENT;
    case EOVERFLOW: return MSVCRT_EFBIG;
    case EOPNOTSUPP: return MSVCRT_ENOSYS;
    case EDQUOT: return MSVCRT_ENOSPC;
    }
    if (err >= 1 && err <= 34) return err;  /* same numbers on both sides */
    return MSVCRT_EINVAL;
}

/* Win32 error -> errno, the mapping the CRT's own file functions apply. */
static int errno_from_win32(DWORD err)
{
    static const struct { unsigned short win32; unsigned char crt; } map[] = {
        { 1, MSVCRT_EINVAL },      /* ERROR_INVALID_FUNCTION */
        { 2, MSVCRT_ENOENT },      /* ERROR_FILE_NOT_FOUND */
        { 3, MSVCRT_ENOENT },      /* ERROR_PATH_NOT_FOUND */
        { 4, MSVCRT_EMFILE },      /* ERROR_TOO_MANY_OPEN_FILES */
        { 5, MSVCRT_EACCES },      /* ERROR_ACCESS_DENIED */
        { 6, MSVCRT_EBADF },       /* ERROR_INVALID_HANDLE */
        { 7, MSVCRT_ENOMEM },      /* ERROR_ARENA_TRASHED */
        { 8, MSVCRT_ENOMEM },      /* ERROR_NOT_ENOUGH_MEMORY */
        { 9, MSVCRT_ENOMEM },      /* ERROR_INVALID_BLOCK */
        { 10, MSVCRT_E2BIG },      /* ERROR_BAD_ENVIRONMENT */
        { 11, MSVCRT_ENOEXEC },    /* ERROR_BAD_FORMAT */
        { 12, MSVCRT_EINVAL },     /* ERROR_INVALID_ACCESS */
        { 13, MSVCRT_EINVAL },     /* ERROR_INVALID_DATA */
        { 15, MSVCRT_ENOENT },     /* ERROR_INVALID_DRIVE */
        { 16, MSVCRT_EACCES },     /* ERROR_CURRENT_DIRECTORY */
        { 17, MSVCRT_EXDEV },      /* ERROR_NOT_SAME_DEVICE */
        { 18, MSVCRT_ENOENT },     /* ERROR_NO_MORE_FILES */
        { 33, MSVCRT_EACCES },     /* ERROR_LOCK_VIOLATION */
        { 53, MSVCRT_ENOENT },     /* ERROR_BAD_NETPATH */
        { 65, MSVCRT_EACCES },     /* ERROR_NETWORK_ACCESS_DENIED */
        { 67, MSVCRT_ENOENT },     /* ERROR_BAD_NET_NAME */
        { 80, MSVCRT_EEXIST },     /* ERROR_FILE_EXISTS */
        { 82, MSVCRT_EACCES },     /* ERROR_CANNOT_MAKE */
        { 83, MSVCRT_EACCES },     /* ERROR_FAIL_I24 */
        { 87, MSVCRT_EINVAL },     /* ERROR_INVALID_PARAMETER */
        { 89, MSVCRT_EAGAIN },     /* ERROR_NO_PROC_SLOTS */
        { 108, MSVCRT_EACCES },    /* ERROR_DRIVE_LOCKED */
        { 109, MSVCRT_EPIPE },     /* ERROR_BROKEN_PIPE */
        { 112, MSVCRT_ENOSPC },    /* ERROR_DISK_FULL */
        { 114, MSVCRT_EBADF },     /* ERROR_INVALID_TARGET_HANDLE */
        { 128, MSVCRT_ECHILD },    /* ERROR_WAIT_NO_CHILDREN */
        { 129, MSVCRT_ECHILD },    /* ERROR_CHILD_NOT_COMPLETE */
        { 130, MSVCRT_EBADF },     /* ERROR_DIRECT_ACCESS_HANDLE */
        { 131, MSVCRT_EINVAL },    /* ERROR_NEGATIVE_SEEK */
        { 132, MSVCRT_EACCES },    /* ERROR_SEEK_ON_DEVICE */
        { 145, MSVCRT_ENOTEMPTY }, /* ERROR_DIR_NOT_EMPTY */
        { 158, MSVCRT_EACCES },    /* ERROR_NOT_LOCKED */
        { 161, MSVCRT_ENOENT },    /* ERROR_BAD_PATHNAME */
        { 164, MSVCRT_EAGAIN },    /* ERROR_MAX_THRDS_REACHED */
        { 167, MSVCRT_EACCES },    /* ERROR_LOCK_FAILED */
        { 183, MSVCRT_EEXIST },    /* ERROR_ALREADY_EXISTS */
        { 206, MSVCRT_ENOENT },    /* ERROR_FILENAME_EXCED_RANGE */
        { 215, MSVCRT_EAGAIN },    /* ERROR_NESTING_NOT_ALLOWED */
        { 1816, MSVCRT_ENOMEM },   /* ERROR_NOT_ENOUGH_QUOTA */
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (map[i].win32 == err) return map[i].crt;
    /* ERROR_WRITE_PROTECT .. ERROR_SHARING_BUFFER_EXCEEDED */
    if (err >= 19 && err <= 36) return MSVCRT_EACCES;
    /* ERROR_INVALID_STARTING_CODESEG .. ERROR_INFLOOP_IN_RELOC_CHAIN */
    if (err >= 188 && err <= 202) return MSVCRT_ENOEXEC;
    return MSVCRT_EINVAL;
}

void msvcrt_set_errno_from_win32(DWORD err)
{
    msvcrt_doserrno = err;
    msvcrt_errno = errno_from_win32(err);
}

char * CDECL MSVCRT_strerror(int err)
{
    /* programs may write to the result; each thread gets its own copy */
    char *buf = msvcrt_td()->strerror_buf;
    snprintf(buf, 96, "%s", errno_message(err));
    return buf;
}

int CDECL MSVCRT_strerror_s(char *buf, size_t size, int err)
{
    if (!buf || !size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    snprintf(buf, size, "%s", errno_message(err));
    return 0;
}

/* _strerror(s): "s: <message of errno>\n", or just the message and newline */
char * CDECL MSVCRT__strerror(const char *str)
{
    char *buf = msvcrt_td()->_strerror_buf;
    const char *msg = errno_message(msvcrt_errno);
    if (str && *str) snprintf(buf, 256, "%.*s: %s\n", 94, str, msg);
    else snprintf(buf, 256, "%s\n", msg);
    return buf;
}

static void ascii_to_wide(WCHAR *dst, size_t size, const char *src)
{
    size_t i;
    for (i = 0; i + 1 < size && src[i]; i++) dst[i] = (unsigned char)src[i];
    if (size) dst[i] = 0;
}

WCHAR * CDECL MSVCRT__wcserror(int err)
{
    WCHAR *buf = msvcrt_td()->wcserror_buf;
    ascii_to_wide(buf, 96, errno_message(err));
    return buf;
}

int CDECL MSVCRT__wcserror_s(WCHAR *buf, size_t size, int err)
{
    if (!buf || !size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    ascii_to_wide(buf, size, errno_message(err));
    return 0;
}

/* __wcserror(s): L"s: <message of errno>\n" */
WCHAR * CDECL MSVCRT___wcserror(const WCHAR *str)
{
    WCHAR *buf = msvcrt_td()->__wcserror_buf;
    char msg[100];
    size_t n = 0;
    if (str && *str) {
        while (str[n] && n < 94) { buf[n] = str[n]; n++; }
        buf[n++] = ':';
        buf[n++] = ' ';
    }
    snprintf(msg, sizeof(msg), "%s\n", errno_message(msvcrt_errno));
    ascii_to_wide(buf + n, 256 - n, msg);
    return buf;
}

int CDECL MSVCRT___wcserror_s(WCHAR *buf, size_t size, const WCHAR *str)
{
    if (!buf || !size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    const WCHAR *msg = MSVCRT___wcserror(str);
    size_t i;
    for (i = 0; i + 1 < size && msg[i]; i++) buf[i] = msg[i];
    buf[i] = 0;
    return 0;
}
