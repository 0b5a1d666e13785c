/* Files behind handles: CreateFile, ReadFile, WriteFile, file pointers and sizes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kernel32_private.h"
#include "carafe/process.h"
#include "named_private.h"
#include "carafe/protocol.h"

DEFAULT_DEBUG_CHANNEL(file);

HANDLE WINAPI CreateFileW(LPCWSTR name, DWORD access, DWORD sharing, LPSECURITY_ATTRIBUTES sa,
                          DWORD creation, DWORD attributes, HANDLE template)
{
    int flags = O_CLOEXEC, fd;
    struct stat st;
    if (!name || !*name) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    if (k32_is_pipe_name(name)) return k32_open_pipe(name, access, attributes);   /* namedpipe.c */
    char *path = carafe_dos_to_unix(name);
    if (!path) return INVALID_HANDLE_VALUE;
    if (access & GENERIC_ALL) access |= GENERIC_READ | GENERIC_WRITE;
    int rd = (access & (GENERIC_READ | FILE_READ_DATA)) != 0;
    int wr = (access & (GENERIC_WRITE | FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    flags |= wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
    switch (creation) {
    case CREATE_NEW: flags |= O_CREAT | O_EXCL; break;
    case CREATE_ALWAYS: flags |= O_CREAT | O_TRUNC; break;
    case OPEN_EXISTING: break;
    case OPEN_ALWAYS: flags |= O_CREAT; break;
    case TRUNCATE_EXISTING:
        if (!wr) { free(path); SetLastError(ERROR_INVALID_PARAMETER); return INVALID_HANDLE_VALUE; }
        flags |= O_TRUNC;
        break;
    default:
        free(path);
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if ((flags & O_CREAT) && !wr && (flags & O_ACCMODE) == O_RDONLY) { /* creating needs no write access on Windows */ }
    int existed = !stat(path, &st);
    if (existed && S_ISDIR(st.st_mode)) {
        /* directories open only with FILE_FLAG_BACKUP_SEMANTICS */
        if (!(attributes & FILE_FLAG_BACKUP_SEMANTICS) || (flags & (O_CREAT | O_TRUNC)) == (O_CREAT | O_TRUNC)) {
            free(path);
            SetLastError(ERROR_ACCESS_DENIED);
            return INVALID_HANDLE_VALUE;
        }
        flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
    }
    /* the read-only attribute refuses writers even to root (who could open it) */
    if (existed && wr && S_ISREG(st.st_mode) && !(st.st_mode & S_IWUSR)) {
        free(path);
        SetLastError(ERROR_ACCESS_DENIED);
        return INVALID_HANDLE_VALUE;
    }
    mode_t mode = (attributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
    fd = open(path, flags, mode);
    if (fd < 0 && errno == EACCES && existed && !wr) fd = open(path, flags & ~O_ACCMODE, mode);
    if (fd < 0) {
        DWORD err = carafe_errno_to_win32(errno);
        if (errno == EEXIST) err = ERROR_FILE_EXISTS;
        else if (errno == ENOENT) {
            /* a missing directory on the way is "path not found" */
            char *slash = strrchr(path, '/');
            if (slash && slash != path) {
                *slash = 0;
                if (stat(path, &st)) err = ERROR_PATH_NOT_FOUND;
            }
        } else if (errno == EISDIR) err = ERROR_ACCESS_DENIED;
        free(path);
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = carafe_file_handle_from_fd(fd, access, attributes);
    if (h == INVALID_HANDLE_VALUE) {
        close(fd);
        free(path);
        return h;
    }
    struct file_object *f = carafe_get_file(h);
    f->unix_path = path;
    if (access & FILE_APPEND_DATA && !(access & (GENERIC_WRITE | FILE_WRITE_DATA))) fcntl(fd, F_SETFL, O_APPEND);
    carafe_object_release(&f->obj);
    /* ERROR_ALREADY_EXISTS tells OPEN_ALWAYS/CREATE_ALWAYS callers the file was there */
    SetLastError(existed && (creation == OPEN_ALWAYS || creation == CREATE_ALWAYS) ? ERROR_ALREADY_EXISTS : 0);
    return h;
}

HANDLE WINAPI CreateFileA(LPCSTR name, DWORD access, DWORD sharing, LPSECURITY_ATTRIBUTES sa,
                          DWORD creation, DWORD attributes, HANDLE template)
{
    WCHAR *w = k32_strdup_AtoW(name);
    if (name && !w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return INVALID_HANDLE_VALUE; }
    HANDLE h = CreateFileW(w, access, sharing, sa, creation, attributes, template);
    free(w);
    return h;
}

BOOL WINAPI CloseHandle(HANDLE h)
{
    if (h == CURRENT_PROCESS || h == CURRENT_THREAD) return TRUE;
    struct file_object *f = (struct file_object *)carafe_handle_get(h, OBJ_FILE);
    if (f) {
        if ((f->flags & FILE_FLAG_DELETE_ON_CLOSE) && f->unix_path) unlink(f->unix_path);
        carafe_object_release(&f->obj);
    }
    return carafe_handle_close(h);
}

BOOL WINAPI ReadFile(HANDLE h, LPVOID buffer, DWORD count, LPDWORD nread, LPOVERLAPPED ov)
{
    struct file_object *f = carafe_get_file(h);
    ssize_t n;
    if (nread) *nread = 0;
    if (!f) return FALSE;
    BOOL pipe_ret;
    if (f->type == FILE_TYPE_PIPE && k32_pipe_read(f, buffer, count, nread, &pipe_ret)) {   /* namedpipe.c */
        if (ov && nread) ov->InternalHigh = *nread;
        carafe_object_release(&f->obj);
        return pipe_ret;
    }
    if (ov && f->type != FILE_TYPE_PIPE) n = pread(f->fd, buffer, count, ((off_t)ov->OffsetHigh << 32) | ov->Offset);
    else do n = read(f->fd, buffer, count); while (n < 0 && errno == EINTR);
    DWORD type = f->type;
    carafe_object_release(&f->obj);
    if (n < 0) {
        if (errno == EISDIR) SetLastError(ERROR_INVALID_FUNCTION);
        else carafe_set_errno_error();
        return FALSE;
    }
    if (nread) *nread = n;
    if (ov) ov->InternalHigh = n;
    /* the write end of a pipe is closed: Windows says so with an error */
    if (!n && count && type == FILE_TYPE_PIPE) {
        SetLastError(ERROR_BROKEN_PIPE);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI WriteFile(HANDLE h, LPCVOID buffer, DWORD count, LPDWORD written, LPOVERLAPPED ov)
{
    struct file_object *f = carafe_get_file(h);
    const char *p = buffer;
    DWORD done = 0;
    if (written) *written = 0;
    if (!f) return FALSE;
    while (done < count) {
        ssize_t n = ov && f->type != FILE_TYPE_PIPE ? pwrite(f->fd, p + done, count - done, (((off_t)ov->OffsetHigh << 32) | ov->Offset) + done)
                       : write(f->fd, p + done, count - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            carafe_object_release(&f->obj);
            if (errno == EPIPE) SetLastError(ERROR_NO_DATA);
            else carafe_set_errno_error();
            if (written) *written = done;
            return FALSE;
        }
        done += n;
    }
    carafe_object_release(&f->obj);
    if (written) *written = done;
    if (ov) ov->InternalHigh = done;
    return TRUE;
}

DWORD WINAPI GetFileType(HANDLE h)
{
    struct file_object *f = carafe_get_file(h);
    if (!f) return FILE_TYPE_UNKNOWN;
    DWORD t = f->type;
    carafe_object_release(&f->obj);
    SetLastError(NO_ERROR);
    return t;
}

BOOL WINAPI SetFilePointerEx(HANDLE h, LARGE_INTEGER dist, PLARGE_INTEGER newpos, DWORD method)
{
    static const int whence[] = { SEEK_SET, SEEK_CUR, SEEK_END };
    struct file_object *f = carafe_get_file(h);
    if (!f) return FALSE;
    if (method > FILE_END) {
        carafe_object_release(&f->obj);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (f->type != FILE_TYPE_DISK) {
        /* Windows does not fail seeks on pipes and consoles; the position stays 0 */
        carafe_object_release(&f->obj);
        if (newpos) newpos->QuadPart = 0;
        return TRUE;
    }
    off_t pos = lseek(f->fd, dist.QuadPart, whence[method]);
    int err = errno;
    carafe_object_release(&f->obj);
    if (pos < 0) {
        SetLastError(err == EINVAL ? ERROR_NEGATIVE_SEEK : carafe_errno_to_win32(err));
        return FALSE;
    }
    if (newpos) newpos->QuadPart = pos;
    return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE h, LONG dist, PLONG high, DWORD method)
{
    LARGE_INTEGER d, pos;
    d.QuadPart = high ? ((LONGLONG)*high << 32) | (DWORD)dist : dist;
    if (!SetFilePointerEx(h, d, &pos, method)) return INVALID_SET_FILE_POINTER;
    if (high) *high = pos.HighPart;
    else if (pos.HighPart) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_SET_FILE_POINTER;
    }
    SetLastError(NO_ERROR);
    return pos.LowPart;
}

BOOL WINAPI GetFileSizeEx(HANDLE h, PLARGE_INTEGER size)
{
    struct file_object *f = carafe_get_file(h);
    struct stat st;
    if (!f) return FALSE;
    int r = fstat(f->fd, &st);
    carafe_object_release(&f->obj);
    if (r) { carafe_set_errno_error(); return FALSE; }
    size->QuadPart = S_ISREG(st.st_mode) ? st.st_size : 0;
    return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE h, LPDWORD high)
{
    LARGE_INTEGER size;
    if (!GetFileSizeEx(h, &size)) return INVALID_FILE_SIZE;
    if (high) *high = size.HighPart;
    SetLastError(NO_ERROR);
    return size.LowPart;
}

BOOL WINAPI FlushFileBuffers(HANDLE h)
{
    struct file_object *f = carafe_get_file(h);
    if (!f) return FALSE;
    if (f->type == FILE_TYPE_DISK) fsync(f->fd);
    carafe_object_release(&f->obj);
    return TRUE;
}

BOOL WINAPI SetEndOfFile(HANDLE h)
{
    struct file_object *f = carafe_get_file(h);
    if (!f) return FALSE;
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    int r = pos < 0 ? -1 : ftruncate(f->fd, pos);
    carafe_object_release(&f->obj);
    if (r) { carafe_set_errno_error(); return FALSE; }
    return TRUE;
}
