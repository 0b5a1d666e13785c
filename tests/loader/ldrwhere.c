/* Test DLL built several times with a different WHERE: which copy the DLL
 * search order picks (dynload.exe).  It imports nothing but kernel32. */
#include <windows.h>

__declspec(dllexport) const char *where(void) { return WHERE; }
