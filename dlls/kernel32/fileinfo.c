/* A file's metadata as Windows sees it: attributes, times, sizes, identity,
 * by name (GetFileAttributes*) and by handle (GetFileInformationByHandle*,
 * GetFileTime, SetFileInformationByHandle, GetFinalPathNameByHandle).
 *
 * Attributes come from the Unix mode and name:
 *   DIRECTORY  a directory
 *   ARCHIVE    every file that is not a directory (Windows sets it on
 *              normal files when they are written)
 *   READONLY   the owner has no write permission
 *   HIDDEN     the name starts with '.' (the Unix convention for hidden
 *              files; "." and ".." themselves are not hidden)
 *   NORMAL     only when no other bit is set
 * SetFileAttributes maps READONLY to the write bits and ignores the rest. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file_private.h"

DEFAULT_DEBUG_CHANNEL(file);

#define FILE_WRITE_ATTRIBUTES 0x0100
#define FILE_DISPOSITION_FLAG_DELETE 0x1
#define FILE_RENAME_FLAG_REPLACE_IF_EXISTS 0x1

/* ---- Unix metadata -> Windows metadata ---- */

static int name_is_hidden(const char *path)
{
    if (!path) return 0;
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/') len--;
    size_t start = len;
    while (start && path[start - 1] != '/') start--;
    const char *base = path + start;
    size_t n = len - start;
    if (!n || base[0] != '.') return 0;
    return !(n == 1 || (n == 2 && base[1] == '.'));
}

static ULONGLONG ts_ticks(const struct statx_timestamp *t)
{
    return k32_unix_to_ticks(t->tv_sec, t->tv_nsec);
}

static void fill_stat(const struct statx *sx, const char *name, struct k32_stat *st)
{
    memset(st, 0, sizeof(*st));
    st->is_dir = S_ISDIR(sx->stx_mode);
    st->attributes = st->is_dir ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if (!(sx->stx_mode & S_IWUSR)) st->attributes |= FILE_ATTRIBUTE_READONLY;
    if (name_is_hidden(name)) st->attributes |= FILE_ATTRIBUTE_HIDDEN;
    if (!st->attributes) st->attributes = FILE_ATTRIBUTE_NORMAL;
    st->size = S_ISREG(sx->stx_mode) ? sx->stx_size : 0;
    st->allocation = S_ISREG(sx->stx_mode) ? sx->stx_blocks * 512 : 0;
    st->access = ts_ticks(&sx->stx_atime);
    st->write = ts_ticks(&sx->stx_mtime);
    st->change = ts_ticks(&sx->stx_ctime);
    /* the birth time where the filesystem keeps one, else the change time */
    st->creation = (sx->stx_mask & STATX_BTIME) ? ts_ticks(&sx->stx_btime) : st->change;
    st->dev = ((ULONGLONG)sx->stx_dev_major << 32) | sx->stx_dev_minor;
    st->ino = sx->stx_ino;
    st->links = sx->stx_nlink;
}

int k32_stat_path(const char *path, struct k32_stat *st)
{
    struct statx sx;
    if (statx(AT_FDCWD, path, 0, STATX_BASIC_STATS | STATX_BTIME, &sx) &&
        (errno != ENOENT || statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &sx)))
        return errno;
    fill_stat(&sx, path, st);
    return 0;
}

int k32_stat_fd(int fd, const char *name, struct k32_stat *st)
{
    struct statx sx;
    if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME, &sx)) return errno;
    fill_stat(&sx, name, st);
    return 0;
}

DWORD k32_missing_error(const char *upath)
{
    char *copy = strdup(upath);
    DWORD err = ERROR_FILE_NOT_FOUND;
    struct stat st;
    if (!copy) return ERROR_NOT_ENOUGH_MEMORY;
    size_t len = strlen(copy);
    while (len > 1 && copy[len - 1] == '/') copy[--len] = 0;
    char *slash = strrchr(copy, '/');
    if (slash && slash != copy) {
        *slash = 0;
        if (stat(copy, &st) || !S_ISDIR(st.st_mode)) err = ERROR_PATH_NOT_FOUND;
    }
    free(copy);
    return err;
}

static DWORD stat_error(int err, const char *upath)
{
    return err == ENOENT ? k32_missing_error(upath) : carafe_errno_to_win32(err);
}

/* wildcards are not file names */
static int has_wildcards(const WCHAR *name)
{
    if (name[0] == '\\' && name[1] == '\\' && name[2] == '?' && name[3] == '\\') name += 4;
    for (; *name; name++) if (*name == '*' || *name == '?') return 1;
    return 0;
}

