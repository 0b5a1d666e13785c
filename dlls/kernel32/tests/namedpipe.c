/* Named pipes: message and byte modes, ConnectNamedPipe, WaitNamedPipe,
 * PeekNamedPipe (anonymous pipes too), DisconnectNamedPipe, instances.
 * tests/server/named_checks also runs it as two processes:
 *     namedpipe.exe server TAG   serves one client, echoing messages
 *     namedpipe.exe client TAG   talks to it */
#include <windows.h>
#include <string.h>
#include "test.h"

static char tag[64] = "t";

static const char *pn(const char *base)
{
    static char buf[2][128];
    static int i;
    i = (i + 1) % 2;
    snprintf(buf[i], sizeof(buf[i]), "\\\\.\\pipe\\carafe-%s-%s", tag, base);
    return buf[i];
}

static HANDLE open_client(const char *name)
{
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static DWORD WINAPI just_connect(void *arg)
{
    return !ConnectNamedPipe(arg, NULL);
}

static DWORD WINAPI answer(void *arg)
{
    char buf[64];
    DWORD n = 0, w;
    if (!ReadFile(arg, buf, sizeof(buf), &n, NULL)) return 0;
    WriteFile(arg, "answer", 6, &w, NULL);
    return n;
}

static void test_message_mode(void)
{
    char buf[64];
    DWORD n, avail, left, flags, out, in, inst;
    HANDLE s = CreateNamedPipeA(pn("msg"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                2, 1024, 1024, 0, NULL);
    ok(s != INVALID_HANDLE_VALUE, "CreateNamedPipe %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!ReadFile(s, buf, sizeof(buf), &n, NULL) && GetLastError() == ERROR_PIPE_LISTENING,
       "read before a client: %lu\n", GetLastError());

    HANDLE c = open_client(pn("msg"));
    ok(c != INVALID_HANDLE_VALUE, "CreateFile %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!ConnectNamedPipe(s, NULL) && GetLastError() == ERROR_PIPE_CONNECTED, "ConnectNamedPipe: %lu\n",
       GetLastError());

    ok(GetNamedPipeInfo(s, &flags, &out, &in, &inst), "GetNamedPipeInfo\n");
    ok(flags == (PIPE_SERVER_END | PIPE_TYPE_MESSAGE), "server flags %lx\n", flags);
    ok(inst == 2, "instances %lu\n", inst);
    ok(GetNamedPipeInfo(c, &flags, NULL, NULL, NULL) && flags == PIPE_TYPE_MESSAGE, "client flags %lx\n", flags);

    ok(WriteFile(s, "abc", 3, &n, NULL) && n == 3, "write 1\n");
    ok(WriteFile(s, "defgh", 5, &n, NULL) && n == 5, "write 2\n");
    memset(buf, 0, sizeof(buf));
    ok(PeekNamedPipe(c, buf, sizeof(buf), &n, &avail, &left), "PeekNamedPipe %lu\n", GetLastError());
    ok(n == 3 && !memcmp(buf, "abc", 3), "peeked %lu \"%s\"\n", n, buf);
    ok(left == 0, "left in message %lu\n", left);
    ok(avail >= 3, "available %lu\n", avail);

    DWORD mode = PIPE_READMODE_MESSAGE;
    ok(SetNamedPipeHandleState(c, &mode, NULL, NULL), "SetNamedPipeHandleState %lu\n", GetLastError());
    memset(buf, 0, sizeof(buf));
    ok(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 3 && !memcmp(buf, "abc", 3), "message 1: %lu \"%s\"\n",
       n, buf);
    /* a short buffer: ERROR_MORE_DATA, the rest comes next */
    SetLastError(0xdeadbeef);
    ok(!ReadFile(c, buf, 2, &n, NULL) && GetLastError() == ERROR_MORE_DATA && n == 2, "short read: %lu %lu\n",
       GetLastError(), n);
    ok(!memcmp(buf, "de", 2), "first part %.2s\n", buf);
    ok(PeekNamedPipe(c, NULL, 0, NULL, &avail, &left) && left == 3, "left after a short read %lu\n", left);
    ok(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 3 && !memcmp(buf, "fgh", 3), "rest: %lu\n", n);

    /* the other way */
    ok(WriteFile(c, "ping", 4, &n, NULL), "client write\n");
    ok(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 4 && !memcmp(buf, "ping", 4), "server read %lu\n", n);

    /* a byte-mode pipe cannot read messages */
    SetLastError(0xdeadbeef);
    ok(PeekNamedPipe(c, NULL, 0, NULL, &avail, NULL) && avail == 0, "empty pipe: avail %lu\n", avail);

    /* the client goes: the server sees a broken pipe */
    CloseHandle(c);
    SetLastError(0xdeadbeef);
    ok(!ReadFile(s, buf, sizeof(buf), &n, NULL) && GetLastError() == ERROR_BROKEN_PIPE, "after close: %lu\n",
       GetLastError());
    ok(DisconnectNamedPipe(s), "DisconnectNamedPipe %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    c = open_client(pn("msg"));
    ok(c == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY, "disconnected, not listening: %lu\n",
       GetLastError());
    HANDLE t = CreateThread(NULL, 0, just_connect, s, 0, NULL);
    ok(WaitNamedPipeA(pn("msg"), 5000), "WaitNamedPipe after ConnectNamedPipe %lu\n", GetLastError());
    c = open_client(pn("msg"));
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "ConnectNamedPipe did not return\n");
    CloseHandle(t);
    ok(c != INVALID_HANDLE_VALUE, "reconnect %lu\n", GetLastError());
    ok(WriteFile(c, "again", 5, &n, NULL), "write after reconnect\n");
    ok(ReadFile(s, buf, sizeof(buf), &n, NULL) && n == 5, "read after reconnect %lu\n", GetLastError());

    /* TransactNamedPipe: a thread of the server answers */
    ok(SetNamedPipeHandleState(c, &mode, NULL, NULL), "message mode\n");
    t = CreateThread(NULL, 0, answer, s, 0, NULL);
    memset(buf, 0, sizeof(buf));
    ok(TransactNamedPipe(c, "question", 8, buf, sizeof(buf), &n, NULL) && n == 6 && !strcmp(buf, "answer"),
       "TransactNamedPipe %lu \"%s\" %lu\n", n, buf, GetLastError());
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "answer thread\n");
    GetExitCodeThread(t, &n);
    ok(n == 8, "question of %lu bytes\n", n);
    CloseHandle(t);

    /* a second instance, then no more */
    HANDLE s2 = CreateNamedPipeA(pn("msg"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE, 2, 1024, 1024, 0, NULL);
    ok(s2 != INVALID_HANDLE_VALUE, "second instance %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    HANDLE s3 = CreateNamedPipeA(pn("msg"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE, 2, 1024, 1024, 0, NULL);
    ok(s3 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY, "third instance: %lu\n", GetLastError());
    HANDLE c2 = open_client(pn("msg"));
    ok(c2 != INVALID_HANDLE_VALUE, "client of the second instance %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    HANDLE c3 = open_client(pn("msg"));
    ok(c3 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY, "all busy: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!WaitNamedPipeA(pn("msg"), 50) && GetLastError() == ERROR_SEM_TIMEOUT, "WaitNamedPipe busy: %lu\n",
       GetLastError());
    CloseHandle(c2);
    CloseHandle(s2);
    CloseHandle(c);
    CloseHandle(s);
}

static void test_byte_mode(void)
{
    char buf[64];
    DWORD n, avail;
    HANDLE s = CreateNamedPipeA(pn("byte"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    ok(s != INVALID_HANDLE_VALUE, "CreateNamedPipe %lu\n", GetLastError());
    DWORD mode = PIPE_READMODE_MESSAGE;
    SetLastError(0xdeadbeef);
    ok(!SetNamedPipeHandleState(s, &mode, NULL, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
       "message read mode on a byte pipe: %lu\n", GetLastError());
    HANDLE c = open_client(pn("byte"));
    ok(c != INVALID_HANDLE_VALUE, "CreateFile %lu\n", GetLastError());
    ok(WriteFile(s, "abc", 3, &n, NULL) && WriteFile(s, "defgh", 5, &n, NULL), "writes\n");
    Sleep(10);
    ok(PeekNamedPipe(c, NULL, 0, NULL, &avail, NULL) && avail == 8, "available %lu\n", avail);
    memset(buf, 0, sizeof(buf));
    ok(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 8 && !memcmp(buf, "abcdefgh", 8), "byte stream %lu \"%s\"\n",
       n, buf);
    CloseHandle(c);
    CloseHandle(s);
}

static DWORD WINAPI connect_thread(void *arg)
{
    HANDLE s = arg;
    char buf[16];
    DWORD n;
    if (!ConnectNamedPipe(s, NULL)) return 1;
    if (!ReadFile(s, buf, sizeof(buf), &n, NULL) || n != 5) return 2;
    return WriteFile(s, buf, n, &n, NULL) ? 0 : 3;
}

static void test_connect_wait(void)
{
    char buf[16];
    DWORD n, code = 99;
    SetLastError(0xdeadbeef);
    ok(!WaitNamedPipeA(pn("none"), 10) && GetLastError() == ERROR_FILE_NOT_FOUND, "WaitNamedPipe missing: %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    HANDLE c = open_client(pn("none"));
    ok(c == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "CreateFile missing: %lu\n",
       GetLastError());

    HANDLE s = CreateNamedPipeA(pn("conn"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 0, 0, 0, NULL);
    HANDLE t = CreateThread(NULL, 0, connect_thread, s, 0, NULL);
    ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "ConnectNamedPipe returned without a client\n");
    ok(WaitNamedPipeA(pn("conn"), NMPWAIT_WAIT_FOREVER), "WaitNamedPipe %lu\n", GetLastError());
    c = open_client(pn("conn"));
    ok(c != INVALID_HANDLE_VALUE, "CreateFile %lu\n", GetLastError());
    ok(WriteFile(c, "hello", 5, &n, NULL), "write\n");
    ok(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 5 && !memcmp(buf, "hello", 5), "echo %lu\n", n);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "thread did not end\n");
    GetExitCodeThread(t, &code);
    ok(code == 0, "thread %lu\n", code);
    CloseHandle(t);
    CloseHandle(c);
    CloseHandle(s);

    SetLastError(0xdeadbeef);
    s = CreateNamedPipeA("\\\\.\\notapipe\\x", PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL);
    ok(s == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND, "bad name: %lu\n", GetLastError());
}

static void test_anonymous_peek(void)
{
    HANDLE r, w;
    char buf[16];
    DWORD n = 99, avail = 99;
    ok(CreatePipe(&r, &w, NULL, 0), "CreatePipe\n");
    ok(PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL) && avail == 0, "empty: %lu\n", avail);
    WriteFile(w, "12345", 5, &n, NULL);
    memset(buf, 0, sizeof(buf));
    ok(PeekNamedPipe(r, buf, 3, &n, &avail, NULL), "PeekNamedPipe %lu\n", GetLastError());
    ok(n == 3 && avail == 5 && !memcmp(buf, "123", 3), "peek: %lu %lu \"%s\"\n", n, avail, buf);
    ok(ReadFile(r, buf, sizeof(buf), &n, NULL) && n == 5, "data still there: %lu\n", n);
    CloseHandle(w);
    SetLastError(0xdeadbeef);
    ok(!PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL) && GetLastError() == ERROR_BROKEN_PIPE,
       "writer gone: %lu\n", GetLastError());
    CloseHandle(r);
}

/* ---- two processes ---- */

static int server(void)
{
    char buf[64];
    DWORD n;
    HANDLE s = CreateNamedPipeA(pn("x"), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 512, 512,
                                0, NULL);
    ok(s != INVALID_HANDLE_VALUE, "CreateNamedPipe %lu\n", GetLastError());
    BOOL connected = ConnectNamedPipe(s, NULL) || GetLastError() == ERROR_PIPE_CONNECTED;
    ok(connected, "ConnectNamedPipe %lu\n", GetLastError());
    for (int i = 0; i < 3; i++) {
        if (!ReadFile(s, buf, sizeof(buf), &n, NULL)) break;
        WriteFile(s, buf, n, &n, NULL);
    }
    ok(!ReadFile(s, buf, sizeof(buf), &n, NULL) && GetLastError() == ERROR_BROKEN_PIPE, "end: %lu\n",
       GetLastError());
    CloseHandle(s);
    return 0;
}

static int client(void)
{
    char buf[64];
    DWORD n, mode = PIPE_READMODE_MESSAGE;
    BOOL waited = FALSE;
    for (int i = 0; i < 500 && !(waited = WaitNamedPipeA(pn("x"), 100)); i++) Sleep(10);
    ok(waited, "WaitNamedPipe %lu\n", GetLastError());
    HANDLE c = open_client(pn("x"));
    ok(c != INVALID_HANDLE_VALUE, "CreateFile %lu\n", GetLastError());
    ok(SetNamedPipeHandleState(c, &mode, NULL, NULL), "message mode\n");
    static const char *msgs[] = { "one", "second", "3" };
    for (int i = 0; i < 3; i++) WriteFile(c, msgs[i], strlen(msgs[i]), &n, NULL);
    for (int i = 0; i < 3; i++) {
        memset(buf, 0, sizeof(buf));
        ok(ReadFile(c, buf, sizeof(buf), &n, NULL) && n == strlen(msgs[i]) && !strcmp(buf, msgs[i]),
           "message %d: %lu \"%s\"\n", i, n, buf);
    }
    CloseHandle(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3) {
        snprintf(tag, sizeof(tag), "%s", argv[2]);
        test_context = argv[1];
        if (!strcmp(argv[1], "server")) server();
        else if (!strcmp(argv[1], "client")) client();
        return test_summary();
    }
    snprintf(tag, sizeof(tag), "%lu", GetCurrentProcessId());
    test_message_mode();
    test_byte_mode();
    test_connect_wait();
    test_anonymous_peek();
    return test_summary();
}
