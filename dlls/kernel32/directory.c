/* Directories, the current directory, deleting files, temporary files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(file);

/* Run fn on the Unix form of a Windows path; the error is set on failure. */
#define WITH_UNIX_PATH(wpath, upath, body)                      \
    do {                                                        \
        char *upath = carafe_dos_to_unix(wpath);                \
        if (!upath) return FALSE;                               \
        body;                                                   \
        free(upath);                                            \
    } while (0)

/* Wrap a W function taking one path for its A form. */
#define A_FROM_W(name, ret_t, fail)                             \
    ret_t WINAPI name##A(LPCSTR path)                           \
    {                                                           \
        WCHAR *w = k32_strdup_AtoW(path);                       \
        if (!w) { SetLastError(ERROR_PATH_NOT_FOUND); return fail; } \
        ret_t r = name##W(w);                                   \
        free(w);                                                \
        return r;                                               \
    }

static DWORD missing_error(const char *upath)
{
    /* ENOENT on the last component is "file", on a directory above "path" */
    char *copy = strdup(upath), *slash = copy ? strrchr(copy, '/') : NULL;
    struct stat st;
    DWORD err = ERROR_FILE_NOT_FOUND;
    if (slash && slash != copy) {
        *slash = 0;
        if (stat(copy, &st) || !S_ISDIR(st.st_mode)) err = ERROR_PATH_NOT_FOUND;
    }
    free(copy);
    return err;
}

BOOL WINAPI DeleteFileW(LPCWSTR path)
{
    BOOL ret = TRUE;
    struct stat st;
    WITH_UNIX_PATH(path, u, {
        /* directories and read-only files cannot be deleted */
        if (!lstat(u, &st) && (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && !(st.st_mode & S_IWUSR)))) {
            SetLastError(ERROR_ACCESS_DENIED);
            ret = FALSE;
        }
        else if (unlink(u)) {
            SetLastError(errno == ENOENT ? missing_error(u) : carafe_errno_to_win32(errno));
            ret = FALSE;
        }
    });
    return ret;
}
A_FROM_W(DeleteFile, BOOL, FALSE)

BOOL WINAPI CreateDirectoryW(LPCWSTR path, LPSECURITY_ATTRIBUTES sa)
{
    BOOL ret = TRUE;
    WITH_UNIX_PATH(path, u, {
        if (mkdir(u, 0777)) {
            SetLastError(errno == ENOENT ? ERROR_PATH_NOT_FOUND : carafe_errno_to_win32(errno));
            ret = FALSE;
        }
    });
    return ret;
}

BOOL WINAPI CreateDirectoryA(LPCSTR path, LPSECURITY_ATTRIBUTES sa)
{
    WCHAR *w = k32_strdup_AtoW(path);
    if (!w) { SetLastError(ERROR_PATH_NOT_FOUND); return FALSE; }
    BOOL r = CreateDirectoryW(w, sa);
    free(w);
    return r;
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR path)
{
    BOOL ret = TRUE;
    WITH_UNIX_PATH(path, u, {
        if (rmdir(u)) {
            DWORD err = carafe_errno_to_win32(errno);
            if (errno == ENOENT) err = missing_error(u);
            else if (errno == ENOTDIR) err = ERROR_DIRECTORY;
            SetLastError(err);
            ret = FALSE;
        }
    });
    return ret;
}
A_FROM_W(RemoveDirectory, BOOL, FALSE)

/* ---- the current directory ---- */

DWORD WINAPI GetCurrentDirectoryW(DWORD size, LPWSTR buf)
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof(cwd))) { carafe_set_errno_error(); return 0; }
    WCHAR *dos = carafe_unix_to_dos(cwd);
    if (!dos) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return 0; }
    DWORD len = carafe_wcslen(dos);
    if (len >= size || !buf) { free(dos); return len + 1; }
    memcpy(buf, dos, (len + 1) * sizeof(WCHAR));
    free(dos);
    return len;
}

DWORD WINAPI GetCurrentDirectoryA(DWORD size, LPSTR buf)
{
    WCHAR w[4096];
    DWORD n = GetCurrentDirectoryW(4096, w);
    if (!n || n >= 4096) return 0;
    return k32_copy_WtoA(w, buf, size);
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR path)
{
    BOOL ret = TRUE;
    WITH_UNIX_PATH(path, u, {
        if (chdir(u)) {
            SetLastError(errno == ENOENT ? missing_error(u) : errno == ENOTDIR ? ERROR_DIRECTORY : carafe_errno_to_win32(errno));
            ret = FALSE;
        }
    });
    if (ret) {
        /* keep the PEB's copy (Windows form, trailing backslash) in step */
        RTL_USER_PROCESS_PARAMETERS *p = NtCurrentTeb()->Peb->ProcessParameters;
        DWORD max = p->CurrentDirectory.DosPath.MaximumLength / sizeof(WCHAR);
        DWORD n = GetCurrentDirectoryW(max - 1, p->CurrentDirectory.DosPath.Buffer);
        if (n && n < max - 1) {
            if (p->CurrentDirectory.DosPath.Buffer[n - 1] != '\\') {
                p->CurrentDirectory.DosPath.Buffer[n++] = '\\';
                p->CurrentDirectory.DosPath.Buffer[n] = 0;
            }
            p->CurrentDirectory.DosPath.Length = n * sizeof(WCHAR);
        }
    }
    return ret;
}
A_FROM_W(SetCurrentDirectory, BOOL, FALSE)

