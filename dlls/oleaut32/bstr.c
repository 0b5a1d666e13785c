/* oleaut32.dll: BSTRs.  A BSTR points at UTF-16 text that a 4-byte byte
 * count precedes and a NUL follows (Microsoft's "BSTR" page); it may hold
 * NULs of its own.  NULL is the empty BSTR. */
#include <stdlib.h>
#include <string.h>
#include "winbase.h"
#include "oleauto.h"
#include "carafe/ntdll.h"

/* LEN characters, copied from SRC when SRC is not NULL */
static BSTR alloc_bstr(const WCHAR *src, UINT len)
{
    size_t bytes = (size_t)len * sizeof(WCHAR);
    DWORD *block;
    if (bytes > 0xfffffff0u) return NULL;
    block = malloc(sizeof(DWORD) + bytes + sizeof(WCHAR));
    if (!block) return NULL;
    block[0] = (DWORD)bytes;
    if (src) memcpy(block + 1, src, bytes);
    else memset(block + 1, 0, bytes);
    ((WCHAR *)(block + 1))[len] = 0;
    return (BSTR)(block + 1);
}

BSTR WINAPI SysAllocString(const WCHAR *s)
{
    return s ? alloc_bstr(s, carafe_wcslen(s)) : NULL;
}

void WINAPI SysFreeString(BSTR s)
{
    if (s) free((DWORD *)s - 1);
}

/* LEN characters of S, or LEN zeroed characters when S is NULL */
BSTR WINAPI SysAllocStringLen(const WCHAR *s, UINT len)
{
    return alloc_bstr(s, len);
}

UINT WINAPI SysStringLen(BSTR s)
{
    return s ? ((DWORD *)s)[-1] / sizeof(WCHAR) : 0;
}
