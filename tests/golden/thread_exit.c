/* ExitProcess from a secondary thread ends the process at once with its
 * code, while the main thread still waits. */
#include <windows.h>
#include <stdio.h>

static DWORD WINAPI worker(void *arg)
{
    printf("worker exits the process\n");
    fflush(stdout);
    ExitProcess(7);
}

int main(void)
{
    printf("main starts a worker\n");
    fflush(stdout);
    HANDLE h = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    WaitForSingleObject(h, INFINITE);
    Sleep(INFINITE);
    printf("not reached\n");
    return 1;
}
