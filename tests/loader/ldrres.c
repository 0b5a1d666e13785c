/* Test DLL loaded as a data file: its resource is read, its DllMain must
 * not run. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

__declspec(dllexport) int res_value(void) { return 3; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record("res+");
    return TRUE;
}
