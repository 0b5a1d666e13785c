/* File status by name and by descriptor: the _stat and _fstat families,
 * _access, _chmod, _umask and _locking.  The W functions are the
 * implementations.
 *
 * Each struct layout of the Windows CRT (x64) has its own writer:
 *   _stat32     time32, size32 (36 bytes)
 *   _stat32i64  time32, size64 (48 bytes)
 *   _stat64i32  time64, size32 (48 bytes)  == _stat on x64
 *   _stat64     time64, size64 (56 bytes)  == _stati64 on x64 */
#include <string.h>
#include "msvcrt_private.h"
#include "winbase.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define MSVCRT__S_IFMT   0xf000
#define MSVCRT__S_IFDIR  0x4000
#define MSVCRT__S_IFCHR  0x2000
#define MSVCRT__S_IFIFO  0x1000
#define MSVCRT__S_IFREG  0x8000
#define MSVCRT__S_IEXEC  0x0040

/* seconds between 1601-01-01 (FILETIME) and 1970-01-01, in 100 ns units */
#define TICKS_1601_TO_1970 116444736000000000LL
#define TICKS_PER_SECOND   10000000LL

/* what every layout is filled from */
struct stat_info {
    unsigned int dev;
    unsigned short mode;
    short nlink;
    long long size;
    long long atime, mtime, ctime;
};

struct msvcrt_stat32 {
    unsigned int st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned int st_rdev;
    int st_size;
    int st_atime, st_mtime, st_ctime;
};
struct msvcrt_stat32i64 {
    unsigned int st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned int st_rdev;
    long long st_size;
    int st_atime, st_mtime, st_ctime;
};
struct msvcrt_stat64i32 {
    unsigned int st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned int st_rdev;
    int st_size;
    long long st_atime, st_mtime, st_ctime;
};
struct msvcrt_stat64 {
    unsigned int st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned int st_rdev;
    long long st_size;
    long long st_atime, st_mtime, st_ctime;
};
_Static_assert(sizeof(struct msvcrt_stat32) == 36, "_stat32 layout");
_Static_assert(sizeof(struct msvcrt_stat32i64) == 48, "_stat32i64 layout");
_Static_assert(sizeof(struct msvcrt_stat64i32) == 48, "_stat64i32 layout");
_Static_assert(sizeof(struct msvcrt_stat64) == 56, "_stat64 layout");
_Static_assert(offsetof(struct msvcrt_stat64, st_size) == 24, "_stat64 st_size");

static int umask_value;

long long msvcrt_filetime_to_unix(const FILETIME *ft)
{
    long long t = ((long long)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
    return (t - TICKS_1601_TO_1970) / TICKS_PER_SECOND;
}

/* copy the fields every layout shares; the caller zeroed the struct */
#define FILL_COMMON(st, info) do { \
    (st)->st_dev = (st)->st_rdev = (info)->dev; \
    (st)->st_mode = (info)->mode; \
    (st)->st_nlink = (info)->nlink; \
    (st)->st_size = (info)->size; \
    (st)->st_atime = (info)->atime; \
    (st)->st_mtime = (info)->mtime; \
    (st)->st_ctime = (info)->ctime; \
} while (0)

/* the 32-bit layouts cannot hold every value: fail with EOVERFLOW as the CRT does */
#define MSVCRT_EOVERFLOW 132
static int fits32(const struct stat_info *info, int size32, int time32)
{
    if ((size32 && info->size > 0x7fffffff) ||
        (time32 && (info->atime > 0x7fffffff || info->mtime > 0x7fffffff || info->ctime > 0x7fffffff))) {
        msvcrt_set_errno(MSVCRT_EOVERFLOW);
        return 0;
    }
    return 1;
}

static int to_stat32(const struct stat_info *info, struct msvcrt_stat32 *st)
{
    if (!fits32(info, 1, 1)) return -1;
    memset(st, 0, sizeof(*st));
    FILL_COMMON(st, info);
    return 0;
}

