/* exit(300): Windows keeps the whole 32-bit code; a Linux exit status keeps
 * its low byte, 300 & 255 = 44. */
#include <stdio.h>
#include <stdlib.h>

static void at_exit(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    atexit(at_exit);
    printf("calling exit(300)\n");
    exit(300);
}
