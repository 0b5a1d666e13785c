/* What ucrtbase's source files share.  Every export written here is a CDECL
 * (ms_abi) function named UCRT_<export name>; the exports whose semantics
 * are msvcrt's are forwards in ucrtbase.spec. */
#ifndef CARAFE_UCRTBASE_PRIVATE_H
#define CARAFE_UCRTBASE_PRIVATE_H

#include "windef.h"
#include "carafe/msvcrt.h"

#define UCRT_EINVAL 22

typedef void (CDECL *ucrt_vfunc)(void);
typedef int (CDECL *ucrt_onexit_fn)(void);

/* _onexit_table_t of <process.h>: opaque to programs */
typedef struct {
    ucrt_onexit_fn *first, *last, *end;
} ucrt_onexit_table;

#endif
