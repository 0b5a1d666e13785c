/* Test DLL whose DllMain refuses to load: LoadLibrary must fail with
 * ERROR_DLL_INIT_FAILED. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

__declspec(dllexport) int fail_never(void) { return 1; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) { dep_record("fail+"); return FALSE; }
    if (reason == DLL_PROCESS_DETACH) dep_record("fail-");
    return TRUE;
}
