/* oleaut32.dll: VariantInit, VariantClear and VariantCopy (CMake's static
 * CRT clears a VARIANT when it exits; 7-Zip copies property values).  SAFEARRAYs and records do not exist yet, so a
 * VARIANT holding one is left alone with a fixme. */
#include "winbase.h"
#include "oleauto.h"
#include "carafe/debug.h"

DEFAULT_DEBUG_CHANNEL(variant);

#define E_NOTIMPL ((HRESULT)0x80004001)
#define E_OUTOFMEMORY ((HRESULT)0x8007000e)

void WINAPI VariantInit(VARIANTARG *v)
{
    v->vt = VT_EMPTY;
}

static BOOL valid_type(VARTYPE vt)
{
    VARTYPE base = vt & ~(VT_ARRAY | VT_BYREF);
    if (vt & ~(VT_ARRAY | VT_BYREF | 0xfff)) return FALSE;
    if (base == 15 || (base > VT_UINT && base != VT_RECORD)) return FALSE;
    /* VT_EMPTY and VT_NULL are values, never referred to or in arrays */
    if (base <= VT_NULL && vt != base) return FALSE;
    return TRUE;
}

/* IUnknown::Release, the third slot of the vtable */
static void release(void *unknown)
{
    ULONG (WINAPI *fn)(void *) = (*(void ***)unknown)[2];
    fn(unknown);
}

/* IUnknown::AddRef, the second slot */
static void add_ref(void *unknown)
{
    ULONG (WINAPI *fn)(void *) = (*(void ***)unknown)[1];
    fn(unknown);
}

HRESULT WINAPI VariantClear(VARIANTARG *v)
{
    if (!valid_type(v->vt)) return DISP_E_BADVARTYPE;
    if (!(v->vt & VT_BYREF)) {
        if (v->vt & VT_ARRAY || v->vt == VT_RECORD) {
            FIXME("cannot free a SAFEARRAY or record yet (vt %#x)\n", v->vt);
            return E_NOTIMPL;
        }
        if (v->vt == VT_BSTR) SysFreeString(v->bstrVal);
        if ((v->vt == VT_DISPATCH || v->vt == VT_UNKNOWN) && v->punkVal) release(v->punkVal);
    }
    v->vt = VT_EMPTY;
    return 0;
}

/* A deep copy: DST is cleared first, a BSTR is duplicated and an interface
 * gains a reference; a VT_BYREF value copies only the pointer. */
HRESULT WINAPI VariantCopy(VARIANTARG *dst, const VARIANTARG *src)
{
    HRESULT hr;
    if (!valid_type(src->vt)) return DISP_E_BADVARTYPE;
    if (dst == src) return 0;
    if (!(src->vt & VT_BYREF) && (src->vt & VT_ARRAY || src->vt == VT_RECORD)) {
        FIXME("cannot copy a SAFEARRAY or record yet (vt %#x)\n", src->vt);
        return E_NOTIMPL;
    }
    if ((hr = VariantClear(dst))) return hr;
    *dst = *src;  /* a DECIMAL fills the whole VARIANT but vt */
    if (src->vt == VT_BSTR && src->bstrVal) {
        dst->bstrVal = SysAllocStringLen(src->bstrVal, SysStringLen(src->bstrVal));
        if (!dst->bstrVal) {
            dst->vt = VT_EMPTY;
            return E_OUTOFMEMORY;
        }
    }
    if ((src->vt == VT_DISPATCH || src->vt == VT_UNKNOWN) && src->punkVal) add_ref(src->punkVal);
    return 0;
}
