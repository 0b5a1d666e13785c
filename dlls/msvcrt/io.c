/* Low-level I/O: CRT file descriptors over HANDLEs, with text-mode
 * CRLF translation (DESIGN decision 10: it belongs to the C runtime). */
#include <string.h>
#include "msvcrt_private.h"
#include "winbase.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(msvcrt);

#define FOPEN   0x01
#define FEOFLAG 0x02
#define FPIPE   0x08
#define FAPPEND 0x20
#define FDEV    0x40
#define FTEXT   0x80

#define MAX_FDS 2048

struct fd_info {
    HANDLE handle;
    unsigned char flags;
    char pipech;            /* a byte read ahead from a pipe, or '\n' for none */
    unsigned char textmode; /* 0 ANSI, 1 UTF-16, 2 UTF-8 (for the wide modes) */
};

static struct fd_info fds[MAX_FDS];
static CRITICAL_SECTION fd_lock = { NULL, -1, 0, 0, 0, 0 };

static struct fd_info *get_fd(int fd)
{
    if (fd < 0 || fd >= MAX_FDS || !(fds[fd].flags & FOPEN)) {
        msvcrt_set_errno(MSVCRT_EBADF);
        msvcrt_doserrno = 0;
        return NULL;
    }
    return &fds[fd];
}

/* Bind a HANDLE to the lowest free descriptor (or to `want` if >= 0). */
static int alloc_fd(HANDLE h, unsigned char flags, int want)
{
    int fd = -1;
    EnterCriticalSection(&fd_lock);
    if (want >= 0) fd = want;
    else for (int i = 0; i < MAX_FDS; i++) if (!(fds[i].flags & FOPEN)) { fd = i; break; }
    if (fd >= 0) {
        DWORD type = GetFileType(h);
        fds[fd].handle = h;
        fds[fd].flags = flags | FOPEN;
        if (type == FILE_TYPE_CHAR) fds[fd].flags |= FDEV;
        else if (type == FILE_TYPE_PIPE) fds[fd].flags |= FPIPE;
        fds[fd].pipech = '\n';
        fds[fd].textmode = 0;
    }
    LeaveCriticalSection(&fd_lock);
    if (fd < 0) msvcrt_set_errno(MSVCRT_EMFILE);
    return fd;
}

/* The descriptors a parent's CRT passed in STARTUPINFO.lpReserved2 (an int
 * count, COUNT flag bytes, COUNT pointer-sized handles; spawn.c). */
static void inherit_fds(void)
{
    STARTUPINFOW si;
    int count;
    GetStartupInfoW(&si);
    if (!si.lpReserved2 || si.cbReserved2 < sizeof(int)) return;
    memcpy(&count, si.lpReserved2, sizeof(int));
    if (count < 0 || count > MAX_FDS || si.cbReserved2 < sizeof(int) + (size_t)count * (1 + sizeof(HANDLE))) return;
    const BYTE *flags = si.lpReserved2 + sizeof(int);
    for (int i = 0; i < count; i++) {
        HANDLE h;
        memcpy(&h, flags + count + i * sizeof(HANDLE), sizeof(h));
        if (!(flags[i] & FOPEN) || h == INVALID_HANDLE_VALUE || !h || GetFileType(h) == FILE_TYPE_UNKNOWN) continue;
        alloc_fd(h, flags[i] & (FTEXT | FAPPEND), i);
    }
}

/* for spawn.c: the handle and flags of descriptors 0 .. the last open one */
unsigned int msvcrt_fd_snapshot(HANDLE *handles, unsigned char *flags, unsigned int max)
{
    unsigned int n = 0;
    EnterCriticalSection(&fd_lock);
    for (unsigned int i = 0; i < max && i < MAX_FDS; i++) {
        handles[i] = fds[i].handle;
        flags[i] = (fds[i].flags & FOPEN) ? fds[i].flags : 0;
        if (flags[i]) n = i + 1;
    }
    LeaveCriticalSection(&fd_lock);
    return n;
}

