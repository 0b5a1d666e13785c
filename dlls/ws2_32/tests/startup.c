/* WSAStartup/WSACleanup: version negotiation, the WSADATA they fill and the
 * count of startups that WSACleanup releases (Microsoft's WSAStartup and
 * WSACleanup pages). */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "test.h"

static int (WINAPI *p_WSAStartup)(WORD, LPWSADATA);
static int (WINAPI *p_WSACleanup)(void);
static int (WINAPI *p_WSAGetLastError)(void);
static void (WINAPI *p_WSASetLastError)(int);

int main(void)
{
    HMODULE dll = LoadLibraryA("ws2_32.dll");
    ok(dll != NULL, "LoadLibraryA ws2_32.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    p_WSAStartup = (void *)GetProcAddress(dll, "WSAStartup");
    p_WSACleanup = (void *)GetProcAddress(dll, "WSACleanup");
    p_WSAGetLastError = (void *)GetProcAddress(dll, "WSAGetLastError");
    p_WSASetLastError = (void *)GetProcAddress(dll, "WSASetLastError");
    ok(p_WSAStartup && p_WSACleanup && p_WSAGetLastError && p_WSASetLastError, "exports");
    if (!p_WSAStartup || !p_WSACleanup || !p_WSAGetLastError || !p_WSASetLastError) return test_summary();
    ok(GetProcAddress(dll, "WSAGetOverlappedResult") != NULL, "WSAGetOverlappedResult (Go's runtime looks it up)");

    /* nothing started yet */
    SetLastError(0xdeadbeef);
    ok(p_WSACleanup() == SOCKET_ERROR, "WSACleanup before WSAStartup");
    ok(p_WSAGetLastError() == WSANOTINITIALISED, "error %d", p_WSAGetLastError());

    WSADATA data;
    memset(&data, 0xcc, sizeof(data));
    ok(p_WSAStartup(MAKEWORD(2, 2), &data) == 0, "WSAStartup 2.2");
    ok(data.wVersion == MAKEWORD(2, 2), "wVersion %#x", data.wVersion);
    ok(data.wHighVersion == MAKEWORD(2, 2), "wHighVersion %#x", data.wHighVersion);
    ok(memchr(data.szDescription, 0, sizeof(data.szDescription)) != NULL, "szDescription not terminated");
    ok(memchr(data.szSystemStatus, 0, sizeof(data.szSystemStatus)) != NULL, "szSystemStatus not terminated");

    /* a later version than 2.2 gets 2.2; an earlier supported one is granted */
    memset(&data, 0xcc, sizeof(data));
    ok(p_WSAStartup(MAKEWORD(3, 0), &data) == 0, "WSAStartup 3.0");
    ok(data.wVersion == MAKEWORD(2, 2), "3.0: wVersion %#x", data.wVersion);
    memset(&data, 0xcc, sizeof(data));
    ok(p_WSAStartup(MAKEWORD(1, 1), &data) == 0, "WSAStartup 1.1");
    ok(data.wVersion == MAKEWORD(1, 1), "1.1: wVersion %#x", data.wVersion);
    ok(data.wHighVersion == MAKEWORD(2, 2), "1.1: wHighVersion %#x", data.wHighVersion);

    /* below 1.0 is not supported, and does not count */
    ok(p_WSAStartup(MAKEWORD(0, 9), &data) == WSAVERNOTSUPPORTED, "WSAStartup 0.9");
    ok(p_WSAStartup(MAKEWORD(2, 2), NULL) == WSAEFAULT, "NULL WSADATA");

    /* three successful startups, three cleanups */
    for (int i = 0; i < 3; i++) ok(p_WSACleanup() == 0, "WSACleanup %d", i);
    ok(p_WSACleanup() == SOCKET_ERROR, "a fourth WSACleanup");
    ok(p_WSAGetLastError() == WSANOTINITIALISED, "error %d", p_WSAGetLastError());

    /* the Windows Sockets error is the thread's last error */
    p_WSASetLastError(WSAEWOULDBLOCK);
    ok(GetLastError() == WSAEWOULDBLOCK, "GetLastError %lu", GetLastError());
    SetLastError(1234);
    ok(p_WSAGetLastError() == 1234, "WSAGetLastError %d", p_WSAGetLastError());

    ok(FreeLibrary(dll), "FreeLibrary");
    return test_summary();
}
