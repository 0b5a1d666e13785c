/* What kernel32's source files share. */
#ifndef CARAFE_KERNEL32_PRIVATE_H
#define CARAFE_KERNEL32_PRIVATE_H

#include <stdlib.h>
#include "winbase.h"
#include "carafe/ntdll.h"

/* A-function helpers: ANSI (CP_ACP) strings to and from UTF-16, malloc'd. */
WCHAR *k32_strdup_AtoW(LPCSTR s);
/* Copy a UTF-16 result into an ANSI buffer with the A-function length rules:
 * returns the length copied (without NUL) or the size needed (with NUL). */
DWORD k32_copy_WtoA(const WCHAR *src, LPSTR dst, DWORD size);

/* FILETIME <-> Unix time: 100 ns ticks since 1601 */
#define TICKS_PER_SEC 10000000ull
#define TICKS_1601_TO_1970 116444736000000000ull
static inline ULONGLONG k32_unix_to_ticks(long long sec, long nsec)
{
    return (ULONGLONG)(sec * (long long)TICKS_PER_SEC + nsec / 100 + (long long)TICKS_1601_TO_1970);
}

HANDLE k32_current_thread_handle(void);   /* thread.c */

#endif
