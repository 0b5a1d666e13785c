/* Byte-range locks: LockFile(Ex), UnlockFile(Ex) over Linux open-file-
 * description locks, so two handles of one process conflict as they do on
 * Windows.  The locks are advisory: reads and writes through other handles
 * are not blocked, which Windows would refuse with ERROR_LOCK_VIOLATION. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(file);

static BOOL lock_range(HANDLE h, ULONGLONG offset, ULONGLONG length, short type, int wait)
{
    struct file_object *f = carafe_get_file(h);
    if (!f) return FALSE;
    if (!length) {   /* an empty range locks nothing */
        carafe_object_release(&f->obj);
        return TRUE;
    }
    if (offset > INT64_MAX) offset = INT64_MAX;
    if (length > INT64_MAX - offset) length = INT64_MAX - offset;
    struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = (off_t)offset, .l_len = (off_t)length };
    int r;
    do r = fcntl(f->fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
    while (r && errno == EINTR);
    if (r && errno == EBADF && type != F_UNLCK) {
        /* fcntl wants write access for exclusive and read access for shared
         * locks; Windows wants neither: take the kind the handle allows */
        fl.l_type = type == F_WRLCK ? F_RDLCK : F_WRLCK;
        do r = fcntl(f->fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
        while (r && errno == EINTR);
    }
    int err = errno;
    carafe_object_release(&f->obj);
    if (!r) return TRUE;
    if (err == EAGAIN || err == EACCES) SetLastError(ERROR_LOCK_VIOLATION);
    else if (err == EBADF && type == F_UNLCK) return TRUE;
    else SetLastError(carafe_errno_to_win32(err));
    return FALSE;
}

static ULONGLONG make64(DWORD lo, DWORD hi) { return ((ULONGLONG)hi << 32) | lo; }

BOOL WINAPI LockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo, DWORD len_hi)
{
    return lock_range(h, make64(off_lo, off_hi), make64(len_lo, len_hi), F_WRLCK, 0);
}

BOOL WINAPI UnlockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo, DWORD len_hi)
{
    return lock_range(h, make64(off_lo, off_hi), make64(len_lo, len_hi), F_UNLCK, 0);
}

BOOL WINAPI LockFileEx(HANDLE h, DWORD flags, DWORD reserved, DWORD len_lo, DWORD len_hi, LPOVERLAPPED ov)
{
    if (!ov || reserved) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return lock_range(h, make64(ov->Offset, ov->OffsetHigh), make64(len_lo, len_hi),
                      (flags & LOCKFILE_EXCLUSIVE_LOCK) ? F_WRLCK : F_RDLCK, !(flags & LOCKFILE_FAIL_IMMEDIATELY));
}

BOOL WINAPI UnlockFileEx(HANDLE h, DWORD reserved, DWORD len_lo, DWORD len_hi, LPOVERLAPPED ov)
{
    if (!ov || reserved) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return lock_range(h, make64(ov->Offset, ov->OffsetHigh), make64(len_lo, len_hi), F_UNLCK, 0);
}
