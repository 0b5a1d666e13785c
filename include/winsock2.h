/* ws2_32.dll: what carafe implements of Windows Sockets 2 (startup only). */
#ifndef CARAFE_WINSOCK2_H
#define CARAFE_WINSOCK2_H

#include "windef.h"

#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN  128

/* the 64-bit layout: the pointer comes before the strings */
typedef struct WSAData {
    WORD wVersion;
    WORD wHighVersion;
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char *lpVendorInfo;
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA, *LPWSADATA;

#define SOCKET_ERROR (-1)

#define WSAEFAULT          10014
#define WSAVERNOTSUPPORTED 10092
#define WSANOTINITIALISED  10093

#endif
