/* Conformance tests: I/O completion ports with posted packets. */
#include <windows.h>
#include "test.h"

static HANDLE port;

static DWORD WINAPI poster(void *arg)
{
    Sleep(50);
    PostQueuedCompletionStatus(port, 77, (ULONG_PTR)arg, (OVERLAPPED *)0x1234);
    return 0;
}

static void test_post_get(void)
{
    OVERLAPPED ovs[3];
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes, start;
    BOOL r;

    SetLastError(0xdeadbeef);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    ok(port != NULL, "CreateIoCompletionPort failed %lu\n", GetLastError());

    /* packets come back first in, first out, exactly as posted */
    for (int i = 0; i < 3; i++) {
        r = PostQueuedCompletionStatus(port, 100 + i, 10 + i, &ovs[i]);
        ok(r, "post %d failed %lu\n", i, GetLastError());
    }
    for (int i = 0; i < 3; i++) {
        bytes = 0xdeadbeef;
        key = 0xdeadbeef;
        ov = (OVERLAPPED *)0xdeadbeef;
        SetLastError(0xdeadbeef);
        r = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
        ok(r, "get %d failed %lu\n", i, GetLastError());
        ok(bytes == 100u + i && key == 10u + i && ov == &ovs[i], "get %d: %lu %Iu %p\n", i, bytes, key, ov);
        ok(GetLastError() == 0xdeadbeef, "get %d: error set to %lu\n", i, GetLastError());
    }

    /* a NULL overlapped is a valid packet too */
    PostQueuedCompletionStatus(port, 0, 0, NULL);
    ov = (OVERLAPPED *)0xdeadbeef;
    r = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
    ok(r && bytes == 0 && key == 0 && ov == NULL, "NULL packet: %d %lu %Iu %p\n", r, bytes, key, ov);

    /* empty queue: FALSE, WAIT_TIMEOUT and a NULL overlapped */
    ov = (OVERLAPPED *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    r = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
    ok(!r, "empty queue gave a packet\n");
    ok(GetLastError() == WAIT_TIMEOUT, "empty queue: error %lu\n", GetLastError());
    ok(ov == NULL, "empty queue: overlapped %p\n", ov);

    start = GetTickCount();
    r = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 100);
    ok(!r && GetLastError() == WAIT_TIMEOUT, "timed wait: %d %lu\n", r, GetLastError());
    ok(GetTickCount() - start >= 80, "timed wait returned after %lu ms\n", GetTickCount() - start);

    /* another thread's packet wakes a waiter */
    HANDLE thread = CreateThread(NULL, 0, poster, (void *)42, 0, NULL);
    r = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
    ok(r && bytes == 77 && key == 42 && ov == (OVERLAPPED *)0x1234, "thread packet: %d %lu %Iu %p\n", r, bytes,
       key, ov);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    ok(CloseHandle(port), "CloseHandle failed %lu\n", GetLastError());
}

static void test_invalid(void)
{
    OVERLAPPED *ov = (OVERLAPPED *)0xdeadbeef;
    ULONG_PTR key;
    DWORD bytes;
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL), p;

    SetLastError(0xdeadbeef);
    ok(!PostQueuedCompletionStatus(event, 0, 0, NULL), "posted to an event\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "post to an event: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetQueuedCompletionStatus(event, &bytes, &key, &ov, 0), "waited on an event\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "get from an event: error %lu\n", GetLastError());
    ok(ov == NULL, "get from an event: overlapped %p\n", ov);
    CloseHandle(event);

    /* a new port (no file) cannot name an existing one */
    p = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    ok(p != NULL, "port with default concurrency failed %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateIoCompletionPort(INVALID_HANDLE_VALUE, p, 0, 0), "INVALID_HANDLE_VALUE with a port accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "INVALID_HANDLE_VALUE with a port: error %lu\n", GetLastError());
    CloseHandle(p);
}

int main(void)
{
    test_post_get();
    test_invalid();
    return test_summary();
}
