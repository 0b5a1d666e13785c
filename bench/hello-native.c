/* The native Linux equivalent of programs/demo/hello.c, for bench/startup.sh. */
#include <stdio.h>

int main(void)
{
    printf("Hello from a native program\n");
    return 0;
}
