/* Imports a kernel32 function that carafe does not implement (it is not in
 * dlls/kernel32/kernel32.spec): the program must run normally until the call,
 * which then fails naming the DLL, the function and the caller. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    char buf[16];
    printf("before the call\n");
    fflush(stdout);
    GetFirmwareEnvironmentVariableA("carafe", "{00000000-0000-0000-0000-000000000000}", buf, sizeof(buf));
    printf("not reached\n");
    return 0;
}
