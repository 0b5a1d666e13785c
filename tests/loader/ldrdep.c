/* Test DLL at the bottom of the loader tests' dependency chain: it keeps the
 * shared event log that the other test DLLs and loader.exe write into, and
 * exports by name, by ordinal only (NONAME, see ldrdep.def) and data. */
#include <windows.h>

static char event_log[1024];
static int attach_calls, detach_calls;

__declspec(dllexport) int dep_value = 1234;

__declspec(dllexport) void dep_record(const char *event)
{
    size_t len = 0, n = 0;
    while (event_log[len]) len++;
    if (len && len + 1 < sizeof(event_log)) event_log[len++] = ' ';
    while (event[n] && len + 1 < sizeof(event_log)) event_log[len++] = event[n++];
    event_log[len] = 0;
}

__declspec(dllexport) const char *dep_log(void) { return event_log; }

__declspec(dllexport) int dep_add(int a, int b) { return a + b; }

/* exported by ordinal 9 only */
int dep_secret(void) { return 0x5ec7e7; }

__declspec(dllexport) int dep_attach_calls(void) { return attach_calls; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) { attach_calls++; dep_record("dep"); }
    if (reason == DLL_PROCESS_DETACH) detach_calls++;
    return TRUE;
}
