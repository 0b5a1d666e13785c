/* What the files of ws2_32.dll share. */
#ifndef WS2_32_PRIVATE_H
#define WS2_32_PRIVATE_H

int ws2_started(void);        /* a WSAStartup without its WSACleanup yet */
void ws2_set_errno_error(int err);   /* the WSAE* code of a Linux errno */

#endif
