/* An unhandled access violation: stdout keeps what was flushed before it and
 * nothing else (the process ends as Windows' error reporting ends it). */
#include <stdio.h>

int main(void)
{
    printf("flushed\n");
    fflush(stdout);
    printf("buffered, never flushed\n");
    *(volatile int *)0 = 1;
    printf("not reached\n");
    return 0;
}
