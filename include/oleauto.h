/* oleaut32.dll: BSTR and VARIANT, as far as carafe implements them. */
#ifndef CARAFE_OLEAUTO_H
#define CARAFE_OLEAUTO_H

#include "windef.h"

typedef WCHAR *BSTR;
typedef unsigned short VARTYPE;

enum { VT_EMPTY = 0, VT_NULL = 1, VT_I2 = 2, VT_I4 = 3, VT_R4 = 4, VT_R8 = 5, VT_CY = 6,
       VT_DATE = 7, VT_BSTR = 8, VT_DISPATCH = 9, VT_ERROR = 10, VT_BOOL = 11,
       VT_VARIANT = 12, VT_UNKNOWN = 13, VT_DECIMAL = 14, VT_I1 = 16, VT_UI1 = 17,
       VT_UI2 = 18, VT_UI4 = 19, VT_I8 = 20, VT_UI8 = 21, VT_INT = 22, VT_UINT = 23,
       VT_RECORD = 36, VT_ARRAY = 0x2000, VT_BYREF = 0x4000 };

/* the 24-byte VARIANT of x86-64; DECIMAL overlays the whole of it */
typedef struct tagVARIANT {
    VARTYPE vt;
    WORD wReserved1, wReserved2, wReserved3;
    union {
        LONGLONG llVal;
        BSTR bstrVal;
        void *punkVal;     /* IUnknown *: Release is the third vtable slot */
        void *byref;
        void *parray;
        struct { void *pvRecord; void *pRecInfo; } rec;
    };
} VARIANT, VARIANTARG;

BSTR WINAPI SysAllocString(const WCHAR *s);
void WINAPI SysFreeString(BSTR s);
BSTR WINAPI SysAllocStringLen(const WCHAR *s, UINT len);
UINT WINAPI SysStringLen(BSTR s);

#define DISP_E_BADVARTYPE ((HRESULT)0x80020008)
#define DISP_E_ARRAYISLOCKED ((HRESULT)0x8002000d)

#endif
