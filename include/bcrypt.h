/* bcrypt.dll and bcryptprimitives.dll: the random number generators. */
#ifndef CARAFE_BCRYPT_H
#define CARAFE_BCRYPT_H

#include "windef.h"

typedef void *BCRYPT_ALG_HANDLE;

#define BCRYPT_RNG_ALGORITHM  u"RNG"
#define MS_PRIMITIVE_PROVIDER u"Microsoft Primitive Provider"

/* BCryptOpenAlgorithmProvider flags */
#define BCRYPT_PROV_DISPATCH        0x00000001
#define BCRYPT_ALG_HANDLE_HMAC_FLAG 0x00000008
#define BCRYPT_HASH_REUSABLE_FLAG   0x00000020

/* BCryptGenRandom flags */
#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG  0x00000002

#define STATUS_NOT_FOUND 0xc0000225u

/* bcryptprimitives.dll */
WINBASEAPI BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size);

/* bcrypt.dll */
WINBASEAPI NTSTATUS WINAPI BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE alg, ULONG flags);
WINBASEAPI NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE alg, PUCHAR buffer, ULONG size, ULONG flags);
WINBASEAPI NTSTATUS WINAPI BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE *alg, LPCWSTR id, LPCWSTR impl, ULONG flags);

#endif
