/* Odds and ends of the CRT that the mingw-w64 runtime DLLs import:
 * _assert/_wassert and the _utime family. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include "msvcrt_private.h"
#include "winbase.h"

void CDECL MSVCRT_abort(void);

/* msvcrt.dll's console form of the message, then abort() (exit code 3) */
void CDECL MSVCRT__assert(const char *expr, const char *file, unsigned int line)
{
    char msg[1024];
    DWORD written;
    int n = snprintf(msg, sizeof(msg), "Assertion failed: %s, file %s, line %u\n\n",
                     expr ? expr : "", file ? file : "", line);
    if (n > (int)sizeof(msg) - 1) n = sizeof(msg) - 1;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), msg, n, &written, NULL);
    MSVCRT_abort();
}

void CDECL MSVCRT__wassert(const WCHAR *expr, const WCHAR *file, unsigned int line)
{
    char *e = carafe_wide_to_utf8_alloc(expr ? expr : u""), *f = carafe_wide_to_utf8_alloc(file ? file : u"");
    MSVCRT__assert(e, f, line);
}

/* struct __utimbuf64 (and _utimbuf on x64, where time_t is 64 bits) */
struct msvcrt_utimbuf64 { long long actime, modtime; };

int CDECL MSVCRT__wutime64(const WCHAR *path, const struct msvcrt_utimbuf64 *times)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    char *unix_path = carafe_dos_to_unix(path);
    if (!unix_path) { msvcrt_set_errno(MSVCRT_ENOENT); return -1; }
    struct timeval tv[2];
    int r;
    if (times) {
        tv[0].tv_sec = times->actime;
        tv[1].tv_sec = times->modtime;
        tv[0].tv_usec = tv[1].tv_usec = 0;
        r = utimes(unix_path, tv);
    } else r = utimes(unix_path, NULL);   /* now */
    if (r) msvcrt_set_errno(msvcrt_errno_from_linux(errno));
    free(unix_path);
    return r ? -1 : 0;
}

int CDECL MSVCRT__utime64(const char *path, const struct msvcrt_utimbuf64 *times)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    WCHAR *w = msvcrt_strdup_AtoW(path);
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; }
    int r = MSVCRT__wutime64(w, times);
    free(w);
    return r;
}
