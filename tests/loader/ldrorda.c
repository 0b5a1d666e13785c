/* order.exe's bottom DLL: reports DllMain calls on stdout. */
#include <windows.h>

__declspec(dllexport) void orda_say(const char *text)
{
    DWORD done;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, lstrlenA(text), &done, NULL);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) orda_say("ldrorda: attach\n");
    if (reason == DLL_PROCESS_DETACH) orda_say(reserved ? "ldrorda: detach at exit\n" : "ldrorda: detach\n");
    return TRUE;
}
