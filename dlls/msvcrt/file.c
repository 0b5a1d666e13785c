/* File management by name: remove, rename, _unlink. */
#include "msvcrt_private.h"
#include "winbase.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

int CDECL MSVCRT__wunlink(const WCHAR *path)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    if (!DeleteFileW(path)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL MSVCRT__unlink(const char *path)
{
    WCHAR *w = msvcrt_strdup_AtoW(path);
    if (!w) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    int r = MSVCRT__wunlink(w);
    free(w);
    return r;
}

int CDECL MSVCRT_remove(const char *path) { return MSVCRT__unlink(path); }
int CDECL MSVCRT__wremove(const WCHAR *path) { return MSVCRT__wunlink(path); }

/* msvcrt's rename does not replace an existing file */
int CDECL MSVCRT__wrename(const WCHAR *from, const WCHAR *to)
{
    if (!from || !to) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    if (!MoveFileExW(from, to, 2 /* MOVEFILE_COPY_ALLOWED */)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL MSVCRT_rename(const char *from, const char *to)
{
    WCHAR *wf = msvcrt_strdup_AtoW(from), *wt = msvcrt_strdup_AtoW(to);
    int r = (wf && wt) ? MSVCRT__wrename(wf, wt) : (msvcrt_set_errno(MSVCRT_EINVAL), -1);
    free(wf);
    free(wt);
    return r;
}
