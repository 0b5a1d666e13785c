/* Number parsing shared by the narrow (stdlib.c) and wide (wcs.c) forms. */
#ifndef CARAFE_MSVCRT_CONV_H
#define CARAFE_MSVCRT_CONV_H

#include <stdint.h>

/* [space][sign][0x]digits: magnitude, sign, overflow; *end as strtol sets it */
uint64_t msvcrt_parse_uint(const char *str, char **end, int base, int *negative, int *overflow);
/* msvcrt's strtod syntax; sets ERANGE when set_errno */
double msvcrt_parse_double(const char *str, char **end, int set_errno);

#endif