void msvcrt_init_io(void)
{
    HANDLE std[3] = { GetStdHandle(STD_INPUT_HANDLE), GetStdHandle(STD_OUTPUT_HANDLE), GetStdHandle(STD_ERROR_HANDLE) };
    inherit_fds();
    for (int i = 0; i < 3; i++)
        if (!(fds[i].flags & FOPEN) && std[i] && std[i] != INVALID_HANDLE_VALUE) alloc_fd(std[i], FTEXT, i);
}

int msvcrt_fd_is_text(int fd) { return fd >= 0 && fd < MAX_FDS && (fds[fd].flags & FTEXT); }
int msvcrt_fd_is_device(int fd) { return fd >= 0 && fd < MAX_FDS && (fds[fd].flags & FDEV); }

intptr_t CDECL MSVCRT__get_osfhandle(int fd)
{
    struct fd_info *f = get_fd(fd);
    return f ? (intptr_t)f->handle : -1;
}

int CDECL MSVCRT__open_osfhandle(intptr_t h, int flags)
{
    if ((HANDLE)h == INVALID_HANDLE_VALUE || !h) {
        msvcrt_set_errno(MSVCRT_EBADF);
        return -1;
    }
    unsigned char f = 0;
    if (flags & MSVCRT__O_APPEND) f |= FAPPEND;
    if (!(flags & MSVCRT__O_BINARY) && ((flags & MSVCRT__O_TEXT) || !(MSVCRT__fmode & MSVCRT__O_BINARY))) f |= FTEXT;
    return alloc_fd((HANDLE)h, f, -1);
}

int CDECL MSVCRT__open(const char *path, int flags, ...)
{
    __builtin_ms_va_list ap;
    int mode = 0;
    if (flags & MSVCRT__O_CREAT) {
        __builtin_ms_va_start(ap, flags);
        mode = __builtin_va_arg(ap, int);
        __builtin_ms_va_end(ap);
    }
    WCHAR *w = msvcrt_strdup_AtoW(path);
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; }
    int fd = msvcrt_wopen(w, flags, mode);
    free(w);
    return fd;
}

int msvcrt_wopen(const WCHAR *path, int flags, int mode)
{
    DWORD access, creation, attrs = FILE_ATTRIBUTE_NORMAL;
    switch (flags & 3) {
    case MSVCRT__O_RDONLY: access = GENERIC_READ; break;
    case MSVCRT__O_WRONLY: access = GENERIC_WRITE; break;
    case MSVCRT__O_RDWR: access = GENERIC_READ | GENERIC_WRITE; break;
    default: msvcrt_set_errno(MSVCRT_EINVAL); return -1;
    }
    if (flags & MSVCRT__O_CREAT) {
        if (flags & MSVCRT__O_EXCL) creation = CREATE_NEW;
        else if (flags & MSVCRT__O_TRUNC) creation = CREATE_ALWAYS;
        else creation = OPEN_ALWAYS;
        if (!(mode & ~msvcrt_umask() & MSVCRT__S_IWRITE)) attrs = FILE_ATTRIBUTE_READONLY;   /* _umask applies */
    } else creation = (flags & MSVCRT__O_TRUNC) ? TRUNCATE_EXISTING : OPEN_EXISTING;
    if (flags & MSVCRT__O_TEMPORARY) attrs |= FILE_FLAG_DELETE_ON_CLOSE;
    HANDLE h = CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, creation, attrs, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    unsigned char f = 0;
    if (flags & MSVCRT__O_APPEND) f |= FAPPEND;
    if (!(flags & MSVCRT__O_BINARY) && ((flags & (MSVCRT__O_TEXT | MSVCRT__O_WTEXT | MSVCRT__O_U16TEXT | MSVCRT__O_U8TEXT)) || !(MSVCRT__fmode & MSVCRT__O_BINARY)))
        f |= FTEXT;
    int fd = alloc_fd(h, f, -1);
    if (fd < 0) CloseHandle(h);
    else if (flags & MSVCRT__O_U16TEXT) fds[fd].textmode = 1;
    else if (flags & MSVCRT__O_U8TEXT) fds[fd].textmode = 2;
    return fd;
}

