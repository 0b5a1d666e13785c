/* advapi32.dll: the CryptoAPI functions carafe implements. */
#ifndef CARAFE_WINCRYPT_H
#define CARAFE_WINCRYPT_H

#include "windef.h"

typedef ULONG_PTR HCRYPTPROV;

#define PROV_RSA_FULL 1
#define PROV_RSA_AES  24

#define CRYPT_VERIFYCONTEXT 0xf0000000
#define CRYPT_NEWKEYSET     0x00000008
#define CRYPT_DELETEKEYSET  0x00000010
#define CRYPT_MACHINE_KEYSET 0x00000020
#define CRYPT_SILENT        0x00000040

#define NTE_BAD_UID           ((DWORD)0x80090001)
#define NTE_BAD_FLAGS         ((DWORD)0x80090009)
#define NTE_BAD_KEYSET        ((DWORD)0x80090016)
#define NTE_PROV_TYPE_NOT_DEF ((DWORD)0x80090017)
#define NTE_KEYSET_NOT_DEF    ((DWORD)0x80090019)

#endif
