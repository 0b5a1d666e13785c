/* BSTRs (SysAllocString, SysStringLen, SysFreeString) and VariantInit /
 * VariantClear, per Microsoft's pages; the ordinals programs import by. */
#include <windows.h>
#include <oleauto.h>
#include <string.h>
#include "test.h"

static int releases;
static ULONG WINAPI fake_release(IUnknown *u) { (void)u; return ++releases; }
static IUnknownVtbl fake_vtbl = { NULL, NULL, fake_release };
static IUnknown fake = { &fake_vtbl };

int main(void)
{
    HMODULE dll = LoadLibraryA("oleaut32.dll");
    static const struct { int ord; const char *name; } ords[] = {
        { 2, "SysAllocString" }, { 6, "SysFreeString" }, { 7, "SysStringLen" },
        { 8, "VariantInit" }, { 9, "VariantClear" } };
    for (int i = 0; i < 5; i++)
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
    return test_summary();
}
