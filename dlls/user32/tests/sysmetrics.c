/* GetSystemMetrics for the system-state metrics (Microsoft's page): a
 * normal boot, a network, a local session. */
#include <windows.h>
#include "test.h"

int main(void)
{
    HMODULE dll = LoadLibraryA("user32.dll");
    int (WINAPI *p_GetSystemMetrics)(int) = dll ? (void *)GetProcAddress(dll, "GetSystemMetrics") : NULL;
    ok(p_GetSystemMetrics != NULL, "GetSystemMetrics");
    if (!p_GetSystemMetrics) return test_summary();
    ok(p_GetSystemMetrics(SM_CLEANBOOT) == 0, "SM_CLEANBOOT %d", p_GetSystemMetrics(SM_CLEANBOOT));
    ok(p_GetSystemMetrics(SM_NETWORK) & 1, "SM_NETWORK %d", p_GetSystemMetrics(SM_NETWORK));
    ok(p_GetSystemMetrics(SM_REMOTESESSION) == 0, "SM_REMOTESESSION");
    ok(p_GetSystemMetrics(SM_SHUTTINGDOWN) == 0, "SM_SHUTTINGDOWN");
    ok(p_GetSystemMetrics(SM_DEBUG) == 0, "SM_DEBUG");
    return test_summary();
}
