/* test program for cmd's pipes: "event wait NAME" creates the named event
 * and waits up to 5 s for it: exit 0 when it is set, 1 on timeout.  "event
 * set NAME" waits up to 5 s for the event to exist, then sets it: exit 0,
 * or 1 when it never appeared.  A waiter and a setter on the two sides of
 * a pipe both succeed only when the sides run at the same time; run one
 * after the other, either order times out (an event nobody holds open is
 * gone). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define TIMEOUT_MS 5000
#define POLL_MS 10

static int set_event(const char *name)
{
    for (DWORD waited = 0; waited < TIMEOUT_MS; waited += POLL_MS) {
        HANDLE ev = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
        if (ev) {
            BOOL ok = SetEvent(ev);
            CloseHandle(ev);
            return ok ? 0 : 2;
        }
        Sleep(POLL_MS);
    }
    return 1;
}

static int wait_event(const char *name)
{
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, name);
    if (!ev) {
        fprintf(stderr, "event: CreateEvent failed (%lu)\n", GetLastError());
        return 2;
    }
    return WaitForSingleObject(ev, TIMEOUT_MS) == WAIT_OBJECT_0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "set")) return set_event(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "wait")) return wait_event(argv[2]);
    fprintf(stderr, "usage: event wait|set NAME\n");
    return 2;
}