static int to_stat32i64(const struct stat_info *info, struct msvcrt_stat32i64 *st)
{
    if (!fits32(info, 0, 1)) return -1;
    memset(st, 0, sizeof(*st));
    FILL_COMMON(st, info);
    return 0;
}

static int to_stat64i32(const struct stat_info *info, struct msvcrt_stat64i32 *st)
{
    if (!fits32(info, 1, 0)) return -1;
    memset(st, 0, sizeof(*st));
    FILL_COMMON(st, info);
    return 0;
}

static int to_stat64(const struct stat_info *info, struct msvcrt_stat64 *st)
{
    memset(st, 0, sizeof(*st));
    FILL_COMMON(st, info);
    return 0;
}

/* permission bits as Windows shows them: read always, write unless
 * read-only, execute for directories and .exe/.com/.bat/.cmd; the owner's
 * bits repeated for group and others */
static unsigned short mode_bits(DWORD attrs, const WCHAR *path)
{
    unsigned short mode = MSVCRT__S_IREAD;
    if (!(attrs & FILE_ATTRIBUTE_READONLY)) mode |= MSVCRT__S_IWRITE;
    if (attrs & FILE_ATTRIBUTE_DIRECTORY) mode |= MSVCRT__S_IFDIR | MSVCRT__S_IEXEC;
    else {
        mode |= MSVCRT__S_IFREG;
        const WCHAR *dot = NULL;
        for (const WCHAR *p = path; p && *p; p++) {
            if (*p == '.') dot = p;
            else if (*p == '\\' || *p == '/') dot = NULL;
        }
        if (dot && dot[1] && dot[2] && dot[3] && !dot[4]) {
            WCHAR ext[3];
            for (int i = 0; i < 3; i++) ext[i] = dot[i + 1] | 0x20;   /* lower case */
            if ((ext[0] == 'e' && ext[1] == 'x' && ext[2] == 'e') || (ext[0] == 'c' && ext[1] == 'o' && ext[2] == 'm') ||
                (ext[0] == 'b' && ext[1] == 'a' && ext[2] == 't') || (ext[0] == 'c' && ext[1] == 'm' && ext[2] == 'd'))
                mode |= MSVCRT__S_IEXEC;
        }
    }
    return mode | ((mode & 0700) >> 3) | ((mode & 0700) >> 6);
}

static int is_slash(WCHAR c) { return c == '\\' || c == '/'; }

static int drive_of(const WCHAR *path)
{
    if (((path[0] | 0x20) >= 'a' && (path[0] | 0x20) <= 'z') && path[1] == ':') return (path[0] | 0x20) - 'a';
    WCHAR cwd[MAX_PATH];
    DWORD n = GetCurrentDirectoryW(MAX_PATH, cwd);
    if (n && n < MAX_PATH && (cwd[0] | 0x20) >= 'a' && (cwd[0] | 0x20) <= 'z' && cwd[1] == ':') return (cwd[0] | 0x20) - 'a';
    return 0;
}

/* Gather what _stat reports.  Like the Windows msvcrt, it refuses wildcards
 * and a trailing slash on anything but a root directory. */
