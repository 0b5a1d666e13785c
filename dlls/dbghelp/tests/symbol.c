/* dbghelp sessions and options as Dart's VM uses them at start:
 * SymSetOptions, then SymInitialize(GetCurrentProcess(), NULL, TRUE), and
 * SymCleanup at exit.  Expectations per Microsoft's documentation, checked
 * under Wine 8. */
#include <windows.h>
#include "test.h"

#define SYMOPT_UNDNAME 0x00000002
#define SYMOPT_DEFERRED_LOADS 0x00000004

static DWORD (WINAPI *p_SymGetOptions)(void);
static DWORD (WINAPI *p_SymSetOptions)(DWORD);
static BOOL (WINAPI *p_SymInitialize)(HANDLE, const char *, BOOL);
static BOOL (WINAPI *p_SymCleanup)(HANDLE);

int main(void)
{
    HMODULE dll = LoadLibraryA("dbghelp.dll");
    ok(dll != NULL, "LoadLibraryA dbghelp.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    p_SymGetOptions = (void *)GetProcAddress(dll, "SymGetOptions");
    p_SymSetOptions = (void *)GetProcAddress(dll, "SymSetOptions");
    p_SymInitialize = (void *)GetProcAddress(dll, "SymInitialize");
    p_SymCleanup = (void *)GetProcAddress(dll, "SymCleanup");
    ok(p_SymGetOptions && p_SymSetOptions && p_SymInitialize && p_SymCleanup, "exports missing");
    if (!p_SymGetOptions || !p_SymSetOptions || !p_SymInitialize || !p_SymCleanup) return test_summary();

    /* SYMOPT_UNDNAME is on by default; SymSetOptions returns what is now set */
    ok(p_SymGetOptions() & SYMOPT_UNDNAME, "default options %#lx", p_SymGetOptions());
    ok(p_SymSetOptions(SYMOPT_UNDNAME | SYMOPT_DEFERRED_LOADS) == (SYMOPT_UNDNAME | SYMOPT_DEFERRED_LOADS),
       "SymSetOptions result");
    ok(p_SymGetOptions() == (SYMOPT_UNDNAME | SYMOPT_DEFERRED_LOADS), "options %#lx", p_SymGetOptions());

    HANDLE self = GetCurrentProcess();
    ok(!p_SymCleanup(self), "SymCleanup before SymInitialize succeeded");
    SetLastError(0xdeadbeef);
    ok(p_SymInitialize(self, NULL, TRUE), "SymInitialize: %lu", GetLastError());
    ok(p_SymCleanup(self), "SymCleanup: %lu", GetLastError());
    ok(!p_SymCleanup(self), "second SymCleanup succeeded");

    /* the handle need not be a process handle, only unique and nonzero */
    HANDLE id = (HANDLE)(ULONG_PTR)0x1234;
    ok(p_SymInitialize(id, "C:\\symbols", FALSE), "SymInitialize with an identifier: %lu", GetLastError());
    ok(p_SymInitialize(self, NULL, FALSE), "a second session: %lu", GetLastError());
    ok(p_SymCleanup(id), "SymCleanup of the identifier: %lu", GetLastError());
    ok(p_SymCleanup(self), "SymCleanup of the process: %lu", GetLastError());
    return test_summary();
}
