/* Calls a partly implemented function twice: its fixme must appear once.
 * (GenerateConsoleCtrlEvent: CTRL_BREAK_EVENT reaches only this process.) */
#include <stdio.h>
#include <windows.h>

static HANDLE seen;
static BOOL WINAPI handler(DWORD type) { SetEvent(seen); return TRUE; }
static BOOL WINAPI handler2(DWORD type) { return FALSE; }

int main(void)
{
    seen = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetConsoleCtrlHandler(handler, TRUE);
    SetConsoleCtrlHandler(handler2, TRUE);
    for (int i = 0; i < 2; i++) {
        GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0);
        WaitForSingleObject(seen, 5000);
    }
    printf("done\n");
    return 0;
}
