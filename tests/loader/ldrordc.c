/* order.exe loads this DLL with LoadLibrary and never frees it. */
#include <windows.h>

__declspec(dllimport) void orda_say(const char *text);

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) orda_say(reserved ? "ldrordc: attach (static)\n" : "ldrordc: attach\n");
    if (reason == DLL_PROCESS_DETACH) orda_say(reserved ? "ldrordc: detach at exit\n" : "ldrordc: detach\n");
    return TRUE;
}