static int stat_path(const WCHAR *path, struct stat_info *info)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    size_t len;

    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    for (len = 0; path[len]; len++)
        if (path[len] == '*' || path[len] == '?') { msvcrt_set_errno(MSVCRT_ENOENT); return -1; }
    if (!len) { msvcrt_set_errno(MSVCRT_ENOENT); return -1; }
    if (len > 1 && is_slash(path[len - 1])) {
        int root = (len == 3 && path[1] == ':');
        if (!root) { msvcrt_set_errno(MSVCRT_ENOENT); return -1; }
    }
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &data)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    memset(info, 0, sizeof(*info));
    info->dev = drive_of(path);
    info->mode = mode_bits(data.dwFileAttributes, path);
    info->nlink = 1;
    if (!(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
        info->size = ((long long)data.nFileSizeHigh << 32) | data.nFileSizeLow;
    info->mtime = msvcrt_filetime_to_unix(&data.ftLastWriteTime);
    info->atime = (data.ftLastAccessTime.dwLowDateTime || data.ftLastAccessTime.dwHighDateTime)
                  ? msvcrt_filetime_to_unix(&data.ftLastAccessTime) : info->mtime;
    info->ctime = (data.ftCreationTime.dwLowDateTime || data.ftCreationTime.dwHighDateTime)
                  ? msvcrt_filetime_to_unix(&data.ftCreationTime) : info->mtime;
    return 0;
}

/* Gather what _fstat reports: devices and pipes carry the descriptor as
 * st_dev/st_rdev; disk files 0. */
static int stat_fd(int fd, struct stat_info *info)
{
    extern intptr_t CDECL MSVCRT__get_osfhandle(int fd);
    BY_HANDLE_FILE_INFORMATION bhi;
    HANDLE h = (HANDLE)MSVCRT__get_osfhandle(fd);

    if (h == INVALID_HANDLE_VALUE) return -1;   /* errno is EBADF */
    memset(info, 0, sizeof(*info));
    info->nlink = 1;
    switch (GetFileType(h)) {
    case FILE_TYPE_CHAR:
        info->dev = fd;
        info->mode = MSVCRT__S_IFCHR;
        return 0;
    case FILE_TYPE_PIPE:
        info->dev = fd;
        info->mode = MSVCRT__S_IFIFO;
        return 0;
    case FILE_TYPE_DISK:
        break;
    default:
        msvcrt_set_errno(MSVCRT_EBADF);
        return -1;
    }
    if (!GetFileInformationByHandle(h, &bhi)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    if (bhi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) info->mode = MSVCRT__S_IFDIR | 0555;
    else info->mode = MSVCRT__S_IFREG | 0444;
    if (!(bhi.dwFileAttributes & FILE_ATTRIBUTE_READONLY)) info->mode |= 0222;
    if (bhi.nNumberOfLinks) info->nlink = bhi.nNumberOfLinks;
    info->size = ((long long)bhi.nFileSizeHigh << 32) | bhi.nFileSizeLow;
    info->mtime = msvcrt_filetime_to_unix(&bhi.ftLastWriteTime);
    info->atime = (bhi.ftLastAccessTime.dwLowDateTime || bhi.ftLastAccessTime.dwHighDateTime)
                  ? msvcrt_filetime_to_unix(&bhi.ftLastAccessTime) : info->mtime;
    info->ctime = (bhi.ftCreationTime.dwLowDateTime || bhi.ftCreationTime.dwHighDateTime)
                  ? msvcrt_filetime_to_unix(&bhi.ftCreationTime) : info->mtime;
    return 0;
}

/* One wide and one ANSI export per layout, and one _fstat. */
#define STAT_FAMILY(suffix, type, convert) \
int CDECL MSVCRT__wstat##suffix(const WCHAR *path, type *st) \
{ \
    struct stat_info info; \
    if (!st) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    if (stat_path(path, &info)) return -1; \
    return convert(&info, st); \
} \
int CDECL MSVCRT__stat##suffix(const char *path, type *st) \
{ \
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    WCHAR *w = msvcrt_strdup_AtoW(path); \
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; } \
    int r = MSVCRT__wstat##suffix(w, st); \
    free(w); \
    return r; \
} \
int CDECL MSVCRT__fstat##suffix(int fd, type *st) \
{ \
    struct stat_info info; \
    if (!st) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; } \
    if (stat_fd(fd, &info)) return -1; \
    return convert(&info, st); \
}

STAT_FAMILY(32, struct msvcrt_stat32, to_stat32)
STAT_FAMILY(32i64, struct msvcrt_stat32i64, to_stat32i64)
STAT_FAMILY(64i32, struct msvcrt_stat64i32, to_stat64i32)
STAT_FAMILY(64, struct msvcrt_stat64, to_stat64)
/* on x64, _stat is _stat64i32 and _stati64 is _stat64 */
STAT_FAMILY(, struct msvcrt_stat64i32, to_stat64i32)
STAT_FAMILY(i64, struct msvcrt_stat64, to_stat64)

