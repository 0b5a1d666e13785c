/* advapi32.dll: the CryptoAPI provider context and CryptGenRandom (CMake
 * seeds its random numbers with them).  A context is acquired only with
 * CRYPT_VERIFYCONTEXT: there are no key containers, so neither keys nor
 * hashes; CryptGenRandom takes its bytes from ProcessPrng as on Windows. */
#include <stdlib.h>
#include "winbase.h"
#include "wincrypt.h"
#include "bcrypt.h"
#include "carafe/ntdll.h"

DEFAULT_DEBUG_CHANNEL(crypt);

#define PROV_MAGIC 0x56525043   /* "CPRV": tells a context from a stray value */

struct provider {
    DWORD magic;
    DWORD type;
};

/* the providers of PROV_RSA_FULL and PROV_RSA_AES that Windows ships */
static const struct { const char *name; DWORD type; } known_providers[] = {
    { "Microsoft Base Cryptographic Provider v1.0", PROV_RSA_FULL },
    { "Microsoft Enhanced Cryptographic Provider v1.0", PROV_RSA_FULL },
    { "Microsoft Strong Cryptographic Provider", PROV_RSA_FULL },
    { "Microsoft Enhanced RSA and AES Cryptographic Provider", PROV_RSA_AES },
};

static BOOL known_provider(const WCHAR *name, DWORD type)
{
    for (size_t i = 0; i < sizeof(known_providers) / sizeof(known_providers[0]); i++) {
        const char *n = known_providers[i].name;
        size_t c = 0;
        if (known_providers[i].type != type) continue;
        while (n[c] && (WCHAR)n[c] == name[c]) c++;
        if (!n[c] && !name[c]) return TRUE;
    }
    return FALSE;
}

static struct provider *get_provider(HCRYPTPROV prov)
{
    struct provider *p = (struct provider *)prov;
    return p && p->magic == PROV_MAGIC ? p : NULL;
}

BOOL WINAPI CryptAcquireContextW(HCRYPTPROV *out, LPCWSTR container, LPCWSTR provider, DWORD type, DWORD flags)
{
    struct provider *p;
    if (!out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (flags & ~(CRYPT_VERIFYCONTEXT | CRYPT_NEWKEYSET | CRYPT_DELETEKEYSET | CRYPT_MACHINE_KEYSET | CRYPT_SILENT)) {
        SetLastError(NTE_BAD_FLAGS);
        return FALSE;
    }
    if (type != PROV_RSA_FULL && type != PROV_RSA_AES) {
        FIXME("provider type %lu is not supported\n", (unsigned long)type);
        SetLastError(NTE_PROV_TYPE_NOT_DEF);
        return FALSE;
    }
    if (provider && *provider && !known_provider(provider, type)) {
        SetLastError(NTE_KEYSET_NOT_DEF);
        return FALSE;
    }
    if (!(flags & CRYPT_VERIFYCONTEXT)) {
        FIXME("key containers are not supported (container %p)\n", container);
        SetLastError(NTE_BAD_KEYSET);
        return FALSE;
    }
    p = malloc(sizeof(*p));
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    p->magic = PROV_MAGIC;
    p->type = type;
    *out = (HCRYPTPROV)p;
    SetLastError(0);
    return TRUE;
}

BOOL WINAPI CryptReleaseContext(HCRYPTPROV prov, DWORD flags)
{
    struct provider *p = get_provider(prov);
    if (!p) {
        SetLastError(NTE_BAD_UID);
        return FALSE;
    }
    if (flags) {
        SetLastError(NTE_BAD_FLAGS);
        return FALSE;
    }
    p->magic = 0;
    free(p);
    return TRUE;
}

BOOL WINAPI CryptGenRandom(HCRYPTPROV prov, DWORD len, BYTE *buffer)
{
    if (!get_provider(prov)) {
        SetLastError(NTE_BAD_UID);
        return FALSE;
    }
    return ProcessPrng(buffer, len);
}
