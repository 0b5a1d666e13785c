/* order.exe's middle DLL: imports ldrorda.dll, reports DllMain calls. */
#include <windows.h>

__declspec(dllimport) void orda_say(const char *text);

__declspec(dllexport) void ordb_hello(void) { orda_say("ldrordb: hello\n"); }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) orda_say("ldrordb: attach\n");
    if (reason == DLL_PROCESS_DETACH) orda_say(reserved ? "ldrordb: detach at exit\n" : "ldrordb: detach\n");
    return TRUE;
}
