/* ws2_32.dll: WSAStartup and WSACleanup, which every Go program calls at
 * start, and the per-thread error of Windows Sockets. */
#include <stdatomic.h>
#include <string.h>
#include "winbase.h"
#include "winsock2.h"
#include "ws2_32_private.h"

#define VERSION_HIGH 0x0202   /* 2.2: minor in the high byte */

/* each successful WSAStartup needs its WSACleanup */
static atomic_int startups;

int WINAPI WSAStartup(WORD requested, LPWSADATA data)
{
    BYTE major = requested & 0xff, minor = requested >> 8;
    if (!data) return WSAEFAULT;
    memset(data, 0, sizeof(*data));
    data->wHighVersion = VERSION_HIGH;
    /* 1.0 to 2.2 are given as asked; a later version gets 2.2 */
    data->wVersion = (major > 2 || (major == 2 && minor > 2)) ? VERSION_HIGH : requested;
    strcpy(data->szDescription, "WinSock 2.0");
    strcpy(data->szSystemStatus, "Running");
    if (major < 1) return WSAVERNOTSUPPORTED;
    atomic_fetch_add(&startups, 1);
    return 0;
}

int ws2_started(void)
{
    return atomic_load(&startups) > 0;
}

int WINAPI WSACleanup(void)
{
    int n = atomic_load(&startups);
    do {
        if (n <= 0) {
            SetLastError(WSANOTINITIALISED);
            return SOCKET_ERROR;
        }
    } while (!atomic_compare_exchange_weak(&startups, &n, n - 1));
    return 0;
}

/* the Windows Sockets error is the thread's last error */
int WINAPI WSAGetLastError(void)
{
    return GetLastError();
}

void WINAPI WSASetLastError(int error)
{
    SetLastError(error);
}
