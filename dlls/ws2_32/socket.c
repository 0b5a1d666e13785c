/* ws2_32.dll: sockets.  A SOCKET is a handle to a file object whose fd is a
 * Linux socket, so ReadFile, WriteFile and CloseHandle work on it as on
 * Windows.  Windows' address family numbers differ from Linux's (AF_INET6
 * is 23); socket types and IP protocol numbers are the same.  The C names
 * carry WS2_ so that libc's socket functions stay reachable. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include "winbase.h"
#include "winsock2.h"
#include "carafe/ntdll.h"
#include "ws2_32_private.h"

DEFAULT_DEBUG_CHANNEL(winsock);

/* errno to WSAE*: the Windows codes are 10000 plus the BSD errno numbers */
static const struct { int err; int wsa; } errno_map[] = {
    { EINTR, WSAEINTR }, { EBADF, WSAEBADF }, { EACCES, WSAEACCES }, { EPERM, WSAEACCES },
    { EFAULT, WSAEFAULT }, { EINVAL, WSAEINVAL }, { EMFILE, WSAEMFILE }, { ENFILE, WSAEMFILE },
    { EAGAIN, WSAEWOULDBLOCK }, { EINPROGRESS, WSAEINPROGRESS }, { EALREADY, WSAEALREADY },
    { ENOTSOCK, WSAENOTSOCK }, { EDESTADDRREQ, WSAEDESTADDRREQ }, { EMSGSIZE, WSAEMSGSIZE },
    { EPROTOTYPE, WSAEPROTOTYPE }, { ENOPROTOOPT, WSAENOPROTOOPT },
    { EPROTONOSUPPORT, WSAEPROTONOSUPPORT }, { ESOCKTNOSUPPORT, WSAESOCKTNOSUPPORT },
    { EOPNOTSUPP, WSAEOPNOTSUPP }, { EPFNOSUPPORT, WSAEPFNOSUPPORT },
    { EAFNOSUPPORT, WSAEAFNOSUPPORT }, { EADDRINUSE, WSAEADDRINUSE },
    { EADDRNOTAVAIL, WSAEADDRNOTAVAIL }, { ENETDOWN, WSAENETDOWN },
    { ENETUNREACH, WSAENETUNREACH }, { ENETRESET, WSAENETRESET },
    { ECONNABORTED, WSAECONNABORTED }, { ECONNRESET, WSAECONNRESET }, { EPIPE, WSAECONNRESET },
    { ENOBUFS, WSAENOBUFS }, { ENOMEM, WSAENOBUFS }, { EISCONN, WSAEISCONN },
    { ENOTCONN, WSAENOTCONN }, { ESHUTDOWN, WSAESHUTDOWN }, { ETOOMANYREFS, WSAETOOMANYREFS },
    { ETIMEDOUT, WSAETIMEDOUT }, { ECONNREFUSED, WSAECONNREFUSED }, { ELOOP, WSAELOOP },
    { ENAMETOOLONG, WSAENAMETOOLONG }, { EHOSTDOWN, WSAEHOSTDOWN },
    { EHOSTUNREACH, WSAEHOSTUNREACH },
};

void ws2_set_errno_error(int err)
{
    for (size_t i = 0; i < sizeof(errno_map) / sizeof(errno_map[0]); i++) {
        if (errno_map[i].err == err) {
            SetLastError(errno_map[i].wsa);
            return;
        }
    }
    WARN("errno %d has no WSAE code\n", err);
    SetLastError(WSAEINVAL);
}

/* the Linux socket behind S, or -1 with the Windows Sockets error set */
static int socket_fd(SOCKET s)
{
    int fd, type;
    socklen_t len = sizeof(type);
    if (!ws2_started()) {
        SetLastError(WSANOTINITIALISED);
        return -1;
    }
    fd = carafe_handle_fd((HANDLE)s);
    if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0) {
        SetLastError(WSAENOTSOCK);
        return -1;
    }
    return fd;
}

SOCKET WINAPI WS2_socket(int af, int type, int protocol)
{
    int domain, fd;
    HANDLE h;
    if (!ws2_started()) {
        SetLastError(WSANOTINITIALISED);
        return INVALID_SOCKET;
    }
    switch (af) {
    case WS_AF_INET: domain = AF_INET; break;
    case WS_AF_INET6: domain = AF_INET6; break;
    default:
        SetLastError(WSAEAFNOSUPPORT);
        return INVALID_SOCKET;
    }
    fd = socket(domain, type | SOCK_CLOEXEC, protocol);
    if (fd < 0) {
        ws2_set_errno_error(errno);
        return INVALID_SOCKET;
    }
    h = carafe_file_handle_from_fd(fd, GENERIC_READ | GENERIC_WRITE, 0);
    if (h == INVALID_HANDLE_VALUE) {
        close(fd);
        SetLastError(WSAENOBUFS);
        return INVALID_SOCKET;
    }
    /* socket() handles are inheritable (WSASocket's WSA_FLAG_NO_HANDLE_INHERIT
     * is the way to get one that is not) */
    SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    SetLastError(0);
    return (SOCKET)h;
}

