/* bcrypt.dll internals shared by provider.c and rng.c */
#ifndef CARAFE_BCRYPT_PRIVATE_H
#define CARAFE_BCRYPT_PRIVATE_H

#include "bcrypt.h"

/* the only algorithm provider: the random number generator */
#define ALG_MAGIC_RNG 0x52474e42u   /* "BNGR" */

struct bcrypt_alg {
    DWORD magic;   /* ALG_MAGIC_RNG while open, 0 once closed */
};

/* the open algorithm behind a handle, or NULL when it is not one */
struct bcrypt_alg *bcrypt_get_alg(BCRYPT_ALG_HANDLE handle);

#endif
