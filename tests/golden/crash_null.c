/* An unhandled access violation (a write to NULL) ends the process with the
 * exception code (0xc0000005, low byte 5); what was flushed before it stays
 * on stdout.  (What happens to unflushed stdio buffers differs: Wine 8 runs
 * DLL detach and msvcrt flushes them, Windows' error reporting terminates the
 * process; tests/loader/stderr_checks.sh covers carafe's choice.) */
#include <stdio.h>

int main(void)
{
    printf("before the crash\n");
    fflush(stdout);
    *(volatile int *)0 = 1;
    printf("not reached\n");
    return 0;
}
