/* test program for cmd: system() and _popen() find cmd.exe */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    int r = system(argv[1]);
    printf("system returned %d\n", r);
    FILE *f = _popen("echo popen line", "r");
    char buf[100];
    if (f && fgets(buf, sizeof buf, f)) printf("popen: %s", buf);
    if (f) printf("pclose %d\n", _pclose(f));
    return 0;
}
