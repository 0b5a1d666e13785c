/* Imports ldrfail.dll, whose DllMain returns FALSE: the process must not
 * start (STATUS_DLL_INIT_FAILED), main never runs. */
#include <stdio.h>

__declspec(dllimport) int fail_never(void);

int main(void)
{
    printf("main ran\n");
    return fail_never();
}
