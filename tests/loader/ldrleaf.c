/* Test DLL imported by ldrchain.dll and loaded by ldrnest.dll's DllMain. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

__declspec(dllexport) int leaf_value(void) { return 17; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record("leaf+");
    if (reason == DLL_PROCESS_DETACH) dep_record("leaf-");
    return TRUE;
}
