/* Imports from ldrghost.dll, which is not beside it (it is linked against a
 * copy in ghost/): the program runs until it calls into the missing DLL. */
#include <stdio.h>

__declspec(dllimport) int ghost_func(void);

int main(void)
{
    printf("before the call\n");
    fflush(stdout);
    printf("%d\n", ghost_func());
    return 0;
}
