/* Calls a partly implemented function twice: its fixme must appear once. */
#include <stdio.h>
#include <windows.h>

static BOOL WINAPI handler(DWORD type) { return TRUE; }
static BOOL WINAPI handler2(DWORD type) { return TRUE; }

int main(void)
{
    SetConsoleCtrlHandler(handler, TRUE);
    SetConsoleCtrlHandler(handler2, TRUE);
    printf("done\n");
    return 0;
}
