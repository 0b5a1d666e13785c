/* Test DLL whose exports are forwarders (see ldrfwd.def): to a builtin
 * (kernel32), to another native DLL by name and by ordinal, and through an
 * API set name.  It has one function of its own. */
#include <windows.h>

__declspec(dllexport) int fwd_own(void) { return 77; }