/* ---- access, chmod, umask ---- */

int CDECL MSVCRT__waccess(const WCHAR *path, int mode)
{
    if (!path || (mode & ~6)) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    DWORD attrs = GetFileAttributesW(path);
    if (attrs == INVALID_FILE_ATTRIBUTES) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    if ((mode & 2) && (attrs & FILE_ATTRIBUTE_READONLY) && !(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
        msvcrt_set_errno(MSVCRT_EACCES);
        msvcrt_doserrno = ERROR_ACCESS_DENIED;
        return -1;
    }
    return 0;
}

int CDECL MSVCRT__access(const char *path, int mode)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    WCHAR *w = msvcrt_strdup_AtoW(path);
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; }
    int r = MSVCRT__waccess(w, mode);
    free(w);
    return r;
}

int CDECL MSVCRT__waccess_s(const WCHAR *path, int mode)
{
    return MSVCRT__waccess(path, mode) ? msvcrt_errno : 0;
}

int CDECL MSVCRT__access_s(const char *path, int mode)
{
    return MSVCRT__access(path, mode) ? msvcrt_errno : 0;
}

/* only _S_IWRITE means anything: without it the file becomes read-only */
int CDECL MSVCRT__wchmod(const WCHAR *path, int mode)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    DWORD attrs = GetFileAttributesW(path);
    if (attrs == INVALID_FILE_ATTRIBUTES) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    DWORD want = (mode & MSVCRT__S_IWRITE) ? attrs & ~FILE_ATTRIBUTE_READONLY : attrs | FILE_ATTRIBUTE_READONLY;
    if (want != attrs && !SetFileAttributesW(path, want)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL MSVCRT__chmod(const char *path, int mode)
{
    if (!path) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    WCHAR *w = msvcrt_strdup_AtoW(path);
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; }
    int r = MSVCRT__wchmod(w, mode);
    free(w);
    return r;
}

int msvcrt_umask(void) { return umask_value; }

int CDECL MSVCRT__umask(int mode)
{
    int old = umask_value;
    umask_value = mode & (MSVCRT__S_IREAD | MSVCRT__S_IWRITE);
    return old;
}

int CDECL MSVCRT__umask_s(int mode, int *old)
{
    if (!old) { msvcrt_set_errno(MSVCRT_EINVAL); return MSVCRT_EINVAL; }
    *old = MSVCRT__umask(mode);
    return 0;
}

/* ---- _locking: byte-range locks from the current position ---- */

#define MSVCRT__LK_UNLCK  0
#define MSVCRT__LK_LOCK   1
#define MSVCRT__LK_NBLCK  2
#define MSVCRT__LK_RLCK   3
#define MSVCRT__LK_NBRLCK 4

int CDECL MSVCRT__locking(int fd, int mode, LONG nbytes)
{
    extern intptr_t CDECL MSVCRT__get_osfhandle(int fd);
    HANDLE h = (HANDLE)MSVCRT__get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) return -1;   /* errno is EBADF */
    if (mode < MSVCRT__LK_UNLCK || mode > MSVCRT__LK_NBRLCK || nbytes < 0) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    long long pos = MSVCRT__lseeki64(fd, 0, 1);
    if (pos < 0) return -1;
    DWORD lo = (DWORD)pos, hi = (DWORD)(pos >> 32);
    if (mode == MSVCRT__LK_UNLCK) {
        if (UnlockFile(h, lo, hi, nbytes, 0)) return 0;
        msvcrt_set_errno(MSVCRT_EACCES);
        return -1;
    }
    /* the blocking modes try once a second, ten times, as documented */
    int tries = (mode == MSVCRT__LK_LOCK || mode == MSVCRT__LK_RLCK) ? 10 : 1;
    for (int i = 0; i < tries; i++) {
        if (LockFile(h, lo, hi, nbytes, 0)) return 0;
        if (i + 1 < tries) Sleep(1000);
    }
    msvcrt_set_errno(tries > 1 ? MSVCRT_EDEADLK : MSVCRT_EACCES);
    return -1;
}
