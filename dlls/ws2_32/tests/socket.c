/* Byte order functions (by name and by their Windows Sockets 1.1
 * ordinals), socket, getsockopt(SO_PROTOCOL_INFOW) and closesocket, per
 * Microsoft's pages for each. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "test.h"

int main(void)
{
    HMODULE dll = LoadLibraryA("ws2_32.dll");
    ok(dll != NULL, "LoadLibraryA ws2_32.dll: %lu", GetLastError());
    if (!dll) return test_summary();
    static const struct { int ord; const char *name; } ords[] = {
        { 3, "closesocket" }, { 7, "getsockopt" }, { 8, "htonl" }, { 9, "htons" },
        { 14, "ntohl" }, { 15, "ntohs" }, { 23, "socket" } };
    for (int i = 0; i < 7; i++)
        ok(GetProcAddress(dll, (LPCSTR)(ULONG_PTR)ords[i].ord) == GetProcAddress(dll, ords[i].name) &&
           GetProcAddress(dll, ords[i].name), "ordinal %d is %s", ords[i].ord, ords[i].name);

    ok(htons(0x1234) == 0x3412, "htons %#x", htons(0x1234));
    ok(ntohs(0x3412) == 0x1234, "ntohs");
    ok(htonl(0x12345678) == 0x78563412, "htonl %#lx", htonl(0x12345678));
    ok(ntohl(0x78563412) == 0x12345678, "ntohl");

    WSASetLastError(0xdeadbeef);
    ok(socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET, "socket before WSAStartup");
    ok(WSAGetLastError() == WSANOTINITIALISED, "error %d", WSAGetLastError());

    WSADATA data;
    ok(WSAStartup(MAKEWORD(2, 2), &data) == 0, "WSAStartup");
    static const struct { int af, type, proto, want; } cases[] = {
        { AF_INET, SOCK_STREAM, 0, IPPROTO_TCP }, { AF_INET, SOCK_DGRAM, 0, IPPROTO_UDP },
        { AF_INET6, SOCK_STREAM, IPPROTO_TCP, IPPROTO_TCP }, { AF_INET6, SOCK_DGRAM, 0, IPPROTO_UDP } };
    for (int i = 0; i < 4; i++) {
        SOCKET s = socket(cases[i].af, cases[i].type, cases[i].proto);
        ok(s != INVALID_SOCKET, "socket %d: %d", i, WSAGetLastError());
        if (s == INVALID_SOCKET) continue;
        WSAPROTOCOL_INFOW info;
        int size = sizeof(info) - 1;
        WSASetLastError(0xdeadbeef);
        ok(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size) == SOCKET_ERROR, "short buffer %d", i);
        ok(WSAGetLastError() == WSAEFAULT, "short buffer error %d", WSAGetLastError());
        size = sizeof(info);
        memset(&info, 0xcc, sizeof(info));
        ok(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size) == 0, "SO_PROTOCOL_INFOW %d: %d", i, WSAGetLastError());
        ok(size == sizeof(info), "size %d", size);
        ok(info.iAddressFamily == cases[i].af, "%d: family %d", i, info.iAddressFamily);
        ok(info.iSocketType == cases[i].type, "%d: type %d", i, info.iSocketType);
        ok(info.iProtocol == cases[i].want, "%d: protocol %d", i, info.iProtocol);
        ok(info.dwServiceFlags1 & XP1_IFS_HANDLES, "%d: flags %#lx", i, info.dwServiceFlags1);
        ok(!(info.dwServiceFlags1 & XP1_CONNECTIONLESS) == (cases[i].type == SOCK_STREAM), "%d: connectionless", i);
        ok(info.ProtocolChain.ChainLen == BASE_PROTOCOL, "%d: chain %d", i, info.ProtocolChain.ChainLen);
        ok(info.iMaxSockAddr == (cases[i].af == AF_INET ? 16 : 28), "%d: max sockaddr %d", i, info.iMaxSockAddr);
        /* Windows' provider names; Wine 8 gives "TCP/IP", "UDP/IPv6" ... */
        ok(wcsncmp(info.szProtocol, L"MSAFD Tcpip [", 13) == 0, "%d: name %ls", i, info.szProtocol);
        ok(closesocket(s) == 0, "closesocket %d", i);
        WSASetLastError(0xdeadbeef);
        ok(closesocket(s) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "second closesocket %d: %d", i, WSAGetLastError());
    }
    WSASetLastError(0xdeadbeef);
    ok(socket(12345, SOCK_STREAM, 0) == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT,
       "unknown family: %d", WSAGetLastError());
    /* a file handle is not a socket */
    HANDLE file = CreateFileA("ws2_socket_test.tmp", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    WSASetLastError(0xdeadbeef);
    ok(closesocket((SOCKET)file) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "closesocket on a file: %d", WSAGetLastError());
    CloseHandle(file);
    ok(WSACleanup() == 0, "WSACleanup");
    return test_summary();
}
