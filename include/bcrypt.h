/* bcrypt.dll and bcryptprimitives.dll: the random number generators. */
#ifndef CARAFE_BCRYPT_H
#define CARAFE_BCRYPT_H

#include "windef.h"

typedef void *BCRYPT_ALG_HANDLE;

#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG  0x00000002

/* bcryptprimitives.dll */
WINBASEAPI BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size);

/* bcrypt.dll */
WINBASEAPI NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE alg, PUCHAR buffer, ULONG size, ULONG flags);

#endif
