/* Test DLL linked at the exe's own base (0x140000000): the loader must map
 * it elsewhere and apply its base relocations. */
#include <windows.h>

static int value = 5;
static int *pointers[] = { &value, &value };
static const char *const strings[] = { "relocated", "strings" };

__declspec(dllexport) int reloc_check(void)
{
    if (pointers[0] != &value || pointers[1] != &value || *pointers[0] != 5) return 1;
    if (strings[0][0] != 'r' || strings[1][0] != 's') return 2;
    return 0;
}

__declspec(dllexport) void *reloc_value_address(void) { return &value; }
