/* Test DLL for reference counting: loaded and freed by dynload.exe.  Its
 * data must start fresh each time it is loaded again. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

static int counter = 5;

__declspec(dllexport) int ref_bump(void) { return ++counter; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record(reserved ? "ref+static" : "ref+");
    if (reason == DLL_PROCESS_DETACH) dep_record(reserved ? "ref-exit" : "ref-");
    return TRUE;
}
