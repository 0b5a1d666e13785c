/* test program for cmd: prints its arguments, exits with the first */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) printf("arg%d=[%s]\n", i, argv[i]);
    return argc > 1 ? atoi(argv[1]) : 0;
}