int WINAPI WS2_closesocket(SOCKET s)
{
    if (socket_fd(s) < 0) return SOCKET_ERROR;
    if (!carafe_handle_close((HANDLE)s)) {
        SetLastError(WSAENOTSOCK);
        return SOCKET_ERROR;
    }
    return 0;
}

/* the catalog entries of the base protocols (what WSAEnumProtocols lists on
 * Windows for the Microsoft TCP/IP provider) */
static const struct protocol_entry {
    int af, type, protocol;
    DWORD id;
    WS_GUID provider;
    DWORD flags1, message_size;
    int sockaddr_size;
    const char *name;
} protocols[] = {
#define XP1_TCP (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)
#define XP1_UDP (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)
#define MSAFD_TCPIP  { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define MSAFD_TCPIP6 { 0xf9eab0c0, 0x26d4, 0x11d0, { 0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4 } }
    /* a message's limit: the IP packet's 65535 bytes less the headers */
    { WS_AF_INET, WS_SOCK_STREAM, WS_IPPROTO_TCP, 1001, MSAFD_TCPIP, XP1_TCP, 0, 16, "MSAFD Tcpip [TCP/IP]" },
    { WS_AF_INET, WS_SOCK_DGRAM, WS_IPPROTO_UDP, 1002, MSAFD_TCPIP, XP1_UDP, 65507, 16, "MSAFD Tcpip [UDP/IP]" },
    { WS_AF_INET6, WS_SOCK_STREAM, WS_IPPROTO_TCP, 1004, MSAFD_TCPIP6, XP1_TCP, 0, 28, "MSAFD Tcpip [TCP/IPv6]" },
    { WS_AF_INET6, WS_SOCK_DGRAM, WS_IPPROTO_UDP, 1005, MSAFD_TCPIP6, XP1_UDP, 65527, 28, "MSAFD Tcpip [UDP/IPv6]" },
};

static int fill_protocol_info(int fd, WSAPROTOCOL_INFOW *info)
{
    int domain, type, protocol;
    socklen_t len = sizeof(int);
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) < 0 ||
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ||
        getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) < 0) {
        ws2_set_errno_error(errno);
        return -1;
    }
    domain = domain == AF_INET6 ? WS_AF_INET6 : WS_AF_INET;
    for (size_t i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++) {
        const struct protocol_entry *p = &protocols[i];
        if (p->af != domain || p->type != type || p->protocol != protocol) continue;
        memset(info, 0, sizeof(*info));
        info->dwServiceFlags1 = p->flags1;
        info->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
        info->ProviderId = p->provider;
        info->dwCatalogEntryId = p->id;
        info->ProtocolChain.ChainLen = 1;    /* BASE_PROTOCOL */
        info->iVersion = 2;
        info->iAddressFamily = p->af;
        info->iMaxSockAddr = info->iMinSockAddr = p->sockaddr_size;
        info->iSocketType = p->type;
        info->iProtocol = p->protocol;
        info->iNetworkByteOrder = BIGENDIAN;
        info->iSecurityScheme = SECURITY_PROTOCOL_NONE;
        info->dwMessageSize = p->message_size;
        for (int c = 0; p->name[c]; c++) info->szProtocol[c] = p->name[c];
        return 0;
    }
    FIXME("no catalog entry for family %d type %d protocol %d\n", domain, type, protocol);
    SetLastError(WSAENOPROTOOPT);
    return -1;
}

int WINAPI WS2_getsockopt(SOCKET s, int level, int name, char *value, int *size)
{
    int fd = socket_fd(s);
    if (fd < 0) return SOCKET_ERROR;
    if (!value || !size) {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (level == WS_SOL_SOCKET && name == WS_SO_PROTOCOL_INFOW) {
        if (*size < (int)sizeof(WSAPROTOCOL_INFOW)) {
            SetLastError(WSAEFAULT);
            return SOCKET_ERROR;
        }
        if (fill_protocol_info(fd, (WSAPROTOCOL_INFOW *)value) < 0) return SOCKET_ERROR;
        *size = sizeof(WSAPROTOCOL_INFOW);
        return 0;
    }
    if (level == WS_SOL_SOCKET && name == WS_SO_TYPE) {
        socklen_t len = sizeof(int);
        if (*size < (int)sizeof(int)) {
            SetLastError(WSAEFAULT);
            return SOCKET_ERROR;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, value, &len) < 0) {
            ws2_set_errno_error(errno);
            return SOCKET_ERROR;
        }
        *size = sizeof(int);
        return 0;
    }
    FIXME("level %#x option %#x is not supported\n", level, name);
    SetLastError(WSAENOPROTOOPT);
    return SOCKET_ERROR;
}
