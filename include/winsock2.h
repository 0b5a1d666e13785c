/* ws2_32.dll: what carafe implements of Windows Sockets 2.  Constants whose
 * Windows value differs from Linux's, or whose name <sys/socket.h> also
 * defines, carry a WS_ prefix so that ws2_32 can include both. */
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

/* a SOCKET is a handle value */
typedef UINT_PTR SOCKET;
#define INVALID_SOCKET ((SOCKET)~(UINT_PTR)0)

#define WS_AF_UNSPEC 0
#define WS_AF_INET   2
#define WS_AF_INET6  23
#define WS_SOCK_STREAM 1
#define WS_SOCK_DGRAM  2
#define WS_IPPROTO_TCP 6
#define WS_IPPROTO_UDP 17
#define WS_SOL_SOCKET        0xffff
#define WS_SO_TYPE           0x1008
#define WS_SO_PROTOCOL_INFOA 0x2004
#define WS_SO_PROTOCOL_INFOW 0x2005

/* WSAPROTOCOL_INFO service flags */
#define XP1_CONNECTIONLESS       0x00000001
#define XP1_GUARANTEED_DELIVERY  0x00000002
#define XP1_GUARANTEED_ORDER     0x00000004
#define XP1_MESSAGE_ORIENTED     0x00000008
#define XP1_GRACEFUL_CLOSE       0x00000020
#define XP1_EXPEDITED_DATA       0x00000040
#define XP1_SUPPORT_BROADCAST    0x00000200
#define XP1_SUPPORT_MULTIPOINT   0x00000400
#define XP1_IFS_HANDLES          0x00020000
#define PFL_MATCHES_PROTOCOL_ZERO 0x00000008
#define BIGENDIAN 0x0000
#define SECURITY_PROTOCOL_NONE 0x0000

#define MAX_PROTOCOL_CHAIN 7
#define WSAPROTOCOL_LEN    255

typedef struct {
    DWORD Data1;
    WORD Data2, Data3;
    BYTE Data4[8];
} WS_GUID;

typedef struct _WSAPROTOCOLCHAIN {
    int ChainLen;                  /* 1: a base protocol */
    DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN;

typedef struct _WSAPROTOCOL_INFOW {
    DWORD dwServiceFlags1, dwServiceFlags2, dwServiceFlags3, dwServiceFlags4;
    DWORD dwProviderFlags;
    WS_GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType, iProtocol;
    int iProtocolMaxOffset, iNetworkByteOrder, iSecurityScheme;
    DWORD dwMessageSize, dwProviderReserved;
    WCHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW;

/* WSAGetLastError codes: 10000 + the BSD errno */
#define WSAEINTR           10004
#define WSAEBADF           10009
#define WSAEACCES          10013
#define WSAEFAULT          10014
#define WSAEINVAL          10022
#define WSAEMFILE          10024
#define WSAEWOULDBLOCK     10035
#define WSAEINPROGRESS     10036
#define WSAEALREADY        10037
#define WSAENOTSOCK        10038
#define WSAEDESTADDRREQ    10039
#define WSAEMSGSIZE        10040
#define WSAEPROTOTYPE      10041
#define WSAENOPROTOOPT     10042
#define WSAEPROTONOSUPPORT 10043
#define WSAESOCKTNOSUPPORT 10044
#define WSAEOPNOTSUPP      10045
#define WSAEPFNOSUPPORT    10046
#define WSAEAFNOSUPPORT    10047
#define WSAEADDRINUSE      10048
#define WSAEADDRNOTAVAIL   10049
#define WSAENETDOWN        10050
#define WSAENETUNREACH     10051
#define WSAENETRESET       10052
#define WSAECONNABORTED    10053
#define WSAECONNRESET      10054
#define WSAENOBUFS         10055
#define WSAEISCONN         10056
#define WSAENOTCONN        10057
#define WSAESHUTDOWN       10058
#define WSAETOOMANYREFS    10059
#define WSAETIMEDOUT       10060
#define WSAECONNREFUSED    10061
#define WSAELOOP           10062
#define WSAENAMETOOLONG    10063
#define WSAEHOSTDOWN       10064
#define WSAEHOSTUNREACH    10065
#define WSAVERNOTSUPPORTED 10092
#define WSANOTINITIALISED  10093

#endif
