/* bcrypt.dll: BCryptGenRandom, with the system-preferred generator (Rust's
 * standard library before 1.78) or with a handle to the RNG algorithm
 * provider (FFmpeg).  As on Windows, the bytes come from bcryptprimitives'
 * ProcessPrng. */
#include "winbase.h"
#include "bcrypt_private.h"

NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE handle, PUCHAR buffer, ULONG size, ULONG flags)
{
    /* USE_ENTROPY_IN_BUFFER is documented as ignored since Windows 8 */
    if (flags & ~(BCRYPT_RNG_USE_ENTROPY_IN_BUFFER | BCRYPT_USE_SYSTEM_PREFERRED_RNG))
        return STATUS_INVALID_PARAMETER;
    if (flags & BCRYPT_USE_SYSTEM_PREFERRED_RNG) {
        if (handle) return STATUS_INVALID_PARAMETER;   /* must be NULL with the system generator */
    } else if (!bcrypt_get_alg(handle)) {
        return STATUS_INVALID_HANDLE;
    }
    if (!buffer && size) return STATUS_INVALID_PARAMETER;
    ProcessPrng(buffer, size);
    return STATUS_SUCCESS;
}
