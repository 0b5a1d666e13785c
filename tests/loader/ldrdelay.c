/* Test DLL reached through delay-load imports of loader.exe. */
#include <windows.h>

__declspec(dllexport) int delay_triple(int a) { return 3 * a; }
