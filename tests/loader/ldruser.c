/* Test DLL that imports ldrdep.dll: its DllMain must run after ldrdep's. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);
__declspec(dllimport) int dep_add(int a, int b);

__declspec(dllexport) int user_twice(int a) { return dep_add(a, a); }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record("user");
    return TRUE;
}
