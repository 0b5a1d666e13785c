/* Copying files and making links: CopyFile(Ex), CreateHardLink,
 * CreateSymbolicLink. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file_private.h"

DEFAULT_DEBUG_CHANNEL(file);

#define COPY_BUFFER_SIZE 65536

static BOOL copy_data(int in, int out)
{
    char *buf = NULL;
    for (;;) {
        ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
        if (n > 0) continue;
        if (!n) return TRUE;
        if (errno == EINTR) continue;
        break;   /* not supported here: copy by hand */
    }
    if (!(buf = malloc(COPY_BUFFER_SIZE))) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    for (;;) {
        ssize_t n = read(in, buf, COPY_BUFFER_SIZE);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n < 0) carafe_set_errno_error();
            free(buf);
            return !n;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) { carafe_set_errno_error(); free(buf); return FALSE; }
            done += w;
        }
    }
}

/* Copies the data, the read-only state and the times; the new file's
 * attributes are the source's, as on Windows. */
BOOL WINAPI CopyFileExW(LPCWSTR from, LPCWSTR to, LPPROGRESS_ROUTINE progress, LPVOID data,
                        LPBOOL cancel, DWORD flags)
{
    char *ufrom = NULL, *uto = NULL;
    int in = -1, out = -1;
    struct stat sst, dst;
    BOOL ret = FALSE;
    if (!from || !to) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (progress) FIXME("progress routine is not called\n");
    if (!(ufrom = carafe_dos_to_unix(from)) || !(uto = carafe_dos_to_unix(to))) goto done;
    if ((in = open(ufrom, O_RDONLY | O_CLOEXEC)) < 0) {
        SetLastError(errno == ENOENT ? k32_missing_error(ufrom) : carafe_errno_to_win32(errno));
        goto done;
    }
    if (fstat(in, &sst)) { carafe_set_errno_error(); goto done; }
    if (S_ISDIR(sst.st_mode)) { SetLastError(ERROR_ACCESS_DENIED); goto done; }
    if (!stat(uto, &dst)) {
        if (flags & COPY_FILE_FAIL_IF_EXISTS) { SetLastError(ERROR_FILE_EXISTS); goto done; }
        /* the same file: truncating it would lose the data */
        if (dst.st_dev == sst.st_dev && dst.st_ino == sst.st_ino) { SetLastError(ERROR_SHARING_VIOLATION); goto done; }
        if (S_ISDIR(dst.st_mode) || !(dst.st_mode & S_IWUSR)) { SetLastError(ERROR_ACCESS_DENIED); goto done; }
    }
    int oflags = O_WRONLY | O_CREAT | O_CLOEXEC | ((flags & COPY_FILE_FAIL_IF_EXISTS) ? O_EXCL : O_TRUNC);
    if ((out = open(uto, oflags, 0600)) < 0) {
        DWORD err = carafe_errno_to_win32(errno);
        if (errno == EEXIST) err = ERROR_FILE_EXISTS;
        else if (errno == ENOENT) err = ERROR_PATH_NOT_FOUND;
        SetLastError(err);
        goto done;
    }
    if (!copy_data(in, out)) goto done;
    struct timespec ts[2] = { sst.st_atim, sst.st_mtim };
    futimens(out, ts);
    fchmod(out, sst.st_mode & 07777);
    ret = TRUE;
done:
    if (in >= 0) close(in);
    if (out >= 0) close(out);
    free(ufrom);
    free(uto);
    return ret;
}

BOOL WINAPI CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists)
{
    return CopyFileExW(from, to, NULL, NULL, NULL, fail_if_exists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

BOOL WINAPI CopyFileExA(LPCSTR from, LPCSTR to, LPPROGRESS_ROUTINE progress, LPVOID data,
                        LPBOOL cancel, DWORD flags)
{
    WCHAR *wf = k32_strdup_AtoW(from), *wt = k32_strdup_AtoW(to);
    BOOL r = (wf && wt) ? CopyFileExW(wf, wt, progress, data, cancel, flags)
                        : (SetLastError(ERROR_INVALID_PARAMETER), FALSE);
    free(wf);
    free(wt);
    return r;
}

BOOL WINAPI CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists)
{
    return CopyFileExA(from, to, NULL, NULL, NULL, fail_if_exists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

/* ---- links ---- */

BOOL WINAPI CreateHardLinkW(LPCWSTR name, LPCWSTR existing, LPSECURITY_ATTRIBUTES sa)
{
    char *uname = NULL, *uold = NULL;
    BOOL ret = FALSE;
    if (!name || !existing) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!(uname = carafe_dos_to_unix(name)) || !(uold = carafe_dos_to_unix(existing))) goto done;
    if (link(uold, uname)) {
        DWORD err = carafe_errno_to_win32(errno);
        if (errno == ENOENT) err = access(uold, F_OK) ? k32_missing_error(uold) : ERROR_PATH_NOT_FOUND;
        else if (errno == EPERM) err = ERROR_ACCESS_DENIED;   /* directories cannot be hard linked */
        SetLastError(err);
        goto done;
    }
    ret = TRUE;
done:
    free(uname);
    free(uold);
    return ret;
}

BOOL WINAPI CreateHardLinkA(LPCSTR name, LPCSTR existing, LPSECURITY_ATTRIBUTES sa)
{
    WCHAR *wn = k32_strdup_AtoW(name), *we = k32_strdup_AtoW(existing);
    BOOL r = (wn && we) ? CreateHardLinkW(wn, we, sa) : (SetLastError(ERROR_INVALID_PARAMETER), FALSE);
    free(wn);
    free(we);
    return r;
}

/* A relative target stays relative (with '/' separators); an absolute one
 * becomes the Unix path it maps to. */
BOOLEAN WINAPI CreateSymbolicLinkW(LPCWSTR name, LPCWSTR target, DWORD flags)
{
    char *uname = NULL, *utarget = NULL;
    BOOLEAN ret = FALSE;
    if (!name || !target || !*target) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!(uname = carafe_dos_to_unix(name))) goto done;
    int absolute = target[0] == '\\' || target[0] == '/' || (target[0] && target[1] == ':');
    if (absolute) utarget = carafe_dos_to_unix(target);
    else if ((utarget = carafe_wide_to_utf8_alloc(target)))
        for (char *p = utarget; *p; p++) if (*p == '\\') *p = '/';
    if (!utarget) goto done;
    if (symlink(utarget, uname)) {
        SetLastError(errno == ENOENT ? ERROR_PATH_NOT_FOUND : carafe_errno_to_win32(errno));
        goto done;
    }
    ret = TRUE;
done:
    free(uname);
    free(utarget);
    return ret;
}

BOOLEAN WINAPI CreateSymbolicLinkA(LPCSTR name, LPCSTR target, DWORD flags)
{
    WCHAR *wn = k32_strdup_AtoW(name), *wt = k32_strdup_AtoW(target);
    BOOLEAN r = (wn && wt) ? CreateSymbolicLinkW(wn, wt, flags) : (SetLastError(ERROR_INVALID_PARAMETER), FALSE);
    free(wn);
    free(wt);
    return r;
}