/* ---- by name ---- */

static int query_name(LPCWSTR name, struct k32_stat *st)
{
    if (!name) { SetLastError(ERROR_INVALID_PARAMETER); return 0; }
    if (!*name) { SetLastError(ERROR_FILE_NOT_FOUND); return 0; }
    if (has_wildcards(name)) { SetLastError(ERROR_INVALID_NAME); return 0; }
    char *u = carafe_dos_to_unix(name);
    if (!u) return 0;
    int err = k32_stat_path(u, st);
    if (err) SetLastError(stat_error(err, u));
    free(u);
    return !err;
}

DWORD WINAPI GetFileAttributesW(LPCWSTR name)
{
    struct k32_stat st;
    if (!query_name(name, &st)) return INVALID_FILE_ATTRIBUTES;
    return st.attributes;
}

DWORD WINAPI GetFileAttributesA(LPCSTR name)
{
    WCHAR *w = k32_strdup_AtoW(name);
    if (!w) { SetLastError(name ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return INVALID_FILE_ATTRIBUTES; }
    DWORD r = GetFileAttributesW(w);
    free(w);
    return r;
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR name, GET_FILEEX_INFO_LEVELS level, LPVOID info)
{
    WIN32_FILE_ATTRIBUTE_DATA *data = info;
    struct k32_stat st;
    if (level != GetFileExInfoStandard) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    if (!query_name(name, &st)) return FALSE;
    data->dwFileAttributes = st.attributes;
    k32_ticks_to_filetime(st.creation, &data->ftCreationTime);
    k32_ticks_to_filetime(st.access, &data->ftLastAccessTime);
    k32_ticks_to_filetime(st.write, &data->ftLastWriteTime);
    data->nFileSizeHigh = (DWORD)(st.size >> 32);
    data->nFileSizeLow = (DWORD)st.size;
    return TRUE;
}

BOOL WINAPI GetFileAttributesExA(LPCSTR name, GET_FILEEX_INFO_LEVELS level, LPVOID info)
{
    WCHAR *w = k32_strdup_AtoW(name);
    if (!w) { SetLastError(name ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return FALSE; }
    BOOL r = GetFileAttributesExW(w, level, info);
    free(w);
    return r;
}

/* READONLY removes every write bit; its absence gives the owner write access */
static mode_t readonly_mode(mode_t mode, DWORD attributes)
{
    return ((attributes & FILE_ATTRIBUTE_READONLY) ? (mode & ~0222) : (mode | S_IWUSR)) & 07777;
}

BOOL WINAPI SetFileAttributesW(LPCWSTR name, DWORD attributes)
{
    struct stat st;
    BOOL ret = FALSE;
    if (!name) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    char *u = carafe_dos_to_unix(name);
    if (!u) return FALSE;
    if (stat(u, &st)) SetLastError(stat_error(errno, u));
    else if (readonly_mode(st.st_mode, attributes) != (st.st_mode & 07777) &&
             chmod(u, readonly_mode(st.st_mode, attributes))) carafe_set_errno_error();
    else ret = TRUE;
    if (attributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM))
        TRACE("hidden/system attributes are not stored (%#x)\n", (unsigned)attributes);
    free(u);
    return ret;
}

BOOL WINAPI SetFileAttributesA(LPCSTR name, DWORD attributes)
{
    WCHAR *w = k32_strdup_AtoW(name);
    if (!w) { SetLastError(name ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return FALSE; }
    BOOL r = SetFileAttributesW(w, attributes);
    free(w);
    return r;
}

DWORD WINAPI GetCompressedFileSizeW(LPCWSTR name, LPDWORD high)
{
    struct k32_stat st;
    if (!query_name(name, &st)) return INVALID_FILE_SIZE;
    if (high) *high = (DWORD)(st.size >> 32);
    SetLastError(NO_ERROR);
    return (DWORD)st.size;
}

DWORD WINAPI GetCompressedFileSizeA(LPCSTR name, LPDWORD high)
{
    WCHAR *w = k32_strdup_AtoW(name);
    if (!w) { SetLastError(name ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER); return INVALID_FILE_SIZE; }
    DWORD r = GetCompressedFileSizeW(w, high);
    free(w);
    return r;
}

/* ---- by handle ---- */

/* The metadata of a handle's file; sets the last error on failure. */
static struct file_object *query_handle(HANDLE h, struct k32_stat *st)
{
    struct file_object *f = carafe_get_file(h);
    if (!f) return NULL;
    int err = k32_stat_fd(f->fd, f->unix_path, st);
    if (err) {
        carafe_object_release(&f->obj);
        SetLastError(carafe_errno_to_win32(err));
        return NULL;
    }
    return f;
}

BOOL WINAPI GetFileInformationByHandle(HANDLE h, LPBY_HANDLE_FILE_INFORMATION info)
{
    struct k32_stat st;
    struct file_object *f = query_handle(h, &st);
    if (!f) return FALSE;
    carafe_object_release(&f->obj);
    info->dwFileAttributes = st.attributes;
    k32_ticks_to_filetime(st.creation, &info->ftCreationTime);
    k32_ticks_to_filetime(st.access, &info->ftLastAccessTime);
    k32_ticks_to_filetime(st.write, &info->ftLastWriteTime);
    info->dwVolumeSerialNumber = k32_volume_serial(st.dev);
    info->nFileSizeHigh = (DWORD)(st.size >> 32);
    info->nFileSizeLow = (DWORD)st.size;
    info->nNumberOfLinks = st.links;
    info->nFileIndexHigh = (DWORD)(st.ino >> 32);
    info->nFileIndexLow = (DWORD)st.ino;
    return TRUE;
}

BOOL WINAPI GetFileTime(HANDLE h, LPFILETIME creation, LPFILETIME access, LPFILETIME write)
{
    struct k32_stat st;
    struct file_object *f = query_handle(h, &st);
    if (!f) return FALSE;
    carafe_object_release(&f->obj);
    if (creation) k32_ticks_to_filetime(st.creation, creation);
    if (access) k32_ticks_to_filetime(st.access, access);
    if (write) k32_ticks_to_filetime(st.write, write);
    return TRUE;
}

/* FILETIME ticks -> timespec; 0 and -1 mean "leave it" (SetFileTime's and
 * FILE_BASIC_INFO's conventions) */
static void ticks_to_timespec(ULONGLONG t, struct timespec *ts)
{
    if (!t || t == ~0ull) {
        ts->tv_sec = 0;
        ts->tv_nsec = UTIME_OMIT;
        return;
    }
    long long rel = (long long)(t - TICKS_1601_TO_1970);
    long long sec = rel / (long long)TICKS_PER_SEC, rem = rel % (long long)TICKS_PER_SEC;
    if (rem < 0) { rem += TICKS_PER_SEC; sec--; }
    ts->tv_sec = sec;
    ts->tv_nsec = rem * 100;
}

static BOOL set_times(int fd, ULONGLONG access, ULONGLONG write)
{
    struct timespec ts[2];
    ticks_to_timespec(access, &ts[0]);
    ticks_to_timespec(write, &ts[1]);
    if (ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT) return TRUE;
    if (futimens(fd, ts)) { carafe_set_errno_error(); return FALSE; }
    return TRUE;
}

BOOL WINAPI SetFileTime(HANDLE h, const FILETIME *creation, const FILETIME *access, const FILETIME *write)
{
    struct file_object *f = carafe_get_file(h);
    if (!f) return FALSE;
    /* Unix keeps no settable creation time: it is left as it is */
    BOOL ret = set_times(f->fd, access ? k32_filetime_to_ticks(access) : 0, write ? k32_filetime_to_ticks(write) : 0);
    carafe_object_release(&f->obj);
    return ret;
}

/* The Windows path of a handle's file (its canonical Unix path mapped), malloc'd */
static WCHAR *handle_dos_path(struct file_object *f)
{
    char link[64], *real = NULL;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", f->fd);
    real = realpath(link, NULL);
    if (!real && f->unix_path) real = realpath(f->unix_path, NULL);
    if (!real && f->unix_path) real = strdup(f->unix_path);
    if (!real) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
    WCHAR *dos = carafe_unix_to_dos(real);
    free(real);
    if (!dos) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return dos;
}

static BOOL name_info(struct file_object *f, FILE_NAME_INFO *info, DWORD size)
{
    WCHAR *dos = handle_dos_path(f);
    if (!dos) return FALSE;
    const WCHAR *name = dos[1] == ':' ? dos + 2 : dos;   /* without the drive */
    DWORD bytes = carafe_wcslen(name) * sizeof(WCHAR);
    DWORD room = size - offsetof(FILE_NAME_INFO, FileName);
    info->FileNameLength = bytes;
    memcpy(info->FileName, name, bytes < room ? bytes : room);
    free(dos);
    if (bytes > room) { SetLastError(ERROR_MORE_DATA); return FALSE; }
    return TRUE;
}

BOOL WINAPI GetFileInformationByHandleEx(HANDLE h, FILE_INFO_BY_HANDLE_CLASS cls, LPVOID buf, DWORD size)
{
    static const DWORD min_size[] = {
        [FileBasicInfo] = sizeof(FILE_BASIC_INFO), [FileStandardInfo] = sizeof(FILE_STANDARD_INFO),
        [FileNameInfo] = sizeof(FILE_NAME_INFO), [FileAttributeTagInfo] = sizeof(FILE_ATTRIBUTE_TAG_INFO),
        [FileIdInfo] = sizeof(FILE_ID_INFO),
    };
    struct k32_stat st;
    BOOL ret = TRUE;
    if ((unsigned)cls >= sizeof(min_size) / sizeof(min_size[0]) || !min_size[cls]) {
        FIXME("information class %d is not supported\n", (int)cls);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (size < min_size[cls]) { SetLastError(ERROR_BAD_LENGTH); return FALSE; }
    struct file_object *f = query_handle(h, &st);
    if (!f) return FALSE;
    switch (cls) {
    case FileBasicInfo: {
        FILE_BASIC_INFO *info = buf;
        info->CreationTime.QuadPart = st.creation;
        info->LastAccessTime.QuadPart = st.access;
        info->LastWriteTime.QuadPart = st.write;
        info->ChangeTime.QuadPart = st.change;
        info->FileAttributes = st.attributes;
        break;
    }
    case FileStandardInfo: {
        FILE_STANDARD_INFO *info = buf;
        info->AllocationSize.QuadPart = st.allocation;
        info->EndOfFile.QuadPart = st.size;
        info->NumberOfLinks = st.links;
        info->DeletePending = (f->flags & FILE_FLAG_DELETE_ON_CLOSE) != 0;
        info->Directory = st.is_dir;
        break;
    }
    case FileNameInfo:
        ret = name_info(f, buf, size);
        break;
    case FileAttributeTagInfo: {
        FILE_ATTRIBUTE_TAG_INFO *info = buf;
        info->FileAttributes = st.attributes;
        info->ReparseTag = 0;
        break;
    }
    case FileIdInfo: {
        FILE_ID_INFO *info = buf;
        info->VolumeSerialNumber = k32_volume_serial(st.dev);
        memset(&info->FileId, 0, sizeof(info->FileId));
        memcpy(info->FileId.Identifier, &st.ino, sizeof(st.ino));
        break;
    }
    default:
        break;
    }
    carafe_object_release(&f->obj);
    return ret;
}

static BOOL rename_by_handle(struct file_object *f, const FILE_RENAME_INFO *info, DWORD size, BOOL ex)
{
    struct stat st;
    DWORD bytes = info->FileNameLength;
    if (size < offsetof(FILE_RENAME_INFO, FileName) + bytes || !f->unix_path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    BOOL replace = ex ? (info->Flags & FILE_RENAME_FLAG_REPLACE_IF_EXISTS) != 0 : info->ReplaceIfExists;
    WCHAR *name = malloc(bytes + sizeof(WCHAR));
    if (!name) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return FALSE; }
    memcpy(name, info->FileName, bytes);
    name[bytes / sizeof(WCHAR)] = 0;
    if (info->RootDirectory) FIXME("rename relative to a directory handle is not supported\n");
    char *to = carafe_dos_to_unix(name);
    free(name);
    if (!to) return FALSE;
    BOOL ret = FALSE;
    if (!replace && !lstat(to, &st)) SetLastError(ERROR_ALREADY_EXISTS);
    else if (rename(f->unix_path, to)) carafe_set_errno_error();
    else {
        free(f->unix_path);
        f->unix_path = to;
        to = NULL;
        ret = TRUE;
    }
    free(to);
    return ret;
}

BOOL WINAPI SetFileInformationByHandle(HANDLE h, FILE_INFO_BY_HANDLE_CLASS cls, LPVOID buf, DWORD size)
{
    struct file_object *f = carafe_get_file(h);
    struct stat st;
    BOOL ret = FALSE;
    if (!f) return FALSE;
    if (!buf) { SetLastError(ERROR_NOACCESS); goto done; }
    switch (cls) {
    case FileBasicInfo: {
        const FILE_BASIC_INFO *info = buf;
        if (size < sizeof(*info)) { SetLastError(ERROR_BAD_LENGTH); break; }
        if (!set_times(f->fd, info->LastAccessTime.QuadPart, info->LastWriteTime.QuadPart)) break;
        if (info->FileAttributes && !fstat(f->fd, &st) &&
            readonly_mode(st.st_mode, info->FileAttributes) != (st.st_mode & 07777) &&
            fchmod(f->fd, readonly_mode(st.st_mode, info->FileAttributes))) {
            carafe_set_errno_error();
            break;
        }
        ret = TRUE;
        break;
    }
    case FileEndOfFileInfo:
    case FileAllocationInfo: {
        const FILE_END_OF_FILE_INFO *info = buf;
        if (size < sizeof(*info)) { SetLastError(ERROR_BAD_LENGTH); break; }
        if (cls == FileAllocationInfo) { ret = TRUE; break; }   /* a hint; the size is unchanged */
        if (ftruncate(f->fd, info->EndOfFile.QuadPart)) carafe_set_errno_error();
        else ret = TRUE;
        break;
    }
    case FileDispositionInfo:
    case FileDispositionInfoEx: {
        BOOL del;
        if (cls == FileDispositionInfo) {
            if (size < sizeof(FILE_DISPOSITION_INFO)) { SetLastError(ERROR_BAD_LENGTH); break; }
            del = ((const FILE_DISPOSITION_INFO *)buf)->DeleteFile;
        } else {
            if (size < sizeof(FILE_DISPOSITION_INFO_EX)) { SetLastError(ERROR_BAD_LENGTH); break; }
            del = (((const FILE_DISPOSITION_INFO_EX *)buf)->Flags & FILE_DISPOSITION_FLAG_DELETE) != 0;
        }
        /* the file goes when the handle is closed (CloseHandle honours the flag) */
        if (del) f->flags |= FILE_FLAG_DELETE_ON_CLOSE;
        else f->flags &= ~FILE_FLAG_DELETE_ON_CLOSE;
        ret = TRUE;
        break;
    }
    case FileRenameInfo:
    case FileRenameInfoEx:
        if (size < sizeof(FILE_RENAME_INFO)) { SetLastError(ERROR_BAD_LENGTH); break; }
        ret = rename_by_handle(f, buf, size, cls == FileRenameInfoEx);
        break;
    default:
        FIXME("information class %d is not supported\n", (int)cls);
        SetLastError(ERROR_INVALID_PARAMETER);
        break;
    }
done:
    carafe_object_release(&f->obj);
    return ret;
}

/* "\\?\C:\dir\file" and its variants by FLAGS */
DWORD WINAPI GetFinalPathNameByHandleW(HANDLE h, LPWSTR buf, DWORD size, DWORD flags)
{
    static const WCHAR dos_prefix[] = u"\\\\?\\", nt_prefix[] = u"\\Device\\HarddiskVolume";
    struct file_object *f = carafe_get_file(h);
    WCHAR out[PATH_MAX + 64];
    DWORD len = 0;
    if (!f) return 0;
    WCHAR *dos = handle_dos_path(f);
    carafe_object_release(&f->obj);
    if (!dos) return 0;
    size_t dlen = carafe_wcslen(dos);
    if (dlen + 40 >= sizeof(out) / sizeof(out[0])) { free(dos); SetLastError(ERROR_FILENAME_EXCED_RANGE); return 0; }
    switch (flags & ~FILE_NAME_OPENED) {
    case VOLUME_NAME_DOS:
        memcpy(out, dos_prefix, 4 * sizeof(WCHAR));
        memcpy(out + 4, dos, (dlen + 1) * sizeof(WCHAR));
        break;
    case VOLUME_NAME_NONE:
        memcpy(out, dos + 2, (dlen - 1) * sizeof(WCHAR));
        break;
    case VOLUME_NAME_NT:
        memcpy(out, nt_prefix, 22 * sizeof(WCHAR));
        out[22] = dos[0] == 'C' ? '1' : '2';
        memcpy(out + 23, dos + 2, (dlen - 1) * sizeof(WCHAR));
        break;
    default:
        free(dos);
        FIXME("flags %#x are not supported\n", (unsigned)flags);
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    free(dos);
    len = carafe_wcslen(out);
    if (len >= size || !buf) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return len + 1;
    }
    memcpy(buf, out, (len + 1) * sizeof(WCHAR));
    return len;
}

DWORD WINAPI GetFinalPathNameByHandleA(HANDLE h, LPSTR buf, DWORD size, DWORD flags)
{
    WCHAR w[PATH_MAX + 64];
    DWORD n = GetFinalPathNameByHandleW(h, w, sizeof(w) / sizeof(w[0]), flags);
    if (!n || n >= sizeof(w) / sizeof(w[0])) return 0;
    return k32_copy_WtoA(w, buf, size);
}
