/* BSTRs (SysAllocString(Len), SysStringLen, SysFreeString) and VariantInit /
 * VariantClear / VariantCopy, per Microsoft's pages; the ordinals programs import by. */
#include <windows.h>
#include <oleauto.h>
#include <string.h>
#include "test.h"

static int releases, addrefs;
static ULONG WINAPI fake_release(IUnknown *u) { (void)u; return ++releases; }
static ULONG WINAPI fake_addref(IUnknown *u) { (void)u; return ++addrefs; }
static IUnknownVtbl fake_vtbl = { NULL, fake_addref, fake_release };
static IUnknown fake = { &fake_vtbl };

int main(void)
{
    HMODULE dll = LoadLibraryA("oleaut32.dll");
    static const struct { int ord; const char *name; } ords[] = {
        { 2, "SysAllocString" }, { 6, "SysFreeString" }, { 7, "SysStringLen" },
        { 8, "VariantInit" }, { 9, "VariantClear" }, { 4, "SysAllocStringLen" },
        { 10, "VariantCopy" } };
    for (int i = 0; i < 7; i++)
        ok(GetProcAddress(dll, (LPCSTR)(ULONG_PTR)ords[i].ord) == GetProcAddress(dll, ords[i].name) &&
           GetProcAddress(dll, ords[i].name), "ordinal %d is %s", ords[i].ord, ords[i].name);

    BSTR b = SysAllocString(L"carafe");
    ok(b && !wcscmp(b, L"carafe"), "SysAllocString");
    ok(SysStringLen(b) == 6, "SysStringLen %u", SysStringLen(b));
    ok(b && ((DWORD *)b)[-1] == 12, "byte count %lu", b ? ((DWORD *)b)[-1] : 0);
    ok(SysAllocString(NULL) == NULL, "SysAllocString(NULL)");
    ok(SysStringLen(NULL) == 0, "SysStringLen(NULL)");
    SysFreeString(NULL);

    VARIANT v;
    memset(&v, 0xcc, sizeof(v));
    VariantInit(&v);
    ok(v.vt == VT_EMPTY, "VariantInit vt %d", v.vt);
    ok(VariantClear(&v) == S_OK && v.vt == VT_EMPTY, "clear an empty VARIANT");
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = b;
    ok(VariantClear(&v) == S_OK && v.vt == VT_EMPTY, "clear a BSTR");
    V_VT(&v) = VT_I4;
    V_I4(&v) = 42;
    ok(VariantClear(&v) == S_OK && v.vt == VT_EMPTY, "clear an I4");
    V_VT(&v) = VT_UNKNOWN;
    V_UNKNOWN(&v) = &fake;
    ok(VariantClear(&v) == S_OK && releases == 1, "clear an IUnknown: %d releases", releases);
    IUnknown *pu = &fake;
    V_VT(&v) = VT_UNKNOWN | VT_BYREF;
    V_UNKNOWNREF(&v) = &pu;
    ok(VariantClear(&v) == S_OK && releases == 1 && v.vt == VT_EMPTY, "by reference: nothing released");
    V_VT(&v) = 15;
    ok(VariantClear(&v) == DISP_E_BADVARTYPE && v.vt == 15, "type 15 is invalid");

    BSTR l = SysAllocStringLen(L"abcdef", 3);
    ok(l && SysStringLen(l) == 3 && !wcscmp(l, L"abc"), "SysAllocStringLen copies 3 and ends the string");
    BSTR z = SysAllocStringLen(NULL, 4);
    ok(z && SysStringLen(z) == 4 && z[4] == 0, "SysAllocStringLen(NULL, 4)");
    SysFreeString(z);
    z = SysAllocStringLen(NULL, 0);
    ok(z && SysStringLen(z) == 0 && z[0] == 0, "SysAllocStringLen(NULL, 0) is an empty BSTR, not NULL");
    SysFreeString(z);

    VARIANT src, dst;
    VariantInit(&src);
    VariantInit(&dst);
    V_VT(&src) = VT_BSTR;
    V_BSTR(&src) = l;
    ok(VariantCopy(&dst, &src) == S_OK && V_VT(&dst) == VT_BSTR, "VariantCopy of a BSTR");
    ok(V_BSTR(&dst) != l && !wcscmp(V_BSTR(&dst), L"abc") && SysStringLen(V_BSTR(&dst)) == 3,
       "the BSTR is duplicated");
    V_VT(&src) = VT_I4;
    V_I4(&src) = 7;
    ok(VariantCopy(&dst, &src) == S_OK && V_VT(&dst) == VT_I4 && V_I4(&dst) == 7, "copy an I4 over a BSTR");
    SysFreeString(l);
    V_VT(&src) = VT_UNKNOWN;
    V_UNKNOWN(&src) = &fake;
    ok(VariantCopy(&dst, &src) == S_OK && addrefs == 1 && V_UNKNOWN(&dst) == &fake, "copy adds a reference");
    ok(VariantCopy(&dst, &dst) == S_OK && addrefs == 1 && releases == 1, "copy onto itself does nothing");
    V_VT(&src) = 15;
    ok(VariantCopy(&dst, &src) == DISP_E_BADVARTYPE && V_VT(&dst) == VT_UNKNOWN && releases == 1,
       "a bad source leaves the destination");
    return test_summary();
}
