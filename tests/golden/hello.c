/* The smallest real program: arguments in, text and an exit code out. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("Hello from a Windows program!\n");
    for (int i = 1; i < argc; i++) printf("argv[%d] = [%s]\n", i, argv[i]);
    fprintf(stderr, "%d arguments\n", argc - 1);
    return argc == 1 ? 0 : 7;
}
