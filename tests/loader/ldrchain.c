/* Test DLL that imports ldrleaf.dll: freeing it must release ldrleaf too. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);
__declspec(dllimport) int leaf_value(void);

__declspec(dllexport) int chain_value(void) { return leaf_value() + 1; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record("chain+");
    if (reason == DLL_PROCESS_DETACH) dep_record("chain-");
    return TRUE;
}
