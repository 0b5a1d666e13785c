/* Golden test of DllMain order: dependencies attach first; at exit DLLs
 * detach in the reverse order (lpReserved non-NULL).  Every line goes
 * straight to the stdout handle so the order on stdout is the call order.
 * The exe's TLS callback reports only its attach: Windows also calls it with
 * DLL_PROCESS_DETACH at exit, Wine 8 does not. */
#include <windows.h>

__declspec(dllimport) void orda_say(const char *text);
__declspec(dllimport) void ordb_hello(void);

static void WINAPI exe_tls_callback(PVOID inst, DWORD reason, PVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) orda_say("order.exe: TLS callback attach\n");
}

__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK exe_callback = exe_tls_callback;

int main(void)
{
    orda_say("main\n");
    ordb_hello();
    HMODULE c = LoadLibraryA("ldrordc.dll");
    orda_say(c ? "ldrordc loaded\n" : "ldrordc not loaded\n");
    orda_say("main returns 0\n");
    return 0;
}
