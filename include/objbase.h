/* ole32.dll: GUIDs, HRESULT codes and the task allocator, as far as carafe
 * implements them. */
#ifndef CARAFE_OBJBASE_H
#define CARAFE_OBJBASE_H

#include "windef.h"

typedef struct _GUID {
    DWORD Data1;
    WORD Data2, Data3;
    BYTE Data4[8];
} GUID, IID, CLSID, KNOWNFOLDERID;
typedef const GUID *REFGUID, *REFIID, *REFKNOWNFOLDERID;

#ifndef S_OK
#define S_OK ((HRESULT)0)
#endif
#ifndef E_FAIL
#define E_FAIL ((HRESULT)0x80004005)
#endif
#ifndef E_INVALIDARG
#define E_INVALIDARG ((HRESULT)0x80070057)
#endif
#ifndef E_OUTOFMEMORY
#define E_OUTOFMEMORY ((HRESULT)0x8007000e)
#endif
#ifndef HRESULT_FROM_WIN32
/* facility 7 (FACILITY_WIN32) with the severity bit; 0 stays S_OK */
#define HRESULT_FROM_WIN32(e) ((e) ? (HRESULT)(((e) & 0xffff) | 0x80070000) : S_OK)
#endif

WINBASEAPI void *WINAPI CoTaskMemAlloc(SIZE_T size);
WINBASEAPI void *WINAPI CoTaskMemRealloc(void *ptr, SIZE_T size);
WINBASEAPI void WINAPI CoTaskMemFree(void *ptr);

#endif