int CDECL MSVCRT__wopen(const WCHAR *path, int flags, ...)
{
    __builtin_ms_va_list ap;
    int mode = 0;
    if (flags & MSVCRT__O_CREAT) {
        __builtin_ms_va_start(ap, flags);
        mode = __builtin_va_arg(ap, int);
        __builtin_ms_va_end(ap);
    }
    return msvcrt_wopen(path, flags, mode);
}

int CDECL MSVCRT__sopen(const char *path, int flags, int share, ...)
{
    __builtin_ms_va_list ap;
    int mode = 0;
    if (flags & MSVCRT__O_CREAT) {
        __builtin_ms_va_start(ap, share);
        mode = __builtin_va_arg(ap, int);
        __builtin_ms_va_end(ap);
    }
    WCHAR *w = msvcrt_strdup_AtoW(path);
    if (!w) { msvcrt_set_errno(MSVCRT_ENOMEM); return -1; }
    int fd = msvcrt_wopen(w, flags, mode);
    free(w);
    return fd;
}

int CDECL MSVCRT__wsopen(const WCHAR *path, int flags, int share, ...)
{
    __builtin_ms_va_list ap;
    int mode = 0;
    if (flags & MSVCRT__O_CREAT) {
        __builtin_ms_va_start(ap, share);
        mode = __builtin_va_arg(ap, int);
        __builtin_ms_va_end(ap);
    }
    return msvcrt_wopen(path, flags, mode);
}

int CDECL MSVCRT__creat(const char *path, int mode)
{
    return MSVCRT__open(path, MSVCRT__O_CREAT | MSVCRT__O_TRUNC | MSVCRT__O_RDWR, mode);
}

int CDECL MSVCRT__wcreat(const WCHAR *path, int mode)
{
    return msvcrt_wopen(path, MSVCRT__O_CREAT | MSVCRT__O_TRUNC | MSVCRT__O_RDWR, mode);
}

