/* bcrypt.dll algorithm providers: BCryptOpenAlgorithmProvider and
 * BCryptCloseAlgorithmProvider.  Only the random number generator
 * (BCRYPT_RNG_ALGORITHM) is provided, by Microsoft's primitive provider;
 * any other algorithm or provider is not found, as on a system where it is
 * not registered.  FFmpeg's av_get_random_seed opens "RNG" this way. */
#include "winbase.h"
#include "bcrypt_private.h"

/* algorithm and provider names compare without regard to case, as CNG does */
static int name_equal(LPCWSTR a, LPCWSTR b)
{
    for (;; a++, b++) {
        WCHAR ca = *a >= 'a' && *a <= 'z' ? *a - 0x20 : *a;
        WCHAR cb = *b >= 'a' && *b <= 'z' ? *b - 0x20 : *b;
        if (ca != cb) return 0;
        if (!ca) return 1;
    }
}

struct bcrypt_alg *bcrypt_get_alg(BCRYPT_ALG_HANDLE handle)
{
    struct bcrypt_alg *alg = handle;
    if (!alg || alg->magic != ALG_MAGIC_RNG) return NULL;
    return alg;
}

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE *handle, LPCWSTR id, LPCWSTR impl, ULONG flags)
{
    struct bcrypt_alg *alg;

    if (!handle || !id) return STATUS_INVALID_PARAMETER;
    if (flags & ~(BCRYPT_PROV_DISPATCH | BCRYPT_ALG_HANDLE_HMAC_FLAG | BCRYPT_HASH_REUSABLE_FLAG))
        return STATUS_INVALID_PARAMETER;
    if (!name_equal(id, BCRYPT_RNG_ALGORITHM)) return STATUS_NOT_FOUND;
    if (impl && !name_equal(impl, MS_PRIMITIVE_PROVIDER)) return STATUS_NOT_FOUND;
    /* the HMAC and reusable-hash flags are for hash providers only */
    if (flags & (BCRYPT_ALG_HANDLE_HMAC_FLAG | BCRYPT_HASH_REUSABLE_FLAG)) return STATUS_NOT_FOUND;

    if (!(alg = HeapAlloc(GetProcessHeap(), 0, sizeof(*alg)))) return STATUS_NO_MEMORY;
    alg->magic = ALG_MAGIC_RNG;
    *handle = alg;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE handle, ULONG flags)
{
    struct bcrypt_alg *alg = bcrypt_get_alg(handle);

    (void)flags;   /* none are defined */
    if (!alg) return STATUS_INVALID_HANDLE;
    alg->magic = 0;
    HeapFree(GetProcessHeap(), 0, alg);
    return STATUS_SUCCESS;
}
