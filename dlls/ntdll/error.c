/* The one place where a Linux errno becomes a Win32 error code or an NTSTATUS. */
#include <errno.h>
#include "carafe/ntdll.h"

DWORD carafe_errno_to_win32(int err)
{
    switch (err) {
    case 0: return ERROR_SUCCESS;
    case ENOENT: return ERROR_FILE_NOT_FOUND;
    case ENOTDIR: return ERROR_PATH_NOT_FOUND;
    case EACCES: case EPERM: case EROFS: case EISDIR: return ERROR_ACCESS_DENIED;
    case EEXIST: return ERROR_ALREADY_EXISTS;
    case EBADF: return ERROR_INVALID_HANDLE;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    case EMFILE: case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
    case ENOSPC: return ERROR_DISK_FULL;
    case EFBIG: return ERROR_HANDLE_DISK_FULL;
    case ENOTEMPTY: return ERROR_DIR_NOT_EMPTY;
    case EXDEV: return ERROR_NOT_SAME_DEVICE;
    case EINVAL: return ERROR_INVALID_PARAMETER;
    case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
    case EPIPE: return ERROR_BROKEN_PIPE;
    case ESPIPE: return ERROR_SEEK_ON_DEVICE;
    case EBUSY: case ETXTBSY: return ERROR_SHARING_VIOLATION;
    case EAGAIN: return ERROR_NO_DATA;
    case ENOSYS: case EOPNOTSUPP: return ERROR_NOT_SUPPORTED;
    case EIO: return ERROR_GEN_FAILURE;
    case ELOOP: return ERROR_CANT_RESOLVE_FILENAME;
    default: return ERROR_GEN_FAILURE;
    }
}

void carafe_set_errno_error(void)
{
    carafe_set_last_error(carafe_errno_to_win32(errno));
}

/* for the Nt* file functions */
NTSTATUS ntdll_errno_to_status(int err)
{
    switch (err) {
    case EACCES: case EPERM: case EROFS: case EBADF: return STATUS_ACCESS_DENIED;
    case EISDIR: return STATUS_INVALID_DEVICE_REQUEST;
    case ENOSPC: case EFBIG: return STATUS_DISK_FULL;
    case EPIPE: return STATUS_PIPE_BROKEN;
    case EINVAL: return STATUS_INVALID_PARAMETER;
    case ENOMEM: return STATUS_NO_MEMORY;
    default: return STATUS_UNSUCCESSFUL;
    }
}
