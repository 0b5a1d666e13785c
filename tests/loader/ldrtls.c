/* Test DLL with a TLS directory and a TLS callback: the callback must run
 * with DLL_PROCESS_ATTACH before the DLL's entry point (DllMain). */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

static DWORD callback_reason;

static void WINAPI tls_callback(PVOID inst, DWORD reason, PVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) { callback_reason = reason; dep_record("tlscb"); }
}

/* the mingw CRT's TLS directory collects callbacks from .CRT$XL[A-Z] */
__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK ldrtls_callback = tls_callback;

__declspec(dllexport) DWORD tls_callback_reason(void) { return callback_reason; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) dep_record("tlsmain");
    return TRUE;
}