int CDECL MSVCRT__close(int fd)
{
    EnterCriticalSection(&fd_lock);
    struct fd_info *f = get_fd(fd);
    if (!f) { LeaveCriticalSection(&fd_lock); return -1; }
    HANDLE h = f->handle;
    f->flags = 0;
    f->handle = INVALID_HANDLE_VALUE;
    LeaveCriticalSection(&fd_lock);
    /* the standard handles stay open for the rest of the process */
    if (fd > 2 && !CloseHandle(h)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

int CDECL MSVCRT__dup2(int from, int to)
{
    struct fd_info *f = get_fd(from);
    HANDLE h;
    if (!f) return -1;
    if (to < 0 || to >= MAX_FDS) { msvcrt_set_errno(MSVCRT_EBADF); return -1; }
    if (!DuplicateHandle(GetCurrentProcess(), f->handle, GetCurrentProcess(), &h, 0, TRUE, 2 /* DUPLICATE_SAME_ACCESS */)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    if (fds[to].flags & FOPEN) MSVCRT__close(to);
    unsigned char flags = f->flags & ~(FOPEN | FDEV | FPIPE);
    alloc_fd(h, flags, to);
    fds[to].textmode = f->textmode;
    if (to < 3) SetStdHandle(to == 0 ? STD_INPUT_HANDLE : to == 1 ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE, h);
    return 0;
}

int CDECL MSVCRT__dup(int fd)
{
    struct fd_info *f = get_fd(fd);
    HANDLE h;
    if (!f) return -1;
    if (!DuplicateHandle(GetCurrentProcess(), f->handle, GetCurrentProcess(), &h, 0, TRUE, 2)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    int nfd = alloc_fd(h, f->flags & ~(FOPEN | FDEV | FPIPE), -1);
    if (nfd < 0) CloseHandle(h);
    else fds[nfd].textmode = f->textmode;
    return nfd;
}

/* Raw read from the handle, honouring a byte a pipe read ahead. */
static int raw_read(struct fd_info *f, char *buf, unsigned int count)
{
    DWORD n = 0;
    int got = 0;
    if (!count) return 0;
    if (f->pipech != '\n') {
        buf[got++] = f->pipech;
        f->pipech = '\n';
        if (got == (int)count) return got;
    }
    if (!ReadFile(f->handle, buf + got, count - got, &n, NULL)) {
        DWORD err = GetLastError();
        if (err == ERROR_BROKEN_PIPE) return got;   /* end of the pipe is end of file */
        if (got) return got;
        msvcrt_set_errno_from_win32(err);
        return -1;
    }
    return got + n;
}

int CDECL MSVCRT__read(int fd, void *buffer, unsigned int count)
{
    struct fd_info *f = get_fd(fd);
    char *buf = buffer;
    if (!f) return -1;
    if (!count) return 0;
    if (f->flags & FEOFLAG && !(f->flags & FDEV)) return 0;
    int n = raw_read(f, buf, count);
    if (n <= 0 || !(f->flags & FTEXT)) return n;
    /* text mode: CR LF -> LF, Ctrl-Z ends the file */
    int out = 0;
    for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == 0x1a) {
            f->flags |= FEOFLAG;
            if (!(f->flags & (FDEV | FPIPE))) {
                LARGE_INTEGER d, pos;
                d.QuadPart = i - n;   /* leave the file positioned at the Ctrl-Z */
                SetFilePointerEx(f->handle, d, &pos, FILE_CURRENT);
            }
            break;
        }
        if (c != '\r') { buf[out++] = c; continue; }
        if (i + 1 < n) {
            if (buf[i + 1] == '\n') { buf[out++] = '\n'; i++; }
            else buf[out++] = '\r';
            continue;
        }
        /* a CR at the end of the buffer: look at the next byte */
        char next;
        int m = raw_read(f, &next, 1);
        if (m == 1 && next == '\n') buf[out++] = '\n';
        else {
            buf[out++] = '\r';
            if (m == 1) {
                if (f->flags & (FDEV | FPIPE)) f->pipech = next;
                else {
                    LARGE_INTEGER d, pos;
                    d.QuadPart = -1;
                    SetFilePointerEx(f->handle, d, &pos, FILE_CURRENT);
                }
            }
        }
    }
    return out;
}

static int raw_write(struct fd_info *f, const char *buf, unsigned int count)
{
    DWORD n;
    if (f->flags & FAPPEND) {
        LARGE_INTEGER zero = { .QuadPart = 0 }, pos;
        SetFilePointerEx(f->handle, zero, &pos, FILE_END);
    }
    if (!WriteFile(f->handle, buf, count, &n, NULL)) {
        DWORD err = GetLastError();
        msvcrt_set_errno_from_win32(err);
        if (err == ERROR_NO_DATA) msvcrt_set_errno(MSVCRT_EINVAL);   /* as msvcrt reports a closed pipe */
        return -1;
    }
    if (n < count) {
        msvcrt_set_errno(MSVCRT_ENOSPC);
        msvcrt_doserrno = 0;
        return -1;
    }
    return n;
}

int CDECL MSVCRT__write(int fd, const void *buffer, unsigned int count)
{
    struct fd_info *f = get_fd(fd);
    const char *src = buffer;
    if (!f) return -1;
    if (!count) return 0;
    if (!(f->flags & FTEXT)) return raw_write(f, src, count);
    /* text mode: LF -> CR LF */
    char buf[2048];
    unsigned int done = 0;
    while (done < count) {
        unsigned int n = 0, used = 0;
        while (done + used < count && n < sizeof(buf) - 1) {
            char c = src[done + used++];
            if (c == '\n') buf[n++] = '\r';
            buf[n++] = c;
        }
        if (raw_write(f, buf, n) < 0) return done ? (int)done : -1;
        done += used;
    }
    return count;
}

long long CDECL MSVCRT__lseeki64(int fd, long long offset, int whence)
{
    struct fd_info *f = get_fd(fd);
    LARGE_INTEGER d, pos;
    if (!f) return -1;
    if (whence < 0 || whence > 2) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    d.QuadPart = offset;
    if (!SetFilePointerEx(f->handle, d, &pos, whence)) {
        msvcrt_set_errno_from_win32(GetLastError());
        if (GetLastError() == ERROR_NEGATIVE_SEEK) msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    f->flags &= ~FEOFLAG;
    f->pipech = '\n';
    return pos.QuadPart;
}

LONG CDECL MSVCRT__lseek(int fd, LONG offset, int whence)
{
    long long r = MSVCRT__lseeki64(fd, offset, whence);
    if (r > 0x7fffffff) { msvcrt_set_errno(MSVCRT_EINVAL); return -1; }
    return (LONG)r;
}

LONG CDECL MSVCRT__tell(int fd) { return MSVCRT__lseek(fd, 0, 1); }
long long CDECL MSVCRT__telli64(int fd) { return MSVCRT__lseeki64(fd, 0, 1); }

int CDECL MSVCRT__eof(int fd)
{
    struct fd_info *f = get_fd(fd);
    LARGE_INTEGER size;
    if (!f) return -1;
    if (f->flags & FEOFLAG) return 1;
    long long pos = MSVCRT__lseeki64(fd, 0, 1);
    if (pos < 0 || !GetFileSizeEx(f->handle, &size)) return -1;
    return pos >= size.QuadPart;
}

long long CDECL MSVCRT__filelengthi64(int fd)
{
    struct fd_info *f = get_fd(fd);
    LARGE_INTEGER size;
    if (!f) return -1;
    if (!GetFileSizeEx(f->handle, &size)) { msvcrt_set_errno_from_win32(GetLastError()); return -1; }
    return size.QuadPart;
}

LONG CDECL MSVCRT__filelength(int fd) { return (LONG)MSVCRT__filelengthi64(fd); }

int CDECL MSVCRT__chsize_s(int fd, long long size)
{
    struct fd_info *f = get_fd(fd);
    if (!f) return MSVCRT_EBADF;
    long long cur = MSVCRT__lseeki64(fd, 0, 1);
    if (MSVCRT__lseeki64(fd, size, 0) < 0 || !SetEndOfFile(f->handle)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return msvcrt_errno;
    }
    MSVCRT__lseeki64(fd, cur, 0);
    return 0;
}

int CDECL MSVCRT__chsize(int fd, LONG size) { return MSVCRT__chsize_s(fd, size) ? -1 : 0; }

int CDECL MSVCRT__setmode(int fd, int mode)
{
    struct fd_info *f = get_fd(fd);
    if (!f) return -1;
    int old = (f->flags & FTEXT) ? (f->textmode == 1 ? MSVCRT__O_U16TEXT : f->textmode == 2 ? MSVCRT__O_U8TEXT : MSVCRT__O_TEXT) : MSVCRT__O_BINARY;
    switch (mode) {
    case MSVCRT__O_BINARY: f->flags &= ~FTEXT; f->textmode = 0; break;
    case MSVCRT__O_TEXT: f->flags |= FTEXT; f->textmode = 0; break;
    case MSVCRT__O_WTEXT: case MSVCRT__O_U16TEXT: f->flags |= FTEXT; f->textmode = 1; break;
    case MSVCRT__O_U8TEXT: f->flags |= FTEXT; f->textmode = 2; break;
    default: msvcrt_set_errno(MSVCRT_EINVAL); return -1;
    }
    return old;
}

int CDECL MSVCRT__isatty(int fd)
{
    struct fd_info *f = get_fd(fd);
    return f && (f->flags & FDEV) ? 1 : 0;
}

int CDECL MSVCRT__commit(int fd)
{
    struct fd_info *f = get_fd(fd);
    if (!f) return -1;
    FlushFileBuffers(f->handle);
    return 0;
}
