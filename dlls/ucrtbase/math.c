/* C99 math that msvcrt.dll lacks and the UCRT has; the rest forwards. */
#include <math.h>
#include "ucrtbase_private.h"

float CDECL UCRT_cbrtf(float x) { return cbrtf(x); }
float CDECL UCRT_roundf(float x) { return roundf(x); }
float CDECL UCRT_truncf(float x) { return truncf(x); }
