/* The main thread ends with ExitThread; the process lives on until its
 * last thread ends, and takes that thread's exit code. */
#include <windows.h>
#include <stdio.h>

static DWORD WINAPI worker(void *arg)
{
    Sleep(100);
    printf("worker ends last\n");
    fflush(stdout);
    return 3;
}

int main(void)
{
    printf("main ends first\n");
    fflush(stdout);
    CloseHandle(CreateThread(NULL, 0, worker, NULL, 0, NULL));
    ExitThread(0);
}