/* ---- temporary files ---- */

/* TMP, TEMP, USERPROFILE, then the Windows directory; with a trailing backslash */
DWORD WINAPI GetTempPathW(DWORD size, LPWSTR buf)
{
    static const WCHAR *vars[] = { u"TMP", u"TEMP", u"USERPROFILE" };
    WCHAR path[MAX_PATH + 2];
    DWORD len = 0;
    for (size_t i = 0; i < 3 && !len; i++) {
        len = GetEnvironmentVariableW(vars[i], path, MAX_PATH);
        if (len >= MAX_PATH) len = 0;
    }
    if (!len) {
        memcpy(path, u"C:\\windows\\", 12 * sizeof(WCHAR));
        len = 11;
    }
    if (path[len - 1] != '\\') { path[len++] = '\\'; path[len] = 0; }
    if (len >= size || !buf) return len + 1;
    memcpy(buf, path, (len + 1) * sizeof(WCHAR));
    return len;
}

DWORD WINAPI GetTempPathA(DWORD size, LPSTR buf)
{
    WCHAR w[MAX_PATH + 2];
    DWORD n = GetTempPathW(MAX_PATH + 2, w);
    if (!n || n > MAX_PATH + 1) return 0;
    return k32_copy_WtoA(w, buf, size);
}

/* PREFIX + up to 3 characters + 4 hex digits + ".tmp"; unique == 0 creates the file */
UINT WINAPI GetTempFileNameW(LPCWSTR dir, LPCWSTR prefix, UINT unique, LPWSTR buf)
{
    if (!dir || !buf) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    size_t dlen = carafe_wcslen(dir);
    if (dlen + 14 >= MAX_PATH) { SetLastError(ERROR_BUFFER_OVERFLOW); return 0; }
    UINT num = unique ? unique & 0xffff : (GetTickCount() ^ (GetCurrentProcessId() << 4)) & 0xffff;
    for (UINT tries = 0; tries < 0x10000; tries++, num = (num + 1) & 0xffff) {
        if (!num) continue;
        WCHAR *p = buf;
        memcpy(p, dir, dlen * sizeof(WCHAR));
        p += dlen;
        if (dlen && dir[dlen - 1] != '\\' && dir[dlen - 1] != '/') *p++ = '\\';
        for (int i = 0; prefix && prefix[i] && i < 3; i++) *p++ = prefix[i];
        static const char hex[] = "0123456789ABCDEF";
        for (int s = 12; s >= 0; s -= 4) *p++ = hex[(num >> s) & 0xf];
        memcpy(p, u".tmp", 5 * sizeof(WCHAR));
        if (unique) return unique;
        HANDLE h = CreateFileW(buf, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            CloseHandle(h);
            return num;
        }
        if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ALREADY_EXISTS) return 0;
    }
    SetLastError(ERROR_FILE_EXISTS);
    return 0;
}

UINT WINAPI GetTempFileNameA(LPCSTR dir, LPCSTR prefix, UINT unique, LPSTR buf)
{
    WCHAR *wd = k32_strdup_AtoW(dir), *wp = k32_strdup_AtoW(prefix), wbuf[MAX_PATH];
    UINT r = wd ? GetTempFileNameW(wd, wp, unique, wbuf) : 0;
    if (r) WideCharToMultiByte(CP_ACP, 0, wbuf, -1, buf, MAX_PATH, NULL, NULL);
    free(wd);
    free(wp);
    return r;
}

/* ---- moving ---- */

#define MOVEFILE_REPLACE_EXISTING 0x1
#define MOVEFILE_COPY_ALLOWED     0x2

BOOL WINAPI MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags)
{
    struct stat st;
    BOOL ret = FALSE;
    if (!to) { FIXME("delete-on-reboot is not supported\n"); SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    char *ufrom = carafe_dos_to_unix(from), *uto = carafe_dos_to_unix(to);
    if (!ufrom || !uto) goto done;
    if (lstat(ufrom, &st)) {
        SetLastError(errno == ENOENT ? missing_error(ufrom) : carafe_errno_to_win32(errno));
        goto done;
    }
    if (!(flags & MOVEFILE_REPLACE_EXISTING) && !lstat(uto, &st)) {
        SetLastError(ERROR_ALREADY_EXISTS);
        goto done;
    }
    if (rename(ufrom, uto)) {
        if (errno == EXDEV && !(flags & MOVEFILE_COPY_ALLOWED)) SetLastError(ERROR_NOT_SAME_DEVICE);
        else if (errno == ENOENT) SetLastError(ERROR_PATH_NOT_FOUND);
        else carafe_set_errno_error();
        goto done;
    }
    ret = TRUE;
done:
    free(ufrom);
    free(uto);
    return ret;
}

BOOL WINAPI MoveFileW(LPCWSTR from, LPCWSTR to)
{
    return MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags)
{
    WCHAR *wf = k32_strdup_AtoW(from), *wt = k32_strdup_AtoW(to);
    BOOL r = wf ? MoveFileExW(wf, wt, flags) : (SetLastError(ERROR_PATH_NOT_FOUND), FALSE);
    free(wf);
    free(wt);
    return r;
}

BOOL WINAPI MoveFileA(LPCSTR from, LPCSTR to) { return MoveFileExA(from, to, MOVEFILE_COPY_ALLOWED); }
