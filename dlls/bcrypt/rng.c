/* bcrypt.dll: BCryptGenRandom with the system-preferred generator, which
 * Rust's standard library (before 1.78) uses for its hash-map keys.  As on
 * Windows, the bytes come from bcryptprimitives' ProcessPrng.  There are no
 * algorithm providers (BCryptOpenAlgorithmProvider is absent), so no
 * algorithm handle is valid. */
#include "winbase.h"
#include "bcrypt.h"

NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE alg, PUCHAR buffer, ULONG size, ULONG flags)
{
    /* USE_ENTROPY_IN_BUFFER is documented as ignored since Windows 8 */
    if (flags & ~(BCRYPT_RNG_USE_ENTROPY_IN_BUFFER | BCRYPT_USE_SYSTEM_PREFERRED_RNG))
        return STATUS_INVALID_PARAMETER;
    if (!(flags & BCRYPT_USE_SYSTEM_PREFERRED_RNG)) return STATUS_INVALID_HANDLE;
    if (alg) return STATUS_INVALID_PARAMETER;   /* must be NULL with the system generator */
    if (!buffer && size) return STATUS_INVALID_PARAMETER;
    ProcessPrng(buffer, size);
    return STATUS_SUCCESS;
}
