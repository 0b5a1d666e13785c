/* ws2_32.dll: host to network byte order.  The network order of TCP/IP is
 * big-endian and x86-64 is little-endian, so each one swaps. */
#include "winbase.h"
#include "winsock2.h"

ULONG WINAPI WS2_htonl(ULONG host) { return __builtin_bswap32(host); }
USHORT WINAPI WS2_htons(USHORT host) { return __builtin_bswap16(host); }
ULONG WINAPI WS2_ntohl(ULONG net) { return __builtin_bswap32(net); }
USHORT WINAPI WS2_ntohs(USHORT net) { return __builtin_bswap16(net); }
