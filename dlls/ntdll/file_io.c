/* NtReadFile and NtWriteFile on handles that are plain file descriptors
 * (files, devices, anonymous pipes), for programs that call ntdll directly:
 * Rust's standard library reads and writes files with them.  Every handle
 * is synchronous here, so the calls complete before returning. */
#include <errno.h>
#include <unistd.h>
#include "ntdll_private.h"
#include "winbase.h"

DEFAULT_DEBUG_CHANNEL(file);

typedef struct {
    union { NTSTATUS Status; void *Pointer; };
    ULONG_PTR Information;
} IO_STATUS_BLOCK;

/* ByteOffset.HighPart -1 with these low parts: "the current position" and
 * "the end of the file" */
#define FILE_USE_FILE_POINTER_POSITION 0xfffffffeu
#define FILE_WRITE_TO_END_OF_FILE      0xffffffffu

static NTSTATUS finish(IO_STATUS_BLOCK *io, NTSTATUS status, ULONG_PTR info)
{
    io->Status = status;
    io->Information = info;
    return status;
}

/* The file of H, or NULL with *status set: events and APCs need kernel32's
 * objects, which ntdll cannot signal yet. */
static struct file_object *get_plain_file(HANDLE h, HANDLE event, void *apc, NTSTATUS *status)
{
    struct file_object *f = (struct file_object *)carafe_handle_get(h, OBJ_FILE);
    *status = STATUS_INVALID_HANDLE;
    if (!f) return NULL;
    if (!event && !apc && ntdll_file_is_plain(f)) return f;
    FIXME("handle %p: %s not supported\n", h, event || apc ? "event or APC completion" : "a named pipe");
    carafe_object_release(&f->obj);
    *status = STATUS_NOT_IMPLEMENTED;
    return NULL;
}

/* an explicit offset of a synchronous handle also moves the file position */
static int explicit_offset(const LARGE_INTEGER *offset, const struct file_object *f)
{
    return offset && f->type == FILE_TYPE_DISK && !(offset->HighPart == -1 &&
           (offset->LowPart == FILE_USE_FILE_POINTER_POSITION || offset->LowPart == FILE_WRITE_TO_END_OF_FILE));
}

NTSTATUS WINAPI NtReadFile(HANDLE h, HANDLE event, void *apc, void *apc_context, IO_STATUS_BLOCK *io,
                           void *buffer, ULONG length, LARGE_INTEGER *offset, ULONG *key)
{
    NTSTATUS status;
    struct file_object *f = get_plain_file(h, event, apc, &status);
    ssize_t n;
    (void)apc_context; (void)key;
    if (!f) return status;
    if (explicit_offset(offset, f)) {
        n = pread(f->fd, buffer, length, offset->QuadPart);
        if (n >= 0) lseek(f->fd, offset->QuadPart + n, SEEK_SET);
    } else {
        do n = read(f->fd, buffer, length); while (n < 0 && errno == EINTR);
    }
    int err = errno;
    DWORD type = f->type;
    carafe_object_release(&f->obj);
    if (n < 0) return finish(io, ntdll_errno_to_status(err), 0);
    /* nothing more to read: the other end of a pipe is closed, or the end of a file */
    if (!n && length) return finish(io, type == FILE_TYPE_PIPE ? STATUS_PIPE_BROKEN : STATUS_END_OF_FILE, 0);
    return finish(io, STATUS_SUCCESS, n);
}

NTSTATUS WINAPI NtWriteFile(HANDLE h, HANDLE event, void *apc, void *apc_context, IO_STATUS_BLOCK *io,
                            const void *buffer, ULONG length, LARGE_INTEGER *offset, ULONG *key)
{
    NTSTATUS status;
    struct file_object *f = get_plain_file(h, event, apc, &status);
    const char *p = buffer;
    ULONG done = 0;
    (void)apc_context; (void)key;
    if (!f) return status;
    int at = explicit_offset(offset, f);
    if (offset && offset->HighPart == -1 && offset->LowPart == FILE_WRITE_TO_END_OF_FILE && f->type == FILE_TYPE_DISK)
        lseek(f->fd, 0, SEEK_END);
    while (done < length) {
        ssize_t n = at ? pwrite(f->fd, p + done, length - done, offset->QuadPart + done)
                       : write(f->fd, p + done, length - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            carafe_object_release(&f->obj);
            return finish(io, ntdll_errno_to_status(err), done);
        }
        done += n;
    }
    if (at) lseek(f->fd, offset->QuadPart + done, SEEK_SET);
    carafe_object_release(&f->obj);
    return finish(io, STATUS_SUCCESS, done);
}
