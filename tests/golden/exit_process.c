/* ExitProcess(0x1234) ends the process at once with that code (low byte 0x34
 * on Linux); stdio buffers are not flushed by it, so flush first. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    printf("calling ExitProcess(0x1234)\n");
    fflush(stdout);
    ExitProcess(0x1234);
    printf("not reached\n");
    return 1;
}
