/* Test DLL loaded only through LoadLibrary; exports by name and ordinal. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

__declspec(dllexport) int dyn_mul(int a, int b) { return a * b; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record("dyn+");
    if (reason == DLL_PROCESS_DETACH) dep_record("dyn-");
    return TRUE;
}
